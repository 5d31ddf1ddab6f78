"""tf.contrib.distributions.OneHotCategorical (TF 1.14): categorical draws as one-hot vectors,
TF's ops and seeded numbers, and its KL divergence."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution, kullback_leibler
from ...distributions._util import get_logits_and_probs
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...ops import (array_ops, check_ops, control_flow_ops, linalg_ops, math_ops, matrix_ops,
                    nn_ops, random_ops)
from .bijectors.basic import Exp
from .transformed import TransformedDistribution

__all__ = ["OneHotCategorical", "ExpRelaxedOneHotCategorical", "RelaxedOneHotCategorical"]


def _assert_valid_sample(dist, x):
    """TF's _assert_valid_sample of OneHotCategorical and ExpRelaxedOneHotCategorical (the
    same code in both, log-probabilities' checks): x <= 0 and logsumexp(x) near 0."""
    if not dist.validate_args:
        return x
    return control_flow_ops.with_dependencies([
        check_ops.assert_non_positive(x),
        check_ops.assert_near(array_ops.zeros([], dtype=dist.dtype),
                              math_ops.reduce_logsumexp(x, axis=[-1]))], x)


class OneHotCategorical(distribution.Distribution):
    """Draws of one of K classes as one-hot vectors (event shape [K])."""

    def __init__(self, logits=None, probs=None, dtype=_dt.int32, validate_args=False,
                 allow_nan_stats=True, name="OneHotCategorical"):
        parameters = dict(locals())
        with name_scope(name, values=[v for v in (logits, probs) if hasattr(v, "graph")]) \
                as name:
            self._logits, self._probs = get_logits_and_probs(
                name=name, logits=logits, probs=probs, validate_args=validate_args,
                multidimensional=True)
            logits_shape_static = self._logits.get_shape().with_rank_at_least(1)
            if logits_shape_static.ndims is not None:
                self._batch_rank = convert_to_tensor(logits_shape_static.ndims - 1,
                                                     dtype=_dt.int32, name="batch_rank")
            else:
                with name_scope("batch_rank"):
                    self._batch_rank = array_ops.rank(self._logits) - 1
            with name_scope("event_size"):
                self._event_size = array_ops.shape(self._logits)[-1]
        super().__init__(dtype=dtype, reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._logits, self._probs],
                         name=name)

    @property
    def event_size(self):
        return self._event_size

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.shape(self.logits)[:-1]

    def _batch_shape(self):
        return self.logits.get_shape()[:-1]

    def _event_shape_tensor(self):
        return array_ops.shape(self.logits)[-1:]

    def _event_shape(self):
        return self.logits.get_shape().with_rank_at_least(1)[-1:]

    def _sample_n(self, n, seed=None):
        sample_shape = array_ops.concat([[n], array_ops.shape(self.logits)], 0)
        logits = self.logits
        if logits.get_shape().ndims == 2:
            logits_2d = logits
        else:
            logits_2d = array_ops.reshape(logits, [-1, self.event_size])
        samples = random_ops.multinomial(logits_2d, n, seed=seed)
        samples = array_ops.transpose(samples)
        samples = array_ops.one_hot(samples, self.event_size, dtype=self.dtype)
        return array_ops.reshape(samples, sample_shape)

    def _log_prob(self, x):
        x = _assert_valid_sample(self, x)
        logits = self.logits
        if (not x.get_shape().is_fully_defined() or not logits.get_shape().is_fully_defined()
                or x.get_shape() != logits.get_shape()):
            logits = array_ops.ones_like(x, dtype=logits.dtype) * logits
            x = array_ops.ones_like(logits, dtype=x.dtype) * x
        logits_shape = array_ops.shape(math_ops.reduce_sum(logits, -1))
        logits_2d = array_ops.reshape(logits, [-1, self.event_size])
        x_2d = array_ops.reshape(x, [-1, self.event_size])
        ret = -nn_ops.softmax_cross_entropy_with_logits(labels=x_2d, logits=logits_2d)
        return array_ops.reshape(ret, logits_shape)

    def _entropy(self):
        return -math_ops.reduce_sum(nn_ops.log_softmax(self.logits) * self.probs, axis=-1)

    def _mode(self):
        ret = math_ops.argmax(self.logits, axis=self._batch_rank)
        ret = array_ops.one_hot(ret, self.event_size, dtype=self.dtype)
        ret.set_shape(self.logits.get_shape())
        return ret

    def _covariance(self):
        p = self.probs
        ret = -linalg_ops.matmul(p[..., None], p[..., None, :])
        return matrix_ops.matrix_set_diag(ret, self._variance())

    def _variance(self):
        return self.probs * (1. - self.probs)


@kullback_leibler.RegisterKL(OneHotCategorical, OneHotCategorical)
def _kl_categorical_categorical(a, b, name=None):
    """KL(a || b) = sum softmax(a) (log_softmax(a) - log_softmax(b))."""
    with name_scope(name, "kl_categorical_categorical", values=[a.logits, b.logits]):
        return math_ops.reduce_sum(
            nn_ops.softmax(a.logits) * (nn_ops.log_softmax(a.logits)
                                        - nn_ops.log_softmax(b.logits)), axis=-1)


class ExpRelaxedOneHotCategorical(distribution.Distribution):
    """The log of a RelaxedOneHotCategorical (Concrete / Gumbel-softmax) draw."""

    def __init__(self, temperature, logits=None, probs=None, dtype=None, validate_args=False,
                 allow_nan_stats=True, name="ExpRelaxedOneHotCategorical"):
        parameters = dict(locals())
        values = [v for v in (logits, probs, temperature) if hasattr(v, "graph")]
        with name_scope(name, values=values) as name:
            self._logits, self._probs = get_logits_and_probs(
                name=name, logits=logits, probs=probs, validate_args=validate_args,
                multidimensional=True)
            if dtype is None:
                dtype = self._logits.dtype
                if not validate_args:   # TF casts only without validation
                    temperature = math_ops.cast(temperature, dtype)
            with control_dependencies([check_ops.assert_positive(temperature)]
                                      if validate_args else []):
                self._temperature = array_ops.identity(temperature, name="temperature")
                self._temperature_2d = array_ops.reshape(temperature, [-1, 1],
                                                         name="temperature_2d")
            logits_shape_static = self._logits.get_shape().with_rank_at_least(1)
            if logits_shape_static.ndims is not None:
                self._batch_rank = convert_to_tensor(logits_shape_static.ndims - 1,
                                                     dtype=_dt.int32, name="batch_rank")
            else:
                with name_scope("batch_rank"):
                    self._batch_rank = array_ops.rank(self._logits) - 1
            with name_scope("event_size"):
                self._event_size = array_ops.shape(self._logits)[-1]
        super().__init__(dtype=dtype,
                         reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters,
                         graph_parents=[self._logits, self._probs, self._temperature],
                         name=name)

    @property
    def event_size(self):
        return self._event_size

    @property
    def temperature(self):
        return self._temperature

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.shape(self._logits)[:-1]

    def _batch_shape(self):
        return self.logits.get_shape()[:-1]

    def _event_shape_tensor(self):
        return array_ops.shape(self.logits)[-1:]

    def _event_shape(self):
        return self.logits.get_shape().with_rank_at_least(1)[-1:]

    def _sample_n(self, n, seed=None):
        sample_shape = array_ops.concat([[n], array_ops.shape(self.logits)], 0)
        logits = self.logits * array_ops.ones(sample_shape, dtype=self.dtype)
        logits_2d = array_ops.reshape(logits, [-1, self.event_size])
        uniform = random_ops.random_uniform(
            shape=array_ops.shape(logits_2d),
            minval=np.finfo(self.dtype.as_numpy_dtype).tiny, maxval=1., dtype=self.dtype,
            seed=seed)
        gumbel = -math_ops.log(-math_ops.log(uniform))
        noisy_logits = math_ops.div(gumbel + logits_2d, self._temperature_2d)
        samples = nn_ops.log_softmax(noisy_logits)
        return array_ops.reshape(samples, sample_shape)

    def _log_prob(self, x):
        x = _assert_valid_sample(self, x)
        logits = self.logits
        if (not x.get_shape().is_fully_defined() or not logits.get_shape().is_fully_defined()
                or x.get_shape() != logits.get_shape()):
            logits = array_ops.ones_like(x, dtype=logits.dtype) * logits
            x = array_ops.ones_like(logits, dtype=x.dtype) * x
        logits_shape = array_ops.shape(math_ops.reduce_sum(logits, axis=[-1]))
        logits_2d = array_ops.reshape(logits, [-1, self.event_size])
        x_2d = array_ops.reshape(x, [-1, self.event_size])
        k = math_ops.cast(self.event_size, x.dtype)
        log_norm_const = math_ops.lgamma(k) + (k - 1.) * math_ops.log(self.temperature)
        log_softmax = nn_ops.log_softmax(logits_2d - x_2d * self._temperature_2d)
        log_unnorm_prob = math_ops.reduce_sum(log_softmax, [-1], keepdims=False)
        return array_ops.reshape(log_norm_const + log_unnorm_prob, logits_shape)


class RelaxedOneHotCategorical(TransformedDistribution):
    """The Concrete / Gumbel-softmax relaxation of OneHotCategorical at a temperature."""

    def __init__(self, temperature, logits=None, probs=None, dtype=None, validate_args=False,
                 allow_nan_stats=True, name="RelaxedOneHotCategorical"):
        dist = ExpRelaxedOneHotCategorical(temperature, logits=logits, probs=probs,
                                           dtype=dtype, validate_args=validate_args,
                                           allow_nan_stats=allow_nan_stats)
        super().__init__(dist, Exp(), name=name)
