"""Helpers of TF 1.14's linalg/linear_operator_util.py: shape tensors, the modulus/imaginary
part assertions, batch broadcasting and the solves with broadcast (with TF's reshape that
moves a right-hand side's extra batch dimensions to its columns)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..ops import array_ops, check_ops, control_flow_ops, linalg_impl, linalg_ops, math_ops
from ..ops import matrix_ops
from ..ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape


def shape_tensor(shape, name=None):
    """A shape as an int32 tensor (an empty list is int32 too; a TensorShape converts as
    TF's registered conversion does: int32, fully defined only)."""
    if isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError("Cannot convert a partially known TensorShape to a Tensor: %s"
                             % shape)
        return convert_to_tensor(np.array(shape.as_list(), np.int32), name=name)
    dtype = _dt.int32 if isinstance(shape, (tuple, list)) and not shape else None
    return convert_to_tensor(shape, dtype=dtype, name=name)


def eye(num_rows, batch_shape, dtype):
    """TF's square linalg_ops.eye: a ones diagonal of batch_shape + [num_rows] and its
    MatrixDiag, in an 'eye' scope."""
    with name_scope(None, "eye", values=[num_rows, batch_shape]):
        if isinstance(batch_shape, Tensor) or isinstance(num_rows, Tensor):
            batch = convert_to_tensor(batch_shape, name="shape", dtype=_dt.int32)
            diag_shape = array_ops.concat((batch, [num_rows]), axis=0)
        else:
            diag_shape = [int(d) for d in batch_shape] + [int(num_rows)]
        return matrix_ops.matrix_diag(array_ops.ones(diag_shape, dtype=dtype))


def assert_no_entries_with_modulus_zero(x, message=None,
                                        name="assert_no_entries_with_modulus_zero"):
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        should_be_nonzero = math_ops.abs(x)
        zero = convert_to_tensor(0, dtype=x.dtype.base_dtype.real_dtype)
        return check_ops.assert_less(zero, should_be_nonzero, message=message)


def assert_zero_imag_part(x, message=None, name="assert_zero_imag_part"):
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        dtype = x.dtype.base_dtype
        if dtype.is_floating:
            return control_flow_ops.no_op()
        zero = convert_to_tensor(0, dtype=dtype.real_dtype)
        return check_ops.assert_equal(zero, math_ops.imag(x), message=message)


def assert_compatible_matrix_dimensions(operator, x):
    return check_ops.assert_equal(
        array_ops.shape(x)[-2], operator.domain_dimension_tensor(),
        message=("Incompatible matrix dimensions.  "
                 "shape[-2] of argument to be the same as this operator"))


def assert_is_batch_matrix(tensor):
    sh = tensor.get_shape()
    if sh.ndims is not None and sh.ndims < 2:
        raise ValueError("Expected [batch] matrix to have at least two dimensions.  Found: "
                         "%s" % tensor)


def broadcast_matrix_batch_dims(batch_matrices, name=None):
    """The matrices broadcast to one batch shape (BroadcastTo where a batch differs)."""
    with name_scope(name or "broadcast_matrix_batch_dims", values=batch_matrices):
        check_ops.assert_proper_iterable(batch_matrices)
        mats = [convert_to_tensor(m) for m in batch_matrices]
        for m in mats:
            assert_is_batch_matrix(m)
        if len(mats) < 2:
            return mats
        bcast = mats[0].get_shape()[:-2]
        for m in mats[1:]:
            bcast = broadcast_static_shape(bcast, m.get_shape()[:-2])
        if bcast.is_fully_defined():
            for i, m in enumerate(mats):
                if m.get_shape()[:-2] != bcast:
                    shape = array_ops.concat([bcast.as_list(), array_ops.shape(m)[-2:]], axis=0)
                    mats[i] = array_ops.broadcast_to(m, shape)
            return mats
        dyn = array_ops.shape(mats[0])[:-2]
        for m in mats[1:]:
            dyn = broadcast_dynamic_shape(dyn, array_ops.shape(m)[:-2])
        return [array_ops.broadcast_to(m, array_ops.concat([dyn, array_ops.shape(m)[-2:]], 0))
                for m in mats]


def cholesky_solve_with_broadcast(chol, rhs, name=None):
    with name_scope(name, "CholeskySolveWithBroadcast", [chol, rhs]):
        chol, rhs = broadcast_matrix_batch_dims([chol, rhs])
        return linalg_impl.cholesky_solve(chol, rhs)


def matrix_solve_with_broadcast(matrix, rhs, adjoint=False, name=None):
    with name_scope(name, "MatrixSolveWithBroadcast", [matrix, rhs]):
        matrix = convert_to_tensor(matrix, name="matrix")
        rhs = convert_to_tensor(rhs, name="rhs", dtype=matrix.dtype)
        matrix, rhs, reshape_inv, still_transpose = _reshape_for_efficiency(
            matrix, rhs, adjoint_a=adjoint)
        matrix, rhs = broadcast_matrix_batch_dims([matrix, rhs])
        solution = linalg_impl.matrix_solve(matrix, rhs, adjoint=adjoint and still_transpose)
        return reshape_inv(solution)


def matrix_triangular_solve_with_broadcast(matrix, rhs, lower=True, adjoint=False,
                                           name=None):
    with name_scope(name, "MatrixTriangularSolve", [matrix, rhs]):
        matrix = convert_to_tensor(matrix, name="matrix")
        rhs = convert_to_tensor(rhs, name="rhs", dtype=matrix.dtype)
        matrix, rhs, reshape_inv, still_transpose = _reshape_for_efficiency(
            matrix, rhs, adjoint_a=adjoint)
        if not still_transpose and adjoint:
            lower = not lower
        matrix, rhs = broadcast_matrix_batch_dims([matrix, rhs])
        solution = matrix_ops.matrix_triangular_solve(
            matrix, rhs, lower=lower, adjoint=adjoint and still_transpose)
        return reshape_inv(solution)


def _identity(x):
    return x


def _reshape_for_efficiency(a, b, adjoint_a=False):
    """TF's reshape of b's extra batch dims into columns when a has fewer dims: returns
    (a, b, the inverse reshape, whether a still needs its adjoint)."""
    if a.shape.ndims is None or b.shape.ndims is None or a.shape.ndims >= b.shape.ndims:
        return a, b, _identity, True
    extra = b.shape.ndims - a.shape.ndims
    array_ops.shape(b)[:extra]  # TF builds (and drops) these two slices first
    array_ops.shape(b)[extra:]
    a_domain = a.shape[-2 if adjoint_a else -1].value
    b_eq = b.shape[-1].value
    b_extra_dims = b.shape[:extra]
    b_extra = int(np.prod(b_extra_dims.as_list())) if b_extra_dims.is_fully_defined() else None
    if a_domain is not None and b_eq is not None and b_extra is not None:
        if b_extra < 2 or a_domain <= b_eq:
            return a, b, _identity, True
    if adjoint_a:
        a = linalg_ops.adjoint(a)
    b_extra_sh = array_ops.shape(b)[:extra]
    b_main_sh = array_ops.shape(b)[extra:]
    perm = np.concatenate((np.arange(extra, b.shape.ndims), np.arange(0, extra)), 0)
    b_extra_on_end = array_ops.transpose(b, perm=perm)
    b_squashed = array_ops.reshape(b_extra_on_end,
                                   array_ops.concat((b_main_sh[:-1], [-1]), 0))

    def reshape_inv(y):
        y_shape = array_ops.concat((array_ops.shape(y)[:-1], [b_main_sh[-1]], b_extra_sh), 0)
        y_extra_on_end = array_ops.reshape(y, y_shape)
        return array_ops.transpose(y_extra_on_end, perm=np.argsort(perm))

    return a, b_squashed, reshape_inv, False


def checked_batch_shape(arg, static, assert_proper_shapes):
    """A batch_shape argument (an int tensor; `static`, its value when known) behind TF's
    checks, as LinearOperatorIdentity / ScaledIdentity / Zeros make them: Asserts of rank 1
    and non-negative values when `assert_proper_shapes`, static errors when known."""
    if assert_proper_shapes:
        arg = control_flow_ops.with_dependencies([
            check_ops.assert_rank(arg, 1, message="Argument batch_shape must be a 1-D Tensor."),
            check_ops.assert_non_negative(
                arg, message="Argument batch_shape must be non-negative."),
        ], arg)
    if not arg.dtype.is_integer:
        raise TypeError("Argument batch_shape must be integer type.  Found: %s" % arg)
    if static is not None:
        if static.ndim != 1:
            raise ValueError("Argument batch_shape must be a 1-D Tensor.  Found: %s" % static)
        if np.any(static < 0):
            raise ValueError("Argument batch_shape must be non-negative.  Found:%s" % static)
    return arg


def operator_list(operators, empty_message):
    """(operators as a list, their dtype, their graph parents) for an operator made of
    operators (Composition, Kronecker, BlockDiag), with TF's errors."""
    check_ops.assert_proper_iterable(operators)
    operators = list(operators)
    if not operators:
        raise ValueError("%s Found: %s" % (empty_message, operators))
    dtype = operators[0].dtype
    if any(o.dtype != dtype for o in operators):
        name_type = (str((o.name, o.dtype)) for o in operators)
        raise TypeError("Expected all operators to have the same dtype.  Found %s"
                        % "   ".join(name_type))
    graph_parents = []
    for operator in operators:
        graph_parents.extend(operator.graph_parents)
    return operators, dtype, graph_parents


def all_hint(operators, hint, given, message):
    """True when every operator has the hint (ValueError if the caller said False),
    else the caller's value."""
    if all(getattr(o, hint) for o in operators):
        if given is False:
            raise ValueError(message)
        return True
    return given

