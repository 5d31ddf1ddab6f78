"""`tf.assign`, `tf.assign_add`, `tf.assign_sub`, `tf.count_up_to`, `tf.is_variable_initialized`:
the TF wrappers of the variable primitives in engine/ops/state.py."""
from __future__ import annotations

import functools

from ..engine.ops import resource as _resource
from ..engine.ops import scatter as _scatter
from ..engine.ops._base import apply, to_tensor
from ..engine.ops.state import Uninitialized, variable_op  # noqa: F401 - re-exported


def _ref(x):
    ref = getattr(x, "_ref", None)
    return ref() if callable(ref) else x


def _value_for(op_type, value, dtype):
    """`value` as a tensor of the variable's dtype, with TF's op-def errors (TypeError)."""
    try:
        return to_tensor(value, dtype=dtype, name="value")
    except ValueError:
        got = getattr(value, "dtype", None)
        if got is None:
            raise
        raise TypeError(f"Input 'value' of '{op_type}' Op has type {got.base_dtype.name} that "
                        f"does not match type {dtype.name} of argument 'ref'.") from None
    except TypeError as e:
        if hasattr(value, "dtype"):
            raise
        raise TypeError(f"Expected {dtype.name} passed to parameter 'value' of op "
                        f"'{op_type}', got {value!r} of type '{type(value).__name__}' "
                        f"instead. Error: {e}") from None


def _state_update(op_type, ref, value, attrs, name, method):
    """TF's op-wrapper pattern: scope `name`, convert `value` as `<scope>/value`, one op.

    A resource variable does its own update (`ref.<method>(value, name=name)`);
    so is a plain (non-ref) tensor treated, as TF 1.14 does, and a graph Tensor
    has no such method (AttributeError).
    """
    # TF 1.14's state_ops.assign_add/assign_sub call `ref.assign_add(value)` for a
    # resource variable without the name (assign passes it)
    kw = {"name": name} if method == "assign" else {}
    if getattr(ref, "handle", None) is not None and hasattr(ref, "sparse_read"):
        return getattr(ref, method)(value, **kw)
    r = _ref(ref)
    if not getattr(getattr(r, "dtype", None), "is_ref_dtype", False):
        return getattr(r, method)(value, **kw)
    g = r.graph
    with g._atomic(), g.name_scope(name or op_type) as scope:
        value = _value_for(op_type, value, r.dtype.base_dtype)
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
    if hasattr(variable, "is_initialized") and hasattr(variable, "handle"):
        return variable.is_initialized()   # a resource variable: VarIsInitializedOp
    return apply("IsVariableInitialized", [_ref(variable)], {}, "IsVariableInitialized")


def count_up_to(ref, limit, name=None):
    """Increments the integer variable `ref` until it reaches `limit`; returns the old value.

    Raises (at run): tf.errors.OutOfRangeError "Reached limit of N" once the value
    is `limit`; the variable is then left unchanged.
    """
    if hasattr(ref, "handle") and hasattr(ref, "count_up_to"):
        return ref.count_up_to(limit)
    r = _ref(ref)
    return apply("CountUpTo", [r], {"limit": int(limit)}, name or "CountUpTo")


# -- scatter updates: reference variables (engine/ops/scatter.py) or resource variables -----
def _scatter_for(engine_fn, resource_fn=None):
    """TF 1.14's state_ops.scatter_*: a ResourceVariable gets Resource<Op> and is read after
    (scatter_add/sub/update; TF's scatter_mul/div/min/max take reference variables only)."""
    @functools.wraps(engine_fn)
    def scatter(ref, indices, updates, use_locking=None, name=None):
        if resource_fn is not None and hasattr(ref, "_lazy_read"):
            # TF 1.14: updates converted first (a `Const`), indices in the op's scope
            upd = to_tensor(updates, dtype=ref.dtype)
            return ref._lazy_read(resource_fn(ref.handle, indices, upd, name=name))
        if use_locking is None:
            return engine_fn(ref, indices, updates, name=name)
        return engine_fn(ref, indices, updates, use_locking=use_locking, name=name)
    return scatter


scatter_add = _scatter_for(_scatter.scatter_add, _resource.resource_scatter_add)
scatter_sub = _scatter_for(_scatter.scatter_sub, _resource.resource_scatter_sub)
scatter_mul = _scatter.scatter_mul
scatter_div = _scatter.scatter_div
scatter_min = _scatter.scatter_min
scatter_max = _scatter.scatter_max
scatter_update = _scatter_for(_scatter.scatter_update, _resource.resource_scatter_update)
