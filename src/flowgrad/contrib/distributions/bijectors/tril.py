"""tf.contrib.distributions.bijectors' CholeskyOuterProduct, FillTriangular,
TransformDiagonal, ScaleTriL and MatrixInverseTriL (TF 1.14's cholesky_outer_product.py,
fill_triangular.py, transform_diagonal.py, scale_tril.py, matrix_inverse_tril.py): TF's ops
and names in each method."""
from __future__ import annotations

import numpy as np

from ....distributions._util import pick_vector
from ....engine.framework import dtypes as _dt
from ....engine.framework.graph import control_dependencies, name_scope
from ....engine.framework.tensor_shape import dimension_value
from ....engine.ops.linalg import matmul
from ....engine.ops.matrix import eye
from ....ops import (array_ops, check_ops, comparison_ops, control_flow_ops, linalg_impl,
                     math_ops, matrix_ops)
from ..util import fill_triangular, fill_triangular_inverse
from .basic import AffineScalar, Chain, Softplus
from .bijector import Bijector

__all__ = ["CholeskyOuterProduct", "FillTriangular", "TransformDiagonal", "ScaleTriL",
           "MatrixInverseTriL"]


class CholeskyOuterProduct(Bijector):
    """Y = X @ X.T for lower-triangular X with a positive diagonal (X's upper triangle is
    zeroed first); X = cholesky(Y). log|det J| = p log 2 + sum_j (p - j) log X[j, j]."""

    def __init__(self, validate_args=False, name="cholesky_outer_product"):
        self._graph_parents = []
        self._name = name
        super().__init__(forward_min_event_ndims=2, validate_args=validate_args, name=name)

    def _forward(self, x):
        if self.validate_args:
            is_matrix = check_ops.assert_rank_at_least(x, 2)
            shape = array_ops.shape(x)
            is_square = check_ops.assert_equal(shape[-2], shape[-1])
            x = control_flow_ops.with_dependencies([is_matrix, is_square], x)
        x = matrix_ops.matrix_band_part(x, -1, 0)
        return matmul(x, x, adjoint_b=True)

    def _inverse(self, y):
        return linalg_impl.cholesky(y)

    def _forward_log_det_jacobian(self, x):
        diag = _make_columnar(matrix_ops.matrix_diag_part(x))
        if self.validate_args:
            is_matrix = check_ops.assert_rank_at_least(
                x, 2, message="Input must be a (batch of) matrix.")
            shape = array_ops.shape(x)
            is_square = check_ops.assert_equal(
                shape[-2], shape[-1], message="Input must be a (batch of) square matrix.")
            # lower-triangular input: positive definite iff its diagonal is positive
            is_positive_definite = check_ops.assert_positive(
                diag, message="Input must be positive definite.")
            x = control_flow_ops.with_dependencies(
                [is_matrix, is_square, is_positive_definite], x)
        if x.shape.ndims is None or x.shape.dims[-1].value is None:
            p_int = array_ops.shape(x)[-1]
            p_float = math_ops.cast(p_int, dtype=x.dtype)
        else:
            p_int = x.shape.dims[-1].value
            p_float = np.array(p_int, dtype=x.dtype.as_numpy_dtype)
        exponents = array_ops.linspace(p_float, 1., p_int)   # [p, p - 1, ..., 1]
        sum_weighted_log_diag = array_ops.squeeze(
            matmul(math_ops.log(diag), exponents[..., None]), axis=-1)
        fldj = p_float * np.log(2.) + sum_weighted_log_diag
        if x.shape.ndims is not None:
            if x.shape.ndims == 2:
                fldj = array_ops.squeeze(fldj, axis=-1)
            return fldj
        shape = array_ops.shape(fldj)
        return array_ops.reshape(fldj, array_ops.concat([
            shape[:-1],
            pick_vector(comparison_ops.equal(array_ops.rank(x), 2),
                        np.array([], dtype=np.int32), shape[-1:])], 0))


def _make_columnar(x):
    """x with at least one column: a vector [d] becomes [1, d] (TF's _make_columnar)."""
    if x.shape.ndims is not None:
        if x.shape.ndims == 1:
            x = x[None, :]
        return x
    shape = array_ops.shape(x)
    return array_ops.reshape(x, array_ops.concat([
        shape[:-1],
        pick_vector(comparison_ops.equal(array_ops.rank(x), 1), [1],
                    np.array([], dtype=np.int32)),
        shape[-1:]], 0))


def vector_size_to_square_matrix_size(d, validate_args, name=None):
    """n with n (n + 1) / 2 == d: a Python int for a static d (ValueError when d is no
    triangular number), else a Tensor of d's dtype (checked at run time with
    validate_args)."""
    if isinstance(d, (float, int, np.generic, np.ndarray)):
        n = (-1 + np.sqrt(1 + 8 * d)) / 2.
        if float(int(n)) != n:
            raise ValueError("Vector length is not a triangular number.")
        return int(n)
    with name_scope(name, "vector_size_to_square_matrix_size", [d]):
        n = (-1. + math_ops.sqrt(1 + 8. * math_ops.cast(d, _dt.float32))) / 2.
        if validate_args:
            with control_dependencies([check_ops.assert_equal(
                    math_ops.cast(math_ops.cast(n, _dt.int32), _dt.float32), n,
                    message="Vector length is not a triangular number")]):
                n = array_ops.identity(n)
        return math_ops.cast(n, d.dtype)


class FillTriangular(Bijector):
    """Vectors [..., d] to [..., n, n] triangular matrices, filled in fill_triangular's
    clockwise spiral (d = n (n + 1) / 2); its log-det-Jacobians are 0."""

    def __init__(self, upper=False, validate_args=False, name="fill_triangular"):
        self._upper = upper
        super().__init__(forward_min_event_ndims=1, inverse_min_event_ndims=2,
                         validate_args=validate_args, name=name)

    def _forward(self, x):
        return fill_triangular(x, upper=self._upper)

    def _inverse(self, y):
        return fill_triangular_inverse(y, upper=self._upper)

    def _forward_log_det_jacobian(self, x):
        return array_ops.zeros_like(x[..., 0])

    def _inverse_log_det_jacobian(self, y):
        return array_ops.zeros_like(y[..., 0, 0])

    def _forward_event_shape(self, input_shape):
        batch_shape, d = input_shape[:-1], dimension_value(input_shape[-1])
        n = None if d is None else vector_size_to_square_matrix_size(d, self.validate_args)
        return batch_shape.concatenate([n, n])

    def _inverse_event_shape(self, output_shape):
        # TF 1.14's inverse_event_shape passes its argument unconverted (as Ordered's)
        batch_shape, n1, n2 = (output_shape[:-2], dimension_value(output_shape[-2]),
                               dimension_value(output_shape[-1]))
        if n1 is None or n2 is None:
            m = None
        elif n1 != n2:
            raise ValueError("Matrix must be square. (saw [{}, {}])".format(n1, n2))
        else:
            m = n1 * (n1 + 1) / 2
        return batch_shape.concatenate([m])

    def _forward_event_shape_tensor(self, input_shape_tensor):
        batch_shape, d = input_shape_tensor[:-1], input_shape_tensor[-1]
        n = vector_size_to_square_matrix_size(d, self.validate_args)
        return array_ops.concat([batch_shape, [n, n]], axis=0)

    def _inverse_event_shape_tensor(self, output_shape_tensor):
        batch_shape, n = output_shape_tensor[:-2], output_shape_tensor[-1]
        if self.validate_args:
            is_square_matrix = check_ops.assert_equal(
                n, output_shape_tensor[-2], message="Matrix must be square.")
            with control_dependencies([is_square_matrix]):
                n = array_ops.identity(n)
        d = math_ops.cast(n * (n + 1) / 2, output_shape_tensor.dtype)
        return array_ops.concat([batch_shape, [d]], axis=0)


class TransformDiagonal(Bijector):
    """Applies diag_bijector to a matrix's diagonal (event_ndims=1 for its log-det-Jacobian)
    and leaves the other entries."""

    def __init__(self, diag_bijector, validate_args=False, name="transform_diagonal"):
        self._diag_bijector = diag_bijector
        super().__init__(forward_min_event_ndims=2, inverse_min_event_ndims=2,
                         validate_args=validate_args, name=name)

    def _forward(self, x):
        diag = self._diag_bijector.forward(matrix_ops.matrix_diag_part(x))
        return matrix_ops.matrix_set_diag(x, diag)

    def _inverse(self, y):
        diag = self._diag_bijector.inverse(matrix_ops.matrix_diag_part(y))
        return matrix_ops.matrix_set_diag(y, diag)

    def _forward_log_det_jacobian(self, x):
        # block-diagonal Jacobian: diag_bijector's on the diagonal, the identity elsewhere
        return self._diag_bijector.forward_log_det_jacobian(
            matrix_ops.matrix_diag_part(x), event_ndims=1)

    def _inverse_log_det_jacobian(self, y):
        return self._diag_bijector.inverse_log_det_jacobian(
            matrix_ops.matrix_diag_part(y), event_ndims=1)


class ScaleTriL(Chain):
    """Unconstrained vectors to lower-triangular matrices with a positive diagonal: the Chain
    of FillTriangular then TransformDiagonal(diag_bijector, default Softplus) with
    diag_shift (default 1e-5) added to the diagonal by an AffineScalar."""

    def __init__(self, diag_bijector=None, diag_shift=1e-5, validate_args=False,
                 name="scale_tril"):
        if diag_bijector is None:
            diag_bijector = Softplus(validate_args=validate_args)
        if diag_shift is not None:
            diag_bijector = Chain([AffineScalar(shift=diag_shift), diag_bijector])
        super().__init__([TransformDiagonal(diag_bijector=diag_bijector), FillTriangular()],
                         validate_args=validate_args, name=name)


class MatrixInverseTriL(Bijector):
    """Y = inverse(X) for lower-triangular X (its own inverse), by a triangular solve
    against the identity; log|det J| = -2 n sum log|X[i, i]|. validate_args checks a
    square, lower-triangular, nonsingular matrix."""

    def __init__(self, validate_args=False, name="matrix_inverse_tril"):
        self._graph_parents = []
        self._name = name
        super().__init__(forward_min_event_ndims=2, validate_args=validate_args, name=name)

    def _forward(self, x):
        with control_dependencies(self._assertions(x)):
            shape = array_ops.shape(x)
            return matrix_ops.matrix_triangular_solve(
                x, eye(shape[-1], batch_shape=shape[:-2]), lower=True)

    def _inverse(self, y):
        return self._forward(y)

    def _forward_log_det_jacobian(self, x):
        with control_dependencies(self._assertions(x)):
            return (-2. * math_ops.cast(array_ops.shape(x)[-1], x.dtype.base_dtype) *
                    math_ops.reduce_sum(
                        math_ops.log(math_ops.abs(matrix_ops.matrix_diag_part(x))), axis=-1))

    def _assertions(self, x):
        if not self.validate_args:
            return []
        shape = array_ops.shape(x)
        is_matrix = check_ops.assert_rank_at_least(
            x, 2, message="Input must have rank at least 2.")
        is_square = check_ops.assert_equal(
            shape[-2], shape[-1], message="Input must be a square matrix.")
        # TF 1.14 zeroes the diagonal with float32 zeros (whatever x's dtype)
        above_diagonal = matrix_ops.matrix_band_part(
            matrix_ops.matrix_set_diag(x, array_ops.zeros(shape[:-1], dtype=_dt.float32)),
            0, -1)
        is_lower_triangular = check_ops.assert_equal(
            above_diagonal, array_ops.zeros_like(above_diagonal),
            message="Input must be lower triangular.")
        diag_part = matrix_ops.matrix_diag_part(x)
        is_nonsingular = check_ops.assert_none_equal(
            diag_part, array_ops.zeros_like(diag_part),
            message="Input must have all diagonal entries nonzero.")
        return [is_matrix, is_square, is_lower_triangular, is_nonsingular]
