"""TF 1.14's tensorflow.python.ops.inplace_ops (tensor2tensor imports it): row updates of a
tensor by the InplaceUpdate / InplaceAdd / InplaceSub ops, built as TF builds them.

`i` is None (the whole tensor: x and v reshaped to one row), a scalar (v is one row: it gets
a leading axis) or a vector of rows. The `alias_*` forms run the op on `x` itself; the others
on a DeepCopy of it. `empty_like` is the Empty op of x's shape and dtype (`empty` the
op's own function)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.cast import cast
from .array_ops import expand_dims, reshape, shape
from .gen_ops import gen_array_ops as _gen

__all__ = ["alias_inplace_add", "alias_inplace_sub", "alias_inplace_update", "empty",
           "empty_like", "inplace_add", "inplace_sub", "inplace_update"]

# the Empty op's function, which TF's module imports from gen_array_ops
empty = _gen.empty


def _inplace_helper(x, i, v, op):
    x = convert_to_tensor(x)
    v = convert_to_tensor(v, x.dtype)
    if i is None:   # the whole tensor, as one row
        return reshape(op(reshape(x, [1, -1]), [0], reshape(v, [1, -1])), shape(x))
    i = cast(i, _dt.int32)
    if i.get_shape().ndims == 0:   # one row: v without its leading axis
        return op(x, reshape(i, [1]), expand_dims(v, 0))
    return op(x, i, v)


def alias_inplace_update(x, i, v):
    """x with rows i set to v (x[i, :] = v; x = v when i is None), on x's buffer in TF."""
    return _inplace_helper(x, i, v, _gen.inplace_update)


def alias_inplace_add(x, i, v):
    """x with v added to rows i (x[i, :] += v), on x's buffer in TF."""
    return _inplace_helper(x, i, v, _gen.inplace_add)


def alias_inplace_sub(x, i, v):
    """x with v subtracted from rows i (x[i, :] -= v), on x's buffer in TF."""
    return _inplace_helper(x, i, v, _gen.inplace_sub)


def empty_like(x, init=None):
    """A tensor of x's shape and dtype (zeros when `init`, else unspecified values)."""
    x = convert_to_tensor(x)
    return _gen.empty(shape(x), x.dtype, init=init)


def inplace_update(x, i, v):
    """A copy of x with rows i set to v."""
    return alias_inplace_update(_gen.deep_copy(x), i, v)


def inplace_add(x, i, v):
    """A copy of x with v added to rows i."""
    return alias_inplace_add(_gen.deep_copy(x), i, v)


def inplace_sub(x, i, v):
    """A copy of x with v subtracted from rows i."""
    return alias_inplace_sub(_gen.deep_copy(x), i, v)
