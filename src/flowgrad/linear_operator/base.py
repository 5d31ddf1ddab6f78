"""tf.linalg.LinearOperator (TF 1.14's linalg/linear_operator.py): the base class of the
operator family. Each public method opens the `<operator name>/<method>` name scope TF opens
and falls back on TF's dense defaults (to_dense then Cholesky, MatrixDeterminant, SVD, ...)
where a subclass has nothing better."""
from __future__ import annotations

import contextlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import Dimension
from ..engine.ops._base import apply
from ..engine.ops.construction import range as _range
from ..ops import array_ops, check_ops, linalg_impl, linalg_ops, math_ops, matrix_ops
from . import _util, algebra

__all__ = ["LinearOperator"]


def _is_tensor(x):
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element")


def dimension_at_index(shape, index):
    """TF's tensor_shape.dimension_at_index: the Dimension, unknown for an unknown rank."""
    if shape.ndims is None:
        return Dimension(None)
    return shape.dims[index]


def _reduce_max_of_list(values):
    """tf.reduce_max of a list holding tensors as TF builds it: the list packed once for
    array_ops.rank ('Rank/packed') and once more as Max's input ('Max/input')."""
    with name_scope(None, "Rank") as scope:
        convert_to_tensor(values)
        rank = constant(1, dtype=_dt.int32, name=scope)
    axes = _range(0, rank)
    with name_scope(None, "Max") as scope:
        packed = convert_to_tensor(values, name="input")
        return apply("Max", [packed, axes], {"keep_dims": False}, scope)


class LinearOperator:
    """A linear operator on [batch] matrices, acting without always building its matrix."""

    def __init__(self, dtype, graph_parents=None, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        if type(self) is LinearOperator:
            raise TypeError("Can't instantiate abstract class LinearOperator with abstract "
                            "methods _matmul, _shape, _shape_tensor")
        if is_positive_definite:
            if is_non_singular is False:
                raise ValueError("A positive definite matrix is always non-singular.")
            is_non_singular = True
        if is_non_singular:
            if is_square is False:
                raise ValueError("A non-singular matrix is always square.")
            is_square = True
        if is_self_adjoint:
            if is_square is False:
                raise ValueError("A self-adjoint matrix is always square.")
            is_square = True
        self._is_square_set_or_implied_by_hints = is_square
        graph_parents = [] if graph_parents is None else graph_parents
        for i, t in enumerate(graph_parents):
            if t is None or not _is_tensor(t):
                raise ValueError("Graph parent item %d is not a Tensor; %s." % (i, t))
        self._dtype = dtype
        self._graph_parents = graph_parents
        self._is_non_singular = is_non_singular
        self._is_self_adjoint = is_self_adjoint
        self._is_positive_definite = is_positive_definite
        self._name = name or type(self).__name__

    @contextlib.contextmanager
    def _name_scope(self, name=None):
        full_name = self.name if name is None else self.name + "/" + name
        with name_scope(full_name) as scope:
            yield scope

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @property
    def graph_parents(self):
        return self._graph_parents

    @property
    def is_non_singular(self):
        return self._is_non_singular

    @property
    def is_self_adjoint(self):
        return self._is_self_adjoint

    @property
    def is_positive_definite(self):
        return self._is_positive_definite

    @property
    def is_square(self):
        """Whether the operator is square: the hint, else the static dimensions."""
        auto_square_check = self.domain_dimension == self.range_dimension
        if self._is_square_set_or_implied_by_hints is False and auto_square_check:
            raise ValueError("User set is_square hint to False, but the operator was square.")
        if self._is_square_set_or_implied_by_hints is None:
            return auto_square_check
        return self._is_square_set_or_implied_by_hints

    # -- shapes ---------------------------------------------------------------------------
    def _shape(self):
        raise NotImplementedError("_shape is not implemented.")

    def _shape_tensor(self):
        raise NotImplementedError("_shape_tensor is not implemented.")

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        raise NotImplementedError("_matmul is not implemented.")

    @property
    def shape(self):
        return self._shape()

    def shape_tensor(self, name="shape_tensor"):
        with self._name_scope(name):
            if self.shape.is_fully_defined():
                return _util.shape_tensor(self.shape.as_list())
            return self._shape_tensor()

    @property
    def batch_shape(self):
        return self.shape[:-2]

    def batch_shape_tensor(self, name="batch_shape_tensor"):
        with self._name_scope(name):
            if self.batch_shape.is_fully_defined():
                return _util.shape_tensor(self.batch_shape.as_list(), name="batch_shape")
            return self.shape_tensor()[:-2]

    @property
    def tensor_rank(self, name="tensor_rank"):
        with self._name_scope(name):
            return self.shape.ndims

    def tensor_rank_tensor(self, name="tensor_rank_tensor"):
        with self._name_scope(name):
            if self.tensor_rank is not None:
                return convert_to_tensor(self.tensor_rank)
            return array_ops.size(self.shape_tensor())

    @property
    def domain_dimension(self):
        if self.shape.ndims is None:
            return Dimension(None)
        return self.shape.dims[-1]

    def domain_dimension_tensor(self, name="domain_dimension_tensor"):
        with self._name_scope(name):
            value = self.domain_dimension.value
            if value is not None:
                return convert_to_tensor(value)
            return self.shape_tensor()[-1]

    @property
    def range_dimension(self):
        if self.shape.dims:
            return self.shape.dims[-2]
        return Dimension(None)

    def range_dimension_tensor(self, name="range_dimension_tensor"):
        with self._name_scope(name):
            value = self.range_dimension.value
            if value is not None:
                return convert_to_tensor(value)
            return self.shape_tensor()[-2]

    # -- assertions -----------------------------------------------------------------------
    def _assert_non_singular(self):
        if self._can_use_cholesky():
            return self.assert_positive_definite()
        singular_values = linalg_impl.svd(self.to_dense(), compute_uv=False)
        cond = (math_ops.reduce_max(singular_values, axis=-1) /
                math_ops.reduce_min(singular_values, axis=-1))
        return check_ops.assert_less(cond, self._max_condition_number_to_be_non_singular(),
                                     message="Singular matrix up to precision epsilon.")

    def _max_condition_number_to_be_non_singular(self):
        with name_scope("max_nonsingular_condition_number"):
            dtype_eps = np.finfo(self.dtype.as_numpy_dtype).eps
            values = [100., math_ops.cast(self.range_dimension_tensor(), self.dtype),
                      math_ops.cast(self.domain_dimension_tensor(), self.dtype)]
            eps = math_ops.cast(_reduce_max_of_list(values), self.dtype) * dtype_eps
            return 1. / eps

    def assert_non_singular(self, name="assert_non_singular"):
        with self._name_scope(name):
            return self._assert_non_singular()

    def _assert_positive_definite(self):
        if self.is_self_adjoint:
            return check_ops.assert_positive(
                matrix_ops.matrix_diag_part(linalg_impl.cholesky(self.to_dense())),
                message="Matrix was not positive definite.")
        raise NotImplementedError("assert_positive_definite is not implemented.")

    def assert_positive_definite(self, name="assert_positive_definite"):
        with self._name_scope(name):
            return self._assert_positive_definite()

    def _assert_self_adjoint(self):
        dense = self.to_dense()
        return check_ops.assert_equal(dense, linalg_ops.adjoint(dense),
                                      message="Matrix was not equal to its adjoint.")

    def assert_self_adjoint(self, name="assert_self_adjoint"):
        with self._name_scope(name):
            return self._assert_self_adjoint()

    def _check_input_dtype(self, arg):
        if arg.dtype != self.dtype:
            raise TypeError("Expected argument to have dtype %s.  Found: %s in tensor %s"
                            % (self.dtype, arg.dtype, arg))

    # -- products and solves --------------------------------------------------------------
    def _operator_pair(self, other, adjoint, adjoint_arg, what):
        left = self.adjoint() if adjoint else self
        right = other.adjoint() if adjoint_arg else other
        if (right.range_dimension is not None and left.domain_dimension is not None
                and right.range_dimension != left.domain_dimension):
            raise ValueError("Operators are incompatible. Expected `%s` to have dimension"
                             " %s but got %s." % (what, left.domain_dimension,
                                                  right.range_dimension))
        return left, right

    def matmul(self, x, adjoint=False, adjoint_arg=False, name="matmul"):
        """self @ x (x a [batch] matrix or a LinearOperator), optionally adjoined."""
        if isinstance(x, LinearOperator):
            left, right = self._operator_pair(x, adjoint, adjoint_arg, "x")
            with self._name_scope(name):
                return algebra.matmul(left, right)
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            self_dim = -2 if adjoint else -1
            arg_dim = -1 if adjoint_arg else -2
            dimension_at_index(self.shape, self_dim).assert_is_compatible_with(
                x.get_shape()[arg_dim])
            return self._matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _matvec(self, x, adjoint=False):
        x_mat = array_ops.expand_dims(x, axis=-1)
        y_mat = self.matmul(x_mat, adjoint=adjoint)
        return array_ops.squeeze(y_mat, axis=-1)

    def matvec(self, x, adjoint=False, name="matvec"):
        """self @ x for a [batch] vector x."""
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            self_dim = -2 if adjoint else -1
            dimension_at_index(self.shape, self_dim).assert_is_compatible_with(
                x.get_shape()[-1])
            return self._matvec(x, adjoint=adjoint)

    def _determinant(self):
        if self._can_use_cholesky():
            return math_ops.exp(self.log_abs_determinant())
        return matrix_ops.matrix_determinant(self.to_dense())

    def determinant(self, name="det"):
        if self.is_square is False:
            raise NotImplementedError("Determinant not implemented for an operator that is "
                                      "expected to not be square.")
        with self._name_scope(name):
            return self._determinant()

    def _log_abs_determinant(self):
        if self._can_use_cholesky():
            diag = matrix_ops.matrix_diag_part(linalg_impl.cholesky(self.to_dense()))
            return 2 * math_ops.reduce_sum(math_ops.log(diag), axis=[-1])
        _, log_abs_det = matrix_ops.log_matrix_determinant(self.to_dense())
        return log_abs_det

    def log_abs_determinant(self, name="log_abs_det"):
        if self.is_square is False:
            raise NotImplementedError("Determinant not implemented for an operator that is "
                                      "expected to not be square.")
        with self._name_scope(name):
            return self._log_abs_determinant()

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        if self.is_square is False:
            raise NotImplementedError("Solve is not yet implemented for non-square operators.")
        rhs = linalg_ops.adjoint(rhs) if adjoint_arg else rhs
        if self._can_use_cholesky():
            return _util.cholesky_solve_with_broadcast(
                linalg_impl.cholesky(self.to_dense()), rhs)
        return _util.matrix_solve_with_broadcast(self.to_dense(), rhs, adjoint=adjoint)

    def solve(self, rhs, adjoint=False, adjoint_arg=False, name="solve"):
        """x with self @ x = rhs (rhs a [batch] matrix or a LinearOperator)."""
        if self.is_non_singular is False:
            raise NotImplementedError("Exact solve not implemented for an operator that is "
                                      "expected to be singular.")
        if self.is_square is False:
            raise NotImplementedError("Exact solve not implemented for an operator that is "
                                      "expected to not be square.")
        if isinstance(rhs, LinearOperator):
            left, right = self._operator_pair(rhs, adjoint, adjoint_arg, "rhs")
            with self._name_scope(name):
                return algebra.solve(left, right)
        with self._name_scope(name):
            rhs = convert_to_tensor(rhs, name="rhs")
            self._check_input_dtype(rhs)
            self_dim = -1 if adjoint else -2
            arg_dim = -1 if adjoint_arg else -2
            dimension_at_index(self.shape, self_dim).assert_is_compatible_with(
                rhs.get_shape()[arg_dim])
            return self._solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _solvevec(self, rhs, adjoint=False):
        rhs_mat = array_ops.expand_dims(rhs, axis=-1)
        solution_mat = self.solve(rhs_mat, adjoint=adjoint)
        return array_ops.squeeze(solution_mat, axis=-1)

    def solvevec(self, rhs, adjoint=False, name="solve"):
        """x with self @ x = rhs for a [batch] vector rhs."""
        with self._name_scope(name):
            rhs = convert_to_tensor(rhs, name="rhs")
            self._check_input_dtype(rhs)
            self_dim = -1 if adjoint else -2
            dimension_at_index(self.shape, self_dim).assert_is_compatible_with(
                rhs.get_shape()[-1])
            return self._solvevec(rhs, adjoint=adjoint)

    # -- derived operators ----------------------------------------------------------------
    def adjoint(self, name="adjoint"):
        if self.is_self_adjoint is True:
            return self
        with self._name_scope(name):
            return algebra.adjoint(self)

    H = property(adjoint, None)

    def inverse(self, name="inverse"):
        if self.is_square is False:
            raise ValueError("Cannot take the Inverse: This operator represents "
                             "a non square matrix.")
        if self.is_non_singular is False:
            raise ValueError("Cannot take the Inverse: This operator represents "
                             "a singular matrix.")
        with self._name_scope(name):
            return algebra.inverse(self)

    def cholesky(self, name="cholesky"):
        if not self._can_use_cholesky():
            raise ValueError("Cannot take the Cholesky decomposition: "
                             "Not a positive definite self adjoint matrix.")
        with self._name_scope(name):
            return algebra.cholesky(self)

    # -- dense views ----------------------------------------------------------------------
    def _to_dense(self):
        if self.batch_shape.is_fully_defined():
            batch_shape = self.batch_shape
        else:
            batch_shape = self.batch_shape_tensor()
        n = self.domain_dimension.value
        if n is None:
            n = self.domain_dimension_tensor()
        eye = _util.eye(n, batch_shape, self.dtype)
        return self.matmul(eye)

    def to_dense(self, name="to_dense"):
        with self._name_scope(name):
            return self._to_dense()

    def _diag_part(self):
        return matrix_ops.matrix_diag_part(self.to_dense())

    def diag_part(self, name="diag_part"):
        with self._name_scope(name):
            return self._diag_part()

    def _trace(self):
        return math_ops.reduce_sum(self.diag_part(), axis=-1)

    def trace(self, name="trace"):
        with self._name_scope(name):
            return self._trace()

    def _add_to_tensor(self, x):
        return self.to_dense() + x

    def add_to_tensor(self, x, name="add_to_tensor"):
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            return self._add_to_tensor(x)

    def _can_use_cholesky(self):
        return self.is_self_adjoint and self.is_positive_definite

