"""tf.contrib.distributions' Logistic, Geometric, Poisson, Deterministic and
VectorDeterministic (TF 1.14): TF's ops, names and random ops, so seeded samples are TF's."""
from __future__ import annotations

import math

import numpy as np

from ...distributions import distribution
from ...distributions._checks import embed_check_nonnegative_integer_form
from ...distributions._util import (broadcast_dynamic_shape, broadcast_static_shape,
                                    get_logits_and_probs, identity)
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import control_dependencies, get_default_graph, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import (array_ops, check_ops, comparison_ops, control_flow_ops, math_ops, nn_ops,
                   random_ops)
from ...ops.math_extras import igammac
from ...ops.tensor_util import constant_value

__all__ = ["Logistic", "Geometric", "Poisson", "Deterministic", "VectorDeterministic"]


class _ScalarEvent:
    """Scalar events: event shape [] (a Const [] as TF's event_shape_tensor)."""

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])


class Logistic(_ScalarEvent, distribution.Distribution):
    """The logistic distribution with location loc and scale scale."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True,
                 name="Logistic"):
        parameters = dict(locals())
        with name_scope(name, values=[loc, scale]) as name:
            checks = [check_ops.assert_positive(scale)] if validate_args else []
            with get_default_graph().control_dependencies(checks):
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
        return broadcast_static_shape(self.loc.get_shape(), self.scale.get_shape())

    def _sample_n(self, n, seed=None):
        uniform = random_ops.random_uniform(
            shape=array_ops.concat([[n], self.batch_shape_tensor()], 0),
            minval=np.finfo(self.dtype.as_numpy_dtype).tiny, maxval=1., dtype=self.dtype,
            seed=seed)
        sampled = math_ops.log(uniform) - math_ops.log1p(-1. * uniform)
        return sampled * self.scale + self.loc

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _log_cdf(self, x):
        return -nn_ops.softplus(-self._z(x))

    def _cdf(self, x):
        return math_ops.sigmoid(self._z(x))

    def _log_survival_function(self, x):
        return -nn_ops.softplus(self._z(x))

    def _survival_function(self, x):
        return math_ops.sigmoid(-self._z(x))

    def _log_unnormalized_prob(self, x):
        z = self._z(x)
        return - z - 2. * nn_ops.softplus(-z)

    def _log_normalization(self):
        return math_ops.log(self.scale)

    def _entropy(self):
        scale = self.scale * array_ops.ones_like(self.loc)
        return 2 + math_ops.log(scale)

    def _mean(self):
        return self.loc * array_ops.ones_like(self.scale)

    def _stddev(self):
        return self.scale * array_ops.ones_like(self.loc) * math.pi / math.sqrt(3)

    def _mode(self):
        return self._mean()

    def _z(self, x):
        with name_scope("standardize", values=[x]):
            return (x - self.loc) / self.scale


class Geometric(_ScalarEvent, distribution.Distribution):
    """The number of Bernoulli(probs) failures before the first success."""

    def __init__(self, logits=None, probs=None, validate_args=False, allow_nan_stats=True,
                 name="Geometric"):
        parameters = dict(locals())
        with name_scope(name, values=[logits, probs]) as name:
            self._logits, self._probs = get_logits_and_probs(
                logits, probs, validate_args=validate_args, name=name)
            with control_dependencies([check_ops.assert_positive(self._probs)]
                                      if validate_args else []):
                self._probs = identity(self._probs, name="probs")
        super().__init__(dtype=self._probs.dtype,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._probs, self._logits],
                         name=name)

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.shape(self._probs)

    def _batch_shape(self):
        return self.probs.get_shape()

    def _sample_n(self, n, seed=None):
        sampled = random_ops.random_uniform(
            array_ops.concat([[n], array_ops.shape(self._probs)], 0),
            minval=np.finfo(self.dtype.as_numpy_dtype).tiny, maxval=1., seed=seed,
            dtype=self.dtype)
        return math_ops.floor(math_ops.log(sampled) / math_ops.log1p(-self.probs))

    def _integer_or_floor(self, x):
        if self.validate_args:
            return embed_check_nonnegative_integer_form(x)
        return math_ops.floor(x)   # scipy floors, so TF does

    def _cdf(self, x):
        x = self._integer_or_floor(x)
        x *= array_ops.ones_like(self.probs)
        return array_ops.where(x < 0., array_ops.zeros_like(x),
                               -math_ops.expm1((1. + x) * math_ops.log1p(-self.probs)))

    def _log_prob(self, x):
        x = self._integer_or_floor(x)
        x *= array_ops.ones_like(self.probs)
        probs = self.probs * array_ops.ones_like(x)
        safe_domain = array_ops.where(comparison_ops.equal(x, 0.), array_ops.zeros_like(probs),
                                      probs)
        return x * math_ops.log1p(-safe_domain) + math_ops.log(probs)

    def _entropy(self):
        probs = self._probs
        if self.validate_args:
            probs = control_flow_ops.with_dependencies([check_ops.assert_less(
                probs, constant(1., probs.dtype),
                message="Entropy is undefined when logits = inf or probs = 1.")], probs)
        return nn_ops.softplus(self.logits) / probs - self.logits

    def _mean(self):
        return math_ops.exp(-self.logits)

    def _variance(self):
        return self._mean() / self.probs

    def _mode(self):
        return array_ops.zeros(self.batch_shape_tensor(), dtype=self.dtype)


class Poisson(_ScalarEvent, distribution.Distribution):
    """The Poisson distribution of rate `rate` (or exp(log_rate))."""

    def __init__(self, rate=None, log_rate=None, validate_args=False, allow_nan_stats=True,
                 name="Poisson"):
        parameters = dict(locals())
        with name_scope(name, values=[rate]) as name:
            if (rate is None) == (log_rate is None):
                raise ValueError("Must specify exactly one of `rate` and `log_rate`.")
            if log_rate is None:
                rate = convert_to_tensor(rate, name="rate")
                if not rate.dtype.is_floating:
                    raise TypeError("rate.dtype ({}) is a not a float-type.".format(
                        rate.dtype.name))
                with control_dependencies([check_ops.assert_positive(rate)]
                                          if validate_args else []):
                    self._rate = identity(rate, name="rate")
                    self._log_rate = math_ops.log(rate, name="log_rate")
            else:
                log_rate = convert_to_tensor(log_rate, name="log_rate")
                if not log_rate.dtype.is_floating:
                    raise TypeError("log_rate.dtype ({}) is a not a float-type.".format(
                        log_rate.dtype.name))
                self._rate = math_ops.exp(log_rate, name="rate")
                self._log_rate = convert_to_tensor(log_rate, name="log_rate")
        super().__init__(dtype=self._rate.dtype,
                         reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._rate], name=name)

    @property
    def rate(self):
        return self._rate

    @property
    def log_rate(self):
        return self._log_rate

    def _batch_shape_tensor(self):
        return array_ops.shape(self.rate)

    def _batch_shape(self):
        return self.rate.shape

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _log_cdf(self, x):
        return math_ops.log(self.cdf(x))

    def _cdf(self, x):
        if self.validate_args:
            x = embed_check_nonnegative_integer_form(x)
        return igammac(1. + x, self.rate)

    def _log_normalization(self):
        return self.rate

    def _log_unnormalized_prob(self, x):
        if self.validate_args:
            x = embed_check_nonnegative_integer_form(x)
        return x * self.log_rate - math_ops.lgamma(1. + x)

    def _mean(self):
        return array_ops.identity(self.rate)

    def _variance(self):
        return array_ops.identity(self.rate)

    def _mode(self):
        return math_ops.floor(self.rate)

    def _sample_n(self, n, seed=None):
        return random_ops.random_poisson(self.rate, [n], dtype=self.dtype, seed=seed)


class _BaseDeterministic(distribution.Distribution):
    """A point mass at loc (scalar or vector events), within atol + rtol * |loc|."""

    def __init__(self, loc, atol=None, rtol=None, is_vector=False, validate_args=False,
                 allow_nan_stats=True, name="_BaseDeterministic"):
        parameters = dict(locals())
        with name_scope(name, values=[loc, atol, rtol]) as name:
            loc = convert_to_tensor(loc, name="loc")
            if is_vector and validate_args:
                msg = "Argument loc must be at least rank 1."
                if loc.get_shape().ndims is not None:
                    if loc.get_shape().ndims < 1:
                        raise ValueError(msg)
                else:
                    loc = control_flow_ops.with_dependencies(
                        [check_ops.assert_rank_at_least(loc, 1, message=msg)], loc)
            self._loc = loc
            super().__init__(dtype=self._loc.dtype,
                             reparameterization_type=distribution.NOT_REPARAMETERIZED,
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             parameters=parameters, graph_parents=[self._loc], name=name)
            self._atol = self._get_tol(atol)
            self._rtol = self._get_tol(rtol)
            if rtol is None:
                self._slack = self.atol
            else:
                self._slack = self.atol + self.rtol * math_ops.abs(self.loc)

    def _get_tol(self, tol):
        if tol is None:
            return convert_to_tensor(0, dtype=self.loc.dtype)
        tol = convert_to_tensor(tol, dtype=self.loc.dtype)
        if self.validate_args:
            tol = control_flow_ops.with_dependencies([
                check_ops.assert_non_negative(
                    tol, message="Argument 'tol' must be non-negative")], tol)
        return tol

    @property
    def loc(self):
        return self._loc

    @property
    def atol(self):
        return self._atol

    @property
    def rtol(self):
        return self._rtol

    def _entropy(self):
        return array_ops.zeros(self.batch_shape_tensor(), dtype=self.dtype)

    def _mean(self):
        return array_ops.identity(self.loc)

    def _variance(self):
        return array_ops.zeros_like(self.loc)

    def _mode(self):
        return self.mean()

    def _sample_n(self, n, seed=None):
        n_static = constant_value(convert_to_tensor(n))
        if n_static is not None and self.loc.get_shape().ndims is not None:
            multiples = [int(n_static)] + [1] * self.loc.get_shape().ndims
        else:
            ones = array_ops.ones_like(array_ops.shape(self.loc))
            multiples = array_ops.concat(([n], ones), axis=0)
        return array_ops.tile(self.loc[None, ...], multiples=multiples)


class Deterministic(_ScalarEvent, _BaseDeterministic):
    """A point mass at a scalar loc (a batch of them)."""

    def __init__(self, loc, atol=None, rtol=None, validate_args=False, allow_nan_stats=True,
                 name="Deterministic"):
        super().__init__(loc, atol=atol, rtol=rtol, validate_args=validate_args,
                         allow_nan_stats=allow_nan_stats, name=name)

    def _batch_shape_tensor(self):
        return array_ops.shape(self.loc)

    def _batch_shape(self):
        return self.loc.get_shape()

    def _prob(self, x):
        return math_ops.cast(math_ops.abs(x - self.loc) <= self._slack, dtype=self.dtype)

    def _cdf(self, x):
        return math_ops.cast(x >= self.loc - self._slack, dtype=self.dtype)


class VectorDeterministic(_BaseDeterministic):
    """A point mass at a vector loc (its last dimension is the event)."""

    def __init__(self, loc, atol=None, rtol=None, validate_args=False, allow_nan_stats=True,
                 name="VectorDeterministic"):
        super().__init__(loc, atol=atol, rtol=rtol, is_vector=True,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         name=name)

    def _batch_shape_tensor(self):
        return array_ops.shape(self.loc)[:-1]

    def _batch_shape(self):
        return self.loc.get_shape()[:-1]

    def _event_shape_tensor(self):
        return array_ops.shape(self.loc)[-1]

    def _event_shape(self):
        return self.loc.get_shape()[-1:]

    def _prob(self, x):
        if self.validate_args:
            is_vector_check = check_ops.assert_rank_at_least(x, 1)
            right_vec_space_check = check_ops.assert_equal(
                self.event_shape_tensor(),
                array_ops.gather(array_ops.shape(x), array_ops.rank(x) - 1),
                message="Argument 'x' not defined in the same space R^k as this "
                        "distribution")
            with control_dependencies([is_vector_check]):
                with control_dependencies([right_vec_space_check]):
                    x = array_ops.identity(x)
        return math_ops.cast(
            math_ops.reduce_all(math_ops.abs(x - self.loc) <= self._slack, axis=-1),
            dtype=self.dtype)
