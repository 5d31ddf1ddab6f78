"""Helpers of TF 1.14's distributions/util.py and special_math.py that the distributions
here use: logits/probs conversion, static and dynamic batch-shape broadcasting, ndtr."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.static_value import constant_value
from ..engine.ops._base import convert_to_tensor
from ..engine.ops.image_boxes import gen_op
from ..ops import array_ops, check_ops, math_ops, nn_ops
from ..ops.control_flow_ops import with_dependencies
from ._checks import embed_check_categorical_event_shape
from ..ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape  # noqa: F401


def pick_vector(cond, true_vector, false_vector, name="pick_vector"):
    """TF's distribution_util.pick_vector: `true_vector` if `cond` else `false_vector`,
    chosen when building if `cond` is known then, else by a slice of their concat."""
    values = [v for v in (cond, true_vector, false_vector) if isinstance(v, Tensor)]
    with name_scope(name, values=values):
        cond = convert_to_tensor(cond, name="cond")
        if cond.dtype != _dt.bool_:
            raise TypeError("%s.dtype=%s which is not %s" % (cond, cond.dtype, _dt.bool_))
        static = constant_value(cond)
        if static is not None:
            return true_vector if static else false_vector
        true_vector = convert_to_tensor(true_vector, name="true_vector")
        false_vector = convert_to_tensor(false_vector, name="false_vector")
        if true_vector.dtype != false_vector.dtype:
            raise TypeError("%s.dtype=%s does not match %s.dtype=%s"
                            % (true_vector, true_vector.dtype, false_vector,
                               false_vector.dtype))
        n = array_ops.shape(true_vector)[0]
        return array_ops.slice(array_ops.concat([true_vector, false_vector], 0),
                               [array_ops.where(cond, 0, n)], [array_ops.where(cond, n, -1)])


def identity(value, name):
    """array_ops.identity as TF's generated wrapper builds it: a Python value becomes a Const
    named '<name>/input' inside the op's scope."""
    return gen_op("Identity", [(value, "input")], {}, name)


def get_logits_and_probs(logits=None, probs=None, multidimensional=False,
                         validate_args=False, name="get_logits_and_probs", dtype=None):
    """(logits, probs) from either, with TF's ops and names."""
    with name_scope(name, values=[probs, logits]):
        if (probs is None) == (logits is None):
            raise ValueError("Must pass probs or logits, but not both.")
        if probs is None:
            logits = convert_to_tensor(logits, name="logits", dtype=dtype)
            if not logits.dtype.is_floating:
                raise TypeError("logits must having floating type.")
            if multidimensional:
                if validate_args:
                    logits = embed_check_categorical_event_shape(logits)
                return logits, nn_ops.softmax(logits, name="probs")
            return logits, math_ops.sigmoid(logits, name="probs")
        probs = convert_to_tensor(probs, name="probs", dtype=dtype)
        if not probs.dtype.is_floating:
            raise TypeError("probs must having floating type.")
        if validate_args:
            probs = _validate_probs(probs, multidimensional)
        with name_scope("logits"):
            if multidimensional:
                return math_ops.log(probs), probs
            return math_ops.log(probs) - math_ops.log1p(-1. * probs), probs


def _validate_probs(probs, multidimensional):
    with name_scope("validate_probs"):
        one = constant(1., probs.dtype)
        dependencies = [check_ops.assert_non_negative(probs)]
        if multidimensional:
            probs = embed_check_categorical_event_shape(probs)
            dependencies.append(check_ops.assert_near(
                math_ops.reduce_sum(probs, -1), one, message="probs does not sum to 1."))
        else:
            dependencies.append(check_ops.assert_less_equal(
                probs, one, message="probs has components greater than 1."))
        return with_dependencies(dependencies, probs)


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


# Cephes' ndtri rational approximations (coefficients lowest power first), the ones TF uses
_NDTRI_P0 = [-1.23916583867381258016E0, 1.39312609387279679503E1, -5.66762857469070293439E1,
             9.80010754185999661536E1, -5.99633501014107895267E1]
_NDTRI_Q0 = [-1.18331621121330003142E0, 1.59056225126211695515E1, -8.20372256168333339912E1,
             2.00260212380060660359E2, -2.25462687854119370527E2, 8.63602421390890590575E1,
             4.67627912898881538453E0, 1.95448858338141759834E0, 1.0]
_NDTRI_P1 = [-8.57456785154685413611E-4, -3.50424626827848203418E-2,
             -1.40256079171354495875E-1, 2.18663306850790267539E0, 1.46849561928858024014E1,
             4.40805073893200834700E1, 5.71628192246421288162E1, 3.15251094599893866154E1,
             4.05544892305962419923E0]
_NDTRI_Q1 = [-9.33259480895457427372E-4, -3.80806407691578277194E-2,
             -1.42182922854787788574E-1, 2.50464946208309415979E0, 1.50425385692907503408E1,
             4.13172038254672030440E1, 4.53907635128879210584E1, 1.57799883256466749731E1, 1.0]
_NDTRI_P2 = [6.23974539184983293730E-9, 2.65806974686737550832E-6, 3.01581553508235416007E-4,
             1.23716634817820021358E-2, 2.01485389549179081538E-1, 1.33303460815807542389E0,
             3.93881025292474443415E0, 6.91522889068984211695E0, 3.23774891776946035970E0]
_NDTRI_Q2 = [6.79019408009981274425E-9, 2.89247864745380683936E-6, 3.28014464682127739104E-4,
             1.34204006088543189037E-2, 2.16236993594496635890E-1, 1.37702099489081330271E0,
             3.67983563856160859403E0, 6.02427039364742014255E0, 1.0]


def _polynomial(var, coeffs):
    """c[0] + var * (c[1] + var * (...)), built as TF does: lowest power first, the
    innermost term a zeros_like."""
    coeffs = np.array(coeffs, var.dtype.as_numpy_dtype)
    if not coeffs.size:
        return array_ops.zeros_like(var)
    return coeffs[0] + _polynomial(var, coeffs[1:]) * var


def ndtri(p, name="ndtri"):
    """The inverse of the standard normal CDF, as TF's special_math.ndtri (Cephes)."""
    with name_scope(name, values=[p]):
        p = convert_to_tensor(p, name="p")
        if p.dtype.base_dtype not in (_dt.float32, _dt.float64):
            raise TypeError("p.dtype=%s is not handled, see docstring for supported types."
                            % p.dtype)
        return _ndtri(p)


def _ndtri(p):
    p0, q0, p1, q1, p2, q2 = _NDTRI_P0, _NDTRI_Q0, _NDTRI_P1, _NDTRI_Q1, _NDTRI_P2, _NDTRI_Q2
    maybe_complement_p = array_ops.where(p > -np.expm1(-2.), 1. - p, p)
    sanitized_mcp = array_ops.where(
        maybe_complement_p <= 0.,
        array_ops.fill(array_ops.shape(p), np.array(0.5, p.dtype.as_numpy_dtype)),
        maybe_complement_p)
    w = sanitized_mcp - 0.5
    ww = w ** 2
    x_for_big_p = w + w * ww * (_polynomial(ww, p0) / _polynomial(ww, q0))
    x_for_big_p *= -np.sqrt(2. * np.pi)
    z = math_ops.sqrt(-2. * math_ops.log(sanitized_mcp))
    first_term = z - math_ops.log(z) / z
    second_term_small_p = _polynomial(1. / z, p2) / _polynomial(1. / z, q2) / z
    second_term_otherwise = _polynomial(1. / z, p1) / _polynomial(1. / z, q1) / z
    x_for_small_p = first_term - second_term_small_p
    x_otherwise = first_term - second_term_otherwise
    x = array_ops.where(sanitized_mcp > np.exp(-2.), x_for_big_p,
                        array_ops.where(z >= 8.0, x_for_small_p, x_otherwise))
    x = array_ops.where(p > 1. - np.exp(-2.), x, -x)
    infinity_scalar = constant(np.inf, dtype=p.dtype)
    infinity = array_ops.fill(array_ops.shape(p), infinity_scalar)
    return array_ops.where(p <= 0.0, -infinity, array_ops.where(p >= 1.0, infinity, x))
