"""tf.contrib.bayesflow.monte_carlo (TF 1.14's monte_carlo_impl.py): Monte Carlo estimates
of E_p[f(Z)]: the sample mean of f (reparameterized, or with the score-function gradient),
and importance sampling from q in log space (f split into its positive and negative
parts, each mean taken with the max subtracted)."""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, math_ops, nn_ops
from ..framework.deprecation import deprecated

__all__ = ["expectation", "expectation_importance_sampler",
           "expectation_importance_sampler_logspace"]


def _get_samples(dist, z, n, seed):
    with name_scope("get_samples", values=[z, n]):
        if (n is None) == (z is None):
            raise ValueError('Must specify exactly one of arguments "n" and "z".  Found: '
                             "n = %s, z = %s" % (n, z))
        if n is not None:
            return dist.sample(n, seed=seed)
        return convert_to_tensor(z, name="z")


def _logspace_mean(log_values):
    """log(mean(exp(log_values))) over the samples (axis 0), centered on their max."""
    center = array_ops.stop_gradient(math_ops.reduce_max(log_values, axis=[0]))
    centered_values = math_ops.exp(log_values - center)
    return math_ops.log(math_ops.reduce_mean(centered_values, axis=[0])) + center


def expectation_importance_sampler(f, log_p, sampling_dist_q, z=None, n=None, seed=None,
                                   name="expectation_importance_sampler"):
    """E_p[f(Z)] from samples of q (`z`, or `n` drawn with `seed`): the importance-weighted
    means of log(relu(f) + 1) and log(relu(-f) + 1), exponentiated and subtracted.

    Raises:
      ValueError: both or neither of `z` and `n`.
    """
    q = sampling_dist_q
    with name_scope(name, values=[z, n]):
        z = _get_samples(q, z, n, seed)
        log_p_z = log_p(z)
        q_log_prob_z = q.log_prob(z)

        def positive_part_integral(log_f_z):
            return _logspace_mean(log_f_z + log_p_z - q_log_prob_z)

        f_z = f(z)
        log_f_plus_z = math_ops.log(nn_ops.relu(f_z) + 1.)
        log_f_minus_z = math_ops.log(nn_ops.relu(-1. * f_z) + 1.)
        log_f_plus_integral = positive_part_integral(log_f_plus_z)
        log_f_minus_integral = positive_part_integral(log_f_minus_z)
    return math_ops.exp(log_f_plus_integral) - math_ops.exp(log_f_minus_integral)


def expectation_importance_sampler_logspace(log_f, log_p, sampling_dist_q, z=None, n=None,
                                            seed=None,
                                            name="expectation_importance_sampler_logspace"):
    """log E_p[exp(log_f(Z))] from samples of q (`z`, or `n` drawn with `seed`).

    Raises:
      ValueError: both or neither of `z` and `n`.
    """
    q = sampling_dist_q
    with name_scope(name, values=[z, n]):
        z = _get_samples(q, z, n, seed)
        return _logspace_mean(log_f(z) + log_p(z) - q.log_prob(z))


@deprecated("2018-10-01", "The tf.contrib.bayesflow library has moved to TensorFlow "
            "Probability (https://github.com/tensorflow/probability). Use "
            "`tfp.monte_carlo.expectation` instead.", warn_once=True)
def expectation(f, samples, log_prob=None, use_reparametrization=True, axis=0,
                keep_dims=False, name=None):
    """The mean of f(samples) over `axis`; without `use_reparametrization`, the samples are
    held constant and f gets the score-function term f * (log_prob - stop(log_prob)),
    zero in value, so its gradient is the REINFORCE estimate.

    Raises:
      ValueError: f (or, without reparametrization, log_prob) not callable.
    """
    with name_scope(name, "expectation", [samples]):
        if not callable(f):
            raise ValueError("`f` must be a callable function.")
        if use_reparametrization:
            return math_ops.reduce_mean(f(samples), axis=axis, keepdims=keep_dims)
        if not callable(log_prob):
            raise ValueError("`log_prob` must be a callable function.")
        stop = array_ops.stop_gradient
        x = stop(samples)
        logpx = log_prob(x)
        fx = f(x)   # called once, in case it has side effects
        fx += stop(fx) * (logpx - stop(logpx))
        return math_ops.reduce_mean(fx, axis=axis, keepdims=keep_dims)
