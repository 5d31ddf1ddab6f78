"""tf.contrib.distributions.MixtureSameFamily (TF 1.14): a Categorical mixture over the last
batch dimension of one components distribution. Its samples draw the components and the
mixture without a seed, as TF's do (graph-seeded random ops)."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution
from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops, nn_ops

__all__ = ["MixtureSameFamily"]


def _batch_ndims(d):
    """The batch rank: static when known, else Shape(batch_shape_tensor())[0]."""
    if d.batch_shape.ndims is not None:
        return d.batch_shape.ndims
    return array_ops.shape(d.batch_shape_tensor())[0]


def pad_mixture_dimensions(x, mixture_distribution, categorical_distribution, event_ndims):
    """TF's distribution_util.pad_mixture_dimensions: x's last (component) dimension moved
    past the mixture's extra batch dims, and [1] * event_ndims appended."""
    with name_scope("pad_mix_dims", values=[x]):
        dist_batch_ndims = _batch_ndims(mixture_distribution)
        cat_batch_ndims = _batch_ndims(categorical_distribution)
        is_scalar = categorical_distribution.is_scalar_batch()
        pad_ndims = array_ops.where(is_scalar, dist_batch_ndims,
                                    dist_batch_ndims - cat_batch_ndims)
        s = array_ops.shape(x)
        out = array_ops.reshape(x, shape=array_ops.concat([
            s[:-1], array_ops.ones([pad_ndims], dtype=_dt.int32), s[-1:],
            array_ops.ones([event_ndims], dtype=_dt.int32)], axis=0))
        # the Select and its ones are constants TF's shape refiner folds
        dist_static = mixture_distribution.batch_shape.ndims
        cat_static = categorical_distribution.batch_shape.ndims
        static_pad = None
        if dist_static is not None and cat_static is not None:
            static_pad = dist_static if cat_static == 0 else dist_static - cat_static
        if x.shape.ndims is not None and static_pad is not None:
            dims = x.shape.as_list()
            out.set_shape(dims[:-1] + [1] * static_pad + dims[-1:] + [1] * event_ndims)
        return out


class MixtureSameFamily(distribution.Distribution):
    """sum_k mixture.probs[..., k] * components[..., k] (components over the last batch dim)."""

    def __init__(self, mixture_distribution, components_distribution, validate_args=False,
                 allow_nan_stats=True, name="MixtureSameFamily"):
        parameters = dict(locals())
        with name_scope(name) as name:
            self._mixture_distribution = mixture_distribution
            self._components_distribution = components_distribution
            s = components_distribution.event_shape_tensor()
            s_dim0 = s.shape[0].value
            self._event_ndims = s_dim0 if s_dim0 is not None else array_ops.shape(s)[0]
            if not mixture_distribution.dtype.is_integer:
                raise ValueError("`mixture_distribution.dtype` ({}) is not over integers"
                                 .format(mixture_distribution.dtype.name))
            if (mixture_distribution.event_shape.ndims is not None
                    and mixture_distribution.event_shape.ndims != 0):
                raise ValueError("`mixture_distribution` must have scalar `event_dim`s")
            elif validate_args:
                # TF 1.14 calls control_flow_ops.assert_has_rank here, which does not exist:
                # validate_args=True always fails so, after the event shape's ops
                raise AttributeError("module 'tensorflow.python.ops.control_flow_ops' has no "
                                     "attribute 'assert_has_rank'")
            mdbs = mixture_distribution.batch_shape
            cdbs = components_distribution.batch_shape.with_rank_at_least(1)[:-1]
            if mdbs.is_fully_defined() and cdbs.is_fully_defined():
                if mdbs.ndims != 0 and mdbs != cdbs:
                    raise ValueError(
                        "`mixture_distribution.batch_shape` (`{}`) is not compatible with "
                        "`components_distribution.batch_shape` (`{}`)".format(
                            mdbs.as_list(), cdbs.as_list()))
            km = mixture_distribution.logits.shape.with_rank_at_least(1)[-1].value
            kc = components_distribution.batch_shape.with_rank_at_least(1)[-1].value
            if km is not None and kc is not None and km != kc:
                raise ValueError("`mixture_distribution components` ({}) does not equal "
                                 "`components_distribution.batch_shape[-1]` ({})"
                                 .format(km, kc))
            if km is None:
                km = array_ops.shape(mixture_distribution.logits)[-1]
            self._num_components = km
            super().__init__(dtype=components_distribution.dtype,
                             reparameterization_type=distribution.NOT_REPARAMETERIZED,
                             validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                             parameters=parameters,
                             graph_parents=(mixture_distribution._graph_parents
                                            + components_distribution._graph_parents),
                             name=name)

    @property
    def mixture_distribution(self):
        return self._mixture_distribution

    @property
    def components_distribution(self):
        return self._components_distribution

    def _batch_shape_tensor(self):
        return self.components_distribution.batch_shape_tensor()[:-1]

    def _batch_shape(self):
        return self.components_distribution.batch_shape.with_rank_at_least(1)[:-1]

    def _event_shape_tensor(self):
        return self.components_distribution.event_shape_tensor()

    def _event_shape(self):
        return self.components_distribution.event_shape

    def _pad(self, x):
        return pad_mixture_dimensions(x, self, self.mixture_distribution,
                                      self._event_shape().ndims)

    def _sample_n(self, n, seed):
        x = self.components_distribution.sample(n)  # TF passes no seed here
        npdt = x.dtype.as_numpy_dtype
        mask = array_ops.one_hot(indices=self.mixture_distribution.sample(n),
                                 depth=self._num_components,
                                 on_value=np.ones([], dtype=npdt),
                                 off_value=np.zeros([], dtype=npdt))
        mask = self._pad(mask)
        return math_ops.reduce_sum(x * mask, axis=-1 - self._event_ndims)

    def _log_prob(self, x):
        x = self._pad_sample_dims(x)
        log_prob_x = self.components_distribution.log_prob(x)
        log_mix_prob = nn_ops.log_softmax(self.mixture_distribution.logits, axis=-1)
        return math_ops.reduce_logsumexp(log_prob_x + log_mix_prob, axis=-1)

    def _mean(self):
        probs = self._pad(self.mixture_distribution.probs)
        return math_ops.reduce_sum(probs * self.components_distribution.mean(),
                                   axis=-1 - self._event_ndims)

    def _log_cdf(self, x):
        x = self._pad_sample_dims(x)
        log_cdf_x = self.components_distribution.log_cdf(x)
        log_mix_prob = nn_ops.log_softmax(self.mixture_distribution.logits, axis=-1)
        return math_ops.reduce_logsumexp(log_cdf_x + log_mix_prob, axis=-1)

    def _variance(self):
        probs = self._pad(self.mixture_distribution.probs)
        mean_cond_var = math_ops.reduce_sum(probs * self.components_distribution.variance(),
                                            axis=-1 - self._event_ndims)
        var_cond_mean = math_ops.reduce_sum(
            probs * math_ops.squared_difference(self.components_distribution.mean(),
                                                self._pad_sample_dims(self._mean())),
            axis=-1 - self._event_ndims)
        return mean_cond_var + var_cond_mean

    def _covariance(self):
        if self.event_shape.ndims != 1:
            raise NotImplementedError("covariance is not implemented")
        probs = self._pad(self._pad(self.mixture_distribution.probs))
        mean_cond_var = math_ops.reduce_sum(
            probs * self.components_distribution.covariance(), axis=-3)
        z = self.components_distribution.mean() - self._pad_sample_dims(self._mean())
        var_cond_mean = math_ops.reduce_sum(probs * (z[..., None, :] * z[..., None]),
                                            axis=-3)
        return mean_cond_var + var_cond_mean

    def _pad_sample_dims(self, x):
        with name_scope("pad_sample_dims", values=[x]):
            ndims = x.shape.ndims if x.shape.ndims is not None else array_ops.rank(x)
            shape = array_ops.shape(x)
            d = ndims - self._event_ndims
            out = array_ops.reshape(x, shape=array_ops.concat([shape[:d], [1], shape[d:]],
                                                              axis=0))
            if x.shape.is_fully_defined() and isinstance(d, int):
                dims = x.shape.as_list()
                out.set_shape(TensorShape(dims[:d] + [1] + dims[d:]))
            return out
