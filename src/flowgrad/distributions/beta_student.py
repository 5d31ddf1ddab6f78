"""TF 1.14's Beta and StudentT distributions: the same ops, names and random ops (RandomGamma
and RandomStandardNormal streams, TF's seed salts), the same formulas (cdfs: TF's Betainc op)."""
from __future__ import annotations

import hashlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import convert_to_tensor
from ..ops import array_ops, check_ops, math_extras, math_ops, random_ops
from ..ops.comparison_ops import logical_and
from ..ops.control_flow_ops import with_dependencies
from . import distribution, kullback_leibler
from ._util import broadcast_dynamic_shape, broadcast_static_shape, identity

__all__ = ["Beta", "StudentT"]


def gen_new_seed(seed, salt):
    """TF's distribution_util.gen_new_seed: a second op seed derived from `seed` by MD5."""
    if seed is None:
        return None
    string = (str(seed) + salt).encode("utf-8")
    return int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF


def _nan_fill(dist):
    return array_ops.fill(dist.batch_shape_tensor(),
                          np.array(np.nan, dtype=dist.dtype.as_numpy_dtype), name="nan")


class Beta(distribution.Distribution):
    """Beta(concentration1, concentration0) on (0, 1), sampled as TF does from two Gamma
    draws (the second op seeded by gen_new_seed(seed, "beta"))."""

    def __init__(self, concentration1=None, concentration0=None, validate_args=False,
                 allow_nan_stats=True, name="Beta"):
        parameters = dict(locals())
        with name_scope(name, values=[concentration1, concentration0]) as name:
            self._concentration1 = self._maybe_assert_valid_concentration(
                convert_to_tensor(concentration1, name="concentration1"), validate_args)
            self._concentration0 = self._maybe_assert_valid_concentration(
                convert_to_tensor(concentration0, name="concentration0"), validate_args)
            check_ops.assert_same_float_dtype([self._concentration1, self._concentration0])
            self._total_concentration = self._concentration1 + self._concentration0
        super().__init__(dtype=self._total_concentration.dtype, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         parameters=parameters,
                         graph_parents=[self._concentration1, self._concentration0,
                                        self._total_concentration], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(["concentration1", "concentration0"],
                        [convert_to_tensor(sample_shape, dtype=_dt.int32)] * 2))

    @property
    def concentration1(self):
        """Concentration of the 1 side (alpha)."""
        return self._concentration1

    @property
    def concentration0(self):
        """Concentration of the 0 side (beta)."""
        return self._concentration0

    @property
    def total_concentration(self):
        """concentration1 + concentration0."""
        return self._total_concentration

    def _batch_shape_tensor(self):
        return array_ops.shape(self.total_concentration)

    def _batch_shape(self):
        return self.total_concentration.shape

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        c1 = array_ops.ones_like(self.total_concentration, dtype=self.dtype) * \
            self.concentration1
        c0 = array_ops.ones_like(self.total_concentration, dtype=self.dtype) * \
            self.concentration0
        g1 = random_ops.random_gamma(shape=[n], alpha=c1, dtype=self.dtype, seed=seed)
        g2 = random_ops.random_gamma(shape=[n], alpha=c0, dtype=self.dtype,
                                     seed=gen_new_seed(seed, "beta"))
        return g1 / (g1 + g2)

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _prob(self, x):
        return math_ops.exp(self._log_prob(x))

    def _log_cdf(self, x):
        return math_ops.log(self._cdf(x))

    def _cdf(self, x):
        return math_extras.betainc(self.concentration1, self.concentration0, x)

    def _log_unnormalized_prob(self, x):
        x = self._maybe_assert_valid_sample(x)
        return (math_ops.xlogy(self.concentration1 - 1., x) +
                (self.concentration0 - 1.) * math_ops.log1p(-x))

    def _log_normalization(self):
        return (math_ops.lgamma(self.concentration1) + math_ops.lgamma(self.concentration0) -
                math_ops.lgamma(self.total_concentration))

    def _entropy(self):
        return (self._log_normalization() -
                (self.concentration1 - 1.) * math_ops.digamma(self.concentration1) -
                (self.concentration0 - 1.) * math_ops.digamma(self.concentration0) +
                ((self.total_concentration - 2.) *
                 math_ops.digamma(self.total_concentration)))

    def _mean(self):
        return self._concentration1 / self._total_concentration

    def _variance(self):
        return self._mean() * (1. - self._mean()) / (1. + self.total_concentration)

    def _mode(self):
        mode = (self.concentration1 - 1.) / (self.total_concentration - 2.)
        if self.allow_nan_stats:
            nan = _nan_fill(self)
            is_defined = logical_and(self.concentration1 > 1., self.concentration0 > 1.)
            return array_ops.where(is_defined, mode, nan)
        return with_dependencies([
            check_ops.assert_less(array_ops.ones([], dtype=self.dtype), self.concentration1,
                                  message="Mode undefined for concentration1 <= 1."),
            check_ops.assert_less(array_ops.ones([], dtype=self.dtype), self.concentration0,
                                  message="Mode undefined for concentration0 <= 1.")], mode)

    def _maybe_assert_valid_concentration(self, concentration, validate_args):
        if not validate_args:
            return concentration
        return with_dependencies([check_ops.assert_positive(
            concentration, message="Concentration parameter must be positive.")],
            concentration)

    def _maybe_assert_valid_sample(self, x):
        if not self.validate_args:
            return x
        return with_dependencies([
            check_ops.assert_positive(x, message="sample must be positive"),
            check_ops.assert_less(x, array_ops.ones([], self.dtype),
                                  message="sample must be less than `1`.")], x)


@kullback_leibler.RegisterKL(Beta, Beta)
def _kl_beta_beta(d1, d2, name=None):
    def delta(fn, is_property=True):
        fn1, fn2 = getattr(d1, fn), getattr(d2, fn)
        return (fn2 - fn1) if is_property else (fn2() - fn1())
    with name_scope(name, "kl_beta_beta", values=[
            d1.concentration1, d1.concentration0, d1.total_concentration,
            d2.concentration1, d2.concentration0, d2.total_concentration]):
        return (delta("_log_normalization", is_property=False) -
                math_ops.digamma(d1.concentration1) * delta("concentration1") -
                math_ops.digamma(d1.concentration0) * delta("concentration0") +
                (math_ops.digamma(d1.total_concentration) * delta("total_concentration")))


class StudentT(distribution.Distribution):
    """Student's t with `df` degrees of freedom, location and scale; sampled as TF does
    (normal / sqrt(gamma / df), the gamma op seeded by gen_new_seed(seed, "student_t"))."""

    def __init__(self, df, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="StudentT"):
        parameters = dict(locals())
        with name_scope(name, values=[df, loc, scale]) as name:
            deps = [check_ops.assert_positive(df)] if validate_args else []
            from ..engine.framework.graph import get_default_graph  # lazy: one use
            with get_default_graph().control_dependencies(deps):
                self._df = identity(df, name="df")
                self._loc = identity(loc, name="loc")
                self._scale = identity(scale, name="scale")
                check_ops.assert_same_float_dtype((self._df, self._loc, self._scale))
        super().__init__(dtype=self._scale.dtype,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters,
                         graph_parents=[self._df, self._loc, self._scale], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(("df", "loc", "scale"),
                        [convert_to_tensor(sample_shape, dtype=_dt.int32)] * 3))

    @property
    def df(self):
        """Degrees of freedom."""
        return self._df

    @property
    def loc(self):
        return self._loc

    @property
    def scale(self):
        return self._scale

    def _batch_shape_tensor(self):
        return broadcast_dynamic_shape(array_ops.shape(self.df), broadcast_dynamic_shape(
            array_ops.shape(self.loc), array_ops.shape(self.scale)))

    def _batch_shape(self):
        return broadcast_static_shape(broadcast_static_shape(self.df.shape, self.loc.shape),
                                      self.scale.shape)

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        normal_sample = random_ops.random_normal(shape, dtype=self.dtype, seed=seed)
        df = self.df * array_ops.ones(self.batch_shape_tensor(), dtype=self.dtype)
        gamma_sample = random_ops.random_gamma([n], 0.5 * df, beta=0.5, dtype=self.dtype,
                                               seed=gen_new_seed(seed, salt="student_t"))
        samples = normal_sample * math_ops.rsqrt(gamma_sample / df)
        return samples * self.scale + self.loc

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _log_unnormalized_prob(self, x):
        y = (x - self.loc) / self.scale
        return -0.5 * (self.df + 1.) * math_ops.log1p(y ** 2. / self.df)

    def _log_normalization(self):
        return (math_ops.log(math_ops.abs(self.scale)) + 0.5 * math_ops.log(self.df) +
                0.5 * np.log(np.pi) + math_ops.lgamma(0.5 * self.df) -
                math_ops.lgamma(0.5 * (self.df + 1.)))

    def _cdf(self, x):
        y = (x - self.loc) / math_ops.abs(self.scale)   # abs(scale): TF's, so that where works
        x_t = self.df / (y ** 2. + self.df)
        neg_cdf = 0.5 * math_extras.betainc(0.5 * self.df, 0.5, x_t)
        return array_ops.where(math_ops.less(y, 0.), neg_cdf, 1. - neg_cdf)

    def _entropy(self):
        v = array_ops.ones(self.batch_shape_tensor(), dtype=self.dtype)[..., None]
        u = v * self.df[..., None]
        beta_arg = array_ops.concat([u, v], -1) / 2.
        return (math_ops.log(math_ops.abs(self.scale)) + 0.5 * math_ops.log(self.df) +
                math_ops.lbeta(beta_arg) + 0.5 * (self.df + 1.) *
                (math_ops.digamma(0.5 * (self.df + 1.)) - math_ops.digamma(0.5 * self.df)))

    def _mean(self):
        mean = self.loc * array_ops.ones(self.batch_shape_tensor(), dtype=self.dtype)
        if self.allow_nan_stats:
            nan = np.array(np.nan, dtype=self.dtype.as_numpy_dtype)
            return array_ops.where(
                math_ops.greater(self.df, array_ops.ones(self.batch_shape_tensor(),
                                                         dtype=self.dtype)),
                mean, array_ops.fill(self.batch_shape_tensor(), nan, name="nan"))
        return with_dependencies([check_ops.assert_less(
            array_ops.ones([], dtype=self.dtype), self.df,
            message="mean not defined for components of df <= 1")], mean)

    def _variance(self):
        denom = array_ops.where(math_ops.greater(self.df, 2.), self.df - 2.,
                                array_ops.ones_like(self.df))
        var = (array_ops.ones(self.batch_shape_tensor(), dtype=self.dtype) *
               math_ops.square(self.scale) * self.df / denom)
        inf = np.array(np.inf, dtype=self.dtype.as_numpy_dtype)
        defined = array_ops.where(self.df > array_ops.fill(self.batch_shape_tensor(), 2.),
                                  var, array_ops.fill(self.batch_shape_tensor(), inf,
                                                      name="inf"))
        if self.allow_nan_stats:
            nan = np.array(np.nan, dtype=self.dtype.as_numpy_dtype)
            return array_ops.where(
                math_ops.greater(self.df, array_ops.ones(self.batch_shape_tensor(),
                                                         dtype=self.dtype)),
                defined, array_ops.fill(self.batch_shape_tensor(), nan, name="nan"))
        return with_dependencies([check_ops.assert_less(
            array_ops.ones([], dtype=self.dtype), self.df,
            message="variance not defined for components of df <= 1")], defined)

    def _mode(self):
        return array_ops.identity(self.loc)
