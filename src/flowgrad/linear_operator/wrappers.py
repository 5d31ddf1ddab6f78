"""LinearOperatorAdjoint, LinearOperatorInversion and LinearOperatorComposition (TF 1.14):
operators made of other operators."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..ops import array_ops, linalg_ops, math_ops
from ..ops.array_ops_extra import broadcast_static_shape
from . import _util
from .base import LinearOperator

__all__ = ["LinearOperatorAdjoint", "LinearOperatorInversion", "LinearOperatorComposition"]


def _combined_hints(operator, hints, relation):
    """TF's _combined_hint over the four hints (is_square checked twice, as TF does)."""
    out = dict(hints)
    for hint, what in (("is_square", "square"), ("is_non_singular", "non-singular"),
                       ("is_self_adjoint", "self-adjoint"),
                       ("is_positive_definite", "positive-definite"),
                       ("is_square", "square")):
        op_hint, provided = getattr(operator, hint), out[hint]
        if (op_hint is False and provided) or (op_hint and provided is False):
            raise ValueError("An operator is %s if and only if its %s is %s."
                             % (what, relation, what))
        out[hint] = (op_hint or provided) or None
    return out


class LinearOperatorAdjoint(LinearOperator):
    """The adjoint (conjugate transpose) of an operator."""

    def __init__(self, operator, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        self._operator = operator
        hints = _combined_hints(operator, dict(
            is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
            is_positive_definite=is_positive_definite, is_square=is_square), "adjoint")
        if name is None:
            name = operator.name + "_adjoint"
        with name_scope(name, values=operator.graph_parents):
            super().__init__(dtype=operator.dtype, graph_parents=operator.graph_parents,
                             name=name, **hints)

    @property
    def operator(self):
        return self._operator

    def _assert_non_singular(self):
        return self.operator.assert_non_singular()

    def _assert_positive_definite(self):
        return self.operator.assert_positive_definite()

    def _assert_self_adjoint(self):
        return self.operator.assert_self_adjoint()

    def _shape(self):
        shape = self.operator.shape
        return shape[:-2].concatenate([shape[-1], shape[-2]])

    def _shape_tensor(self):
        shape = self.operator.shape_tensor()
        return array_ops.concat([shape[:-2], [shape[-1], shape[-2]]], axis=-1)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self.operator.matmul(x, adjoint=(not adjoint), adjoint_arg=adjoint_arg)

    def _matvec(self, x, adjoint=False):
        # TF 1.14 passes adjoint_arg to the operator's matvec, which takes none
        raise TypeError("matvec() got an unexpected keyword argument 'adjoint_arg'")

    def _determinant(self):
        if self.is_self_adjoint:
            return self.operator.determinant()
        return math_ops.conj(self.operator.determinant())

    def _log_abs_determinant(self):
        return self.operator.log_abs_determinant()

    def _trace(self):
        if self.is_self_adjoint:
            return self.operator.trace()
        return math_ops.conj(self.operator.trace())

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self.operator.solve(rhs, adjoint=(not adjoint), adjoint_arg=adjoint_arg)

    def _solvevec(self, rhs, adjoint=False):
        # as _matvec: TF 1.14 passes adjoint_arg to a solvevec that takes none
        raise TypeError("solvevec() got an unexpected keyword argument 'adjoint_arg'")

    def _to_dense(self):
        if self.is_self_adjoint:
            return self.operator.to_dense()
        return linalg_ops.adjoint(self.operator.to_dense())

    def _add_to_tensor(self, x):
        return self.to_dense() + x


class LinearOperatorInversion(LinearOperator):
    """The inverse of a (non-singular, square) operator."""

    def __init__(self, operator, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        self._operator = operator
        if operator.is_non_singular is False or is_non_singular is False:
            raise ValueError("operator and supplied hints must have `is_non_singular` equal "
                             "to `True` or `None`.  Found %s, %s"
                             % (operator.is_non_singular, is_non_singular))
        if operator.is_square is False or is_square is False:
            raise ValueError("operator and supplied hints must have `is_square` equal to "
                             "`True` or `None`.  Found %s, %s" % (operator.is_square, is_square))
        hints = _combined_hints(operator, dict(
            is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
            is_positive_definite=is_positive_definite, is_square=is_square), "inverse")
        if name is None:
            name = operator.name + "_inv"
        with name_scope(name, values=operator.graph_parents):
            super().__init__(dtype=operator.dtype, graph_parents=operator.graph_parents,
                             name=name, **hints)

    @property
    def operator(self):
        return self._operator

    def _assert_non_singular(self):
        return self.operator.assert_non_singular()

    def _assert_positive_definite(self):
        return self.operator.assert_positive_definite()

    def _assert_self_adjoint(self):
        return self.operator.assert_self_adjoint()

    def _shape(self):
        return self.operator.shape

    def _shape_tensor(self):
        return self.operator.shape_tensor()

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self.operator.solve(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _determinant(self):
        return 1. / self.operator.determinant()

    def _log_abs_determinant(self):
        return -1. * self.operator.log_abs_determinant()

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self.operator.matmul(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)


class LinearOperatorComposition(LinearOperator):
    """The product operators[0] @ operators[1] @ ... of operators of one dtype."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        operators, dtype, graph_parents = _util.operator_list(
            operators, "Expected a non-empty list of operators.")
        self._operators = operators
        is_non_singular = _util.all_hint(
            operators, "is_non_singular", is_non_singular,
            "The composition of non-singular operators is always non-singular.")
        if name is None:
            name = "_o_".join(operator.name for operator in operators)
        with name_scope(name, values=graph_parents):
            super().__init__(dtype=dtype, graph_parents=graph_parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)

    @property
    def operators(self):
        return self._operators

    def _shape(self):
        domain_dimension = self.operators[0].domain_dimension
        for operator in self.operators[1:]:
            domain_dimension.assert_is_compatible_with(operator.range_dimension)
            domain_dimension = operator.domain_dimension
        matrix_shape = TensorShape([self.operators[0].range_dimension,
                                    self.operators[-1].domain_dimension])
        batch_shape = self.operators[0].batch_shape
        for operator in self.operators[1:]:
            batch_shape = broadcast_static_shape(batch_shape, operator.batch_shape)
        return batch_shape.concatenate(matrix_shape)

    def _shape_tensor(self):
        if self.shape.is_fully_defined():
            return convert_to_tensor(self.shape.as_list(), dtype=_dt.int32, name="shape")
        matrix_shape = array_ops.stack([self.operators[0].range_dimension_tensor(),
                                        self.operators[-1].domain_dimension_tensor()])
        zeros = array_ops.zeros(shape=self.operators[0].batch_shape_tensor())
        for operator in self.operators[1:]:
            zeros += array_ops.zeros(shape=operator.batch_shape_tensor())
        return array_ops.concat((array_ops.shape(zeros), matrix_shape), 0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        order = self.operators if adjoint else list(reversed(self.operators))
        result = order[0].matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for operator in order[1:]:
            result = operator.matmul(result, adjoint=adjoint)
        return result

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

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        order = list(reversed(self.operators)) if adjoint else self.operators
        solution = order[0].solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for operator in order[1:]:
            solution = operator.solve(solution, adjoint=adjoint)
        return solution
