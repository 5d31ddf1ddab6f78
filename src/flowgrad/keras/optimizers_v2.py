"""The machinery of TF 1.14's Keras optimizers whose update flowgrad builds from plain
ops with an `iterations` counter (TF's OptimizerV2 kernels, same arithmetic): Adadelta,
Adamax, Nadam, Adam with amsgrad and RMSprop with momentum or centered (classes in
keras/optimizers.py). Slots are made per variable in the variable's scope
('dense/kernel/m'); `iter` (int64) counts the applied steps and increments after the
updates, as TF's apply_gradients does."""
from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..ops import control_flow_ops, init_ops, math_ops
from . import backend
from .engine.base_layer_utils import make_variable

__all__ = ["SlotOptimizerMixin", "adam_amsgrad_update"]


class SlotOptimizerMixin:
    """apply_gradients over `_slot_names` slots (zeros) and an `iter` variable; a
    subclass defines `_prepare(dtype, local_step)` (shared tensors) and
    `_update(g, v, slots, lr, shared)`."""

    _slot_names = ()

    def _v2_iterations(self):
        if getattr(self, "_iter_var", None) is None:
            with name_scope(""):
                with name_scope(self._name):
                    self._iter_var = make_variable(
                        "iter", shape=(), dtype=_dt.int64, trainable=False,
                        initializer=init_ops.zeros_initializer())
            backend.track_variable(self._iter_var)
        return self._iter_var

    def _v2_slot(self, v, slot_name):
        slots = self.__dict__.setdefault("_v2_slots", {})
        key = (id(v), slot_name)
        if key not in slots:
            with name_scope(""):
                with name_scope(v.op.name):
                    slots[key] = make_variable(
                        slot_name, shape=v.shape, dtype=v.dtype.base_dtype, trainable=False,
                        initializer=init_ops.zeros_initializer())
            backend.track_variable(slots[key])
        return slots[key]

    def _v2_apply(self, grads_and_vars, name=None):
        grads_and_vars = list(grads_and_vars)
        for g, _ in grads_and_vars:
            if isinstance(g, IndexedSlices):
                raise NotImplementedError("flowgrad does not implement sparse gradients in "
                                          "the Keras " + type(self).__name__ + " optimizer")
        lr = self.lr
        iterations = self._v2_iterations()
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
                updates.append(self._update(g, v, slots, math_ops.cast(lr, dtype), shared,
                                            local_step))
            with control_dependencies(updates):
                inc = iterations.assign_add(1)
        return control_flow_ops.group(inc, name=name or self._name)

    def _v2_variables(self):
        slots = self.__dict__.get("_v2_slots", {})
        it = getattr(self, "_iter_var", None)
        extra = list(getattr(self, "_v2_extra", []))
        return ([it] if it is not None else []) + extra + list(slots.values())

    def _prepare(self, dtype, local_step):
        return None


def adam_amsgrad_update(opt, g, v, slots, lr, local_step):
    """TF's ApplyAdamWithAmsgrad kernel."""
    m, vv, vhat = slots
    b1, b2, eps = opt._hyper["beta_1"], opt._hyper["beta_2"], opt._hyper["epsilon"]
    b1_power = math_ops.pow(math_ops.cast(b1, v.dtype.base_dtype), local_step)
    b2_power = math_ops.pow(math_ops.cast(b2, v.dtype.base_dtype), local_step)
    lr_t = lr * math_ops.sqrt(1. - b2_power) / (1. - b1_power)
    m_t = m.assign_add((g - m) * (1. - b1))
    v_t = vv.assign_add((math_ops.square(g) - vv) * (1. - b2))
    vhat_t = vhat.assign(math_ops.maximum(vhat, v_t))
    return v.assign_sub(lr_t * m_t / (math_ops.sqrt(vhat_t) + eps))

