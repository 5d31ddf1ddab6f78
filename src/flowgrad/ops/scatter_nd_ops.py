"""TF 1.14's n-d scatters: tf.scatter_nd_update/add/sub (reference variables get
ScatterNd<Op>, resource variables ResourceScatterNd<Op> and are read after, as TF's
state_ops), tf.tensor_scatter_update/add/sub (also tensor_scatter_nd_*) and
tf.batch_scatter_update. The ops are in engine/ops/scatter_nd.py.
"""
from __future__ import annotations

__all__ = ["scatter_nd_update", "scatter_nd_add", "scatter_nd_sub", "tensor_scatter_update",
           "tensor_scatter_add", "tensor_scatter_sub", "tensor_scatter_nd_update",
           "tensor_scatter_nd_add", "tensor_scatter_nd_sub", "batch_scatter_update"]

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops._array_util import TensorLike
from ..engine.ops._base import apply, to_tensor
from ..engine.ops.cast import cast
from ..engine.ops.construction import ones_like
from ..engine.ops.joining import concat
from ..engine.ops.scatter_nd import resource_scatter_nd, scatter_nd_ref, tensor_scatter
from ..engine.ops.shape import expand_dims, reshape, shape


def _scatter_nd(kind, ref, indices, updates, use_locking, name):
    if hasattr(ref, "_lazy_read"):  # a ResourceVariable (TF passes no use_locking: its default)
        u = to_tensor(updates, dtype=ref.dtype.base_dtype)
        return ref._lazy_read(resource_scatter_nd(kind, ref.handle, indices, u, True, name))
    r = getattr(ref, "_ref", None)
    r = r() if callable(r) else ref
    if not isinstance(r, Tensor) or not r.dtype.is_ref_dtype:
        raise AttributeError(f"'{type(ref).__name__}' object has no attribute '_lazy_read'")
    return scatter_nd_ref(kind, r, indices, updates, use_locking, name)


def scatter_nd_update(ref: object, indices: TensorLike, updates: TensorLike,
                      use_locking: bool = True, name: str | None = None) -> Tensor:
    """Writes `updates` into the slices of the variable `ref` addressed by `indices` [..., K].

    >>> v = tf.Variable([[1, 2], [3, 4]])
    >>> sess = tf.Session()
    >>> sess.run(v.initializer)
    >>> sess.run(tf.scatter_nd_update(v, [[1, 0]], [9]))
    array([[1, 2],
           [9, 4]], dtype=int32)
    """
    return _scatter_nd("Update", ref, indices, updates, use_locking, name)


def scatter_nd_add(ref: object, indices: TensorLike, updates: TensorLike,
                   use_locking: bool = False, name: str | None = None) -> Tensor:
    """Adds `updates` to the slices of `ref` addressed by `indices` (duplicates accumulate)."""
    return _scatter_nd("Add", ref, indices, updates, use_locking, name)


def scatter_nd_sub(ref: object, indices: TensorLike, updates: TensorLike,
                   use_locking: bool = False, name: str | None = None) -> Tensor:
    """Subtracts `updates` from the slices of `ref` addressed by `indices`."""
    return _scatter_nd("Sub", ref, indices, updates, use_locking, name)


def tensor_scatter_update(tensor: TensorLike, indices: TensorLike, updates: TensorLike,
                          name: str | None = None) -> Tensor:
    """A copy of `tensor` with `updates` written at `indices` (op TensorScatterUpdate).

    >>> tf.Session().run(tf.tensor_scatter_update([1, 2, 3], [[2], [0]], [7, 8]))
    array([8, 2, 7], dtype=int32)
    """
    return tensor_scatter("Update", tensor, indices, updates, name)


def tensor_scatter_add(tensor: TensorLike, indices: TensorLike, updates: TensorLike,
                       name: str | None = None) -> Tensor:
    """A copy of `tensor` with `updates` added at `indices` (op TensorScatterAdd)."""
    return tensor_scatter("Add", tensor, indices, updates, name)


def tensor_scatter_sub(tensor: TensorLike, indices: TensorLike, updates: TensorLike,
                       name: str | None = None) -> Tensor:
    """A copy of `tensor` with `updates` subtracted at `indices` (op TensorScatterSub)."""
    return tensor_scatter("Sub", tensor, indices, updates, name)


tensor_scatter_nd_update = tensor_scatter_update
tensor_scatter_nd_add = tensor_scatter_add
tensor_scatter_nd_sub = tensor_scatter_sub


def batch_scatter_update(ref: object, indices: TensorLike, updates: TensorLike,
                         use_locking: bool = True, name: str | None = None) -> Tensor:
    """scatter_update along the last batch dimension: ref[i..., indices[i..., j]] =
    updates[i..., j] (TF's composite: the batch coordinates concatenated to `indices`, then
    scatter_nd_update).

    >>> v = tf.Variable([[1, 2, 3], [4, 5, 6]])
    >>> sess = tf.Session()
    >>> sess.run(v.initializer)
    >>> sess.run(tf.batch_scatter_update(v, [[2], [0]], [[30], [40]]))
    array([[ 1,  2, 30],
           [40,  5,  6]], dtype=int32)
    """
    with name_scope(name):
        indices = to_tensor(indices, name="indices")
        indices_shape = shape(indices)
        ndims = indices.shape.ndims
        if ndims is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        nd_indices = expand_dims(indices, axis=-1)
        parts = []
        for dim in range(ndims - 1):
            size = indices_shape[dim]
            to_broadcast = [1] * (ndims + 1)
            to_broadcast[dim] = size
            with name_scope(None, "Range", [size]) as scope:
                rng = apply("Range", [to_tensor(0, dtype=_dt.int32, name="start"), size,
                                      to_tensor(1, dtype=_dt.int32, name="delta")],
                            {"Tidx": _dt.int32}, scope)
            rng = reshape(rng, to_broadcast)
            if rng.dtype.base_dtype is not nd_indices.dtype.base_dtype:
                rng = cast(rng, nd_indices.dtype.base_dtype)
            parts.append(rng * ones_like(nd_indices))
        parts.append(nd_indices)
        final_indices = concat(parts, axis=-1)
        return scatter_nd_update(ref, final_indices, updates, use_locking=use_locking)
