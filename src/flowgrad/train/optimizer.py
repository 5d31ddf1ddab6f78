"""`tf.train.Optimizer`: the base class (compute_gradients, apply_gradients, slots).

Follows TF 1.14's optimizer.py step for step: the same op names
(`Adam/update_w/ApplyAdam`), slot variables named and initialized as
slot_creator makes them (`w/Momentum`, `w/Adam_1`, `w/Momentum/Initializer/zeros`,
prefixed by the current variable scope),
non-slot variables (`beta1_power`) in the caller's name scope, the global
step incremented after the updates, and TF's errors. One addition: when no
variable gets a gradient, the ValueError also says, for each variable, why
(found by walking the graph between the loss and the variable).
"""
from __future__ import annotations

from ..engine.autodiff.gradients import gradients
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, Tensor, get_default_graph, name_scope
from ..engine.framework.registry import GRADIENTS
from ..explain import explain_gradient
from ..ops import array_ops as _a
from ..ops import control_flow_ops, state_ops
from ..ops.sparse_ops import unsorted_segment_sum
from ..ops.resource_variable_ops import assign_add_variable_op
from ..ops.variables import Variable, is_resource_variable, trainable_variables
from . import slot_creator

__all__ = ["Optimizer"]


def _var_key(var):
    return (var.op.graph, var.op.name)


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for i in x:
            out.extend(_flatten(i))
        return out
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    return [x]


# ---------------------------------------------------------------------------------------
# Why a variable gets no gradient (flowgrad's addition to TF's message)
# ---------------------------------------------------------------------------------------
def _why_no_gradient(loss, var):
    """A sentence saying why `loss` has no gradient w.r.t. `var`."""
    target = var.op
    ancestors = set()
    stack = [loss.op]
    while stack:
        op = stack.pop()
        if op in ancestors:
            continue
        ancestors.add(op)
        stack.extend(t.op for t in op.inputs)
    if target not in ancestors:
        return "not connected to the loss"
    # Ops on some path from the variable to the loss, and the edges among them.
    between = set()
    stack = [target]
    while stack:
        op = stack.pop()
        if op in between:
            continue
        between.add(op)
        for t in op.outputs:
            stack.extend(c for c in t.consumers() if c in ancestors and c not in between)
    reasons = []
    for op in sorted(between, key=lambda o: o._id):
        for t in op.outputs:
            for c in t.consumers():
                if c not in between:
                    continue
                if not t.dtype.is_differentiable:
                    reasons.append(f"the path goes through the {t.dtype.base_dtype.name} tensor "
                                   f"'{t.name}' (integer tensors carry no gradient)")
                elif c.type in ("StopGradient", "PreventGradient"):
                    reasons.append(f"the path goes through tf.stop_gradient ('{c.name}')")
                else:
                    op_type = c._grad_type or c.type
                    if op_type in GRADIENTS and GRADIENTS[op_type] is None:
                        reasons.append(f"the path goes through '{c.name}' ({c.type}), an op "
                                       "with no gradient")
    if not reasons:
        return "no differentiable path to the loss"
    return "; ".join(dict.fromkeys(reasons))


def _is_loss_fn(loss):
    return callable(loss) and not isinstance(loss, Tensor)


def _tape_gradients(loss_fn, var_list, grad_loss):
    """TF 1.14's compute_gradients for a callable loss: call it under a GradientTape (which
    sees reads of resource variables only), differentiate the tape after the loss."""
    from ..eager.backprop import GradientTape  # lazy: only a callable loss uses the tape
    with GradientTape() as tape:
        if var_list is not None:
            tape.watch(var_list)
        loss_value = loss_fn()
    if var_list is None:
        var_list = tape.watched_variables()
    with get_default_graph().control_dependencies([loss_value]):
        grads = tape.gradient(loss_value, var_list, grad_loss)
    return list(zip(grads, var_list))


# ---------------------------------------------------------------------------------------
# Variable processors (TF: _RefVariableProcessor, _TensorProcessor)
# ---------------------------------------------------------------------------------------
class _RefVariableProcessor:
    def __init__(self, v):
        self._v = v

    def target(self):
        return self._v._ref()

    def update_op(self, optimizer, g):
        if isinstance(g, Tensor):
            update_op = optimizer._apply_dense(g, self._v)
            if self._v.constraint is not None:
                with get_default_graph().control_dependencies([update_op]):
                    return self._v.assign(self._v.constraint(self._v))
            return update_op
        if self._v.constraint is not None:
            raise RuntimeError("Cannot use a constraint function on a sparse variable.")
        return optimizer._apply_sparse_duplicate_indices(g, self._v)


class _DenseResourceVariableProcessor:
    """A ResourceVariable: tf.gradients differentiates its handle; Resource<Op> updates."""

    def __init__(self, v):
        self._v = v

    def target(self):
        return self._v

    def update_op(self, optimizer, g):
        if isinstance(g, IndexedSlices):
            if self._v.constraint is not None:
                raise RuntimeError("Cannot use a constraint function on a sparse variable.")
            return optimizer._resource_apply_sparse_duplicate_indices(g.values, self._v,
                                                                      g.indices)
        update_op = optimizer._resource_apply_dense(g, self._v)
        if self._v.constraint is not None:
            with get_default_graph().control_dependencies([update_op]):
                return self._v.assign(self._v.constraint(self._v))
        return update_op


class _TensorProcessor:
    def __init__(self, v):
        self._v = v

    def target(self):
        return self._v

    def update_op(self, optimizer, g):
        raise NotImplementedError("Trying to update a Tensor ", self._v)


def _as_gradient(g):
    """A gradient as apply_gradients takes it: a Tensor or IndexedSlices (TF's TypeError
    for anything that converts to neither)."""
    if isinstance(g, (Tensor, IndexedSlices)):
        return g
    try:
        return convert_to_tensor(g)
    except (TypeError, ValueError):
        raise TypeError("Gradient must be convertible to a Tensor or IndexedSlices, or "
                        "None: %s" % g) from None


def _get_processor(v):
    if is_resource_variable(v):
        return _DenseResourceVariableProcessor(v)
    if isinstance(v, Variable):
        return _RefVariableProcessor(v)
    if isinstance(v, Tensor):
        return _TensorProcessor(v)
    if not hasattr(v, "op"):
        raise AttributeError(f"'{type(v).__name__}' object has no attribute 'op'")
    raise NotImplementedError("Trying to optimize unsupported type ", v)


def _increment_global_step(global_step, name):
    """global_step += 1 as the op `name`, colocated with the step (TF: the AssignAdd op,
    or a resource step's AssignAddVariableOp with no read after it)."""
    with get_default_graph().colocate_with(global_step.op):
        if is_resource_variable(global_step):
            return assign_add_variable_op(
                global_step.handle, convert_to_tensor(1, dtype=global_step.dtype), name=name)
        return state_ops.assign_add(
            global_step, convert_to_tensor(1, dtype=global_step.dtype.base_dtype,
                                           name="value"), name=name)


def _deduplicate_indexed_slices(values, indices):
    """Sums the rows of `values` that share an index: (summed_values, unique_indices)."""
    unique_indices, new_index_positions = _a.unique(indices)
    summed_values = unsorted_segment_sum(values, new_index_positions,
                                            _a.shape(unique_indices)[0])
    return summed_values, unique_indices


# ---------------------------------------------------------------------------------------
# Optimizer
# ---------------------------------------------------------------------------------------
class Optimizer:
    """Base class for optimizers (TF 1.x `tf.train.Optimizer`).

    Subclasses implement `_create_slots`, `_prepare`, `_apply_dense`,
    `_apply_sparse` and optionally `_finish`.

    >>> w = tf.Variable(2.0)
    >>> train_op = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w))
    >>> with tf.Session() as sess:
    ...     sess.run(tf.global_variables_initializer())
    ...     _ = sess.run(train_op)
    ...     print(sess.run(w))
    1.6
    """

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}
        self._non_slot_dict = {}

    def get_name(self):
        return self._name

    # -- object-based checkpoints (TF 1.14's Optimizer is Trackable) ------------------------
    def _tracked_children(self):
        """The dependencies tf.train.Checkpoint saves: the non-slot variables made in the
        default graph (Adam's beta1_power, beta2_power), each under its name, in the order
        they were made."""
        g = get_default_graph()
        return [(name, v) for (name, graph), v in self._non_slot_dict.items() if graph is g]

    @property
    def _slot_variables(self):
        """[(variable, slot name, slot variable)]: the slots, by sorted slot name (TF's
        _serialize_slot_variables asks get_slot_names()), of the variables of the
        default graph; Checkpoint writes them under the variable's path
        (`v/.OPTIMIZER_SLOT/opt/momentum/...`)."""
        g = get_default_graph()
        by_name = {}
        for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
            for v in g.get_collection(key):
                by_name.setdefault(v.op.name, v)
        out = []
        for slot_name in sorted(self._slots):
            for (graph, op_name), slot in self._slots[slot_name].items():
                if graph is g and op_name in by_name:
                    out.append((by_name[op_name], slot_name, slot))
        return out

    # -- the three entry points ---------------------------------------------------------
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None, checkpoints=None):
        """Adds ops that minimize `loss` by updating `var_list`; returns the train op.

        Args:
          loss: the scalar Tensor to minimize, or a callable with no arguments returning
            it (see compute_gradients).
          global_step: optional integer Variable incremented after the updates.
          var_list: variables to update (default: the trainable variables).
          gate_gradients: GATE_NONE, GATE_OP or GATE_GRAPH.
          aggregation_method, colocate_gradients_with_ops, grad_loss: as in tf.gradients.
          name: name of the returned op (default: the optimizer's name).
          checkpoints: flowgrad's gradient checkpointing (None, 'memory', 'speed',
            'auto' or a list of tensors), passed to tf.gradients: recompute forward
            activations in the backward pass to cut peak memory.
        Returns:
          An Operation that applies the updates (and increments global_step).
        Raises:
          ValueError: no variable gets a gradient (the message says why for each),
            no variables to optimize, or the loss has a non-float dtype.
        """
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss,
            checkpoints=checkpoints)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            if _is_loss_fn(loss):
                why = ("Why: the loss is a callable, differentiated by a GradientTape, which "
                       "records only the reads of resource variables made during the call "
                       "(not reference tf.Variables, nor tensors built before the call).")
            else:
                why = "Why, per variable:\n" + "\n".join(
                    f"  {v.name}: {explain_gradient(loss, v)}" for _, v in grads_and_vars)
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s.\n%s"
                % ([str(v) for _, v in grads_and_vars], loss, why))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None, checkpoints=None):
        """(gradient, variable) pairs for `loss`; the gradient is None where there is none.

        `loss` may also be a callable with no arguments that returns the loss: as TF
        1.14, it is called under a GradientTape and the tape's gradients are returned
        (var_list None: the trainable resource variables read during the call;
        gate_gradients, aggregation_method and colocate_gradients_with_ops unused).
        `checkpoints` (a flowgrad extension) is passed to tf.gradients.

        Raises:
          ValueError: bad gate_gradients, no variables, non-float loss/variables, or
            `checkpoints` with a callable loss.
          AttributeError/NotImplementedError: var_list holds something that is not a
            variable (as TF).
        """
        return self._compute_gradients(loss, var_list, gate_gradients, aggregation_method,
                                       colocate_gradients_with_ops, grad_loss, checkpoints)

    def _compute_gradients(self, loss, var_list, gate_gradients, aggregation_method,
                           colocate_gradients_with_ops, grad_loss, checkpoints,
                           stop_gradients=None):
        """compute_gradients' body; `stop_gradients` (tf.gradients') is OptimizerV2's."""
        if _is_loss_fn(loss):
            if checkpoints is not None:
                raise ValueError(    # flowgrad's own argument, not TF's: no partial API
                    "flowgrad's `checkpoints` needs a Tensor loss (tf.gradients); a "
                    "callable loss is differentiated by a GradientTape, as in TF 1.14")
            return _tape_gradients(loss, var_list, grad_loss)
        if gate_gradients not in (Optimizer.GATE_NONE, Optimizer.GATE_OP,
                                  Optimizer.GATE_GRAPH):
            raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, "
                             "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s" % gate_gradients)
        loss = convert_to_tensor(loss) if not isinstance(loss, Tensor) else loss
        self._assert_valid_dtypes([loss])
        if grad_loss is not None:
            self._assert_valid_dtypes([grad_loss])
        if var_list is None:
            var_list = (trainable_variables()
                        + get_default_graph().get_collection(
                            GraphKeys.TRAINABLE_RESOURCE_VARIABLES))
        else:
            var_list = _flatten(var_list)
        processors = [_get_processor(v) for v in var_list]
        if not var_list:
            raise ValueError("No variables to optimize.")
        var_refs = [p.target() for p in processors]
        grads = gradients(loss, var_refs, grad_ys=grad_loss,
                          gate_gradients=(gate_gradients == Optimizer.GATE_OP),
                          aggregation_method=aggregation_method,
                          colocate_gradients_with_ops=colocate_gradients_with_ops,
                          checkpoints=checkpoints, stop_gradients=stop_gradients)
        if gate_gradients == Optimizer.GATE_GRAPH:
            grads = control_flow_ops.tuple(grads)
        grads_and_vars = list(zip(grads, var_list))
        self._assert_valid_dtypes([v for g, v in grads_and_vars
                                   if g is not None and v.dtype != _dt.resource])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Adds ops applying (gradient, variable) pairs; returns the train op.

        Raises:
          TypeError: a gradient is not a Tensor/IndexedSlices/None.
          ValueError: no pairs, or no gradient at all.
        """
        from ..distribute import distribute_lib as _ds  # lazy: tf.distribute loads on use
        if _ds.has_strategy():
            if _ds.in_cross_replica_context():
                raise RuntimeError("Use `_distributed_apply()` instead of `apply_gradients()` "
                                   "in a cross-replica context.")
            grads_and_vars = tuple((g, v) for g, v in grads_and_vars if g is not None)
            return _ds.get_replica_context().merge_call(
                self._distributed_apply, args=(grads_and_vars, global_step, name))
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None:
                g = _as_gradient(g)
            converted.append((g, v, _get_processor(v)))
        var_list = [v for g, v, _ in converted if g is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v, _ in converted],))
        graph = get_default_graph()
        with graph.control_dependencies(None):
            self._create_slots(var_list)
        with name_scope(name, self._name) as name:
            self._prepare()
            update_ops = []
            for grad, var, processor in converted:
                if grad is None:
                    continue
                with name_scope("update_" + var.op.name), graph.colocate_with(var.op):
                    update_ops.append(processor.update_op(self, grad))
            if global_step is None:
                apply_updates = self._finish(update_ops, name)
            else:
                with graph.control_dependencies([self._finish(update_ops, "update")]):
                    apply_updates = _increment_global_step(global_step, name)
            if isinstance(apply_updates, Tensor):
                apply_updates = apply_updates.op
            train_op = graph.get_collection_ref(GraphKeys.TRAIN_OP)
            if apply_updates not in train_op:
                train_op.append(apply_updates)
            return apply_updates

    def _distributed_apply(self, distribution, grads_and_vars, global_step=None, name=None):
        """apply_gradients under a tf.distribute strategy (TF 1.14's): the gradients summed
        across replicas (batch_reduce_to), each update run by the strategy's `update`, the
        finishing group by its `update_non_slot`."""
        from ..distribute.distribute_lib import ReduceOp  # lazy: tf.distribute loads on use
        reduced = distribution.extended.batch_reduce_to(ReduceOp.SUM, grads_and_vars)
        var_list = [v for _, v in grads_and_vars]
        pairs = list(zip(reduced, var_list))
        graph = get_default_graph()
        with graph.control_dependencies(None):
            self._create_slots(var_list)

        def update(v, g):
            g = _as_gradient(g)
            with name_scope("update_" + v.op.name):
                return _get_processor(v).update_op(self, g)

        with name_scope(name, self._name) as name:
            self._prepare()
            update_ops = [op for grad, var in pairs
                          for op in distribution.extended.update(var, update, args=(grad,),
                                                                 group=False)]

            def finish(self, update_ops):
                return self._finish(update_ops, "update")
            non_slot_devices = distribution.extended.non_slot_devices(var_list)
            finish_updates = distribution.extended.update_non_slot(
                non_slot_devices, finish, args=(self, update_ops), group=False)
            if global_step is None:
                apply_updates = distribution.group(finish_updates, name=name)
            else:
                with graph.control_dependencies(finish_updates):
                    apply_updates = distribution.extended.update(
                        global_step, state_ops.assign_add, args=(1,), kwargs={"name": name})
            if isinstance(apply_updates, Tensor):
                apply_updates = apply_updates.op
            # TF keeps the updated global step (a variable) in the collection and exports
            # it as its node's name; flowgrad's collections serialize variables as
            # VariableDefs, so the collection holds that node (the same export)
            train_op = graph.get_collection_ref(GraphKeys.TRAIN_OP)
            kept = apply_updates.op if isinstance(apply_updates, Variable) else apply_updates
            if kept not in train_op:
                train_op.append(kept)
            return apply_updates

    # -- slots ------------------------------------------------------------------------------
    def get_slot(self, var, name):
        """The slot variable `name` created for `var`, or None."""
        named_slots = self._slots.get(name, None)
        if not named_slots:
            return None
        return named_slots.get(_var_key(var), None)

    def get_slot_names(self):
        """The sorted names of the slots this optimizer creates ("m", "v", ...)."""
        return sorted(self._slots.keys())

    def variables(self):
        """Slot and non-slot variables of this optimizer in the default graph, by name."""
        g = get_default_graph()
        out = [v for v in self._non_slot_dict.values() if v.op.graph is g]
        for slots in self._slots.values():
            out.extend(v for v in slots.values() if v.op.graph is g)
        return sorted(out, key=lambda v: v.name)

    def _slot_dict(self, slot_name):
        return self._slots.setdefault(slot_name, {})

    def _restore_slot_variable(self, slot_name, variable, slot_variable):
        """TF's Optimizer._restore_slot_variable: a checkpoint restored before the slot
        was made restores it now (its restore ops made here)."""
        if "_self_restore_state" in self.__dict__:
            from . import checkpointable  # lazy: only after an object-based restore
            checkpointable.slot_created(self, variable, slot_name, slot_variable)

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            new_slot_variable = slot_creator.create_slot(var, val, op_name)
            self._restore_slot_variable(slot_name, var, new_slot_variable)
            named_slots[_var_key(var)] = new_slot_variable
        return named_slots[_var_key(var)]

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                           op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            new_slot_variable = slot_creator.create_slot_with_initializer(
                var, initializer, shape, dtype, op_name)
            self._restore_slot_variable(slot_name, var, new_slot_variable)
            named_slots[_var_key(var)] = new_slot_variable
        return named_slots[_var_key(var)]

    def _zeros_slot(self, var, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            new_slot_variable = slot_creator.create_zeros_slot(var, op_name)
            self._restore_slot_variable(slot_name, var, new_slot_variable)
            named_slots[_var_key(var)] = new_slot_variable
        return named_slots[_var_key(var)]

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        graph = colocate_with.op.graph
        key = (name, graph)
        v = self._non_slot_dict.get(key, None)
        if v is None:
            with graph.as_default(), graph.colocate_with(colocate_with.op):
                v = Variable(initial_value, name=name, trainable=False,
                             use_resource=is_resource_variable(colocate_with))
            if "_self_restore_state" in self.__dict__:   # TF's _handle_deferred_dependencies
                from . import checkpointable  # lazy: only after an object-based restore
                checkpointable.dependency_added(self, name, v)
            self._non_slot_dict[key] = v
        return v

    def _get_non_slot_variable(self, name, graph=None):
        return self._non_slot_dict.get((name, graph), None)

    def _non_slot_variables(self):
        return self._non_slot_dict.values()

    # -- dtype checks ---------------------------------------------------------------------
    def _valid_dtypes(self):
        return (_dt.float32, _dt.float64, _dt.float16, _dt.bfloat16)

    def _assert_valid_dtypes(self, tensors):
        valid = self._valid_dtypes()
        for t in tensors:
            dtype = t.dtype.base_dtype
            if dtype not in valid:
                raise ValueError("Invalid type %r for %s, expected: %s."
                                 % (dtype, t.name, "[" + ", ".join(repr(d) for d in valid)
                                    + "]"))

    # -- hooks for subclasses -------------------------------------------------------------
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError()

    def _apply_sparse_duplicate_indices(self, grad, var):
        summed_values, unique_indices = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(IndexedSlices(summed_values, unique_indices, grad.dense_shape),
                                  var)

    def _apply_sparse(self, grad, var):
        raise NotImplementedError()

    # Resource variables: TF's hooks. By default they build what the reference-variable
    # hooks build; training_ops gives Resource<Op> for a ResourceVariable.
    def _resource_apply_dense(self, grad, handle):
        return self._apply_dense(grad, handle)

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices):
        summed_grad, unique_indices = _deduplicate_indexed_slices(grad, indices)
        return self._resource_apply_sparse(summed_grad, handle, unique_indices)

    def _resource_apply_sparse(self, grad, handle, indices):
        return self._apply_sparse(IndexedSlices(grad, indices), handle)

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)

    def _call_if_callable(self, param):
        return param() if callable(param) else param

