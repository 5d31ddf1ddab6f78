"""Weight broadcasting for losses and metrics (TF 1.14's weights_broadcast_ops).

`assert_broadcastable(weights, values)` checks that `weights` is a scalar or has the
rank of `values` with every dimension 1 or equal to the value's; statically when both
shapes are known (an error at build time, else a `NoOp`), otherwise with an `Assert`.
`broadcast_weights` multiplies by `ones_like(values)` when the shapes differ.
"""
from __future__ import annotations

from ..engine.framework import graph as _g
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.sets import set_operation as _set_operation
from . import array_ops, comparison_ops, control_flow_ops, logging_ops, math_ops

__all__ = ["assert_broadcastable", "broadcast_weights"]

_ERROR_PREFIX = "weights can not be broadcast to values."


def _has_valid_dims(weights_shape, values_shape):
    """TF's _has_valid_dims: no weight dimension outside {1, the value's}, by the set
    difference of the weight dims and the pairs (value dim, 1)."""
    with _g.name_scope(None, "has_invalid_dims", (weights_shape, values_shape)) as scope:
        values_shape_2d = array_ops.expand_dims(values_shape, -1)
        valid_dims = array_ops.concat((values_shape_2d, array_ops.ones_like(values_shape_2d)),
                                      axis=1)
        weights_shape_2d = array_ops.expand_dims(weights_shape, -1)
        _, invalid_values, _ = _set_operation("DenseToDenseSetOperation",
                                              [weights_shape_2d, valid_dims], "a-b")
        num_invalid_dims = array_ops.size(invalid_values, name="num_invalid_dims")
        return comparison_ops.equal(0, num_invalid_dims, name=scope)


def _has_valid_nonscalar_shape(weights_rank, weights_shape, values_rank, values_shape):
    """TF's: the ranks agree (a cond) and then the dims do."""
    with _g.name_scope(None, "has_valid_nonscalar_shape",
                       (weights_rank, weights_shape, values_rank, values_shape)) as scope:
        is_same_rank = comparison_ops.equal(values_rank, weights_rank, name="is_same_rank")
        return control_flow_ops.cond(
            is_same_rank, lambda: _has_valid_dims(weights_shape, values_shape),
            lambda: is_same_rank, name=scope)


def assert_broadcastable(weights, values):
    """An op that checks `weights` can be broadcast to `values` (raises ValueError when the
    static shapes already tell)."""
    with _g.name_scope(None, "assert_broadcastable", (weights, values)) as scope:
        with _g.name_scope(None, "weights", (weights,)) as weights_scope:
            weights = convert_to_tensor(weights, name=weights_scope)
            weights_shape = array_ops.shape(weights, name="shape")
            weights_rank = array_ops.rank(weights, name="rank")
        weights_rank_static = weights.shape.ndims
        with _g.name_scope(None, "values", (values,)) as values_scope:
            values = convert_to_tensor(values, name=values_scope)
            values_shape = array_ops.shape(values, name="shape")
            values_rank = array_ops.rank(values, name="rank")
        values_rank_static = values.shape.ndims

        if weights_rank_static is not None and values_rank_static is not None:
            if weights_rank_static == 0:
                return control_flow_ops.no_op(name="static_scalar_check_success")
            if weights_rank_static != values_rank_static:
                raise ValueError(
                    "%s values.rank=%s. weights.rank=%s. values.shape=%s. weights.shape=%s." % (
                        _ERROR_PREFIX, values_rank_static, weights_rank_static,
                        values.shape, weights.shape))
            if weights.shape.is_fully_defined() and values.shape.is_fully_defined():
                ws = weights.shape.as_list()
                vs = values.shape.as_list()
                for i in range(len(vs)):
                    if ws[i] not in (1, vs[i]):
                        raise ValueError(
                            "%s Mismatch at dim %s. values.shape=%s weights.shape=%s." % (
                                _ERROR_PREFIX, i, _np_repr(vs), _np_repr(ws)))
                return control_flow_ops.no_op(name="static_dims_check_success")

        is_scalar = comparison_ops.equal(0, weights_rank, name="is_scalar")
        data = (_ERROR_PREFIX, "weights.shape=", weights.name, weights_shape,
                "values.shape=", values.name, values_shape, "is_scalar=", is_scalar)
        is_valid_shape = control_flow_ops.cond(
            is_scalar, lambda: is_scalar,
            lambda: _has_valid_nonscalar_shape(weights_rank, weights_shape, values_rank,
                                               values_shape),
            name="is_valid_shape")
        return logging_ops.Assert(is_valid_shape, data, name=scope)


def _np_repr(dims):
    return "[" + " ".join(str(d) for d in dims) + "]"


def broadcast_weights(weights, values):
    """`weights` broadcast to the shape of `values` (checked by `assert_broadcastable`)."""
    with _g.name_scope(None, "broadcast_weights", (weights, values)) as scope:
        values = convert_to_tensor(values, name="values")
        weights = convert_to_tensor(weights, dtype=values.dtype.base_dtype, name="weights")
        if (weights.shape.is_fully_defined() and values.shape.is_fully_defined()
                and weights.shape.is_compatible_with(values.shape)):
            return weights
        with _g.control_dependencies((assert_broadcastable(weights, values),)):
            return math_ops.multiply(weights, array_ops.ones_like(values), name=scope)
