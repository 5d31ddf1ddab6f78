"""Matrix products (`tf.matmul`, `tf.tensordot`, `tf.einsum`, `tf.linalg.matvec`, ...).

The primitives and `matmul`/`einsum`/`matrix_transpose`/`adjoint` live in
engine/ops/linalg.py; `tensordot` and `matvec` are compositions of them.
"""
from __future__ import annotations

import string

import numpy as np

from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops._base import apply, same_type_inputs
from ..engine.ops.linalg import adjoint, einsum, matmul, matrix_transpose  # noqa: F401
from .array_ops import expand_dims, reshape, squeeze, transpose

__all__ = ["matmul", "tensordot", "einsum"]


# -- tensordot ------------------------------------------------------------------------------------
def tensordot(a, b, axes, name=None):
    """Sums the product of a and b over the given axes.

    With fully known shapes this is TF 1.14's graph (Transpose, Reshape, MatMul,
    Reshape); otherwise one Einsum op.

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
        a, b = same_type_inputs("Tensordot", [a, b], ["a", "b"])
        ra, rb = a.shape.ndims, b.shape.ndims
        if ra is None or rb is None:
            raise ValueError("tensordot needs inputs of known rank")
        if isinstance(axes, Tensor):
            raise ValueError("tensordot needs 'axes' as Python ints or lists")
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
        for i, j in zip(a_axes, b_axes):
            da, db = a.shape.as_tuple()[i], b.shape.as_tuple()[j]
            if da is not None and db is not None and da != db:
                raise ValueError(f"Dimensions must be equal, but are {da} and {db} for "
                                 f"contraction axes {i} of 'a' and {j} of 'b'")
        if a.shape.is_fully_defined() and b.shape.is_fully_defined():
            # TF 1.14's graph: transpose + reshape each side to a matrix, one MatMul, reshape.
            a_mat, a_free = _tensordot_reshape(a, a_axes, False)
            b_mat, b_free = _tensordot_reshape(b, b_axes, True)
            return reshape(matmul(a_mat, b_mat), a_free + b_free, name=scope)
        letters = iter(string.ascii_letters)
        la = [next(letters) for _ in range(ra)]
        lb = [next(letters) for _ in range(rb)]
        for i, j in zip(a_axes, b_axes):
            lb[j] = la[i]
        out = [c for k, c in enumerate(la) if k not in a_axes] + \
              [c for k, c in enumerate(lb) if k not in b_axes]
        eq = "".join(la) + "," + "".join(lb) + "->" + "".join(out)
        return apply("Einsum", [a, b], {"equation": eq}, scope)


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
