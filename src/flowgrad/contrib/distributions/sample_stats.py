"""tf.contrib.distributions.percentile (TF 1.14's contrib sample_stats.py): the q-th
percentile of samples along static axes, read from a descending top_k sort at a rounded,
ceiled or floored rank."""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, check_ops, control_flow_ops, math_ops, nn_ops
from ...ops.tensor_util import constant_value

__all__ = ["percentile"]

_ROUNDINGS = {"lower": math_ops.ceil, "higher": math_ops.floor, "nearest": math_ops.round}


def _static_ndims(x, expect_static=False, expect_ndims=None, expect_ndims_no_more_than=None,
                  expect_ndims_at_least=None):
    """x's rank known at build time (through its shape's constant value too), checked as
    TF's sample_stats checks it; None when unknown and not `expect_static`."""
    ndims = x.shape.ndims
    if ndims is None:
        shape_const = constant_value(array_ops.shape(x))
        if shape_const is not None:
            ndims = shape_const.ndim
    if ndims is None:
        if expect_static:
            # (TF's message has no %s for x: formatting it raises TypeError)
            raise TypeError("not all arguments converted during string formatting")
        return None
    if expect_ndims is not None and ndims != expect_ndims:
        raise ValueError("Expected argument 'x' to have ndims %s.  Found tensor %s"
                         % (expect_ndims, x))
    if expect_ndims_at_least is not None and ndims < expect_ndims_at_least:
        raise ValueError("Expected argument 'x' to have ndims >= %d.  Found tensor %s"
                         % (expect_ndims_at_least, x))
    if expect_ndims_no_more_than is not None and ndims > expect_ndims_no_more_than:
        raise ValueError("Expected argument 'x' to have ndims <= %d.  Found tensor %s"
                         % (expect_ndims_no_more_than, x))
    return ndims


def _non_negative_axis(axis, ndims):
    out = []
    for d in axis:
        if d >= 0:
            if d >= ndims:
                raise ValueError("dim %d not in the interval [0, %d]." % (d, ndims - 1))
            out.append(d)
        else:
            if d < -1 * ndims:
                raise ValueError("Negatively indexed dim %d not in the interval [-%d, -1]"
                                 % (d, ndims))
            out.append(ndims + d)
    return out


def _flatten_axes_to_end(x, axis, x_ndims):
    """x with the `axis` dims moved last and merged into one."""
    front_dims = sorted(set(range(x_ndims)).difference(axis))
    x_permed = array_ops.transpose(x, perm=front_dims + list(axis))
    if x.shape.is_fully_defined():
        dims = x.shape.as_list()
        full_shape = [dims[i] for i in front_dims] + [np.prod([dims[i] for i in axis])]
    else:
        front_shape = array_ops.shape(x_permed)[:x_ndims - len(axis)]
        full_shape = array_ops.concat([front_shape, [-1]], axis=0)
    return array_ops.reshape(x_permed, shape=full_shape)


def percentile(x, q, axis=None, interpolation=None, keep_dims=False, validate_args=False,
               name=None):
    """The q-th percentile (0 <= q <= 100) of `x` over `axis` (static ints; None: all
    dims), taking the sample at rank (n - 1) * (1 - q / 100) of the descending sort,
    rounded ("nearest", the default), ceiled ("lower") or floored ("higher").

    Raises:
      ValueError: another interpolation, q not a scalar, axis not static or of rank > 1,
        an axis out of range.
    """
    name = name or "percentile"
    allowed = {"lower", "higher", "nearest"}
    if interpolation is None:
        interpolation = "nearest"
    elif interpolation not in allowed:
        raise ValueError("Argument 'interpolation' must be in %s.  Found %s"
                         % (allowed, interpolation))
    with name_scope(name, values=[x, q]):
        x = convert_to_tensor(x, name="x")
        q = math_ops.cast(q, _dt.float64, name="q")
        _static_ndims(q, expect_ndims=0)
        if validate_args:
            q = control_flow_ops.with_dependencies([
                check_ops.assert_rank(q, 0),
                check_ops.assert_greater_equal(q, math_ops.cast(0., _dt.float64)),
                check_ops.assert_less_equal(q, math_ops.cast(100., _dt.float64))], q)
        if axis is None:
            y = array_ops.reshape(x, [-1])
        else:
            axis = convert_to_tensor(axis, name="axis")
            check_ops.assert_integer(axis)
            axis_ndims = _static_ndims(axis, expect_static=True, expect_ndims_no_more_than=1)
            axis_const = constant_value(axis)
            if axis_const is None:
                raise ValueError("Expected argument 'axis' to be statically available.  "
                                 "Found: %s" % axis)
            axis = [axis_const] if axis_ndims == 0 else axis_const
            axis = [int(a) for a in axis]
            x_ndims = _static_ndims(x, expect_static=True, expect_ndims_at_least=1)
            axis = _non_negative_axis(axis, x_ndims)
            y = _flatten_axes_to_end(x, axis, x_ndims)
        frac_at_q_or_above = 1. - q / 100.
        d = math_ops.cast(array_ops.shape(y)[-1], _dt.float64)
        index = _ROUNDINGS[interpolation]((d - 1) * frac_at_q_or_above)
        d = array_ops.shape(y)[-1]
        index = math_ops.clip_by_value(math_ops.cast(index, _dt.int32), 0, d - 1)
        sorted_y, _ = nn_ops.top_k(y, k=array_ops.shape(y)[-1])
        result = sorted_y[..., index]
        result.set_shape(y.shape[:-1])
        if keep_dims:
            if axis is None:
                ndims = _static_ndims(x)
                ones_vec = array_ops.ones(shape=[ndims if ndims is not None
                                                 else array_ops.rank(x)], dtype=_dt.int32)
                result *= array_ops.ones(ones_vec, dtype=x.dtype)
            else:
                for i in sorted(axis):
                    result = array_ops.expand_dims(result, axis=i)
        return result
