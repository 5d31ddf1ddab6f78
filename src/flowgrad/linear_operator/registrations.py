"""The adjoint, inverse, cholesky, matmul and solve rules TF 1.14 registers between the
operators here (adjoint_, inverse_, cholesky_, matmul_ and solve_registrations.py)."""
from __future__ import annotations

from ..ops import linalg_impl, math_ops
from .algebra import (RegisterAdjoint, RegisterCholesky, RegisterInverse, RegisterMatmul,
                      RegisterSolve)
from .base import LinearOperator
from .basic import LinearOperatorDiag, LinearOperatorLowerTriangular
from .circulant import LinearOperatorCirculant
from .identity import LinearOperatorIdentity, LinearOperatorScaledIdentity
from .products import LinearOperatorKronecker
from .special import LinearOperatorBlockDiag, LinearOperatorHouseholder, LinearOperatorZeros
from .wrappers import LinearOperatorAdjoint, LinearOperatorComposition, LinearOperatorInversion


def _hints(linop):
    return dict(is_non_singular=linop.is_non_singular, is_self_adjoint=linop.is_self_adjoint,
                is_positive_definite=linop.is_positive_definite)


def _commuting_self_adjoint(a, b):
    if a.is_self_adjoint and b.is_self_adjoint:
        return True
    if ((a.is_self_adjoint is True and b.is_self_adjoint is False)
            or (a.is_self_adjoint is False and b.is_self_adjoint is True)):
        return False
    return None


def _is_square(a, b):
    if a.is_square and b.is_square:
        return True
    if a.is_square is False and b.is_square is False:
        m, n = a.range_dimension, b.domain_dimension
        if m is not None and n is not None:
            return m == n
    if a.is_square != b.is_square and a.is_square is not None:
        return False
    return None


def _commuting_positive_definite(a, b):
    if (a.is_positive_definite is True and a.is_self_adjoint is True
            and b.is_positive_definite is True and b.is_self_adjoint is True):
        return True
    return None


def _non_singular(a, b):
    if a.is_non_singular is False or b.is_non_singular is False:
        return False
    return a.is_non_singular and b.is_non_singular


def _commuting_hints(a, b):
    return dict(is_non_singular=_non_singular(a, b),
                is_self_adjoint=_commuting_self_adjoint(a, b),
                is_positive_definite=_commuting_positive_definite(a, b), is_square=True)


def _tril_hints(diag, tril):
    return dict(is_non_singular=_non_singular(diag, tril),
                is_self_adjoint=_commuting_self_adjoint(diag, tril),
                is_positive_definite=None, is_square=True)


# -- adjoint ------------------------------------------------------------------------------
@RegisterAdjoint(LinearOperator)
def _adjoint_linear_operator(linop):
    return LinearOperatorAdjoint(linop, is_square=linop.is_square, **_hints(linop))


@RegisterAdjoint(LinearOperatorAdjoint)
def _adjoint_adjoint_linear_operator(linop):
    return linop.operator


@RegisterAdjoint(LinearOperatorIdentity)
def _adjoint_identity(identity_operator):
    return identity_operator


@RegisterAdjoint(LinearOperatorScaledIdentity)
def _adjoint_scaled_identity(op):
    multiplier = op.multiplier
    if multiplier.dtype.is_complex:
        multiplier = math_ops.conj(multiplier)
    return LinearOperatorScaledIdentity(num_rows=op._num_rows, multiplier=multiplier,
                                        is_square=True, **_hints(op))


@RegisterAdjoint(LinearOperatorDiag)
def _adjoint_diag(op):
    diag = op.diag
    if diag.dtype.is_complex:
        diag = math_ops.conj(diag)
    return LinearOperatorDiag(diag=diag, is_square=True, **_hints(op))


@RegisterAdjoint(LinearOperatorBlockDiag)
def _adjoint_block_diag(op):
    return LinearOperatorBlockDiag(operators=[o.adjoint() for o in op.operators],
                                   is_square=True, **_hints(op))


@RegisterAdjoint(LinearOperatorKronecker)
def _adjoint_kronecker(op):
    return LinearOperatorKronecker(operators=[o.adjoint() for o in op.operators],
                                   is_square=True, **_hints(op))


@RegisterAdjoint(LinearOperatorCirculant)
def _adjoint_circulant(op):
    spectrum = op.spectrum
    if spectrum.dtype.is_complex:
        spectrum = math_ops.conj(spectrum)
    return LinearOperatorCirculant(spectrum=spectrum, is_square=True, **_hints(op))


@RegisterAdjoint(LinearOperatorHouseholder)
def _adjoint_householder(op):
    return op


# -- inverse ------------------------------------------------------------------------------
@RegisterInverse(LinearOperator)
def _inverse_linear_operator(linop):
    return LinearOperatorInversion(linop, is_square=linop.is_square, **_hints(linop))


@RegisterInverse(LinearOperatorInversion)
def _inverse_inverse_linear_operator(linop):
    return linop.operator


@RegisterInverse(LinearOperatorDiag)
def _inverse_diag(op):
    return LinearOperatorDiag(1. / op.diag, is_square=True, **_hints(op))


@RegisterInverse(LinearOperatorIdentity)
def _inverse_identity(op):
    return op


@RegisterInverse(LinearOperatorScaledIdentity)
def _inverse_scaled_identity(op):
    return LinearOperatorScaledIdentity(
        num_rows=op._num_rows, multiplier=1. / op.multiplier,
        is_non_singular=op.is_non_singular, is_self_adjoint=True,
        is_positive_definite=op.is_positive_definite, is_square=True)


@RegisterInverse(LinearOperatorBlockDiag)
def _inverse_block_diag(op):
    return LinearOperatorBlockDiag(operators=[o.inverse() for o in op.operators],
                                   is_square=True, **_hints(op))


@RegisterInverse(LinearOperatorKronecker)
def _inverse_kronecker(op):
    return LinearOperatorKronecker(operators=[o.inverse() for o in op.operators],
                                   is_square=True, **_hints(op))


@RegisterInverse(LinearOperatorCirculant)
def _inverse_circulant(op):
    return LinearOperatorCirculant(spectrum=1. / op.spectrum, is_square=True, **_hints(op))


@RegisterInverse(LinearOperatorHouseholder)
def _inverse_householder(op):
    return op


# -- cholesky -----------------------------------------------------------------------------
@RegisterCholesky(LinearOperator)
def _cholesky_linear_operator(linop):
    return LinearOperatorLowerTriangular(linalg_impl.cholesky(linop.to_dense()),
                                         is_non_singular=True, is_self_adjoint=False,
                                         is_square=True)


@RegisterCholesky(LinearOperatorDiag)
def _cholesky_diag(op):
    return LinearOperatorDiag(math_ops.sqrt(op.diag), is_non_singular=True,
                              is_self_adjoint=True, is_positive_definite=True, is_square=True)


@RegisterCholesky(LinearOperatorIdentity)
def _cholesky_identity(op):
    return LinearOperatorIdentity(num_rows=op._num_rows, batch_shape=op.batch_shape,
                                  dtype=op.dtype, is_non_singular=True, is_self_adjoint=True,
                                  is_positive_definite=True, is_square=True)


@RegisterCholesky(LinearOperatorScaledIdentity)
def _cholesky_scaled_identity(op):
    return LinearOperatorScaledIdentity(
        num_rows=op._num_rows, multiplier=math_ops.sqrt(op.multiplier),
        is_non_singular=True, is_self_adjoint=True, is_positive_definite=True, is_square=True)


@RegisterCholesky(LinearOperatorBlockDiag)
def _cholesky_block_diag(op):
    return LinearOperatorBlockDiag(operators=[o.cholesky() for o in op.operators],
                                   is_non_singular=True, is_self_adjoint=False, is_square=True)


@RegisterCholesky(LinearOperatorKronecker)
def _cholesky_kronecker(op):
    return LinearOperatorKronecker(operators=[o.cholesky() for o in op.operators],
                                   is_non_singular=True, is_self_adjoint=False, is_square=True)


# -- matmul -------------------------------------------------------------------------------
def _composition(operators, a, b):
    is_square = _is_square(a, b)
    hints = dict(is_non_singular=None, is_self_adjoint=None, is_positive_definite=None)
    if is_square:
        hints["is_non_singular"] = _non_singular(a, b)
    elif is_square is False:
        hints = dict(is_non_singular=False, is_self_adjoint=False, is_positive_definite=False)
    return LinearOperatorComposition(operators=operators, is_square=is_square, **hints)


@RegisterMatmul(LinearOperator, LinearOperator)
def _matmul_linear_operator(a, b):
    return _composition([a, b], a, b)


@RegisterMatmul(LinearOperatorIdentity, LinearOperator)
def _matmul_linear_operator_identity_left(identity, linop):
    return linop


@RegisterMatmul(LinearOperator, LinearOperatorIdentity)
def _matmul_linear_operator_identity_right(linop, identity):
    return linop


def _zeros_product(zeros, linop):
    if not zeros.is_square or not linop.is_square:
        raise ValueError("Matmul with non-square `LinearOperator`s or non-square "
                         "`LinearOperatorZeros` not supported at this time.")
    return zeros


@RegisterMatmul(LinearOperator, LinearOperatorZeros)
def _matmul_linear_operator_zeros_right(linop, zeros):
    return _zeros_product(zeros, linop)


@RegisterMatmul(LinearOperatorZeros, LinearOperator)
def _matmul_linear_operator_zeros_left(zeros, linop):
    return _zeros_product(zeros, linop)


@RegisterMatmul(LinearOperatorDiag, LinearOperatorDiag)
def _matmul_linear_operator_diag(a, b):
    return LinearOperatorDiag(diag=a.diag * b.diag, **_commuting_hints(a, b))


@RegisterMatmul(LinearOperatorDiag, LinearOperatorScaledIdentity)
def _matmul_diag_scaled_identity_right(diag, scaled):
    return LinearOperatorDiag(diag=diag.diag * scaled.multiplier,
                              **_commuting_hints(diag, scaled))


@RegisterMatmul(LinearOperatorScaledIdentity, LinearOperatorDiag)
def _matmul_diag_scaled_identity_left(scaled, diag):
    return LinearOperatorDiag(diag=diag.diag * scaled.multiplier,
                              **_commuting_hints(diag, scaled))


@RegisterMatmul(LinearOperatorDiag, LinearOperatorLowerTriangular)
def _matmul_diag_tril(diag, tril):
    return LinearOperatorLowerTriangular(tril=diag.diag[..., None] * tril.to_dense(),
                                         **_tril_hints(diag, tril))


@RegisterMatmul(LinearOperatorLowerTriangular, LinearOperatorDiag)
def _matmul_tril_diag(tril, diag):
    return LinearOperatorLowerTriangular(tril=tril.to_dense() * diag.diag,
                                         **_tril_hints(diag, tril))


# -- solve --------------------------------------------------------------------------------
@RegisterSolve(LinearOperator, LinearOperator)
def _solve_linear_operator(a, b):
    return _composition([LinearOperatorInversion(a), b], a, b)


@RegisterSolve(LinearOperatorInversion, LinearOperator)
def _solve_inverse_linear_operator(a, b):
    return a.operator.matmul(b)


@RegisterSolve(LinearOperatorIdentity, LinearOperator)
def _solve_linear_operator_identity_left(identity, linop):
    return linop


@RegisterSolve(LinearOperatorDiag, LinearOperatorDiag)
def _solve_linear_operator_diag(a, b):
    return LinearOperatorDiag(diag=b.diag / a.diag, **_commuting_hints(a, b))


@RegisterSolve(LinearOperatorDiag, LinearOperatorScaledIdentity)
def _solve_diag_scaled_identity_right(diag, scaled):
    return LinearOperatorDiag(diag=scaled.multiplier / diag.diag,
                              **_commuting_hints(diag, scaled))


@RegisterSolve(LinearOperatorScaledIdentity, LinearOperatorDiag)
def _solve_diag_scaled_identity_left(scaled, diag):
    return LinearOperatorDiag(diag=diag.diag / scaled.multiplier,
                              **_commuting_hints(diag, scaled))


@RegisterSolve(LinearOperatorDiag, LinearOperatorLowerTriangular)
def _solve_diag_tril(diag, tril):
    return LinearOperatorLowerTriangular(tril=tril.to_dense() / diag.diag[..., None],
                                         **_tril_hints(diag, tril))


@RegisterMatmul(LinearOperatorCirculant, LinearOperatorCirculant)
def _matmul_circulant_circulant(a, b):
    return LinearOperatorCirculant(spectrum=a.spectrum * b.spectrum, **_commuting_hints(a, b))


@RegisterSolve(LinearOperatorCirculant, LinearOperatorCirculant)
def _solve_circulant_circulant(a, b):
    return LinearOperatorCirculant(spectrum=b.spectrum / a.spectrum, **_commuting_hints(a, b))
