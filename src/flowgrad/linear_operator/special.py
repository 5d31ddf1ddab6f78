"""LinearOperatorZeros, LinearOperatorHouseholder and LinearOperatorBlockDiag (TF 1.14):
the [batch] zero matrix, a Householder reflection, and a block-diagonal of operators."""
from __future__ import annotations


from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..ops import (array_ops, check_ops, control_flow_ops, linalg_ops, math_ops,
                   matrix_ops)
from ..ops.array_ops_extra import broadcast_static_shape
from . import _util
from .base import LinearOperator
from .identity import _static

__all__ = ["LinearOperatorZeros", "LinearOperatorHouseholder", "LinearOperatorBlockDiag"]


def _checked_dims(tensor, what, assert_proper_shapes):
    """num_rows / num_columns: TF's asserts when asked, and its static checks."""
    if assert_proper_shapes:
        tensor = control_flow_ops.with_dependencies([
            check_ops.assert_rank(tensor, 0, message="Argument %s must be a 0-D Tensor." % what),
            check_ops.assert_non_negative(tensor,
                                          message="Argument %s must be non-negative." % what),
        ], tensor)
    return tensor


class LinearOperatorZeros(LinearOperator):
    """The [batch] zero matrix of num_rows x num_columns."""

    def __init__(self, num_rows, num_columns=None, batch_shape=None, dtype=None,
                 is_non_singular=False, is_self_adjoint=True, is_positive_definite=False,
                 is_square=True, assert_proper_shapes=False, name="LinearOperatorZeros"):
        dtype = dtype or _dt.float32
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name):
            dtype = _dt.as_dtype(dtype)
            if not is_self_adjoint and is_square:
                raise ValueError("A zero operator is always self adjoint.")
            if is_non_singular:
                raise ValueError("A zero operator is always singular.")
            if is_positive_definite:
                raise ValueError("A zero operator is always not positive-definite.")
            super().__init__(dtype=dtype, is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._num_rows = _util.shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = _static(self._num_rows)
            if num_columns is None:
                num_columns = num_rows
            self._num_columns = _util.shape_tensor(num_columns, name="num_columns")
            self._num_columns_static = _static(self._num_columns)
            self._check_domain_range()
            rows, cols = self._num_rows_static, self._num_columns_static
            if rows is not None and cols is not None and is_square and rows != cols:
                raise ValueError("LinearOperatorZeros initialized as is_square=True, but got "
                                 "num_rows({}) != num_columns({})".format(rows, cols))
            if batch_shape is None:
                self._batch_shape_arg = None
            else:
                self._batch_shape_arg = _util.shape_tensor(batch_shape, name="batch_shape_arg")
                self._batch_shape_static = _static(self._batch_shape_arg)
                self._batch_shape_arg = _util.checked_batch_shape(
                    self._batch_shape_arg, self._batch_shape_static,
                    self._assert_proper_shapes)

    def _check_domain_range(self):
        self._num_rows = _checked_dims(self._num_rows, "num_rows", self._assert_proper_shapes)
        self._num_columns = _checked_dims(self._num_columns, "num_columns",
                                          self._assert_proper_shapes)
        for t, what in ((self._num_rows, "num_rows"), (self._num_columns, "num_columns")):
            if not t.dtype.is_integer:
                raise TypeError("Argument %s must be integer type.  Found: %s" % (what, t))
        for static, what in ((self._num_rows_static, "num_rows"),
                             (self._num_columns_static, "num_columns")):
            if static is not None:
                if static.ndim != 0:
                    raise ValueError("Argument %s must be a 0-D Tensor.  Found: %s"
                                     % (what, static))
                if static < 0:
                    raise ValueError("Argument %s must be non-negative.  Found: %s"
                                     % (what, static))

    def _shape(self):
        def dim(v):
            return None if v is None else int(v)

        matrix_shape = TensorShape((dim(self._num_rows_static), dim(self._num_columns_static)))
        if self._batch_shape_arg is None:
            return matrix_shape
        batch = self._batch_shape_static
        batch = TensorShape(None) if batch is None else TensorShape([int(d) for d in batch])
        return batch.concatenate(matrix_shape)

    def _shape_tensor(self):
        matrix_shape = array_ops.stack((self._num_rows, self._num_columns), axis=0)
        if self._batch_shape_arg is None:
            return matrix_shape
        return array_ops.concat((self._batch_shape_arg, matrix_shape), 0)

    def _assert_non_singular(self):
        raise errors.InvalidArgumentError(node_def=None, op=None,
                                          message="Zero operators are always non-invertible.")

    def _assert_positive_definite(self):
        raise errors.InvalidArgumentError(
            node_def=None, op=None, message="Zero operators are always non-positive definite.")

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
        if self._assert_proper_shapes:
            x = linalg_ops.adjoint(x) if adjoint_arg else x
            aps = _util.assert_compatible_matrix_dimensions(self, x)
            x = control_flow_ops.with_dependencies([aps], x)
        if self.is_square:
            if adjoint_arg:
                output_shape = array_ops.concat([
                    array_ops.shape(x)[:-2],
                    [array_ops.shape(x)[-1], array_ops.shape(x)[-2]]], axis=0)
            else:
                output_shape = array_ops.shape(x)
            return self._possibly_broadcast_batch_shape(
                array_ops.zeros(shape=output_shape, dtype=x.dtype))
        x_shape = array_ops.shape(x)
        n = self._num_columns if adjoint else self._num_rows
        m = x_shape[-2] if adjoint_arg else x_shape[-1]
        output_shape = array_ops.concat([x_shape[:-2], [n, m]], axis=0)
        zeros = array_ops.zeros(shape=output_shape, dtype=x.dtype)
        return self._possibly_broadcast_batch_shape(zeros)

    def _batch_zeros(self):
        if self.batch_shape.is_fully_defined():
            return array_ops.zeros(shape=self.batch_shape, dtype=self.dtype)
        return array_ops.zeros(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _determinant(self):
        return self._batch_zeros()

    def _trace(self):
        return self._batch_zeros()

    def _diag_part(self):
        if self.shape.is_fully_defined():
            domain, rng = self.domain_dimension.value, self.range_dimension.value
            d_shape = self.batch_shape.concatenate([min(domain, rng)])
        else:
            d_shape = array_ops.concat(
                [self.batch_shape_tensor(),
                 [math_ops.reduce_min(self.shape_tensor()[-2:])]], axis=0)
        return array_ops.zeros(shape=d_shape, dtype=self.dtype)

    def add_to_tensor(self, mat, name="add_to_tensor"):
        # TF 1.14 opens no scope here and returns mat itself (unconverted) without a batch
        return self._possibly_broadcast_batch_shape(mat)


def _normalized(axis):
    return axis / math_ops.norm(axis, axis=-1, keepdims=True)


class LinearOperatorHouseholder(LinearOperator):
    """The reflection I - 2 v v^H / |v|^2 through the hyperplane orthogonal to v."""

    def __init__(self, reflection_axis, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorHouseholder"):
        with name_scope(name, values=[reflection_axis]):
            self._reflection_axis = convert_to_tensor(reflection_axis, name="reflection_axis")
            ndims = self._reflection_axis.get_shape().ndims
            if ndims is not None and ndims < 1:
                raise ValueError("Argument reflection_axis must have at least 1 dimension.  "
                                 "Found: %s" % self._reflection_axis)
            if is_self_adjoint is False:
                raise ValueError("A Householder operator is always self adjoint.")
            if is_positive_definite is True:
                raise ValueError("A Householder operator is always non-positive definite.")
            if is_square is False:
                raise ValueError("A Householder operator is always square.")
            super().__init__(dtype=self._reflection_axis.dtype,
                             graph_parents=[self._reflection_axis],
                             is_non_singular=is_non_singular, is_self_adjoint=True,
                             is_positive_definite=False, is_square=True, name=name)

    @property
    def reflection_axis(self):
        return self._reflection_axis

    def _shape(self):
        d_shape = self._reflection_axis.get_shape()
        return d_shape.concatenate(d_shape[-1:])

    def _shape_tensor(self):
        d_shape = array_ops.shape(self._reflection_axis)
        return array_ops.concat((d_shape, [d_shape[-1]]), 0)

    def _assert_non_singular(self):
        return control_flow_ops.no_op("assert_non_singular")

    def _assert_positive_definite(self):
        raise errors.InvalidArgumentError(
            node_def=None, op=None,
            message="Householder operators are always non-positive definite.")

    def _assert_self_adjoint(self):
        return control_flow_ops.no_op("assert_self_adjoint")

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = linalg_ops.adjoint(x) if adjoint_arg else x
        mat = _normalized(self.reflection_axis)[..., None]
        x_dot_normalized_v = linalg_ops.matmul(mat, x, adjoint_a=True)
        return x - 2 * mat * x_dot_normalized_v

    def _trace(self):
        return (math_ops.cast(self.domain_dimension_tensor() - 2, self.dtype)
                * array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype))

    def _determinant(self):
        return -array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _log_abs_determinant(self):
        return array_ops.zeros(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._matmul(rhs, adjoint, adjoint_arg)

    def _to_dense(self):
        mat = _normalized(self.reflection_axis)[..., None]
        matrix = -2 * linalg_ops.matmul(mat, mat, adjoint_b=True)
        return matrix_ops.matrix_set_diag(matrix, 1. + matrix_ops.matrix_diag_part(matrix))

    def _diag_part(self):
        v = _normalized(self.reflection_axis)
        return 1. - 2 * v * math_ops.conj(v)


class LinearOperatorBlockDiag(LinearOperator):
    """The block-diagonal operator of square operators (their direct sum)."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=True, name=None):
        operators, dtype, graph_parents = _util.operator_list(
            operators, "Expected a non-empty list of operators.")
        self._operators = operators
        is_non_singular = _util.all_hint(
            operators, "is_non_singular", is_non_singular,
            "The direct sum of non-singular operators is always non-singular.")
        is_self_adjoint = _util.all_hint(
            operators, "is_self_adjoint", is_self_adjoint,
            "The direct sum of self-adjoint operators is always self-adjoint.")
        is_positive_definite = _util.all_hint(
            operators, "is_positive_definite", is_positive_definite,
            "The direct sum of positive definite operators is always positive definite.")
        if not (is_square and all(o.is_square for o in operators)):
            raise ValueError("Can only represent a block diagonal of square matrices.")
        if name is None:
            name = "_ds_".join(operator.name for operator in operators)
        with name_scope(name, values=graph_parents):
            super().__init__(dtype=dtype, graph_parents=graph_parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    @property
    def operators(self):
        return self._operators

    def _shape(self):
        domain = self.operators[0].domain_dimension
        rng = self.operators[0].range_dimension
        for operator in self.operators[1:]:
            domain += operator.domain_dimension
            rng += operator.range_dimension
        matrix_shape = TensorShape([domain, rng])
        batch_shape = self.operators[0].batch_shape
        for operator in self.operators[1:]:
            batch_shape = broadcast_static_shape(batch_shape, operator.batch_shape)
        return batch_shape.concatenate(matrix_shape)

    def _shape_tensor(self):
        if self.shape.is_fully_defined():
            return convert_to_tensor(self.shape.as_list(), dtype=_dt.int32, name="shape")
        domain = self.operators[0].domain_dimension_tensor()
        rng = self.operators[0].range_dimension_tensor()
        for operator in self.operators[1:]:
            domain += operator.domain_dimension_tensor()
            rng += operator.range_dimension_tensor()
        matrix_shape = array_ops.stack([domain, rng])
        zeros = array_ops.zeros(shape=self.operators[0].batch_shape_tensor())
        for operator in self.operators[1:]:
            zeros += array_ops.zeros(shape=operator.batch_shape_tensor())
        return array_ops.concat((array_ops.shape(zeros), matrix_shape), 0)

    def _blockwise(self, method, x, adjoint, adjoint_arg):
        split_x = self._split_input_into_blocks(x, axis=-1 if adjoint_arg else -2)
        results = [getattr(operator, method)(split_x[i], adjoint=adjoint,
                                             adjoint_arg=adjoint_arg)
                   for i, operator in enumerate(self.operators)]
        results = _util.broadcast_matrix_batch_dims(results)
        return array_ops.concat(results, axis=-2)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self._blockwise("matmul", x, adjoint, adjoint_arg)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._blockwise("solve", rhs, adjoint, adjoint_arg)

    def _determinant(self):
        result = self.operators[0].determinant()
        for operator in self.operators[1:]:
            result *= operator.determinant()
        return result

    def _log_abs_determinant(self):
        result = self.operators[0].log_abs_determinant()
        for operator in self.operators[1:]:
            result += operator.log_abs_determinant()
        return result

    def _diag_part(self):
        diag_list = [operator.diag_part()[..., None] for operator in self.operators]
        diag_list = _util.broadcast_matrix_batch_dims(diag_list)
        return array_ops.squeeze(array_ops.concat(diag_list, axis=-2), axis=-1)

    def _trace(self):
        result = self.operators[0].trace()
        for operator in self.operators[1:]:
            result += operator.trace()
        return result

    def _to_dense(self):
        num_cols = 0
        rows = []
        blocks = _util.broadcast_matrix_batch_dims([o.to_dense() for o in self.operators])
        for block in blocks:
            batch_row_shape = array_ops.shape(block)[:-1]
            before = array_ops.zeros(
                shape=array_ops.concat([batch_row_shape, [num_cols]], axis=-1),
                dtype=block.dtype)
            num_cols += array_ops.shape(block)[-1]
            after = array_ops.zeros(
                shape=array_ops.concat(
                    [batch_row_shape, [self.domain_dimension_tensor() - num_cols]], axis=-1),
                dtype=block.dtype)
            rows.append(array_ops.concat([before, block, after], axis=-1))
        mat = array_ops.concat(rows, axis=-2)
        mat.set_shape(self.shape)
        return mat

    def _assert_non_singular(self):
        return control_flow_ops.group([o.assert_non_singular() for o in self.operators])

    def _assert_self_adjoint(self):
        return control_flow_ops.group([o.assert_self_adjoint() for o in self.operators])

    def _assert_positive_definite(self):
        return control_flow_ops.group([o.assert_positive_definite() for o in self.operators])

    def _split_input_into_blocks(self, x, axis=-1):
        if self.shape.is_fully_defined():
            block_sizes = [operator.domain_dimension.value for operator in self.operators]
        else:
            block_sizes = [operator.domain_dimension_tensor() for operator in self.operators]
        return array_ops.split(x, block_sizes, axis=axis)
