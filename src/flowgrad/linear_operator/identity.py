"""LinearOperatorIdentity and LinearOperatorScaledIdentity (TF 1.14's
linear_operator_identity.py): [batch] identity matrices, plain or times a [batch] scalar."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..ops import array_ops, check_ops, control_flow_ops, linalg_ops, math_ops, matrix_ops
from ..ops.tensor_util import constant_value
from ..ops.array_ops_extra import broadcast_static_shape
from . import _util
from .base import LinearOperator

__all__ = ["LinearOperatorIdentity", "LinearOperatorScaledIdentity"]


class BaseLinearOperatorIdentity(LinearOperator):
    """What the identity and scaled identity share: num_rows checks and the ones diagonal."""

    def _check_num_rows_possibly_add_asserts(self):
        if self._assert_proper_shapes:
            self._num_rows = control_flow_ops.with_dependencies([
                check_ops.assert_rank(self._num_rows, 0,
                                      message="Argument num_rows must be a 0-D Tensor."),
                check_ops.assert_non_negative(
                    self._num_rows, message="Argument num_rows must be non-negative."),
            ], self._num_rows)
        if not self._num_rows.dtype.is_integer:
            raise TypeError("Argument num_rows must be integer type.  Found: %s"
                            % self._num_rows)
        static = self._num_rows_static
        if static is None:
            return
        if static.ndim != 0:
            raise ValueError("Argument num_rows must be a 0-D Tensor.  Found: %s" % static)
        if static < 0:
            raise ValueError("Argument num_rows must be non-negative.  Found: %s" % static)

    def _min_matrix_dim(self):
        domain, rng = self.domain_dimension.value, self.range_dimension.value
        if domain is None or rng is None:
            return None
        return min(domain, rng)

    def _min_matrix_dim_tensor(self):
        return math_ops.reduce_min(self.shape_tensor()[-2:])

    def _ones_diag(self):
        if self.shape.is_fully_defined():
            d_shape = self.batch_shape.concatenate([self._min_matrix_dim()])
        else:
            d_shape = array_ops.concat(
                [self.batch_shape_tensor(), [self._min_matrix_dim_tensor()]], axis=0)
        return array_ops.ones(shape=d_shape, dtype=self.dtype)

    def _batch_of_ones(self):
        if self.batch_shape.is_fully_defined():
            return array_ops.ones(shape=self.batch_shape, dtype=self.dtype)
        return array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _static_num_rows(self):
        return None if self._num_rows_static is None else int(self._num_rows_static)


class LinearOperatorIdentity(BaseLinearOperatorIdentity):
    """The [batch] identity matrix of num_rows rows."""

    def __init__(self, num_rows, batch_shape=None, dtype=None, is_non_singular=True,
                 is_self_adjoint=True, is_positive_definite=True, is_square=True,
                 assert_proper_shapes=False, name="LinearOperatorIdentity"):
        dtype = dtype or _dt.float32
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name):
            dtype = _dt.as_dtype(dtype)
            if not is_self_adjoint:
                raise ValueError("An identity operator is always self adjoint.")
            if not is_non_singular:
                raise ValueError("An identity operator is always non-singular.")
            if not is_positive_definite:
                raise ValueError("An identity operator is always positive-definite.")
            if not is_square:
                raise ValueError("An identity operator is always square.")
            super().__init__(dtype=dtype, is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._num_rows = _util.shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = _static(self._num_rows)
            self._check_num_rows_possibly_add_asserts()
            if batch_shape is None:
                self._batch_shape_arg = None
            else:
                self._batch_shape_arg = _util.shape_tensor(batch_shape, name="batch_shape_arg")
                self._batch_shape_static = _static(self._batch_shape_arg)
                self._batch_shape_arg = _util.checked_batch_shape(
                    self._batch_shape_arg, self._batch_shape_static,
                    self._assert_proper_shapes)

    def _shape(self):
        n = self._static_num_rows()
        matrix_shape = TensorShape((n, n))
        if self._batch_shape_arg is None:
            return matrix_shape
        batch = self._batch_shape_static
        batch = TensorShape(None) if batch is None else TensorShape([int(d) for d in batch])
        return batch.concatenate(matrix_shape)

    def _shape_tensor(self):
        matrix_shape = array_ops.stack((self._num_rows, self._num_rows), axis=0)
        if self._batch_shape_arg is None:
            return matrix_shape
        return array_ops.concat((self._batch_shape_arg, matrix_shape), 0)

    def _assert_non_singular(self):
        return control_flow_ops.no_op("assert_non_singular")

    def _assert_positive_definite(self):
        return control_flow_ops.no_op("assert_positive_definite")

    def _assert_self_adjoint(self):
        return control_flow_ops.no_op("assert_self_adjoint")

    def _possibly_broadcast_batch_shape(self, x):
        if self._batch_shape_arg is None:
            return x
        special_shape = self.batch_shape.concatenate([1, 1])
        bshape = broadcast_static_shape(x.get_shape(), special_shape)
        if special_shape.is_fully_defined():
            if bshape == x.get_shape():
                return x
            return x + array_ops.zeros(shape=special_shape, dtype=self.dtype)
        special = array_ops.concat((self.batch_shape_tensor(), [1, 1]), 0)
        return x + array_ops.zeros(shape=special, dtype=self.dtype)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        if self._assert_proper_shapes:
            aps = _util.assert_compatible_matrix_dimensions(self, x)
            x = control_flow_ops.with_dependencies([aps], x)
        return self._possibly_broadcast_batch_shape(x)

    def _determinant(self):
        return array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _log_abs_determinant(self):
        return array_ops.zeros(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._matmul(rhs, adjoint_arg=adjoint_arg)

    def _trace(self):
        ones = self._batch_of_ones()
        if self._min_matrix_dim() is not None:
            return self._min_matrix_dim() * ones
        return math_ops.cast(self._min_matrix_dim_tensor(), self.dtype) * ones

    def _diag_part(self):
        return self._ones_diag()

    def add_to_tensor(self, mat, name="add_to_tensor"):
        with self._name_scope(name):
            mat = convert_to_tensor(mat, name="mat")
            mat_diag = matrix_ops.matrix_diag_part(mat)
            return matrix_ops.matrix_set_diag(mat, 1 + mat_diag)


class LinearOperatorScaledIdentity(BaseLinearOperatorIdentity):
    """multiplier times the identity of num_rows rows (multiplier's shape is the batch)."""

    def __init__(self, num_rows, multiplier, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=True, assert_proper_shapes=False,
                 name="LinearOperatorScaledIdentity"):
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name, values=[multiplier, num_rows]):
            self._multiplier = convert_to_tensor(multiplier, name="multiplier")
            if not self._multiplier.dtype.is_complex:
                if is_self_adjoint is False:
                    raise ValueError("A real diagonal operator is always self adjoint.")
                is_self_adjoint = True
            if not is_square:
                raise ValueError("A ScaledIdentity operator is always square.")
            super().__init__(dtype=self._multiplier.dtype, is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._multiplier_matrix = array_ops.expand_dims(
                array_ops.expand_dims(self.multiplier, -1), -1)
            self._multiplier_matrix_conj = math_ops.conj(self._multiplier_matrix)
            self._abs_multiplier = math_ops.abs(self.multiplier)
            self._num_rows = _util.shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = _static(self._num_rows)
            self._check_num_rows_possibly_add_asserts()
            self._num_rows_cast_to_dtype = math_ops.cast(self._num_rows, self.dtype)
            self._num_rows_cast_to_real_dtype = math_ops.cast(self._num_rows,
                                                              self.dtype.real_dtype)

    @property
    def multiplier(self):
        return self._multiplier

    def _shape(self):
        n = self._static_num_rows()
        return self.multiplier.get_shape().concatenate(TensorShape((n, n)))

    def _shape_tensor(self):
        matrix_shape = array_ops.stack((self._num_rows, self._num_rows), axis=0)
        return array_ops.concat((array_ops.shape(self.multiplier), matrix_shape), 0)

    def _assert_non_singular(self):
        return check_ops.assert_positive(math_ops.abs(self.multiplier),
                                         message="LinearOperator was singular")

    def _assert_positive_definite(self):
        return check_ops.assert_positive(math_ops.real(self.multiplier),
                                         message="LinearOperator was not positive definite.")

    def _assert_self_adjoint(self):
        imag = math_ops.imag(self.multiplier)
        return check_ops.assert_equal(array_ops.zeros_like(imag), imag,
                                      message="LinearOperator was not self-adjoint")

    def _scaled(self, x, adjoint, divide):
        matrix = self._multiplier_matrix_conj if adjoint else self._multiplier_matrix
        if self._assert_proper_shapes:
            aps = _util.assert_compatible_matrix_dimensions(self, x)
            x = control_flow_ops.with_dependencies([aps], x)
        return x / matrix if divide else x * matrix

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        return self._scaled(x, adjoint, divide=False)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        rhs = linalg_ops.adjoint(rhs) if adjoint_arg else rhs
        return self._scaled(rhs, adjoint, divide=True)

    def _determinant(self):
        return self.multiplier ** self._num_rows_cast_to_dtype

    def _log_abs_determinant(self):
        return self._num_rows_cast_to_real_dtype * math_ops.log(self._abs_multiplier)

    def _trace(self):
        ones = self._batch_of_ones()
        if self._min_matrix_dim() is not None:
            return self.multiplier * self._min_matrix_dim() * ones
        return (self.multiplier * math_ops.cast(self._min_matrix_dim_tensor(), self.dtype)
                * ones)

    def _diag_part(self):
        return self._ones_diag() * self.multiplier[..., None]

    def add_to_tensor(self, mat, name="add_to_tensor"):
        with self._name_scope(name):
            multiplier_vector = array_ops.expand_dims(self.multiplier, -1)
            mat = convert_to_tensor(mat, name="mat")
            mat_diag = matrix_ops.matrix_diag_part(mat)
            return matrix_ops.matrix_set_diag(mat, multiplier_vector + mat_diag)


def _static(t):
    """tensor_util.constant_value as a NumPy array (None when not known)."""
    value = constant_value(t)
    return None if value is None else np.asarray(value)
