"""The machinery of TF 1.14's Keras optimizers (keras/optimizer_v2/optimizer_v2.py), graph
mode: every optimizer has an `iter` counter (int64, '<Name>/iter') that increments after
each apply, and per-variable slots '<Name>/<variable>/<slot>' made slot by slot (all the
`m` slots, then all the `v` slots), so `weights` is TF's list in TF's order and names:
[iter, extra weights (Nadam's momentum_cache), slots...] - what TF writes as an HDF5
file's `optimizer_weights` and what set_weights loads by position. Sparse gradients
(IndexedSlices) are deduplicated (unique indices, summed values) as OptimizerV2 does
before a class's sparse update."""
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..ops import array_ops, control_flow_ops, init_ops, math_ops
from . import backend
from .engine.base_layer_utils import make_variable

__all__ = ["SlotOptimizerMixin", "adam_update", "adam_update_sparse", "scatter_add"]


def scatter_add(var, indices, values):
    """var[indices] += values; returns var's value read after the update."""
    op = var.scatter_add(IndexedSlices(values, indices))
    with control_dependencies([op]):
        return var.read_value()


class SlotOptimizerMixin:
    """apply_gradients over `_slot_names` slots and the `iter` variable; a subclass
    defines `_update(g, v, slots, lr, shared, local_step)` (dense), optionally
    `_update_sparse(values, indices, v, slots, lr, shared, local_step)` (unique indices) and
    `_prepare(dtype, local_step)` (tensors shared by the variables' updates)."""

    _slot_names = ()

    def _var_scope(self):
        """'<Name>/' (uniquified once, at the optimizer's first variable)."""
        if getattr(self, "_scope", None) is None:
            with name_scope(""):
                with name_scope(self._name) as scope:
                    self._scope = scope
        return self._scope

    def _make_weight(self, name, shape, dtype, initializer, scope=None):
        with name_scope(""):
            with name_scope(scope or self._var_scope()):
                var = make_variable(name, shape=shape, dtype=dtype, trainable=False,
                                    initializer=initializer)
        backend.track_variable(var)
        return var

    def _v2_iterations(self):
        if getattr(self, "_iter_var", None) is None:
            self._iter_var = self._make_weight("iter", (), _dt.int64,
                                               init_ops.zeros_initializer())
        return self._iter_var

    def _slot_initializer(self, slot_name):
        return init_ops.zeros_initializer()

    def _v2_slot(self, v, slot_name):
        slots = self.__dict__.setdefault("_v2_slots", {})
        key = (id(v), slot_name)
        if key not in slots:
            slots[key] = self._make_weight(slot_name, v.shape, v.dtype.base_dtype,
                                           self._slot_initializer(slot_name),
                                           scope=self._var_scope() + v.op.name + "/")
        return slots[key]

    def _create_extra_weights(self):
        """Weights made before the slots (Nadam's momentum_cache)."""

    def _v2_apply(self, grads_and_vars, name=None):
        grads_and_vars = list(grads_and_vars)
        lr = self.lr
        iterations = self._v2_iterations()
        self._create_extra_weights()
        if getattr(self, "_slots_by_variable", False):   # Ftrl: variable by variable
            for _, v in grads_and_vars:
                for slot_name in self._slot_names:
                    self._v2_slot(v, slot_name)
        else:   # TF's _create_slots: slot by slot
            for slot_name in self._slot_names:
                for _, v in grads_and_vars:
                    self._v2_slot(v, slot_name)
        with name_scope(self._name):
            dtype = grads_and_vars[0][1].dtype.base_dtype
            local_step = math_ops.cast(iterations + 1, dtype)
            shared = self._prepare(dtype, local_step)
            updates = []
            for g, v in grads_and_vars:
                slots = [self._v2_slot(v, n) for n in self._slot_names]
                lr_t = self._decayed_lr(lr, v.dtype.base_dtype)
                if isinstance(g, IndexedSlices):
                    updates.append(self._apply_sparse(g, v, slots, lr_t, shared, local_step))
                else:
                    updates.append(self._update(g, v, slots, lr_t, shared, local_step))
            with control_dependencies(updates):
                inc = iterations.assign_add(1)
        # TF 1.14 returns the iterations' AssignAddVariableOp itself (no group)
        op = inc.op
        if op.type != "AssignAddVariableOp":
            op = next((c for c in op.control_inputs if c.type == "AssignAddVariableOp"),
                      None)
        return op if op is not None else control_flow_ops.group(inc,
                                                                name=name or self._name)

    def _apply_sparse(self, g, v, slots, lr, shared, local_step):
        """OptimizerV2's sparse path: duplicate indices summed, then `_update_sparse`."""
        if not hasattr(self, "_update_sparse"):
            raise NotImplementedError("flowgrad does not implement sparse gradients in "
                                      "the Keras " + type(self).__name__ + " optimizer")
        unique, positions = array_ops.unique(g.indices)
        values = math_ops.unsorted_segment_sum(g.values, positions,
                                               array_ops.shape(unique)[0])
        return self._update_sparse(values, unique, v, slots, lr, shared, local_step)

    def _v2_variables(self):
        slots = self.__dict__.get("_v2_slots", {})
        it = getattr(self, "_iter_var", None)
        extra = list(getattr(self, "_v2_extra", []))
        return ([it] if it is not None else []) + extra + list(slots.values())

    def _prepare(self, dtype, local_step):
        return None

    def _decayed_lr(self, lr, dtype):
        return math_ops.cast(lr, dtype)


def adam_update(opt, g, v, slots, lr, local_step):
    """TF's ApplyAdam / ApplyAdamWithAmsgrad kernels (slots m, v[, vhat])."""
    m, vv = slots[0], slots[1]
    b1, b2, eps = opt._hyper["beta_1"], opt._hyper["beta_2"], opt._hyper["epsilon"]
    b1_power = math_ops.pow(math_ops.cast(b1, v.dtype.base_dtype), local_step)
    b2_power = math_ops.pow(math_ops.cast(b2, v.dtype.base_dtype), local_step)
    lr_t = lr * math_ops.sqrt(1. - b2_power) / (1. - b1_power)
    m_t = m.assign_add((g - m) * (1. - b1))
    v_t = vv.assign_add((math_ops.square(g) - vv) * (1. - b2))
    if len(slots) > 2:
        v_t = slots[2].assign(math_ops.maximum(slots[2], v_t))
    return v.assign_sub(lr_t * m_t / (math_ops.sqrt(v_t) + eps))


def adam_update_sparse(opt, g, indices, v, slots, lr, local_step):
    """TF 1.14's Keras Adam._resource_apply_sparse: m and v decay everywhere, the scaled
    gradient is scattered in; the variable moves everywhere."""
    m, vv = slots[0], slots[1]
    b1, b2, eps = opt._hyper["beta_1"], opt._hyper["beta_2"], opt._hyper["epsilon"]
    dtype = v.dtype.base_dtype
    b1_t, b2_t = math_ops.cast(b1, dtype), math_ops.cast(b2, dtype)
    b1_power = math_ops.pow(b1_t, local_step)
    b2_power = math_ops.pow(b2_t, local_step)
    lr_t = lr * math_ops.sqrt(1 - b2_power) / (1 - b1_power)
    m_decayed = m.assign(m * b1_t)
    with control_dependencies([m_decayed]):
        m_t = scatter_add(m, indices, g * (1 - b1_t))
    v_decayed = vv.assign(vv * b2_t)
    with control_dependencies([v_decayed]):
        v_t = scatter_add(vv, indices, (g * g) * (1 - b2_t))
    if len(slots) > 2:
        v_hat_t = slots[2].assign(math_ops.maximum(slots[2], v_t))
        return v.assign_sub(lr_t * m_t / (math_ops.sqrt(v_hat_t) + eps))
    return v.assign_sub(lr_t * m_t / (math_ops.sqrt(v_t) + eps))
