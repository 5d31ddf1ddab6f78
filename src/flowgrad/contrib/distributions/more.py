"""tf.contrib.distributions' Cauchy, HalfNormal, Chi2 and Chi2WithAbsDf (TF 1.14): TF's ops,
names and random ops, so seeded samples are TF's numbers."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution
from ...distributions._checks import assert_integer_form, embed_check_nonnegative_integer_form
from ...distributions._util import (broadcast_dynamic_shape, broadcast_static_shape,
                                    get_logits_and_probs, identity, ndtri)
from ...distributions.continuous import Gamma
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...ops import (array_ops, check_ops, comparison_ops, control_flow_ops, math_ops, nn_ops,
                   random_ops)
from ...ops.math_extras import betainc, igammac
from .mixture_general import gen_new_seed
from .scalar import _ScalarEvent

__all__ = ["Cauchy", "HalfNormal", "Chi2", "Chi2WithAbsDf", "InverseGamma",
           "InverseGammaWithSoftplusConcentrationRate", "NegativeBinomial", "Binomial"]


class Cauchy(_ScalarEvent, distribution.Distribution):
    """The Cauchy distribution with location loc and scale scale."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True, name="Cauchy"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (loc, scale) if hasattr(v, "graph")]) \
                as name:
            with control_dependencies([check_ops.assert_positive(scale)]
                                      if validate_args else []):
                self._loc = identity(loc, name="loc")
                self._scale = identity(scale, name="scale")
                check_ops.assert_same_float_dtype([self._loc, self._scale])
        super().__init__(dtype=self._scale.dtype,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._loc, self._scale],
                         name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(("loc", "scale"),
                        [convert_to_tensor(sample_shape, dtype=_dt.int32)] * 2))

    @property
    def loc(self):
        return self._loc

    @property
    def scale(self):
        return self._scale

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.loc), array_ops.shape(self.scale))

    def _batch_shape(self):
        return broadcast_static_shape(self.loc.shape, self.scale.shape)

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        probs = random_ops.random_uniform(shape=shape, minval=0., maxval=1., dtype=self.dtype,
                                          seed=seed)
        return self._quantile(probs)

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _cdf(self, x):
        return math_ops.atan(self._z(x)) / np.pi + 0.5

    def _log_cdf(self, x):
        return math_ops.log1p(2 / np.pi * math_ops.atan(self._z(x))) - np.log(2)

    def _log_unnormalized_prob(self, x):
        return -math_ops.log1p(math_ops.square(self._z(x)))

    def _log_normalization(self):
        return np.log(np.pi) + math_ops.log(self.scale)

    def _entropy(self):
        h = np.log(4 * np.pi) + math_ops.log(self.scale)
        return h * array_ops.ones_like(self.loc)

    def _quantile(self, p):
        return self.loc + self.scale * math_ops.tan(np.pi * (p - 0.5))

    def _mode(self):
        return self.loc * array_ops.ones_like(self.scale)

    def _z(self, x):
        with name_scope("standardize", values=[x]):
            return (x - self.loc) / self.scale

    def _undefined(self, what):
        if self.allow_nan_stats:
            return array_ops.fill(self.batch_shape_tensor(), self.dtype.as_numpy_dtype(np.nan))
        raise ValueError("`%s` is undefined for Cauchy distribution." % what)

    def _mean(self):
        return self._undefined("mean")

    def _stddev(self):
        return self._undefined("stddev")


def _erfinv(x, name="erfinv"):
    """TF's special_math.erfinv: ndtri((x + 1) / 2) / sqrt(2)."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        if x.dtype.as_numpy_dtype not in [np.float32, np.float64]:
            raise TypeError("x.dtype=%s is not handled, see docstring for supported types."
                            % x.dtype)
        return ndtri((x + 1.0) / 2.0) / np.sqrt(2)


class HalfNormal(_ScalarEvent, distribution.Distribution):
    """|X| for X ~ Normal(0, scale)."""

    def __init__(self, scale, validate_args=False, allow_nan_stats=True, name="HalfNormal"):
        parameters = dict(locals())
        with name_scope(name, values=[scale] if hasattr(scale, "graph") else []) as name:
            with control_dependencies([check_ops.assert_positive(scale)]
                                      if validate_args else []):
                self._scale = identity(scale, name="scale")
        super().__init__(dtype=self._scale.dtype,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._scale], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return {"scale": convert_to_tensor(sample_shape, dtype=_dt.int32)}

    @property
    def scale(self):
        return self._scale

    def _batch_shape_tensor(self):
        return array_ops.shape(self.scale)

    def _batch_shape(self):
        return self.scale.shape

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        sampled = random_ops.random_normal(shape=shape, mean=0., stddev=1., dtype=self.dtype,
                                           seed=seed)
        return math_ops.abs(sampled * self.scale)

    def _prob(self, x):
        coeff = np.sqrt(2) / self.scale / np.sqrt(np.pi)
        pdf = coeff * math_ops.exp(- 0.5 * (x / self.scale) ** 2)
        return pdf * math_ops.cast(x >= 0, self.dtype)

    def _cdf(self, x):
        truncated_x = nn_ops.relu(x)
        return math_ops.erf(truncated_x / self.scale / np.sqrt(2.0))

    def _entropy(self):
        return 0.5 * math_ops.log(np.pi * self.scale ** 2.0 / 2.0) + 0.5

    def _mean(self):
        return self.scale * np.sqrt(2.0) / np.sqrt(np.pi)

    def _quantile(self, p):
        return np.sqrt(2.0) * self.scale * _erfinv(p)

    def _mode(self):
        return array_ops.zeros(self.batch_shape_tensor())

    def _variance(self):
        return self.scale ** 2.0 * (1.0 - 2.0 / np.pi)


class Chi2(Gamma):
    """Gamma(df / 2, 1 / 2)."""

    def __init__(self, df, validate_args=False, allow_nan_stats=True, name="Chi2"):
        parameters = dict(locals())
        with name_scope(name, values=[df] if hasattr(df, "graph") else []) as name:
            with control_dependencies([check_ops.assert_positive(df)]
                                      if validate_args else []):
                self._df = identity(df, name="df")
            super().__init__(concentration=0.5 * self._df,
                             rate=constant(0.5, dtype=self._df.dtype),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters

    @staticmethod
    def _param_shapes(sample_shape):
        return {"df": convert_to_tensor(sample_shape, dtype=_dt.int32)}

    @property
    def df(self):
        return self._df


class Chi2WithAbsDf(Chi2):
    """Chi2(floor(|df|))."""

    def __init__(self, df, validate_args=False, allow_nan_stats=True, name="Chi2WithAbsDf"):
        parameters = dict(locals())
        with name_scope(name, values=[df] if hasattr(df, "graph") else []) as name:
            super().__init__(df=math_ops.floor(math_ops.abs(df, name="abs_df"),
                                               name="floor_abs_df"),
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             name=name)
        self._parameters = parameters


class InverseGamma(_ScalarEvent, distribution.Distribution):
    """1 / X for X ~ Gamma(concentration, rate)."""

    def __init__(self, concentration, rate, validate_args=False, allow_nan_stats=True,
                 name="InverseGamma"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (concentration, rate)
                                      if hasattr(v, "graph")]) as name:
            with control_dependencies([check_ops.assert_positive(concentration),
                                       check_ops.assert_positive(rate)]
                                      if validate_args else []):
                self._concentration = identity(concentration, name="concentration")
                self._rate = identity(rate, name="rate")
                check_ops.assert_same_float_dtype([self._concentration, self._rate])
        super().__init__(dtype=self._concentration.dtype, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         parameters=parameters,
                         graph_parents=[self._concentration, self._rate], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(("concentration", "rate"),
                        [convert_to_tensor(sample_shape, dtype=_dt.int32)] * 2))

    @property
    def concentration(self):
        return self._concentration

    @property
    def rate(self):
        return self._rate

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.concentration),
                                       array_ops.shape(self.rate))

    def _batch_shape(self):
        return broadcast_static_shape(self.concentration.get_shape(), self.rate.get_shape())

    def _sample_n(self, n, seed=None):
        return 1. / random_ops.random_gamma(shape=[n], alpha=self.concentration,
                                            beta=self.rate, dtype=self.dtype, seed=seed)

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _cdf(self, x):
        x = self._maybe_assert_valid_sample(x)
        return igammac(self.concentration, self.rate / x)

    def _maybe_assert_valid_sample(self, x):
        check_ops.assert_same_float_dtype(tensors=[x], dtype=self.dtype)
        if not self.validate_args:
            return x
        return control_flow_ops.with_dependencies([check_ops.assert_positive(x)], x)

    def _log_unnormalized_prob(self, x):
        x = self._maybe_assert_valid_sample(x)
        return -(1. + self.concentration) * math_ops.log(x) - self.rate / x

    def _log_normalization(self):
        return math_ops.lgamma(self.concentration) - self.concentration * math_ops.log(self.rate)

    def _entropy(self):
        return (self.concentration + math_ops.log(self.rate)
                + math_ops.lgamma(self.concentration)
                - (1. + self.concentration) * math_ops.digamma(self.concentration))

    def _nan_where(self, value, threshold, bound, message):
        """TF's NaN where concentration <= threshold; with allow_nan_stats=False, an
        assert_less(bound, concentration) dependency instead."""
        if not self.allow_nan_stats:
            return control_flow_ops.with_dependencies([check_ops.assert_less(
                bound(), self.concentration, message=message)], value)
        nan = array_ops.fill(self.batch_shape_tensor(),
                             np.array(np.nan, dtype=self.dtype.as_numpy_dtype()), name="nan")
        return array_ops.where(self.concentration > threshold, value, nan)

    def _mean(self):
        mean = self.rate / (self.concentration - 1.)
        return self._nan_where(mean, 1., lambda: array_ops.ones([], self.dtype),
                               "mean undefined when any concentration <= 1")

    def _variance(self):
        var = (math_ops.square(self.rate)
               / math_ops.squared_difference(self.concentration, 1.)
               / (self.concentration - 2.))
        return self._nan_where(var, 2., lambda: constant(2., dtype=self.dtype),
                               "variance undefined when any concentration <= 2")

    def _mode(self):
        return self.rate / (1. + self.concentration)


class InverseGammaWithSoftplusConcentrationRate(InverseGamma):
    """InverseGamma(softplus(concentration), softplus(rate))."""

    def __init__(self, concentration, rate, validate_args=False, allow_nan_stats=True,
                 name="InverseGammaWithSoftplusConcentrationRate"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (concentration, rate)
                                      if hasattr(v, "graph")]) as name:
            super().__init__(
                concentration=nn_ops.softplus(concentration, name="softplus_concentration"),
                rate=nn_ops.softplus(rate, name="softplus_rate"),
                validate_args=validate_args, allow_nan_stats=allow_nan_stats, name=name)
        self._parameters = parameters


class NegativeBinomial(_ScalarEvent, distribution.Distribution):
    """The number of successes before total_count failures of Bernoulli(probs) trials."""

    def __init__(self, total_count, logits=None, probs=None, validate_args=False,
                 allow_nan_stats=True, name="NegativeBinomial"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (total_count, logits, probs)
                                      if hasattr(v, "graph")]) as name:
            self._logits, self._probs = get_logits_and_probs(
                logits, probs, validate_args=validate_args, name=name)
            with control_dependencies([check_ops.assert_positive(total_count)]
                                      if validate_args else []):
                self._total_count = identity(total_count, name="Identity")
        super().__init__(dtype=self._probs.dtype,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters,
                         graph_parents=[self._total_count, self._probs, self._logits],
                         name=name)

    @property
    def total_count(self):
        return self._total_count

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.total_count),
                                       array_ops.shape(self.probs))

    def _batch_shape(self):
        return broadcast_static_shape(self.total_count.get_shape(), self.probs.get_shape())

    def _sample_n(self, n, seed=None):
        rate = random_ops.random_gamma(shape=[n], alpha=self.total_count,
                                       beta=math_ops.exp(-self.logits), dtype=self.dtype,
                                       seed=seed)
        return random_ops.random_poisson(rate, shape=[], dtype=self.dtype,
                                         seed=gen_new_seed(seed, "negative_binom"))

    def _maybe_check_x(self, x):
        if self.validate_args:
            return embed_check_nonnegative_integer_form(x)
        return x

    def _cdf(self, x):
        x = self._maybe_check_x(x)
        return betainc(self.total_count, 1. + x, math_ops.sigmoid(-self.logits))

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization(x)

    def _log_unnormalized_prob(self, x):
        x = self._maybe_check_x(x)
        return (self.total_count * math_ops.log_sigmoid(-self.logits)
                + x * math_ops.log_sigmoid(self.logits))

    def _log_normalization(self, x):
        x = self._maybe_check_x(x)
        return (-math_ops.lgamma(self.total_count + x) + math_ops.lgamma(1. + x)
                + math_ops.lgamma(self.total_count))

    def _mean(self):
        return self.total_count * math_ops.exp(self.logits)

    def _mode(self):
        adjusted_count = array_ops.where(1. < self.total_count, self.total_count - 1.,
                                         array_ops.zeros_like(self.total_count))
        return math_ops.floor(adjusted_count * math_ops.exp(self.logits))

    def _variance(self):
        return self._mean() / math_ops.sigmoid(-self.logits)


def _bdtr(k, n, p):
    """The binomial CDF P(X <= k) through the regularized incomplete beta."""
    ones = array_ops.ones_like(n - k)
    k_eq_n = comparison_ops.equal(k, n)
    safe_dn = array_ops.where(k_eq_n, ones, n - k)
    dk = betainc(a=safe_dn, b=k + 1, x=1 - p)
    return array_ops.where(k_eq_n, ones, dk)


class Binomial(_ScalarEvent, distribution.Distribution):
    """The number of successes in total_count Bernoulli(probs) trials (no sampling, as in
    TF 1.14)."""

    def __init__(self, total_count, logits=None, probs=None, validate_args=False,
                 allow_nan_stats=True, name="Binomial"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (total_count, logits, probs)
                                      if hasattr(v, "graph")]) as name:
            self._total_count = self._maybe_assert_valid_total_count(
                convert_to_tensor(total_count, name="total_count"), validate_args)
            self._logits, self._probs = get_logits_and_probs(
                logits=logits, probs=probs, validate_args=validate_args, name=name)
        super().__init__(dtype=self._probs.dtype,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters,
                         graph_parents=[self._total_count, self._logits, self._probs],
                         name=name)

    @property
    def total_count(self):
        return self._total_count

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.total_count),
                                       array_ops.shape(self.probs))

    def _batch_shape(self):
        return broadcast_static_shape(self.total_count.get_shape(), self.probs.get_shape())

    def _log_prob(self, counts):
        return self._log_unnormalized_prob(counts) - self._log_normalization(counts)

    def _prob(self, counts):
        return math_ops.exp(self._log_prob(counts))

    @staticmethod
    def _maybe_assert_valid_total_count(total_count, validate_args):
        if not validate_args:
            return total_count
        return control_flow_ops.with_dependencies([
            check_ops.assert_non_negative(total_count,
                                          message="total_count must be non-negative."),
            assert_integer_form(total_count,
                                message="total_count cannot contain fractional components.")],
            total_count)

    def _maybe_assert_valid_sample(self, counts):
        if not self.validate_args:
            return counts
        counts = embed_check_nonnegative_integer_form(counts)
        return control_flow_ops.with_dependencies([check_ops.assert_less_equal(
            counts, self.total_count, message="counts are not less than or equal to n.")],
            counts)

    def _cdf(self, counts):
        counts = self._maybe_assert_valid_sample(counts)
        probs = self.probs
        if not (counts.shape.is_fully_defined() and self.probs.shape.is_fully_defined()
                and counts.shape.is_compatible_with(self.probs.shape)):
            probs += array_ops.zeros_like(counts)
            counts += array_ops.zeros_like(self.probs)
        return _bdtr(k=counts, n=self.total_count, p=probs)

    def _log_unnormalized_prob(self, counts):
        counts = self._maybe_assert_valid_sample(counts)
        return (counts * math_ops.log(self.probs)
                + (self.total_count - counts) * math_ops.log1p(-self.probs))

    def _log_normalization(self, counts):
        counts = self._maybe_assert_valid_sample(counts)
        return (math_ops.lgamma(1. + self.total_count - counts) + math_ops.lgamma(1. + counts)
                - math_ops.lgamma(1. + self.total_count))

    def _mean(self):
        return self.total_count * self.probs

    def _variance(self):
        return self._mean() * (1. - self.probs)

    def _mode(self):
        return math_ops.floor((1. + self.total_count) * self.probs)
