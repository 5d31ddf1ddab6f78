"""TF 1.14's contrib OptimizerV2 (tensorflow/contrib/optimizer_v2/optimizer_v2.py): the
distribution-aware optimizer base that tf.contrib.opt.GGTOptimizer and the
tf.contrib.optimizer_v2 optimizers derive from.

Its subclasses override `_create_vars(var_list, state)` (not `_create_slots`), and every
hook takes the per-graph `_OptimizerV2State`: hyperparameters set with `_set_hyper` are
tensors made once per graph (`GGT/lr`, `GGT/window`, in sorted order, or resolved per
apply when callable), cast per dtype on demand (`get_hyper`); slots and non-slot
variables (made in the caller's name scope: `beta1_power`, `grad_buffer`) live in the
state. apply_gradients builds what TF's `_distributed_apply` builds under the default
strategy: the state in `name/`, the variables under init_scope, `_prepare`, one
`update_<var>` scope per variable, `group_deps` of the updates, `_finish` under it, then
the global step's AssignAdd named `name`.
"""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, Tensor, get_default_graph, name_scope
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import control_flow_ops, math_ops
from ...ops.io_extras import init_scope
from ...ops.variables import Variable
from ...train import slot_creator
from ...train.optimizer import (Optimizer, _as_gradient, _deduplicate_indexed_slices,
                                _get_processor, _increment_global_step)

__all__ = ["OptimizerV2"]


def _var_key_v2(var):
    return var.op.name


def _resolve(value, name):
    if callable(value):
        value = value()
    return convert_to_tensor(value, name=name)


def _no_strategy():
    from ...distribute import distribute_lib  # lazy: tf.distribute loads on use
    if distribute_lib.has_strategy():
        raise NotImplementedError("tf.contrib.optimizer_v2.OptimizerV2 under a "
                                  "tf.distribute strategy is not implemented in flowgrad")


class _OptimizerV2State:
    """The hyperparameters, slots and non-slot variables of one OptimizerV2 in one graph."""

    def __init__(self, op_name):
        self._op_name = op_name

    def _init_with_static_hyper(self, hyper):
        with init_scope():
            self._hyper = {name: {None: convert_to_tensor(value, name=name)}
                           for name, (dynamic, value) in sorted(hyper.items()) if not dynamic}
        self._slots = {}
        self._non_slot_dict = {}

    def _copy_with_dynamic_hyper(self, hyper):
        ret = _OptimizerV2State(self._op_name)
        ret._slots = self._slots
        ret._non_slot_dict = self._non_slot_dict
        ret._hyper = {name: {None: _resolve(value, name)}
                      for name, (dynamic, value) in sorted(hyper.items()) if dynamic}
        ret._hyper.update(self._hyper)
        return ret

    def _variables(self):
        out = list(self._non_slot_dict.values())
        for slots in self._slots.values():
            out.extend(slots.values())
        return sorted(out, key=lambda v: v.name)

    def _slot(self, var, slot_name, make):
        named_slots = self._slots.setdefault(slot_name, {})
        if _var_key_v2(var) not in named_slots:
            named_slots[_var_key_v2(var)] = make()
        return named_slots[_var_key_v2(var)]

    def create_slot(self, var, val, slot_name, optional_op_name=None):
        return self._slot(var, slot_name, lambda: slot_creator.create_slot(
            var, val, optional_op_name or self._op_name))

    def create_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                     optional_op_name=None):
        return self._slot(var, slot_name, lambda: slot_creator.create_slot_with_initializer(
            var, initializer, shape, dtype, optional_op_name or self._op_name))

    def zeros_slot(self, var, slot_name, optional_op_name=None):
        return self._slot(var, slot_name, lambda: slot_creator.create_zeros_slot(
            var, optional_op_name or self._op_name))

    def get_slot(self, var, name):
        named_slots = self._slots.get(name, None)
        if not named_slots:
            return None
        return named_slots.get(_var_key_v2(var), None)

    def get_slot_names(self):
        return sorted(self._slots.keys())

    def create_non_slot(self, initial_value, name, colocate_with=None):
        v = self._non_slot_dict.get(name, None)
        if v is None:
            v = Variable(initial_value, name=name, trainable=False)
            self._non_slot_dict[name] = v
        return v

    def get_non_slot(self, name):
        return self._non_slot_dict.get(name, None)

    def get_hyper(self, name, dtype=None):
        dtype_dict = self._hyper[name]
        if dtype in dtype_dict:
            return dtype_dict[dtype]
        result = math_ops.cast(dtype_dict[None], dtype)
        dtype_dict[dtype] = result
        return result


class _WithState:
    """The optimizer's hooks with the state bound: what the variable processors call."""

    def __init__(self, optimizer, state):
        self._opt = optimizer
        self._state = state

    def _apply_dense(self, grad, var):
        return self._opt._apply_dense(grad, var, self._state)

    def _apply_sparse_duplicate_indices(self, grad, var):
        return self._opt._apply_sparse_duplicate_indices(grad, var, self._state)

    def _resource_apply_dense(self, grad, var):
        return self._opt._resource_apply_dense(grad, var, self._state)

    def _resource_apply_sparse_duplicate_indices(self, grad, var, indices):
        return self._opt._resource_apply_sparse_duplicate_indices(grad, var, indices,
                                                                  self._state)


class OptimizerV2(Optimizer):
    """Base class of TF 1.14's distribution-aware contrib optimizers.

    Subclasses call `_set_hyper(name, value)` in __init__ and override `_create_vars`,
    `_prepare`, `_apply_dense`, `_apply_sparse`, `_resource_apply_dense`,
    `_resource_apply_sparse` and `_finish`, each given the per-graph state.

    Raises:
      RuntimeError: the subclass overrides `_create_slots` (as TF).
      ValueError: no name.
    """

    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __init__(self, use_locking, name):
        if type(self)._create_slots is not OptimizerV2._create_slots:
            raise RuntimeError("Override _create_vars instead of _create_slots when "
                               "descending from OptimizerV2 (class %s)" % type(self).__name__)
        super().__init__(use_locking, name)
        self._per_graph_state = {}
        self._hyper = {}

    def _set_hyper(self, name, value):
        self._hyper[name] = (callable(value), value)

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, name=None, grad_loss=None, stop_gradients=None,
                 scale_loss_by_num_replicas=False):
        """compute_gradients then apply_gradients (TF's ValueError when no variable gets a
        gradient)."""
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method, grad_loss=grad_loss,
            stop_gradients=stop_gradients,
            scale_loss_by_num_replicas=scale_loss_by_num_replicas)
        if not [v for g, v in grads_and_vars if g is not None]:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s."
                % ([str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, grad_loss=None, stop_gradients=None,
                          scale_loss_by_num_replicas=False):
        """(gradient, variable) pairs, as tf.train.Optimizer's, with tf.gradients'
        stop_gradients; the loss scaled by 1/replicas when asked (one replica here)."""
        _no_strategy()
        return self._compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                       False, grad_loss, None, stop_gradients=stop_gradients)

    def _get_or_create_state(self, graph):
        state = self._per_graph_state.get(graph)
        if state is None:
            state = _OptimizerV2State(self._name)
            state._init_with_static_hyper(self._hyper)
            self._per_graph_state[graph] = state
        return state

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Adds ops applying (gradient, variable) pairs; returns the train op (TF's errors:
        ValueError when there are no pairs or no gradients)."""
        _no_strategy()
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        filtered = tuple((g, v) for g, v in grads_and_vars if g is not None)
        if not filtered:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v in grads_and_vars],))
        graph = get_default_graph()
        var_list = [v for _, v in filtered]
        with name_scope(name, self._name) as name:
            state = self._get_or_create_state(var_list[0].op.graph)._copy_with_dynamic_hyper(
                self._hyper)
        with init_scope():
            self._create_vars(var_list, state)
        bound = _WithState(self, state)
        with name_scope(name):
            self._prepare(state)
            update_ops = []
            for grad, var in filtered:
                grad = _as_gradient(grad)
                with name_scope("update_" + var.op.name), graph.colocate_with(var.op):
                    update_ops.append(_get_processor(var).update_op(bound, grad))
            update_ops = control_flow_ops.group(update_ops)
            with graph.control_dependencies([update_ops]):
                finish = self._finish(state)
            finish = update_ops if finish is None else finish
            if global_step is None:
                apply_updates = control_flow_ops.group(finish, name=name)
            else:
                with graph.control_dependencies([finish]):
                    apply_updates = _increment_global_step(global_step, name)
            if isinstance(apply_updates, Tensor):
                apply_updates = apply_updates.op
            train_op = graph.get_collection_ref(GraphKeys.TRAIN_OP)
            if apply_updates not in train_op:
                train_op.append(apply_updates)
            return apply_updates

    # -- slots and variables, from the default graph's state --------------------------------
    def get_slot(self, var, name):
        state = self._per_graph_state.get(var.op.graph)
        return state.get_slot(var, name) if state is not None else None

    def get_slot_names(self):
        state = self._per_graph_state.get(get_default_graph())
        return state.get_slot_names() if state is not None else []

    def variables(self):
        state = self._per_graph_state.get(get_default_graph())
        return state._variables() if state is not None else []

    def _tracked_children(self):
        state = self._per_graph_state.get(get_default_graph())
        return sorted(state._non_slot_dict.items()) if state is not None else []

    @property
    def _slot_variables(self):
        state = self._per_graph_state.get(get_default_graph())
        if state is None:
            return []
        by_name = {v.op.name: v for key in (GraphKeys.GLOBAL_VARIABLES,
                                             GraphKeys.LOCAL_VARIABLES)
                   for v in get_default_graph().get_collection(key)}
        return [(by_name[key], slot_name, slot)
                for slot_name in sorted(state._slots)
                for key, slot in state._slots[slot_name].items() if key in by_name]

    # -- hooks for subclasses ------------------------------------------------------------------
    def _create_vars(self, var_list, state):
        pass

    def _prepare(self, state):
        pass

    def _apply_dense(self, grad, var, state):
        raise NotImplementedError()

    def _resource_apply_dense(self, grad, handle, state):
        raise NotImplementedError()

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices, state):
        summed_grad, unique_indices = _deduplicate_indexed_slices(grad, indices)
        return self._resource_apply_sparse(summed_grad, handle, unique_indices, state)

    def _resource_apply_sparse(self, grad, handle, indices, state):
        raise NotImplementedError()

    def _apply_sparse_duplicate_indices(self, grad, var, state):
        summed_values, unique_indices = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(IndexedSlices(summed_values, unique_indices, grad.dense_shape),
                                  var, state)

    def _apply_sparse(self, grad, var, state):
        raise NotImplementedError()

    def _finish(self, state):
        return None

    # -- tf.train.Optimizer's slot API, which OptimizerV2 refuses (as TF) ---------------------
    def _slot_dict(self, slot_name):
        raise NotImplementedError("_slot_dict() method unsupported in OptimizerV2")

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        raise NotImplementedError("_get_or_make_slot() method unsupported in OptimizerV2")

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                           op_name):
        raise NotImplementedError("_get_or_make_slot_with_initializer() method unsupported "
                                  "in OptimizerV2")

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        raise NotImplementedError("_create_non_slot_variable() method unsupported in "
                                  "OptimizerV2")

    def _get_non_slot_variable(self, name, graph=None):
        raise NotImplementedError("_get_non_slot_variable() method unsupported in "
                                  "OptimizerV2")

    def _non_slot_variables(self):
        raise NotImplementedError("_non_slot_variables() method unsupported in OptimizerV2")
