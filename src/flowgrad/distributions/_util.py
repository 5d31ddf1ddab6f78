"""Helpers of TF 1.14's distributions/util.py and special_math.py that the distributions
here use: logits/probs conversion, static and dynamic batch-shape broadcasting, ndtr."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import broadcast_dims, convert_to_tensor
from ..engine.ops.image_boxes import gen_op
from ..ops import array_ops, math_ops, nn_ops


def identity(value, name):
    """array_ops.identity as TF's generated wrapper builds it: a Python value becomes a Const
    named '<name>/input' inside the op's scope."""
    return gen_op("Identity", [(value, "input")], {}, name)


def broadcast_static_shape(shape_x, shape_y):
    """The broadcast of two TensorShapes; ValueError when incompatible (TF's message)."""
    try:
        return TensorShape(broadcast_dims(shape_x.as_tuple(), shape_y.as_tuple()))
    except ValueError:
        raise ValueError("Incompatible shapes for broadcasting: %s and %s"
                         % (shape_x, shape_y)) from None


def broadcast_dynamic_shape(shape_x, shape_y):
    """tf.broadcast_dynamic_shape (op BroadcastArgs), where flowgrad has it."""
    try:
        from ..ops.array_ops_extra import broadcast_dynamic_shape as fn  # lazy: optional op
    except ImportError:
        raise NotImplementedError("this distribution method needs tf.broadcast_dynamic_shape "
                                  "(op BroadcastArgs), which this flowgrad lacks (Uniform.cdf, "
                                  "and batch_shape_tensor of a batch shape not known "
                                  "statically)") from None
    return fn(shape_x, shape_y)


def get_logits_and_probs(logits=None, probs=None, multidimensional=False,
                         validate_args=False, name="get_logits_and_probs", dtype=None):
    """(logits, probs) from either, with TF's ops and names."""
    with name_scope(name, values=[probs, logits]):
        if (probs is None) == (logits is None):
            raise ValueError("Must pass probs or logits, but not both.")
        if validate_args:
            raise NotImplementedError("validate_args=True for logits/probs distributions")
        if probs is None:
            logits = convert_to_tensor(logits, name="logits", dtype=dtype)
            if not logits.dtype.is_floating:
                raise TypeError("logits must having floating type.")
            if multidimensional:
                return logits, nn_ops.softmax(logits, name="probs")
            return logits, math_ops.sigmoid(logits, name="probs")
        probs = convert_to_tensor(probs, name="probs", dtype=dtype)
        if not probs.dtype.is_floating:
            raise TypeError("probs must having floating type.")
        with name_scope("logits"):
            if multidimensional:
                return math_ops.log(probs), probs
            return math_ops.log(probs) - math_ops.log1p(-1. * probs), probs


def ndtr(x, name="ndtr"):
    """The standard normal CDF, as TF's special_math.ndtr (erf / erfc branches)."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype not in (_dt.float32, _dt.float64):
            raise TypeError("x.dtype=%s is not handled, see docstring for supported types."
                            % x.dtype)
        return _ndtr(x)


def _ndtr(x):
    half_sqrt_2 = constant(0.5 * np.sqrt(2.), dtype=x.dtype, name="half_sqrt_2")
    w = x * half_sqrt_2
    z = math_ops.abs(w)
    y = array_ops.where(math_ops.less(z, half_sqrt_2), 1. + math_ops.erf(w),
                        array_ops.where(math_ops.greater(w, 0.), 2. - math_ops.erfc(z),
                                        math_ops.erfc(z)))
    return 0.5 * y


_LOG_NDTR_SEGMENTS = {_dt.float64: (np.array(-20, np.float64), np.array(8, np.float64)),
                      _dt.float32: (np.array(-10, np.float32), np.array(5, np.float32))}


def log_ndtr(x, series_order=3, name="log_ndtr"):
    """log of the standard normal CDF, as TF's special_math.log_ndtr: -ndtr(-x) above the
    upper segment, log(ndtr(x)) between, an asymptotic series below the lower segment."""
    if not isinstance(series_order, int):
        raise TypeError("series_order must be a Python integer.")
    if series_order < 0:
        raise ValueError("series_order must be non-negative.")
    if series_order > 30:
        raise ValueError("series_order must be <= 30.")
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        segments = _LOG_NDTR_SEGMENTS.get(x.dtype.base_dtype)
        if segments is None:
            raise TypeError("x.dtype=%s is not supported." % x.dtype)
        lower, upper = segments
        return array_ops.where(
            math_ops.greater(x, upper), -_ndtr(-x),
            array_ops.where(math_ops.greater(x, lower),
                            math_ops.log(_ndtr(math_ops.maximum(x, lower))),
                            _log_ndtr_lower(math_ops.minimum(x, lower), series_order)))


def _log_ndtr_lower(x, series_order):
    x_2 = math_ops.square(x)
    log_scale = -0.5 * x_2 - math_ops.log(-x) - 0.5 * np.log(2. * np.pi)
    return log_scale + math_ops.log(_log_ndtr_asymptotic_series(x, series_order))


def _log_ndtr_asymptotic_series(x, series_order):
    dtype = x.dtype.as_numpy_dtype
    if series_order <= 0:
        return np.array(1, dtype)
    x_2 = math_ops.square(x)
    even_sum = array_ops.zeros_like(x)
    odd_sum = array_ops.zeros_like(x)
    x_2n = x_2
    for n in range(1, series_order + 1):
        y = np.array(np.prod(np.arange(2 * n - 1, 1, -2)), dtype) / x_2n
        if n % 2:
            odd_sum += y
        else:
            even_sum += y
        x_2n *= x_2
    return 1. + even_sum - odd_sum


def log_cdf_laplace(x, name="log_cdf_laplace"):
    """log of the standard Laplace CDF, as TF's special_math.log_cdf_laplace."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        lower_solution = -np.log(2.) + x
        safe_exp_neg_x = math_ops.exp(-math_ops.abs(x))
        upper_solution = math_ops.log1p(-0.5 * safe_exp_neg_x)
        return array_ops.where(x < 0., lower_solution, upper_solution)
