"""TF 1.14's Normal, Uniform, Laplace, Gamma and Exponential distributions: the same ops,
names and random ops (so seeded samples are TF's numbers), the same formulas."""
from __future__ import annotations

import math

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import convert_to_tensor
from ..ops import array_ops, check_ops, math_extras, math_ops, random_ops
from ..ops.comparison_ops import logical_or
from . import distribution, kullback_leibler
from ._util import (broadcast_dynamic_shape, broadcast_static_shape, identity,
                    log_cdf_laplace, log_ndtr, ndtr, ndtri)

__all__ = ["Normal", "Uniform", "Laplace", "Gamma", "Exponential"]


def _checked(checks):
    return get_default_graph().control_dependencies(checks)


def _param_shapes(names, sample_shape):
    return dict(zip(names, [convert_to_tensor(sample_shape, dtype=_dt.int32)] * len(names)))


class _LocScale(distribution.Distribution):
    """Shared by Normal and Laplace: two identities loc, scale and their broadcast shape."""

    def __init__(self, loc, scale, validate_args, allow_nan_stats, name, parameters,
                 super_inside):
        with name_scope(name, values=[loc, scale]) as name:
            with _checked([check_ops.assert_positive(scale)] if validate_args else []):
                self._loc = identity(loc, name="loc")
                self._scale = identity(scale, name="scale")
                check_ops.assert_same_float_dtype([self._loc, self._scale])
            if super_inside:   # Laplace calls the base class inside its scope
                self._init_base(validate_args, allow_nan_stats, parameters, name)
        if not super_inside:
            self._init_base(validate_args, allow_nan_stats, parameters, name)

    def _init_base(self, validate_args, allow_nan_stats, parameters, name):
        distribution.Distribution.__init__(
            self, dtype=self._scale.dtype if isinstance(self, Normal) else self._loc.dtype,
            reparameterization_type=distribution.FULLY_REPARAMETERIZED,
            validate_args=validate_args, allow_nan_stats=allow_nan_stats,
            parameters=parameters, graph_parents=[self._loc, self._scale], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return _param_shapes(("loc", "scale"), sample_shape)

    @property
    def loc(self):
        """The location parameter."""
        return self._loc

    @property
    def scale(self):
        """The scale parameter."""
        return self._scale

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.loc), array_ops.shape(self.scale))

    def _batch_shape(self):
        return broadcast_static_shape(self.loc.shape, self.scale.shape)

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])


class Normal(_LocScale):
    """The normal distribution N(loc, scale**2) (TF 1.14's tf.distributions.Normal)."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True, name="Normal"):
        parameters = dict(locals())
        _LocScale.__init__(self, loc, scale, validate_args, allow_nan_stats, name, parameters,
                           super_inside=False)

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        sampled = random_ops.random_normal(shape=shape, mean=0., stddev=1.,
                                           dtype=self.loc.dtype, seed=seed)
        return sampled * self.scale + self.loc

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _log_cdf(self, x):
        return log_ndtr(self._z(x))

    def _log_survival_function(self, x):
        return log_ndtr(-self._z(x))

    def _quantile(self, p):
        return self._inv_z(ndtri(p))

    def _inv_z(self, z):
        with name_scope("reconstruct", values=[z]):
            return z * self.scale + self.loc

    def _cdf(self, x):
        return ndtr(self._z(x))

    def _survival_function(self, x):
        return ndtr(-self._z(x))

    def _log_unnormalized_prob(self, x):
        return -0.5 * math_ops.square(self._z(x))

    def _log_normalization(self):
        return 0.5 * math.log(2. * math.pi) + math_ops.log(self.scale)

    def _entropy(self):
        scale = self.scale * array_ops.ones_like(self.loc)
        return 0.5 * math.log(2. * math.pi * math.e) + math_ops.log(scale)

    def _mean(self):
        return self.loc * array_ops.ones_like(self.scale)

    def _stddev(self):
        return self.scale * array_ops.ones_like(self.loc)

    def _mode(self):
        return self._mean()

    def _z(self, x):
        with name_scope("standardize", values=[x]):
            return (x - self.loc) / self.scale


@kullback_leibler.RegisterKL(Normal, Normal)
def _kl_normal_normal(n_a, n_b, name=None):
    with name_scope(name, "kl_normal_normal", [n_a.loc, n_b.loc]):
        one = constant(1, dtype=n_a.dtype)
        two = constant(2, dtype=n_a.dtype)
        half = constant(0.5, dtype=n_a.dtype)
        s_a_squared = math_ops.square(n_a.scale)
        s_b_squared = math_ops.square(n_b.scale)
        ratio = s_a_squared / s_b_squared
        return (math_ops.squared_difference(n_a.loc, n_b.loc) / (two * s_b_squared) +
                half * (ratio - one - math_ops.log(ratio)))


class Laplace(_LocScale):
    """The Laplace distribution: density exp(-|x - loc| / scale) / (2 scale)."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="Laplace"):
        parameters = dict(locals())
        _LocScale.__init__(self, loc, scale, validate_args, allow_nan_stats, name, parameters,
                           super_inside=True)

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        npdt = self.dtype.as_numpy_dtype
        uniform = random_ops.random_uniform(shape=shape,
                                            minval=np.nextafter(npdt(-1.), npdt(0.)),
                                            maxval=1., dtype=self.dtype, seed=seed)
        return (self.loc - self.scale * math_ops.sign(uniform) *
                math_ops.log1p(-math_ops.abs(uniform)))

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _prob(self, x):
        return math_ops.exp(self._log_prob(x))

    def _log_cdf(self, x):
        return log_cdf_laplace(self._z(x))

    def _log_survival_function(self, x):
        return log_cdf_laplace(-self._z(x))

    def _cdf(self, x):
        z = self._z(x)
        return 0.5 + 0.5 * math_ops.sign(z) * (1. - math_ops.exp(-math_ops.abs(z)))

    def _log_unnormalized_prob(self, x):
        return -math_ops.abs(self._z(x))

    def _log_normalization(self):
        return math.log(2.) + math_ops.log(self.scale)

    def _entropy(self):
        scale = self.scale + array_ops.zeros_like(self.loc)
        return math.log(2.) + 1. + math_ops.log(scale)

    def _mean(self):
        return self.loc + array_ops.zeros_like(self.scale)

    def _stddev(self):
        return math.sqrt(2.) * self.scale + array_ops.zeros_like(self.loc)

    def _mode(self):
        return self._mean()

    def _z(self, x):
        return (x - self.loc) / self.scale


class Uniform(distribution.Distribution):
    """The uniform distribution on [low, high)."""

    def __init__(self, low=0., high=1., validate_args=False, allow_nan_stats=True,
                 name="Uniform"):
        parameters = dict(locals())
        with name_scope(name, values=[low, high]) as name:
            with _checked([check_ops.assert_less(
                    low, high, message="uniform not defined when low >= high.")]
                    if validate_args else []):
                self._low = identity(low, name="low")
                self._high = identity(high, name="high")
                check_ops.assert_same_float_dtype([self._low, self._high])
        super().__init__(dtype=self._low.dtype,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._low, self._high],
                         name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return _param_shapes(("low", "high"), sample_shape)

    @property
    def low(self):
        """Lower boundary."""
        return self._low

    @property
    def high(self):
        """Upper boundary."""
        return self._high

    def range(self, name="range"):
        """high - low."""
        with self._name_scope(name):
            return self.high - self.low

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.low), array_ops.shape(self.high))

    def _batch_shape(self):
        return broadcast_static_shape(self.low.shape, self.high.shape)

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        samples = random_ops.random_uniform(shape=shape, dtype=self.dtype, seed=seed)
        return self.low + self.range() * samples

    def _prob(self, x):
        broadcasted_x = x * array_ops.ones(self.batch_shape_tensor(), dtype=x.dtype)
        return array_ops.where(
            math_ops.is_nan(broadcasted_x), broadcasted_x,
            array_ops.where(logical_or(broadcasted_x < self.low, broadcasted_x >= self.high),
                            array_ops.zeros_like(broadcasted_x),
                            array_ops.ones_like(broadcasted_x) / self.range()))

    def _cdf(self, x):
        broadcast_shape = broadcast_dynamic_shape(array_ops.shape(x), self.batch_shape_tensor())
        zeros = array_ops.zeros(broadcast_shape, dtype=self.dtype)
        ones = array_ops.ones(broadcast_shape, dtype=self.dtype)
        broadcasted_x = x * ones
        result_if_not_big = array_ops.where(x < self.low, zeros,
                                            (broadcasted_x - self.low) / self.range())
        return array_ops.where(x >= self.high, ones, result_if_not_big)

    def _entropy(self):
        return math_ops.log(self.range())

    def _mean(self):
        return (self.low + self.high) / 2.

    def _variance(self):
        return math_ops.square(self.range()) / 12.

    def _stddev(self):
        return self.range() / math.sqrt(12.)


class Gamma(distribution.Distribution):
    """The Gamma distribution with concentration (shape) and rate (inverse scale); samples
    from TF's RandomGamma stream; cdf is TF's Igamma."""

    def __init__(self, concentration, rate, validate_args=False, allow_nan_stats=True,
                 name="Gamma"):
        parameters = dict(locals())
        with name_scope(name, values=[concentration, rate]) as name:
            with _checked([check_ops.assert_positive(concentration),
                           check_ops.assert_positive(rate)] if validate_args else []):
                self._concentration = identity(concentration, name="concentration")
                self._rate = identity(rate, name="rate")
                check_ops.assert_same_float_dtype([self._concentration, self._rate])
        super().__init__(dtype=self._concentration.dtype, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         parameters=parameters,
                         graph_parents=[self._concentration, self._rate], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return _param_shapes(("concentration", "rate"), sample_shape)

    @property
    def concentration(self):
        """Concentration (shape) parameter."""
        return self._concentration

    @property
    def rate(self):
        """Rate (inverse scale) parameter."""
        return self._rate

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.concentration),
                                       array_ops.shape(self.rate))

    def _batch_shape(self):
        return broadcast_static_shape(self.concentration.shape, self.rate.shape)

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        return random_ops.random_gamma(shape=[n], alpha=self.concentration, beta=self.rate,
                                       dtype=self.dtype, seed=seed)

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _cdf(self, x):
        x = self._maybe_assert_valid_sample(x)
        return math_extras.igamma(self.concentration, self.rate * x)   # regularized: the cdf

    def _log_unnormalized_prob(self, x):
        x = self._maybe_assert_valid_sample(x)
        return math_ops.xlogy(self.concentration - 1., x) - self.rate * x

    def _log_normalization(self):
        return (math_ops.lgamma(self.concentration) -
                self.concentration * math_ops.log(self.rate))

    def _entropy(self):
        return (self.concentration - math_ops.log(self.rate) +
                math_ops.lgamma(self.concentration) +
                ((1. - self.concentration) * math_ops.digamma(self.concentration)))

    def _mean(self):
        return self.concentration / self.rate

    def _variance(self):
        return self.concentration / math_ops.square(self.rate)

    def _stddev(self):
        return math_ops.sqrt(self.concentration) / self.rate

    def _mode(self):
        mode = (self.concentration - 1.) / self.rate
        if self.allow_nan_stats:
            nan = array_ops.fill(self.batch_shape_tensor(),
                                 np.array(np.nan, dtype=self.dtype.as_numpy_dtype), name="nan")
            return array_ops.where(self.concentration > 1., mode, nan)
        from ..ops.control_flow_ops import with_dependencies  # lazy: keeps imports light
        return with_dependencies([check_ops.assert_less(
            array_ops.ones([], self.dtype), self.concentration,
            message="mode not defined when any concentration <= 1")], mode)

    def _maybe_assert_valid_sample(self, x):
        check_ops.assert_same_float_dtype(tensors=[x], dtype=self.dtype)
        if not self.validate_args:
            return x
        from ..ops.control_flow_ops import with_dependencies  # lazy: keeps imports light
        return with_dependencies([check_ops.assert_positive(x)], x)


@kullback_leibler.RegisterKL(Gamma, Gamma)
def _kl_gamma_gamma(g0, g1, name=None):
    with name_scope(name, "kl_gamma_gamma",
                    values=[g0.concentration, g0.rate, g1.concentration, g1.rate]):
        return (((g0.concentration - g1.concentration) * math_ops.digamma(g0.concentration)) +
                math_ops.lgamma(g1.concentration) - math_ops.lgamma(g0.concentration) +
                g1.concentration * math_ops.log(g0.rate) -
                g1.concentration * math_ops.log(g1.rate) +
                g0.concentration * (g1.rate / g0.rate - 1.))


class Exponential(Gamma):
    """The exponential distribution with `rate`: Gamma(1, rate), sampled as TF does by
    -log(uniform) / rate."""

    def __init__(self, rate, validate_args=False, allow_nan_stats=True, name="Exponential"):
        parameters = dict(locals())
        with name_scope(name, values=[rate]) as name:
            self._rate = convert_to_tensor(rate, name="rate")
        super().__init__(concentration=array_ops.ones([], dtype=self._rate.dtype),
                         rate=self._rate, allow_nan_stats=allow_nan_stats,
                         validate_args=validate_args, name=name)
        self._parameters = parameters
        self._graph_parents += [self._rate]

    @staticmethod
    def _param_shapes(sample_shape):
        return {"rate": convert_to_tensor(sample_shape, dtype=_dt.int32)}

    @property
    def rate(self):
        return self._rate

    def _log_survival_function(self, value):
        return self._log_prob(value) - math_ops.log(self._rate)

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], array_ops.shape(self._rate)], 0)
        sampled = random_ops.random_uniform(shape,
                                            minval=np.finfo(self.dtype.as_numpy_dtype).tiny,
                                            maxval=1., seed=seed, dtype=self.dtype)
        return -math_ops.log(sampled) / self._rate
