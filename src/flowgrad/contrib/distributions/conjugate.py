"""tf.contrib.distributions' normal_conjugates_known_scale_posterior and _predictive
(TF 1.14): the Normal posterior of a Normal mean (and the posterior predictive) given n
observations summing to s with known scale."""
from __future__ import annotations

from ...distributions import Normal
from ...ops import math_ops

__all__ = ["normal_conjugates_known_scale_posterior",
           "normal_conjugates_known_scale_predictive"]


def _posterior_parts(prior, scale, s, n):
    if not isinstance(prior, Normal):
        raise TypeError("Expected prior to be an instance of type Normal")
    if s.dtype != prior.dtype:
        raise TypeError("Observation sum s.dtype does not match prior dtype: %s vs. %s"
                        % (s.dtype, prior.dtype))
    n = math_ops.cast(n, prior.dtype)
    scale0_2 = math_ops.square(prior.scale)
    scale_2 = math_ops.square(scale)
    scalep_2 = 1.0 / (1 / scale0_2 + n / scale_2)
    return scale0_2, scale_2, scalep_2


def normal_conjugates_known_scale_posterior(prior, scale, s, n):
    """The Normal posterior of the mean after n observations summing to s."""
    scale0_2, scale_2, scalep_2 = _posterior_parts(prior, scale, s, n)
    return Normal(loc=(prior.loc / scale0_2 + s / scale_2) * scalep_2,
                  scale=math_ops.sqrt(scalep_2))


def normal_conjugates_known_scale_predictive(prior, scale, s, n):
    """The posterior predictive Normal of a new observation."""
    scale0_2, scale_2, scalep_2 = _posterior_parts(prior, scale, s, n)
    return Normal(loc=(prior.loc / scale0_2 + s / scale_2) * scalep_2,
                  scale=math_ops.sqrt(scalep_2 + scale_2))
