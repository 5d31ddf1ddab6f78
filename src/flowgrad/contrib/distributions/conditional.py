"""tf.contrib.distributions.ConditionalDistribution and ConditionalTransformedDistribution
(TF 1.14): distributions whose sample and densities take conditioning keyword arguments; the
transformed one forwards `bijector_kwargs` to its (Conditional)Bijector and
`distribution_kwargs` to its base distribution."""
from __future__ import annotations

from ...distributions import distribution
from ...distributions.distribution import _convert
from ...distributions._util import pick_vector
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...ops import array_ops, math_ops
from .transformed import TransformedDistribution, _concat_vectors

__all__ = ["ConditionalDistribution", "ConditionalTransformedDistribution"]


class ConditionalDistribution(distribution.Distribution):
    """A Distribution whose sample and density methods take `**condition_kwargs`."""

    def sample(self, sample_shape=(), seed=None, name="sample", **condition_kwargs):
        return self._call_sample_n(sample_shape, seed, name, **condition_kwargs)

    def log_prob(self, value, name="log_prob", **condition_kwargs):
        return self._call_with_fallback(value, name, "_log_prob", "_prob", math_ops.log,
                                        **condition_kwargs)

    def prob(self, value, name="prob", **condition_kwargs):
        return self._call_with_fallback(value, name, "_prob", "_log_prob", math_ops.exp,
                                        **condition_kwargs)

    def log_cdf(self, value, name="log_cdf", **condition_kwargs):
        return self._call_with_fallback(value, name, "_log_cdf", "_cdf", math_ops.log,
                                        **condition_kwargs)

    def cdf(self, value, name="cdf", **condition_kwargs):
        return self._call_with_fallback(value, name, "_cdf", "_log_cdf", math_ops.exp,
                                        **condition_kwargs)

    def log_survival_function(self, value, name="log_survival_function",
                              **condition_kwargs):
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            try:
                return self._log_survival_function(value, **condition_kwargs)
            except NotImplementedError as original:
                try:
                    return math_ops.log1p(-self.cdf(value, **condition_kwargs))
                except NotImplementedError:
                    raise original from None

    def survival_function(self, value, name="survival_function", **condition_kwargs):
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            try:
                return self._survival_function(value, **condition_kwargs)
            except NotImplementedError as original:
                try:
                    return 1. - self.cdf(value, **condition_kwargs)
                except NotImplementedError:
                    raise original from None


class ConditionalTransformedDistribution(ConditionalDistribution, TransformedDistribution):
    """A TransformedDistribution taking `bijector_kwargs` and `distribution_kwargs`."""

    def _sample_n(self, n, seed=None, bijector_kwargs=None, distribution_kwargs=None):
        sample_shape = _concat_vectors(
            pick_vector(self._needs_rotation, self._empty, [n]),
            self._override_batch_shape, self._override_event_shape,
            pick_vector(self._needs_rotation, [n], self._empty))
        x = self.distribution.sample(sample_shape=sample_shape, seed=seed,
                                     **(distribution_kwargs or {}))
        return self._maybe_rotate_dims(x)

    def _call_sample_n(self, sample_shape, seed, name, bijector_kwargs=None,
                       distribution_kwargs=None):
        with self._name_scope(name, values=[sample_shape]):
            sample_shape = convert_to_tensor(sample_shape, dtype=_dt.int32,
                                             name="sample_shape")
            sample_shape, n = self._expand_sample_shape_to_vector(sample_shape,
                                                                  "sample_shape")
            x = self._sample_n(n, seed, bijector_kwargs, distribution_kwargs)
            batch_event_shape = array_ops.shape(x)[1:]
            final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
            x = array_ops.reshape(x, final_shape)
            y = self.bijector.forward(x, **(bijector_kwargs or {}))
            return self._set_sample_static_shape(y, sample_shape)

    def _fibers(self, y, bijector_kwargs, distribution_kwargs, finish, combine):
        bijector_kwargs = bijector_kwargs or {}
        distribution_kwargs = distribution_kwargs or {}
        x = self.bijector.inverse(y, **bijector_kwargs)
        event_ndims = self._maybe_get_static_event_ndims()
        ildj = self.bijector.inverse_log_det_jacobian(y, event_ndims=event_ndims,
                                                      **bijector_kwargs)
        if self.bijector._is_injective:
            return finish(x, ildj, distribution_kwargs)
        return combine([finish(x_i, ildj_i, distribution_kwargs)
                        for x_i, ildj_i in zip(x, ildj)])

    def _log_prob(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._fibers(
            y, bijector_kwargs, distribution_kwargs, self._finish_log_prob_for_one_fiber,
            lambda lps: math_ops.reduce_logsumexp(array_ops.stack(lps), axis=0))

    def _finish_log_prob_for_one_fiber(self, x, ildj, distribution_kwargs):
        x = self._maybe_rotate_dims(x, rotate_right=True)
        log_prob = self.distribution.log_prob(x, **distribution_kwargs)
        if self._is_maybe_event_override:
            log_prob = math_ops.reduce_sum(log_prob, self._reduce_event_indices)
        return math_ops.cast(ildj, log_prob.dtype) + log_prob

    def _prob(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._fibers(y, bijector_kwargs, distribution_kwargs,
                            self._finish_prob_for_one_fiber, sum)

    def _finish_prob_for_one_fiber(self, x, ildj, distribution_kwargs):
        x = self._maybe_rotate_dims(x, rotate_right=True)
        prob = self.distribution.prob(x, **distribution_kwargs)
        if self._is_maybe_event_override:
            prob = math_ops.reduce_prod(prob, self._reduce_event_indices)
        return math_ops.exp(math_ops.cast(ildj, prob.dtype)) * prob

    def _through_inverse(self, what, y, bijector_kwargs=None, distribution_kwargs=None):
        if self._is_maybe_event_override:
            raise NotImplementedError("%s is not implemented when overriding event_shape"
                                      % what)
        if not self.bijector._is_injective:
            raise NotImplementedError("%s is not implemented when bijector is not injective."
                                      % what)
        x = self.bijector.inverse(y, **(bijector_kwargs or {}))
        return getattr(self.distribution, what)(x, **(distribution_kwargs or {}))

    def _log_cdf(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._through_inverse("log_cdf", y, bijector_kwargs, distribution_kwargs)

    def _cdf(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._through_inverse("cdf", y, bijector_kwargs, distribution_kwargs)

    def _log_survival_function(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._through_inverse("log_survival_function", y, bijector_kwargs,
                                     distribution_kwargs)

    def _survival_function(self, y, bijector_kwargs=None, distribution_kwargs=None):
        return self._through_inverse("survival_function", y, bijector_kwargs,
                                     distribution_kwargs)

    def _quantile(self, value, bijector_kwargs=None, distribution_kwargs=None):
        if self._is_maybe_event_override:
            raise NotImplementedError("quantile is not implemented when overriding "
                                      "event_shape")
        if not self.bijector._is_injective:
            raise NotImplementedError("quantile is not implemented when bijector is not "
                                      "injective.")
        inv_cdf = self.distribution.quantile(value, **(distribution_kwargs or {}))
        return self.bijector.forward(inv_cdf, **(bijector_kwargs or {}))
