"""tf.contrib.distributions' helper functions from TF 1.14's distributions/util.py:
matrix_diag_transform, tridiag and softplus_inverse."""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, matrix_ops
from .bijectors.basic import softplus_inverse

__all__ = ["matrix_diag_transform", "tridiag", "softplus_inverse"]


def _tensors(*values):
    return [v for v in values if hasattr(v, "graph")]


def matrix_diag_transform(matrix, transform=None, name=None):
    """matrix with transform applied to its (batch) diagonal, e.g. tf.exp for a positive one."""
    with name_scope(name, "matrix_diag_transform", _tensors(matrix)):
        matrix = convert_to_tensor(matrix, name="matrix")
        if transform is None:
            return matrix
        diag = matrix_ops.matrix_diag_part(matrix)
        transformed_diag = transform(diag)
        transformed_mat = matrix_ops.matrix_set_diag(matrix, transformed_diag)
    return transformed_mat


def _pad(x):
    shape = array_ops.concat([array_ops.shape(x)[:-1], [1]], axis=0)
    z = array_ops.zeros(shape, dtype=x.dtype)
    return array_ops.concat([z, x, z], axis=-1)


def tridiag(below=None, diag=None, above=None, name=None):
    """The [batch] tridiagonal matrix of the sub-, main and super-diagonals given."""
    with name_scope(name, "tridiag", _tensors(below, diag, above)):
        parts = []
        if below is not None:
            below = convert_to_tensor(below, name="below")
            parts.append(matrix_ops.matrix_diag(_pad(below))[..., :-1, 1:])
        if diag is not None:
            diag = convert_to_tensor(diag, name="diag")
            parts.append(matrix_ops.matrix_diag(diag))
        if above is not None:
            above = convert_to_tensor(above, name="above")
            parts.append(matrix_ops.matrix_diag(_pad(above))[..., 1:, :-1])
        if not parts:
            raise ValueError("Must specify at least one of `below`, `diag`, `above`.")
        total = parts[0]
        for part in parts[1:]:
            total += part
        return total
