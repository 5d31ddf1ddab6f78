"""Variable ops with TF 1.x reference semantics: VariableV2, Assign, AssignAdd, AssignSub.

The session keeps one NumPy buffer per variable. VariableV2 returns that
buffer itself (reads alias it); Assign with an unchanged shape copies into it,
so anything ordered after the assign sees the new value, as in TF 1.x.
"""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.graph import merge_shapes
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import apply, to_tensor


def _variable_infer(inputs, attrs):
    return [(attrs["dtype"]._as_ref, TensorShape(attrs["shape"]))]


def _variable_bind(node, ctx):
    store = ctx.variables
    name = node.attrs.get("shared_name") or node.name

    missing = Uninitialized(name)
    get = store.get
    return lambda: get(name, missing)


class Uninitialized:
    """What an uninitialized variable reads as: any use raises FailedPreconditionError.

    Assign and IsVariableInitialized take the variable's ref without reading
    it, so only real reads fail, as in TF 1.x.
    """

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def error(self):
        return errors.FailedPreconditionError(
            None, None, f"Attempting to use uninitialized value {self.name}")

    def __array__(self, *a, **k):
        raise self.error()

    def __getattr__(self, item):
        raise self.error()


register_op("VariableV2", infer=_variable_infer, bind=_variable_bind, stateful=True, grad=None)


def _var_name(node):
    """The storage key of the variable a ref input comes from (through Identity/Assign)."""
    op = node.op._inputs[0].op
    while op.type not in ("VariableV2",):
        op = op._inputs[0].op
    return op._attrs.get("shared_name") or op.name


def _assign_infer(inputs, attrs):
    ref, value = inputs
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'Assign' Op requires that input 'ref' be a mutable tensor (e.g.: a "
                        f"tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if value.dtype.base_dtype is not ref.dtype.base_dtype:
        raise TypeError(f"Input 'value' of 'Assign' Op has type {value.dtype.base_dtype.name} "
                        f"that does not match type {ref.dtype.name} of argument 'ref'.")
    if attrs.get("validate_shape", True):
        return [(ref.dtype, merge_shapes(ref.shape, value.shape))]
    return [(ref.dtype, value.shape)]


def _assign_bind(node, ctx):
    store = ctx.variables
    name = _var_name(node)
    validate = node.attrs.get("validate_shape", True)

    def assign(ref, value):
        buf = store.get(name)
        value = np.asarray(value)
        if buf is not None and buf.shape == value.shape:
            np.copyto(buf, value)
            return buf
        if buf is not None and validate:
            raise errors.InvalidArgumentError(
                None, None, f"Assign requires shapes of both tensors to match. lhs shape= "
                f"{list(buf.shape)} rhs shape= {list(value.shape)}")
        buf = np.array(value, dtype=node.op._outputs[0].dtype.as_numpy_dtype, copy=True)
        store[name] = buf
        return buf

    def assign_first(value):
        return assign(None, value)
    return assign


def _assign_update_bind(ufunc):
    def bind(node, ctx):
        store = ctx.variables
        name = _var_name(node)

        def update(ref, value):
            buf = ref
            if np.broadcast_shapes(buf.shape, np.shape(value)) != buf.shape:
                raise errors.InvalidArgumentError(
                    None, None, f"Cannot update variable with shape {list(buf.shape)} using a "
                    f"Tensor with shape {list(np.shape(value))}, shapes must be equal.")
            if buf.ndim == 0:
                new = ufunc(buf, value).astype(buf.dtype)
                buf[...] = new
                return buf
            ufunc(buf, value, out=buf, casting="unsafe")
            return buf
        _ = store, name
        return update
    return bind


def _update_infer_for(op_type):
    return lambda inputs, attrs: _update_infer(op_type, inputs)


def _update_infer(op_type, inputs):
    ref, value = inputs
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input 'ref' be a mutable tensor (e.g.: "
                        f"a tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if value.dtype.base_dtype is not ref.dtype.base_dtype:
        raise TypeError(f"Input 'value' of '{op_type}' Op has type "
                        f"{value.dtype.base_dtype.name} that does not match type "
                        f"{ref.dtype.name} of argument 'ref'.")
    return [(ref.dtype, merge_shapes(ref.shape, value.shape))]


register_op("Assign", infer=_assign_infer, bind=_assign_bind, stateful=True, grad=None,
            aliases_input=True)
register_op("AssignAdd", infer=_update_infer_for("AssignAdd"), bind=_assign_update_bind(np.add),
            stateful=True, grad=None, aliases_input=True)
register_op("AssignSub", infer=_update_infer_for("AssignSub"),
            bind=_assign_update_bind(np.subtract), stateful=True, grad=None, aliases_input=True)


def _is_init_bind(node, ctx):
    store = ctx.variables
    op = node.op._inputs[0].op
    name = op._attrs.get("shared_name") or op.name
    return lambda ref=None: np.bool_(name in store)


def _is_init_infer(inputs, attrs):
    return [(_dt.bool_, TensorShape(()))]


register_op("IsVariableInitialized", infer=_is_init_infer, bind=_is_init_bind, stateful=True,
            grad=None)


def variable_op(shape, dtype, name="Variable", container="", shared_name=""):
    return apply("VariableV2", [], {"shape": tuple(TensorShape(shape).as_list()),
                                    "dtype": _dt.as_dtype(dtype).base_dtype,
                                    "container": container, "shared_name": shared_name}, name)


def _ref(x):
    ref = getattr(x, "_ref", None)
    return ref() if callable(ref) else x


def _state_update(op_type, ref, value, attrs, name, method):
    """TF's op-wrapper pattern: scope `name`, convert `value` as `<scope>/value`, one op.

    A plain (non-ref) tensor is treated as TF 1.14 does: `ref.<method>(...)`,
    which a graph Tensor does not have (AttributeError).
    """
    r = _ref(ref)
    if not getattr(getattr(r, "dtype", None), "is_ref_dtype", False):
        return getattr(r, method)(value, name=name)
    g = r.graph
    with g._atomic(), g.name_scope(name or op_type) as scope:
        value = to_tensor(value, dtype=r.dtype.base_dtype, name="value")
        return apply(op_type, [r, value], attrs, scope)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """Writes `value` into the variable `ref`; returns `ref` after the write.

    An unchanged shape is written in place, so ops ordered after the assign
    (control dependencies, or reading its result) see the new value.

    Args:
      ref: a Variable (or its ref tensor).
      value: a tensor of the variable's dtype; with validate_shape, its shape.
      validate_shape: if False, the variable takes value's shape.
    Returns:
      The variable's ref tensor, holding the new value.
    Raises:
      AttributeError: `ref` is not a variable (as TF 1.14).
      TypeError: `value` does not convert to the variable's dtype.
      ValueError: the shapes differ and validate_shape is True.

    >>> v = tf.Variable([1.0, 2.0])
    >>> a = tf.assign(v, [3.0, 4.0])
    """
    attrs = {"validate_shape": True if validate_shape is None else bool(validate_shape),
             "use_locking": True if use_locking is None else bool(use_locking)}
    return _state_update("Assign", ref, value, attrs, name, "assign")


def assign_add(ref, value, use_locking=None, name=None):
    """Adds `value` to the variable `ref` in place; returns `ref` after the update.

    Raises:
      AttributeError: `ref` is not a variable.  ValueError: shapes differ.

    >>> v = tf.Variable([1.0, 2.0])
    >>> inc = tf.assign_add(v, [1.0, 1.0])
    """
    attrs = {"use_locking": bool(use_locking)}
    return _state_update("AssignAdd", ref, value, attrs, name, "assign_add")


def assign_sub(ref, value, use_locking=None, name=None):
    """Subtracts `value` from the variable `ref` in place; returns `ref` after the update.

    Raises:
      AttributeError: `ref` is not a variable.  ValueError: shapes differ.
    """
    attrs = {"use_locking": bool(use_locking)}
    return _state_update("AssignSub", ref, value, attrs, name, "assign_sub")


def is_variable_initialized(variable):
    """A bool scalar: whether `variable` has been initialized in the running session."""
    return apply("IsVariableInitialized", [_ref(variable)], {}, "IsVariableInitialized")


def _initialized_value_infer(inputs, attrs):
    ref = inputs[0]
    return [(ref.dtype.base_dtype, ref.shape)]


def _initialized_value_bind(node, ctx):
    store = ctx.variables
    name = _var_name(node)

    def initialized_value(ref, initial_value):
        buf = store.get(name)
        return initial_value if buf is None else buf
    return initialized_value


# Variable.initialized_value: the variable's value if it is initialized, else its initial
# value (TF builds this with tf.cond; here one op selects, both inputs are computed).
register_op("InitializedValue", infer=_initialized_value_infer, bind=_initialized_value_bind,
            stateful=True, grad=None)


# -- CountUpTo -------------------------------------------------------------------------------
def _count_up_to_infer(inputs, attrs):
    ref = inputs[0]
    if not ref.dtype.is_ref_dtype:
        raise TypeError(f"'CountUpTo' Op requires that input 'ref' be a mutable tensor (e.g.: "
                        f"a tf.Variable), got {ref.name} of dtype {ref.dtype.name}")
    if ref.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'ref' has DataType "
                        f"{ref.dtype.base_dtype.name} not in list of allowed values: int32, int64")
    if ref.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {ref.shape.ndims} for 'CountUpTo' "
                         f"(ref {ref.name})")
    return [(ref.dtype.base_dtype, TensorShape(()))]


def _count_up_to_bind(node, ctx):
    limit = node.attrs["limit"]

    def count_up_to(ref):
        before = ref[()]
        if before >= limit:
            raise errors.OutOfRangeError(None, None, f"Reached limit of {limit}")
        ref[...] = before + 1
        return np.array(before)
    return count_up_to


register_op("CountUpTo", infer=_count_up_to_infer, bind=_count_up_to_bind, stateful=True,
            grad=None)


def count_up_to(ref, limit, name=None):
    """Increments the integer variable `ref` until it reaches `limit`; returns the old value.

    Raises (at run): tf.errors.OutOfRangeError "Reached limit of N" once the value
    is `limit`; the variable is then left unchanged.
    """
    r = _ref(ref)
    return apply("CountUpTo", [r], {"limit": int(limit)}, name or "CountUpTo")
