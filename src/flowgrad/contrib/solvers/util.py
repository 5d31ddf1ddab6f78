"""tf.contrib.solvers.util: linear operators from a matrix, and the norms and dot product the
solvers use (TF 1.14's contrib/solvers/python/ops/util.py)."""
from __future__ import annotations

import collections

import flowgrad as _tf

__all__ = ["create_operator", "identity_operator", "dot", "l2norm_squared", "l2norm",
           "l2normalize"]


def _operator(matrix, apply, apply_adjoint):
    # TF makes a fresh namedtuple class per call
    linear_operator = collections.namedtuple(
        "LinearOperator", ["shape", "dtype", "apply", "apply_adjoint"])
    shape = matrix.get_shape()
    shape = shape.as_list() if shape.is_fully_defined() else _tf.shape(matrix)
    return linear_operator(shape=shape, dtype=matrix.dtype, apply=apply,
                           apply_adjoint=apply_adjoint)


def create_operator(matrix):
    """A linear operator applying the rank-2 tensor `matrix` (and its adjoint) by MatMul."""
    return _operator(matrix, lambda v: _tf.matmul(matrix, v, adjoint_a=False),
                     lambda v: _tf.matmul(matrix, v, adjoint_a=True))


def identity_operator(matrix):
    """The identity operator of `matrix`'s shape and dtype: `apply(v)` returns `v`."""
    return _operator(matrix, lambda v: v, lambda v: v)


def dot(x, y):
    """sum(conj(x) * y)."""
    return _tf.reduce_sum(_tf.conj(x) * y)


def l2norm_squared(v):
    """2 * l2_loss(v)."""
    return _tf.constant(2, dtype=v.dtype.base_dtype) * _tf.nn.l2_loss(v)


def l2norm(v):
    """sqrt(l2norm_squared(v))."""
    return _tf.sqrt(l2norm_squared(v))


def l2normalize(v):
    """(v / ||v||, ||v||)."""
    norm = l2norm(v)
    return v / norm, norm
