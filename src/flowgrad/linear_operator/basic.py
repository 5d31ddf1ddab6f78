"""LinearOperatorFullMatrix, LinearOperatorDiag and LinearOperatorLowerTriangular (TF 1.14):
operators holding a dense matrix, a diagonal or a lower triangle."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..ops import array_ops, check_ops, linalg_ops, math_ops, matrix_ops
from . import _util
from .base import LinearOperator

__all__ = ["LinearOperatorFullMatrix", "LinearOperatorDiag", "LinearOperatorLowerTriangular"]

_ALLOWED = [_dt.float16, _dt.float32, _dt.float64, _dt.complex64, _dt.complex128]


def _check_dtype_rank(t, what, min_rank):
    if t.dtype not in _ALLOWED:
        raise TypeError("Argument %s must have dtype in %s.  Found: %s"
                        % (what, _ALLOWED, t.dtype))
    ndims = t.get_shape().ndims
    if ndims is not None and ndims < min_rank:
        if min_rank == 1:
            raise ValueError("Argument %s must have at least 1 dimension.  Found: %s"
                             % (what, t))
        raise ValueError("Argument %s must have at least 2 dimensions.  Found: %s"
                         % (what, t))


class LinearOperatorFullMatrix(LinearOperator):
    """The operator of a dense [batch] matrix."""

    def __init__(self, matrix, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorFullMatrix"):
        with name_scope(name, values=[matrix]):
            self._matrix = convert_to_tensor(matrix, name="matrix")
            _check_dtype_rank(convert_to_tensor(self._matrix, name="matrix"), "matrix", 2)
            super().__init__(dtype=self._matrix.dtype, graph_parents=[self._matrix],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)

    def _shape(self):
        return self._matrix.get_shape()

    def _shape_tensor(self):
        return array_ops.shape(self._matrix)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return linalg_ops.matmul(self._matrix, x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _to_dense(self):
        return self._matrix


class LinearOperatorDiag(LinearOperator):
    """The square operator of a [batch] diagonal."""

    def __init__(self, diag, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorDiag"):
        with name_scope(name, values=[diag]):
            self._diag = convert_to_tensor(diag, name="diag")
            _check_dtype_rank(self._diag, "diag", 1)
            if not self._diag.dtype.is_complex:
                if is_self_adjoint is False:
                    raise ValueError("A real diagonal operator is always self adjoint.")
                is_self_adjoint = True
            if is_square is False:
                raise ValueError("Only square diagonal operators currently supported.")
            super().__init__(dtype=self._diag.dtype, graph_parents=[self._diag],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    @property
    def diag(self):
        return self._diag

    def _shape(self):
        d_shape = self._diag.get_shape()
        return d_shape.concatenate(d_shape[-1:])

    def _shape_tensor(self):
        d_shape = array_ops.shape(self._diag)
        return array_ops.concat((d_shape, [d_shape[-1]]), 0)

    def _assert_non_singular(self):
        return _util.assert_no_entries_with_modulus_zero(
            self._diag, message="Singular operator:  Diagonal contained zero values.")

    def _assert_positive_definite(self):
        if self.dtype.is_complex:
            message = ("Diagonal operator had diagonal entries with non-positive real part, "
                       "thus was not positive definite.")
        else:
            message = ("Real diagonal operator had non-positive diagonal entries, "
                       "thus was not positive definite.")
        return check_ops.assert_positive(math_ops.real(self._diag), message=message)

    def _assert_self_adjoint(self):
        return _util.assert_zero_imag_part(
            self._diag, message=("This diagonal operator contained non-zero imaginary "
                                 "values.   Thus it was not self-adjoint."))

    def _diag_term(self, adjoint):
        return math_ops.conj(self._diag) if adjoint else self._diag

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        diag_term = self._diag_term(adjoint)
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        return array_ops.expand_dims(diag_term, -1) * x

    def _matvec(self, x, adjoint=False):
        return self._diag_term(adjoint) * x

    def _determinant(self):
        return math_ops.reduce_prod(self._diag, axis=[-1])

    def _log_abs_determinant(self):
        log_det = math_ops.reduce_sum(math_ops.log(math_ops.abs(self._diag)), axis=[-1])
        if self.dtype.is_complex:
            log_det = math_ops.cast(log_det, dtype=self.dtype)
        return log_det

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        diag_term = self._diag_term(adjoint)
        rhs = linalg_ops.adjoint(rhs) if adjoint_arg else rhs
        return rhs * array_ops.expand_dims(1. / diag_term, -1)

    def _to_dense(self):
        return matrix_ops.matrix_diag(self._diag)

    def _diag_part(self):
        return self.diag

    def _add_to_tensor(self, x):
        x_diag = matrix_ops.matrix_diag_part(x)
        return matrix_ops.matrix_set_diag(x, self._diag + x_diag)


class LinearOperatorLowerTriangular(LinearOperator):
    """The square operator of a [batch] lower-triangular matrix (the upper part ignored)."""

    def __init__(self, tril, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None,
                 name="LinearOperatorLowerTriangular"):
        if is_square is False:
            raise ValueError("Only square lower triangular operators supported at this time.")
        with name_scope(name, values=[tril]):
            converted = convert_to_tensor(tril, name="tril")
            _check_dtype_rank(converted, "tril", 2)
            self._tril = matrix_ops.matrix_band_part(tril, -1, 0)
            self._diag = matrix_ops.matrix_diag_part(self._tril)
            super().__init__(dtype=self._tril.dtype, graph_parents=[self._tril],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    def _shape(self):
        return self._tril.get_shape()

    def _shape_tensor(self):
        return array_ops.shape(self._tril)

    def _assert_non_singular(self):
        return _util.assert_no_entries_with_modulus_zero(
            self._diag, message="Singular operator:  Diagonal contained zero values.")

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return linalg_ops.matmul(self._tril, x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _determinant(self):
        return math_ops.reduce_prod(self._diag, axis=[-1])

    def _log_abs_determinant(self):
        return math_ops.reduce_sum(math_ops.log(math_ops.abs(self._diag)), axis=[-1])

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        rhs = linalg_ops.adjoint(rhs) if adjoint_arg else rhs
        return _util.matrix_triangular_solve_with_broadcast(self._tril, rhs, lower=True,
                                                            adjoint=adjoint)

    def _to_dense(self):
        return self._tril

    def _add_to_tensor(self, x):
        return self._tril + x
