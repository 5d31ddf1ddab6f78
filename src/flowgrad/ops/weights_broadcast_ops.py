"""Weight broadcasting for losses and metrics (TF 1.14's weights_broadcast_ops).

`assert_broadcastable(weights, values)` checks that `weights` is a scalar or has the
rank of `values` with every dimension 1 or equal to the value's; statically when both
shapes are known (an error at build time, else a `NoOp`), otherwise with an `Assert`.
`broadcast_weights` multiplies by `ones_like(values)` when the shapes differ.
"""
from __future__ import annotations

from ..engine.framework import graph as _g
from ..engine.framework.constant_op import convert_to_tensor
from . import array_ops, comparison_ops, control_flow_ops, logging_ops, math_ops

__all__ = ["assert_broadcastable", "broadcast_weights"]

_ERROR_PREFIX = "weights can not be broadcast to values."


def _has_valid_dims(weights_shape, values_shape):
    """Every weight dimension is 1 or the value's (TF takes a set difference; same answer)."""
    with _g.name_scope(None, "has_invalid_dims", (weights_shape, values_shape)) as scope:
        ok = comparison_ops.logical_or(comparison_ops.equal(weights_shape, 1),
                                       comparison_ops.equal(weights_shape, values_shape))
        return math_ops.reduce_all(ok, name=scope)


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
        with _g.name_scope(None, "is_valid_shape", ()):
            same_rank = comparison_ops.equal(values_rank, weights_rank, name="is_same_rank")
            # shapes of different ranks are compared only where the ranks agree
            ws = array_ops.where(same_rank, weights_shape, array_ops.ones_like(weights_shape))
            vs = array_ops.where(same_rank, values_shape, array_ops.ones_like(values_shape))
            valid = comparison_ops.logical_or(
                is_scalar, comparison_ops.logical_and(
                    same_rank, _has_valid_dims(_resize_like(ws, vs), vs)))
        return logging_ops.Assert(valid, data, name=scope)


def _resize_like(a, b):
    """`a` padded or cut to the length of `b` (only compared where the ranks agree)."""
    n = array_ops.size(b)
    padded = array_ops.concat([a, array_ops.ones_like(b)], 0)
    return array_ops.slice(padded, [0], array_ops.reshape(n, [1]))


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
