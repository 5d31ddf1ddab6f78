"""TF 1.14's Bernoulli and Categorical distributions: the same ops, names and random ops."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import convert_to_tensor
from ..ops import array_ops, math_ops, nn_ops, random_ops
from . import distribution, kullback_leibler
from ._checks import embed_check_categorical_event_shape, embed_check_integer_casting_closed
from ._util import get_logits_and_probs

__all__ = ["Bernoulli", "Categorical"]


class Bernoulli(distribution.Distribution):
    """Bernoulli(probs) over {0, 1}, given logits or probs."""

    def __init__(self, logits=None, probs=None, dtype=_dt.int32, validate_args=False,
                 allow_nan_stats=True, name="Bernoulli"):
        parameters = dict(locals())
        with name_scope(name) as name:
            self._logits, self._probs = get_logits_and_probs(
                logits=logits, probs=probs, validate_args=validate_args, name=name)
        super().__init__(dtype=dtype, reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._logits, self._probs],
                         name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return {"logits": convert_to_tensor(sample_shape, dtype=_dt.int32)}

    @property
    def logits(self):
        """Log-odds of a 1."""
        return self._logits

    @property
    def probs(self):
        """Probability of a 1."""
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.shape(self._logits)

    def _batch_shape(self):
        return self._logits.shape

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        new_shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        uniform = random_ops.random_uniform(new_shape, seed=seed, dtype=self.probs.dtype)
        return math_ops.cast(math_ops.less(uniform, self.probs), self.dtype)

    def _log_prob(self, event):
        if self.validate_args:
            event = embed_check_integer_casting_closed(event, target_dtype=_dt.bool_)
        event = math_ops.cast(event, self.logits.dtype)
        logits = self.logits
        if not (event.shape.is_fully_defined() and logits.shape.is_fully_defined() and
                event.shape == logits.shape):
            logits, event = (array_ops.ones_like(event) * logits,
                             array_ops.ones_like(logits) * event)
        return -nn_ops.sigmoid_cross_entropy_with_logits(labels=event, logits=logits)

    def _entropy(self):
        return (-self.logits * (math_ops.sigmoid(self.logits) - 1) +
                nn_ops.softplus(-self.logits))

    def _mean(self):
        return array_ops.identity(self.probs)

    def _variance(self):
        return self._mean() * (1. - self.probs)

    def _mode(self):
        return math_ops.cast(self.probs > 0.5, self.dtype)


@kullback_leibler.RegisterKL(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(a, b, name=None):
    with name_scope(name, "kl_bernoulli_bernoulli", values=[a.logits, b.logits]):
        delta_probs0 = nn_ops.softplus(-b.logits) - nn_ops.softplus(-a.logits)
        delta_probs1 = nn_ops.softplus(b.logits) - nn_ops.softplus(a.logits)
        return (math_ops.sigmoid(a.logits) * delta_probs0 +
                math_ops.sigmoid(-a.logits) * delta_probs1)


def _broadcast_cat_event_and_params(event, params, base_dtype):
    if event.dtype.is_integer:
        pass
    elif event.dtype.is_floating:
        event = math_ops.cast(event, dtype=_dt.int32)
    else:
        raise TypeError("`value` should have integer `dtype` or `self.dtype` ({})"
                        .format(base_dtype))
    known = (params.shape.ndims is not None and params.shape[:-1].is_fully_defined() and
             event.shape.is_fully_defined())
    if not known or params.shape[:-1] != event.shape:
        params *= array_ops.ones_like(event[..., None], dtype=params.dtype)  # TF: a strided slice
        params_shape = array_ops.shape(params)[:-1]
        event *= array_ops.ones(params_shape, dtype=event.dtype)
        if params.shape.ndims is not None:
            event.set_shape(TensorShape(params.shape[:-1]))
    return event, params


class Categorical(distribution.Distribution):
    """A categorical distribution over class indices 0..K-1, given logits or probs
    ([..., K])."""

    def __init__(self, logits=None, probs=None, dtype=_dt.int32, validate_args=False,
                 allow_nan_stats=True, name="Categorical"):
        parameters = dict(locals())
        with name_scope(name, values=[logits, probs]) as name:
            self._logits, self._probs = get_logits_and_probs(
                logits=logits, probs=probs, validate_args=validate_args,
                multidimensional=True, name=name)
            if validate_args:
                self._logits = embed_check_categorical_event_shape(self._logits)
            static = self._logits.shape.with_rank_at_least(1)
            if static.ndims is not None:
                self._batch_rank = convert_to_tensor(static.ndims - 1, dtype=_dt.int32,
                                                     name="batch_rank")
            else:
                with name_scope(name="batch_rank"):
                    self._batch_rank = array_ops.rank(self._logits) - 1
            logits_shape = array_ops.shape(self._logits, name="logits_shape")
            last = static.as_list()[-1] if static.ndims is not None else None
            if last is not None:
                self._event_size = convert_to_tensor(last, dtype=_dt.int32,
                                                     name="event_size")
            else:
                with name_scope(name="event_size"):
                    self._event_size = logits_shape[self._batch_rank]
            if static[:-1].is_fully_defined():
                self._batch_shape_val = constant(static[:-1].as_list(), dtype=_dt.int32,
                                                 name="batch_shape")
            else:
                with name_scope(name="batch_shape"):
                    self._batch_shape_val = logits_shape[:-1]
        super().__init__(dtype=dtype, reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._logits, self._probs],
                         name=name)

    @property
    def event_size(self):
        """The number of classes."""
        return self._event_size

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

    def _batch_shape_tensor(self):
        return array_ops.identity(self._batch_shape_val)

    def _batch_shape(self):
        return self.logits.shape[:-1]

    def _event_shape_tensor(self):
        return constant([], dtype=_dt.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        if self.logits.shape.ndims == 2:
            logits_2d = self.logits
        else:
            logits_2d = array_ops.reshape(self.logits, [-1, self.event_size])
        sample_dtype = _dt.int64 if self.dtype.size > 4 else _dt.int32
        draws = random_ops.multinomial(logits_2d, n, seed=seed, output_dtype=sample_dtype)
        draws = array_ops.reshape(array_ops.transpose(draws),
                                  array_ops.concat([[n], self.batch_shape_tensor()], 0))
        return math_ops.cast(draws, self.dtype)

    def _cdf(self, k):
        k = convert_to_tensor(k, name="k")
        if self.validate_args:
            k = embed_check_integer_casting_closed(k, target_dtype=_dt.int32)
        k, probs = _broadcast_cat_event_and_params(k, self.probs,
                                                   base_dtype=self.dtype.base_dtype)
        flat_probs = array_ops.reshape(probs, (-1, self._event_size))
        flat_k = array_ops.reshape(k, [-1])
        to_sum_over = array_ops.where(array_ops.sequence_mask(flat_k, self._event_size),
                                      flat_probs, array_ops.zeros_like(flat_probs))
        flat_cdf = math_ops.reduce_sum(to_sum_over, axis=-1)
        return array_ops.reshape(flat_cdf, array_ops.shape(k))

    def _log_prob(self, k):
        k = convert_to_tensor(k, name="k")
        if self.validate_args:
            k = embed_check_integer_casting_closed(k, target_dtype=_dt.int32)
        k, logits = _broadcast_cat_event_and_params(k, self.logits,
                                                    base_dtype=self.dtype.base_dtype)
        return -nn_ops.sparse_softmax_cross_entropy_with_logits(labels=k, logits=logits)

    def _entropy(self):
        return -math_ops.reduce_sum(nn_ops.log_softmax(self.logits) * self.probs, axis=-1)

    def _mode(self):
        ret = math_ops.argmax(self.logits, axis=self._batch_rank)
        ret = math_ops.cast(ret, self.dtype)
        ret.set_shape(self.batch_shape)
        return ret


@kullback_leibler.RegisterKL(Categorical, Categorical)
def _kl_categorical_categorical(a, b, name=None):
    with name_scope(name, "kl_categorical_categorical", values=[a.logits, b.logits]):
        delta_log_probs1 = nn_ops.log_softmax(a.logits) - nn_ops.log_softmax(b.logits)
        return math_ops.reduce_sum(nn_ops.softmax(a.logits) * delta_log_probs1, axis=-1)
