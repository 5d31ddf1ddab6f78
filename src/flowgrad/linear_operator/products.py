"""LinearOperatorKronecker and LinearOperatorLowRankUpdate (TF 1.14): the Kronecker product
of operators, and L + U D V^H solved through the capacitance (Woodbury) matrix."""
from __future__ import annotations

from ..engine.framework import errors
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import Dimension, TensorShape
from ..engine.ops.construction import range as _range
from ..ops import array_ops, control_flow_ops, linalg_impl, linalg_ops, math_ops
from ..ops import matrix_ops
from ..ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape
from ..ops.tensor_util import constant_value
from . import _util
from .base import LinearOperator, dimension_at_index
from .basic import LinearOperatorDiag
from .identity import LinearOperatorIdentity

__all__ = ["LinearOperatorKronecker", "LinearOperatorLowRankUpdate"]


def _static_dims(x):
    dims = x.shape.as_list() if x.shape.ndims is not None else None
    return dims if dims is not None and None not in dims else None


def _vec(x):
    out = array_ops.reshape(linalg_ops.matrix_transpose(x),
                            array_ops.concat([array_ops.shape(x)[:-2], [-1]], axis=0))
    dims = _static_dims(x)
    if dims is not None:  # what TF's shape refiner folds from the constant shape subgraph
        out.set_shape(dims[:-2] + [dims[-2] * dims[-1]])
    return out


def _unvec_by(y, num_col):
    shaped = array_ops.reshape(
        y, array_ops.concat([array_ops.shape(y)[:-1], [num_col, -1]], axis=0))
    dims, cols = _static_dims(y), constant_value(num_col)
    if dims is not None and cols is not None:
        shaped.set_shape(dims[:-1] + [int(cols), dims[-1] // int(cols)])
    return linalg_ops.matrix_transpose(shaped)


def _rotate_last_dim(x, rotate_right=False):
    ndims = array_ops.rank(x)
    if rotate_right:
        perm = array_ops.concat([[ndims - 1], _range(0, ndims - 1)], axis=0)
    else:
        perm = array_ops.concat([_range(1, ndims), [0]], axis=0)
    out = array_ops.transpose(x, perm)
    if x.shape.ndims is not None:  # the perm is a constant subgraph TF's refiner folds
        dims = x.shape.as_list()
        out.set_shape(dims[-1:] + dims[:-1] if rotate_right else dims[1:] + dims[:1])
    return out


class LinearOperatorKronecker(LinearOperator):
    """The Kronecker product operators[0] x operators[1] x ..."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        operators, dtype, graph_parents = _util.operator_list(
            operators, "Expected a list of >=1 operators.")
        self._operators = operators
        is_non_singular = _util.all_hint(operators, "is_non_singular", is_non_singular,
                                    "The Kronecker product of non-singular operators is "
                                    "always non-singular.")
        is_self_adjoint = _util.all_hint(operators, "is_self_adjoint", is_self_adjoint,
                                    "The Kronecker product of self-adjoint operators is "
                                    "always self-adjoint.")
        is_positive_definite = _util.all_hint(
            operators, "is_positive_definite", is_positive_definite,
            "The Kronecker product of positive-definite operators is always "
            "positive-definite.")
        if name is None:
            name = "_x_".join(operator.name for operator in operators)
        with name_scope(name, values=graph_parents):
            super().__init__(dtype=dtype, graph_parents=graph_parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)

    @property
    def operators(self):
        return self._operators

    def _shape(self):
        domain = self.operators[0].domain_dimension
        for operator in self.operators[1:]:
            domain *= operator.domain_dimension
        rng = self.operators[0].range_dimension
        for operator in self.operators[1:]:
            rng *= operator.range_dimension
        batch_shape = self.operators[0].batch_shape
        for operator in self.operators[1:]:
            batch_shape = broadcast_static_shape(batch_shape, operator.batch_shape)
        return batch_shape.concatenate(TensorShape([rng, domain]))

    def _shape_tensor(self):
        domain = self.operators[0].domain_dimension_tensor()
        for operator in self.operators[1:]:
            domain *= operator.domain_dimension_tensor()
        rng = self.operators[0].range_dimension_tensor()
        for operator in self.operators[1:]:
            rng *= operator.range_dimension_tensor()
        batch_shape = self.operators[0].batch_shape_tensor()
        for operator in self.operators[1:]:
            batch_shape = broadcast_dynamic_shape(batch_shape, operator.batch_shape_tensor())
        return array_ops.concat((batch_shape, [rng, domain]), 0)

    def _apply(self, x, adjoint, adjoint_arg, method, vec_method):
        if adjoint_arg:
            x = linalg_ops.adjoint(x)
        batch_shape = array_ops.concat(
            [array_ops.ones_like(self.batch_shape_tensor()), [1, 1]], 0)
        x += array_ops.zeros(batch_shape, dtype=x.dtype.base_dtype)
        output = _rotate_last_dim(x, rotate_right=True)
        output = output[None, ...]
        for operator in self.operators[:-1]:
            if adjoint:
                dim = operator.range_dimension_tensor()
            else:
                dim = operator.domain_dimension_tensor()
            output = _unvec_by(output, dim)
            output = linalg_ops.matrix_transpose(output)
            output = getattr(operator, method)(output, adjoint=adjoint, adjoint_arg=False)
            output = linalg_ops.matrix_transpose(output)
            output = _rotate_last_dim(output, rotate_right=False)
            output = _vec(output)
            output = _rotate_last_dim(output, rotate_right=True)
        output = getattr(self.operators[-1], vec_method)(output, adjoint=adjoint)
        output = _rotate_last_dim(output, rotate_right=False)
        output = _vec(output)
        output = _rotate_last_dim(output, rotate_right=False)
        if x.shape.is_fully_defined():
            column_dim = x.shape[-1]
            batch = broadcast_static_shape(x.shape[:-2], self.batch_shape)
            first = self.domain_dimension if adjoint else self.range_dimension
            output.set_shape(batch.concatenate([first, column_dim]))
        return output

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self._apply(x, adjoint, adjoint_arg, "matmul", "matvec")

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._apply(rhs, adjoint, adjoint_arg, "solve", "solvevec")

    def _determinant(self):
        total = self.domain_dimension_tensor()
        determinant = 1.
        for operator in self.operators:
            determinant *= operator.determinant() ** math_ops.cast(
                total / operator.domain_dimension_tensor(), dtype=operator.dtype)
        return determinant

    def _log_abs_determinant(self):
        total = self.domain_dimension_tensor()
        log_abs_det = 0.
        for operator in self.operators:
            log_abs_det += operator.log_abs_determinant() * math_ops.cast(
                total / operator.domain_dimension_tensor(), dtype=operator.dtype)
        return log_abs_det

    def _trace(self):
        trace = 1.
        for operator in self.operators:
            trace *= operator.trace()
        return trace

    def _diag_part(self):
        diag_part = self.operators[0].diag_part()
        for operator in self.operators[1:]:
            diag_part = diag_part[..., :, None]
            diag_part *= operator.diag_part()[..., None, :]
            diag_part = array_ops.reshape(
                diag_part,
                shape=array_ops.concat([array_ops.shape(diag_part)[:-2], [-1]], axis=0))
        if self.range_dimension > self.domain_dimension:
            diag_dimension = self.domain_dimension
        else:
            diag_dimension = self.range_dimension
        diag_part.set_shape(self.batch_shape.concatenate(diag_dimension))
        return diag_part

    def _to_dense(self):
        product = self.operators[0].to_dense()
        for operator in self.operators[1:]:
            product = product[..., :, None, :, None]
            product *= operator.to_dense()[..., None, :, None, :]
            shape = array_ops.shape
            product = array_ops.reshape(product, shape=array_ops.concat(
                [shape(product)[:-4],
                 [shape(product)[-4] * shape(product)[-3],
                  shape(product)[-2] * shape(product)[-1]]], axis=0))
        product.set_shape(self.shape)
        return product

    def _assert_non_singular(self):
        if all(operator.is_square for operator in self.operators):
            return control_flow_ops.group([o.assert_non_singular() for o in self.operators])
        raise errors.InvalidArgumentError(
            node_def=None, op=None,
            message="All Kronecker factors must be square for the product to be invertible.")

    def _assert_self_adjoint(self):
        if all(operator.is_square for operator in self.operators):
            return control_flow_ops.group([o.assert_self_adjoint() for o in self.operators])
        raise errors.InvalidArgumentError(
            node_def=None, op=None,
            message="All Kronecker factors must be square for the product to be self adjoint.")


class LinearOperatorLowRankUpdate(LinearOperator):
    """base_operator + U D V^H (D diagonal, the identity by default; V = U by default)."""

    def __init__(self, base_operator, u, diag_update=None, v=None,
                 is_diag_update_positive=None, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None,
                 name="LinearOperatorLowRankUpdate"):
        dtype = base_operator.dtype
        if diag_update is None:
            if is_diag_update_positive is False:
                raise ValueError("Default diagonal is the identity, which is positive.  "
                                 "However, user set 'is_diag_update_positive' to False.")
            is_diag_update_positive = True
        self._use_cholesky = (base_operator.is_positive_definite
                              and base_operator.is_self_adjoint
                              and is_diag_update_positive and v is None)
        if base_operator.is_self_adjoint and v is None and not dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError("A = L + UDU^H, with L self-adjoint and D real diagonal.  "
                                 "Since UDU^H is self-adjoint, this must be a self-adjoint "
                                 "operator.")
            is_self_adjoint = True
        if self._use_cholesky:
            if (is_positive_definite is False or is_self_adjoint is False
                    or is_non_singular is False):
                raise ValueError(
                    "Arguments imply this is self-adjoint positive-definite operator.")
            is_positive_definite = True
            is_self_adjoint = True
        values = base_operator.graph_parents + [u, diag_update, v]
        with name_scope(name, values=[x for x in values if x is not None]):
            self._u = convert_to_tensor(u, name="u")
            self._v = self._u if v is None else convert_to_tensor(v, name="v")
            self._diag_update = (None if diag_update is None
                                 else convert_to_tensor(diag_update, name="diag_update"))
            self._base_operator = base_operator
            graph_parents = base_operator.graph_parents + [self.u, self._diag_update, self.v]
            graph_parents = [p for p in graph_parents if p is not None]
            super().__init__(dtype=base_operator.dtype, graph_parents=graph_parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._set_diag_operators(diag_update, is_diag_update_positive)
            self._is_diag_update_positive = is_diag_update_positive
            self._check_shapes()
            self._capacitance = self._make_capacitance()
            if self._use_cholesky:
                self._chol_capacitance = linalg_impl.cholesky(self._capacitance)

    def _check_shapes(self):
        uv_shape = broadcast_static_shape(self.u.get_shape(), self.v.get_shape())
        batch_shape = broadcast_static_shape(self.base_operator.batch_shape, uv_shape[:-2])
        Dimension(self.base_operator.domain_dimension).assert_is_compatible_with(
            uv_shape[-2])
        if self._diag_update is not None:
            dimension_at_index(uv_shape, -1).assert_is_compatible_with(
                self._diag_update.get_shape()[-1])
            broadcast_static_shape(batch_shape, self._diag_update.get_shape()[:-1])

    def _set_diag_operators(self, diag_update, is_diag_update_positive):
        if diag_update is not None:
            self._diag_operator = LinearOperatorDiag(
                self._diag_update, is_positive_definite=is_diag_update_positive)
            self._diag_inv_operator = LinearOperatorDiag(
                1. / self._diag_update, is_positive_definite=is_diag_update_positive)
        else:
            r = self.u.shape[-1].value
            if r is None:
                r = array_ops.shape(self.u)[-1]
            self._diag_operator = LinearOperatorIdentity(num_rows=r, dtype=self.dtype)
            self._diag_inv_operator = self._diag_operator

    @property
    def u(self):
        return self._u

    @property
    def v(self):
        return self._v

    @property
    def is_diag_update_positive(self):
        return self._is_diag_update_positive

    @property
    def diag_update(self):
        return self._diag_update

    @property
    def diag_operator(self):
        return self._diag_operator

    @property
    def base_operator(self):
        return self._base_operator

    def _shape(self):
        batch_shape = broadcast_static_shape(self.base_operator.batch_shape,
                                             self.u.get_shape()[:-2])
        return batch_shape.concatenate(self.base_operator.shape[-2:])

    def _shape_tensor(self):
        batch_shape = broadcast_dynamic_shape(self.base_operator.batch_shape_tensor(),
                                              array_ops.shape(self.u)[:-2])
        return array_ops.concat([batch_shape, self.base_operator.shape_tensor()[-2:]], axis=0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        u, v, d = self.u, self.v, self.diag_operator
        leading_term = self.base_operator.matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        left, right = (v, u) if adjoint else (u, v)
        rh_x = linalg_ops.matmul(right, x, adjoint_a=True, adjoint_b=adjoint_arg)
        d_rh_x = d.matmul(rh_x, adjoint=adjoint)
        return leading_term + linalg_ops.matmul(left, d_rh_x)

    def _determinant(self):
        if self.is_positive_definite:
            return math_ops.exp(self.log_abs_determinant())
        det_c = matrix_ops.matrix_determinant(self._capacitance)
        det_d = self.diag_operator.determinant()
        det_l = self.base_operator.determinant()
        return det_c * det_d * det_l

    def _log_abs_determinant(self):
        log_abs_det_d = self.diag_operator.log_abs_determinant()
        log_abs_det_l = self.base_operator.log_abs_determinant()
        if self._use_cholesky:
            chol_cap_diag = matrix_ops.matrix_diag_part(self._chol_capacitance)
            log_abs_det_c = 2 * math_ops.reduce_sum(math_ops.log(chol_cap_diag), axis=[-1])
        else:
            det_c = matrix_ops.matrix_determinant(self._capacitance)
            log_abs_det_c = math_ops.log(math_ops.abs(det_c))
            if self.dtype.is_complex:
                log_abs_det_c = math_ops.cast(log_abs_det_c, dtype=self.dtype)
        return log_abs_det_c + log_abs_det_d + log_abs_det_l

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        if self.base_operator.is_non_singular is False:
            raise ValueError("Solve not implemented unless this is a perturbation of a "
                             "non-singular LinearOperator.")
        base = self.base_operator
        v, u = (self.u, self.v) if adjoint else (self.v, self.u)
        linv_rhs = base.solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        vh_linv_rhs = linalg_ops.matmul(v, linv_rhs, adjoint_a=True)
        if self._use_cholesky:
            capinv = _util.cholesky_solve_with_broadcast(self._chol_capacitance, vh_linv_rhs)
        else:
            capinv = _util.matrix_solve_with_broadcast(self._capacitance, vh_linv_rhs,
                                                       adjoint=adjoint)
        u_capinv = linalg_ops.matmul(u, capinv)
        return linv_rhs - base.solve(u_capinv, adjoint=adjoint)

    def _make_capacitance(self):
        linv_u = self.base_operator.solve(self.u)
        vh_linv_u = linalg_ops.matmul(self.v, linv_u, adjoint_a=True)
        return self._diag_inv_operator.add_to_tensor(vh_linv_u)
