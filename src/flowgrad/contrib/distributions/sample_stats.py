"""tf.contrib.distributions.percentile and auto_correlation (TF 1.14's contrib
sample_stats.py): the q-th percentile of samples along static axes, read from a descending
top_k sort at a rounded, ceiled or floored rank; the auto-correlation along an axis through
the FFT of the zero-padded samples."""
from __future__ import annotations

import numpy as np

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...linear_operator.circulant import rotate_transpose
from ...ops import array_ops, check_ops, control_flow_ops, math_ops, nn_ops, spectral_ops
from ...ops.tensor_util import constant_value

__all__ = ["auto_correlation", "percentile"]

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


def _prefer_static(t):
    v = constant_value(t)
    return t if v is None else v


def _pad_back(x, axis, count):
    """TF's distribution_util.pad(x, axis, back=True, count=count): `count` zeros after x's
    `axis` (a static int), paddings one_hot([-1, axis]) over x's rank."""
    with name_scope(None, "pad", [x, 0, count]):
        x = convert_to_tensor(x, name="x")
        value = convert_to_tensor(0, dtype=x.dtype, name="value")
        count = convert_to_tensor(count, name="count")
        if not count.dtype.is_integer:
            raise TypeError("`count.dtype` (`{}`) must be `int`-like.".format(count.dtype.name))
        ndims = x.shape.ndims if x.shape.ndims is not None else array_ops.rank(x, name="ndims")
        axis_ = constant_value(convert_to_tensor(axis, name="axis"))
        axis = ndims + axis_ if axis_ < 0 else axis_
        final_shape = None
        if x.shape.ndims is not None:
            count_ = constant_value(count)
            dim = x.shape.as_list()[axis]
            middle = None if count_ is None or dim is None else dim + int(count_)
            final_shape = x.shape[:axis].concatenate([middle]).concatenate(x.shape[axis + 1:])
        paddings = array_ops.one_hot(indices=array_ops.stack([-1, axis]), depth=ndims, axis=0,
                                     on_value=count, dtype=_dt.int32)
        x = array_ops.pad(x, paddings=paddings, constant_values=value)
        if final_shape is not None:
            x.set_shape(final_shape)
        return x


def auto_correlation(x, axis=-1, max_lags=None, center=True, normalize=True,
                     name="auto_correlation"):
    """The auto-correlation of `x` along `axis` (static) at lags 0..max_lags (default: all),
    through the FFT of x zero-padded to a power of two >= 2 * len: sum_n x[n] x[n + k]
    / (len - k), centered on the mean first with `center`, divided by lag 0's with
    `normalize`.

    Raises:
      TypeError: x neither floating nor complex.
    """
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        rank = _prefer_static(array_ops.rank(x))
        if axis < 0:
            axis = rank + axis
        shift = rank - 1 - axis
        x_rotated = rotate_transpose(x, shift)   # axis last
        if center:
            x_rotated -= math_ops.reduce_mean(x_rotated, axis=-1, keepdims=True)
        x_len = _prefer_static(array_ops.shape(x_rotated))[-1]
        x_len_float64 = math_ops.cast(x_len, np.float64)
        target_length = math_ops.pow(np.float64(2.), math_ops.ceil(
            math_ops.log(x_len_float64 * 2) / np.log(2.)))
        pad_length = math_ops.cast(target_length - x_len_float64, np.int32)
        x_rotated_pad = _pad_back(x_rotated, -1, pad_length)
        dtype = x.dtype
        if not dtype.is_complex:
            if not dtype.is_floating:
                raise TypeError("Argument x must have either float or complex dtype"
                                " found: {}".format(dtype))
            x_rotated_pad = math_ops.complex(x_rotated_pad,
                                             dtype.real_dtype.as_numpy_dtype(0.))
        fft_x = spectral_ops.fft(x_rotated_pad)
        spectral_density = fft_x * math_ops.conj(fft_x)
        shifted_product = math_ops.cast(spectral_ops.ifft(spectral_density), dtype)
        know_static_shape = x_rotated.shape.is_fully_defined()
        if max_lags is None:
            max_lags = x_len - 1
        else:
            max_lags = convert_to_tensor(max_lags, name="max_lags")
            max_lags_ = constant_value(max_lags)
            if max_lags_ is None or not know_static_shape:
                know_static_shape = False
                max_lags = math_ops.minimum(x_len - 1, max_lags)
            else:
                max_lags = min(x_len - 1, max_lags_)
        chopped = shifted_product[..., :max_lags + 1]
        if know_static_shape:
            chopped_shape = x_rotated.shape.as_list()
            chopped_shape[-1] = min(x_len, max_lags + 1)
            chopped.set_shape(chopped_shape)
        x_len = math_ops.cast(x_len, dtype.real_dtype)
        max_lags = math_ops.cast(max_lags, dtype.real_dtype)
        denominator = math_ops.cast(x_len - array_ops.range(0., max_lags + 1.), dtype)
        result = chopped / denominator
        if normalize:
            result /= result[..., :1]
        return rotate_transpose(result, -shift)
