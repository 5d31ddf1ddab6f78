"""Slot variables (TF 1.14's slot_creator): extra variables an optimizer keeps per variable.

A slot of `w` for the op name "Adam" is created, as TF does, with
`variable_scope(None, default_name="w/Adam")` + `get_variable("")`: it is
named after the current variable scope and the primary's op name
(`train/w/Adam`, then `train/w/Adam_1`, ...), is not trainable, lives in the
variable store (so reuse rules apply as in TF), and its initializer ops sit
in `<slot>/Initializer/`. The slot of a ResourceVariable is a ResourceVariable.

>>> w = tf.Variable([1.0, 2.0], name="w")
>>> create_zeros_slot(w, "Momentum").op.name
'w/Momentum'
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import get_default_graph
from ..ops import array_ops, init_ops
from ..ops import variable_scope as vs
from ..ops.variables import is_resource_variable

__all__ = ["create_slot", "create_slot_with_initializer", "create_zeros_slot"]


def _create_slot_var(primary, val, scope, validate_shape, shape, dtype):
    current_scope = vs.get_variable_scope()
    current_partitioner = current_scope.partitioner
    current_scope.set_partitioner(None)
    shape = shape if callable(val) else None
    try:
        slot = vs.get_variable(scope, initializer=val, trainable=False, shape=shape, dtype=dtype,
                               validate_shape=validate_shape,
                               use_resource=is_resource_variable(primary))
    finally:
        current_scope.set_partitioner(current_partitioner)
    info = getattr(primary, "_save_slice_info", None)
    if info is not None:
        # as TF 1.14: the slot's key is the full name plus the slot's name cut at the
        # length of the primary's op name (so a slot made in a variable scope gets TF's
        # oddly cut key, e.g. 'dnn/hiddenlayer_0/kernel/t_0/Adagrad')
        real_slot_name = slot.name[len(primary.op.name + "/"):-2]
        slot._set_save_slice_info(type(info)(info.full_name + "/" + real_slot_name,
                                             info.full_shape[:], info.var_offset[:],
                                             info.var_shape[:]))
    return slot


def _colocated(primary, colocate):
    g = get_default_graph()
    return g.colocate_with(primary.op if colocate else None)


def create_slot(primary, val, name, colocate_with_primary=True):
    """A slot for `primary` initialized to the Tensor `val` (the slot takes val's dtype).

    Args:
      primary: the Variable (or Tensor) the slot belongs to.
      val: the initial value. name: the slot's suffix ("Momentum", "ExponentialMovingAverage").
    Returns:
      A non-trainable Variable named `<variable scope>/<primary op name>/<name>[_n]`.
    """
    validate_shape = val.get_shape().is_fully_defined()
    with vs.variable_scope(None, primary.op.name + "/" + name):
        with _colocated(primary, colocate_with_primary):
            return _create_slot_var(primary, val, "", validate_shape, None, None)


def create_slot_with_initializer(primary, initializer, shape, dtype, name,
                                 colocate_with_primary=True):
    """A slot for `primary` made by `initializer(shape, dtype)` (ops in `<slot>/Initializer`)."""
    validate_shape = shape.is_fully_defined()
    with vs.variable_scope(None, primary.op.name + "/" + name):
        with _colocated(primary, colocate_with_primary):
            return _create_slot_var(primary, initializer, "", validate_shape, shape, dtype)


def create_zeros_slot(primary, name, dtype=None, colocate_with_primary=True):
    """A slot of zeros shaped like `primary` (dtype: primary's unless given)."""
    dtype = primary.dtype.base_dtype if dtype is None else _dt.as_dtype(dtype).base_dtype
    slot_shape = primary.get_shape()
    if slot_shape.is_fully_defined():
        return create_slot_with_initializer(primary, init_ops.zeros_initializer(), slot_shape,
                                            dtype, name, colocate_with_primary)
    source = primary.initialized_value() if hasattr(primary, "initialized_value") else primary
    val = array_ops.zeros(array_ops.shape(source), dtype=dtype)
    return create_slot(primary, val, name, colocate_with_primary)

