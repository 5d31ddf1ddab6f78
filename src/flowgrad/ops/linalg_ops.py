"""Matrix products (`tf.matmul`, `tf.tensordot`, `tf.einsum`, `tf.linalg.matvec`, ...).

The primitives and `matmul`/`einsum`/`matrix_transpose`/`adjoint` live in
engine/ops/linalg.py; `tensordot` and `matvec` are compositions of them.
"""
from __future__ import annotations


import numpy as np

from ..engine.framework import dtypes
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops import batch_matrix  # noqa: F401 - registers TF's BatchMatrix* ops
from ..engine.ops._base import apply, same_type_inputs
from ..engine.ops.linalg import adjoint, einsum, matmul, matrix_transpose, sparse_matmul  # noqa: F401
from ..engine.ops.comparison import not_equal
from ..engine.ops.construction import range as _range
from ..engine.ops.indexing import gather, where
from ..engine.ops.joining import concat, stack
from ..engine.ops.reductions import reduce_all, reduce_prod
from ..engine.ops.shape import rank, shape
from .array_ops import boolean_mask, expand_dims, reshape, squeeze, transpose

__all__ = ["matmul", "tensordot", "einsum", "sparse_matmul"]


# -- tensordot ------------------------------------------------------------------------------------
def tensordot(a, b, axes, name=None):
    """Sums the product of a and b over the given axes.

    TF 1.14's graph: Transpose, Reshape, MatMul, Reshape (the shapes computed in the
    graph when not fully known).

    Args:
      a, b: Tensors of one dtype, with known ranks.
      axes: an int N (the last N axes of a with the first N of b) or a pair of
        axis lists [a_axes, b_axes].
    Returns:
      A Tensor: a's free axes followed by b's free axes.
    Raises:
      ValueError: axes is malformed or the contracted dims differ.

    >>> tf.tensordot(tf.ones([2, 3]), tf.ones([3, 4]), 1).shape
    TensorShape([Dimension(2), Dimension(4)])
    """
    with name_scope(name, "Tensordot", [a, b, axes]) as scope:
        # TF converts a and b each on its own; its MatMul of them raises on a mismatch
        a, b = same_type_inputs("MatMul", [convert_to_tensor(a, name="a"),
                                           convert_to_tensor(b, name="b")], ["a", "b"])
        ra, rb = a.shape.ndims, b.shape.ndims
        if ra is None or rb is None or isinstance(axes, Tensor):
            return _tensordot_dynamic(a, b, axes, scope)
        if isinstance(axes, (int, np.integer)):
            if axes < 0:
                raise ValueError("'axes' must be at least 0.")
            if axes > ra or axes > rb:
                raise ValueError(f"'axes' must not be larger than the number of dimensions "
                                 f"of tensor {a if axes > ra else b}.")
            a_axes = list(range(ra - axes, ra))
            b_axes = list(range(axes))
        else:
            if len(axes) != 2:
                raise ValueError("'axes' must be an int or have length 2.")
            a_axes, b_axes = axes
            a_axes = [int(a_axes)] if np.ndim(a_axes) == 0 else [int(i) for i in a_axes]
            b_axes = [int(b_axes)] if np.ndim(b_axes) == 0 else [int(i) for i in b_axes]
            if len(a_axes) != len(b_axes):
                raise ValueError(f"Different number of contraction axes 'a' and 'b', "
                                 f"{len(a_axes)} != {len(b_axes)}.")
        for ax, r in [(a_axes, ra), (b_axes, rb)]:
            for i in ax:
                if not -r <= i < r:
                    raise ValueError(f"axis {i} is out of range for a tensor of rank {r}")
        a_axes = [i % ra for i in a_axes] if ra else a_axes
        b_axes = [i % rb for i in b_axes] if rb else b_axes
        # (contracted dims that differ: the MatMul's shape error, as TF)
        if a.shape.is_fully_defined() and b.shape.is_fully_defined():
            # TF 1.14's graph: transpose + reshape each side to a matrix, one MatMul, reshape.
            a_mat, a_free = _tensordot_reshape(a, a_axes, False)
            b_mat, b_free = _tensordot_reshape(b, b_axes, True)
            return reshape(matmul(a_mat, b_mat), a_free + b_free, name=scope)
        return _tensordot_dynamic(a, b, [a_axes, b_axes], scope)


def _tensordot_dynamic(a, b, axes, scope):
    """TF 1.14's run-time path (an input of unknown rank, or `axes` a Tensor): the axes,
    free dims and permutations are computed in the graph, then Transpose, Reshape,
    MatMul, Reshape."""

    def axes_of(t):
        if isinstance(axes, (int, np.integer)):
            if axes < 0:
                raise ValueError("'axes' must be at least 0.")
            if a.shape.ndims is not None:
                if axes > a.shape.ndims:
                    raise ValueError(f"'axes' must not be larger than the number of dimensions "
                                     f"of tensor {a}.")
                n = a.shape.ndims
                return list(range(n - axes, n)), list(range(axes))
            n = rank(a)
            return _range(n - axes, n), _range(axes)
        if isinstance(axes, (list, tuple)):
            if len(axes) != 2:
                raise ValueError("'axes' must be an int or have length 2.")
            a_axes, b_axes = axes
            a_axes = [a_axes] if np.ndim(a_axes) == 0 else list(a_axes)
            b_axes = [b_axes] if np.ndim(b_axes) == 0 else list(b_axes)
            if len(a_axes) != len(b_axes):
                raise ValueError(f"Different number of contraction axes 'a' and 'b', "
                                 f"{len(a_axes)} != {len(b_axes)}.")
            return a_axes, b_axes
        t_axes = apply("Cast", [axes], {"DstT": _dt_int32()}) if axes.dtype.base_dtype \
            is not _dt_int32() else axes
        return t_axes[0], t_axes[1]

    def reshaped(t, t_axes, flipped):
        if t.shape.is_fully_defined() and isinstance(t_axes, list):
            n = t.shape.ndims   # this side's shape is known: TF's static path
            mat, free_dims = _tensordot_reshape(t, [i if i >= 0 else i + n for i in t_axes],
                                                flipped)
            return mat, free_dims, free_dims
        if t.shape.ndims is not None and isinstance(t_axes, list):
            n = t.shape.ndims
            t_axes = [i if i >= 0 else i + n for i in t_axes]
            free = [i for i in range(n) if i not in t_axes]
            static = [t.shape.as_list()[i] for i in free]
        else:
            static = None
            n = rank(t)
            t_axes = _to_int32(t_axes, "axes")
            t_axes = where(t_axes >= 0, t_axes, t_axes + n)
            # setdiff1d(range(rank), axes): the positions no axis names
            every = _range(n)
            keep = reduce_all(not_equal(expand_dims(every, 1), expand_dims(t_axes, 0)), axis=1)
            free = boolean_mask(every, reshape(keep, [-1]))
        t_axes = _to_int32(t_axes, "axes")
        free = _to_int32(free, "free")
        t_shape = shape(t)
        free_dims = gather(t_shape, free)
        axes_dims = gather(t_shape, t_axes)
        prod_free, prod_axes = reduce_prod(free_dims), reduce_prod(axes_dims)
        if flipped:
            perm, new_shape = concat([t_axes, free], 0), stack([prod_axes, prod_free])
        else:
            perm, new_shape = concat([free, t_axes], 0), stack([prod_free, prod_axes])
        return reshape(transpose(t, perm), new_shape), free_dims, static

    a_axes, b_axes = axes_of(a)
    a_mat, a_free, a_static = reshaped(a, a_axes, False)
    b_mat, b_free, b_static = reshaped(b, b_axes, True)
    ab = matmul(a_mat, b_mat)
    if isinstance(a_free, list) and isinstance(b_free, list):
        return reshape(ab, a_free + b_free, name=scope)
    a_free, b_free = _to_int32(a_free, None), _to_int32(b_free, None)
    product = reshape(ab, concat([a_free, b_free], 0), name=scope)
    if a_static is not None and b_static is not None:
        product.set_shape(a_static + b_static)
    return product


def _dt_int32():
    return dtypes.int32


def _to_int32(v, name):
    return convert_to_tensor(v, dtype=_dt_int32(), name=name)


def _tensordot_reshape(t, axes, flipped):
    """Transposes `t` so `axes` come last (first if flipped) and flattens it to a matrix."""
    shape = t.shape.as_list()
    free = [i for i in range(len(shape)) if i not in axes]
    free_dims = [shape[i] for i in free]
    prod_free = int(np.prod(free_dims))
    prod_axes = int(np.prod([shape[i] for i in axes]))
    perm = list(axes) + free if flipped else free + list(axes)
    new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
    return reshape(transpose(t, perm), new_shape), free_dims


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
    """Matrix-vector product a @ b over the last dimensions (batch dims broadcast).

    Raises:
      ValueError: as `matmul`.

    >>> tf.linalg.matvec(tf.ones([2, 3]), tf.ones([3])).shape
    TensorShape([Dimension(2)])
    """
    with name_scope(name, "MatVec", [a, b]):
        output = matmul(a, expand_dims(b, axis=-1), transpose_a=transpose_a,
                        adjoint_a=adjoint_a, a_is_sparse=a_is_sparse, b_is_sparse=b_is_sparse)
        return squeeze(output, axis=-1)
