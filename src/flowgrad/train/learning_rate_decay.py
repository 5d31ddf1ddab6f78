"""Learning-rate schedules of TF 1.x: exponential, piecewise constant, polynomial, cosine, ...

Each builds the same arithmetic as TF 1.14 (keras learning_rate_schedule), in
the dtype of the initial learning rate, from the global step tensor:

>>> step = tf.train.get_or_create_global_step()
>>> lr = tf.train.exponential_decay(0.1, step, decay_steps=1000, decay_rate=0.96, staircase=True)

TF builds piecewise_constant with `case` and polynomial_decay(cycle=True)
with `cond`; flowgrad selects with `where` over the same predicates, which
gives the same values.
"""
from __future__ import annotations

import math

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..ops import comparison_ops, control_flow_ops, math_ops, random_ops

__all__ = ["exponential_decay", "piecewise_constant", "polynomial_decay", "natural_exp_decay",
           "inverse_time_decay", "cosine_decay", "cosine_decay_restarts", "linear_cosine_decay",
           "noisy_linear_cosine_decay"]


def _step(global_step, fn_name, dtype):
    """The step in `dtype` (TF 1.14's schedules cast it: None fails in convert_to_tensor,
    "None values not supported.")."""
    return math_ops.cast(global_step, dtype)


def _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name, fn_name):
    with name_scope(name, "ExponentialDecay", [learning_rate, global_step, decay_steps,
                                               decay_rate]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = math_ops.truediv(_step(global_step, fn_name, dtype), decay_steps)
        if staircase:
            p = math_ops.floor(p)
        return math_ops.multiply(lr, math_ops.pow(decay_rate, p), name=scope)


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """learning_rate * decay_rate ^ (global_step / decay_steps) (an integer power if staircase).

    Args:
      learning_rate: float or float Tensor (sets the result's dtype).
      global_step: the step (an integer Variable/Tensor). decay_steps, decay_rate: numbers.
      staircase: floor the exponent. name: scope name ("ExponentialDecay").
    Returns:
      A scalar Tensor of learning_rate's dtype.
    Raises:
      ValueError: global_step is None.
    """
    return _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name,
                        "exponential_decay")


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """learning_rate * exp(-decay_rate * global_step / decay_steps).

    With staircase, global_step / decay_steps is floored.
    """
    natural_exp_rate = math_ops.exp(math_ops.negative(decay_rate))  # `Neg/x`, as TF
    return _exponential(learning_rate, global_step, decay_steps, natural_exp_rate, staircase,
                        name, "natural_exp_decay")  # TF's scope: ExponentialDecay


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                       name=None):
    """learning_rate / (1 + decay_rate * global_step / decay_steps) (floored ratio if staircase)."""
    with name_scope(name, "InverseTimeDecay", [learning_rate, global_step, decay_rate]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = math_ops.truediv(_step(global_step, "inverse_time_decay", dtype), decay_steps)
        if staircase:
            p = math_ops.floor(p)
        const = math_ops.cast(constant(1), dtype)
        denom = math_ops.add(const, math_ops.multiply(decay_rate, p))
        return math_ops.truediv(lr, denom, name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
                     power=1.0, cycle=False, name=None):
    """(lr - end) * (1 - step/decay_steps)^power + end, step clipped at decay_steps.

    With cycle=True, decay_steps is multiplied by ceil(step / decay_steps)
    (1 at step 0) instead of clipping.
    """
    with name_scope(name, "PolynomialDecay", [learning_rate, global_step, decay_steps,
                                              end_learning_rate, power]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        end_lr = math_ops.cast(end_learning_rate, dtype)
        power_t = math_ops.cast(power, dtype)
        step = _step(global_step, "polynomial_decay", dtype)
        decay_steps_t = math_ops.cast(decay_steps, dtype)
        if cycle:
            # TF 1.14: the first multiple of decay_steps above the step (1 at step 0) in a cond
            multiplier = control_flow_ops.cond(
                comparison_ops.equal(step, 0), lambda: 1.0,
                lambda: math_ops.ceil(step / decay_steps))
            decay_steps_t = math_ops.multiply(decay_steps_t, multiplier)
        else:
            step = math_ops.minimum(step, decay_steps)  # as TF: `Minimum/y`
        p = math_ops.div(step, decay_steps_t)  # as TF: `div`
        return math_ops.add(math_ops.multiply(lr - end_lr, math_ops.pow(1 - p, power_t)), end_lr,
                            name=scope)


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    """learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps))
    + alpha)."""
    with name_scope(name, "CosineDecay", [learning_rate, global_step]):
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        step = math_ops.minimum(_step(global_step, "cosine_decay", dtype), decay_steps)
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype)
                                                   * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return math_ops.multiply(lr, decayed)


def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0, name=None):
    """Cosine decay with warm restarts (SGDR): period i lasts first_decay_steps * t_mul^i
    steps and starts at m_mul^i times the learning rate."""
    with name_scope(name, "SGDRDecay", [learning_rate, global_step]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        first_decay_steps = math_ops.cast(first_decay_steps, dtype)
        alpha_t = math_ops.cast(alpha, dtype)
        t_mul_t = math_ops.cast(t_mul, dtype)
        m_mul_t = math_ops.cast(m_mul, dtype)
        completed_fraction = _step(global_step, "cosine_decay_restarts", dtype) \
            / first_decay_steps

        def compute_step(fraction, geometric):
            if geometric:
                i_restart = math_ops.floor(math_ops.log(1.0 - fraction * (1.0 - t_mul_t))
                                           / math_ops.log(t_mul_t))
                sum_r = (1.0 - t_mul_t ** i_restart) / (1.0 - t_mul_t)
                return i_restart, (fraction - sum_r) / t_mul_t ** i_restart
            i_restart = math_ops.floor(fraction)
            return i_restart, fraction - i_restart

        i_restart, completed_fraction = control_flow_ops.cond(
            comparison_ops.equal(t_mul_t, 1.0),
            lambda: compute_step(completed_fraction, False),
            lambda: compute_step(completed_fraction, True))
        m_fac = m_mul_t ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype)
                                                           * completed_fraction))
        decayed = (1 - alpha_t) * cosine_decayed + alpha_t
        return math_ops.multiply(lr, decayed, name=scope)


def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
                        beta=0.001, name=None):
    """lr * ((alpha + linear) * cosine + beta) with linear = (decay_steps - step) / decay_steps
    and cosine = 0.5 * (1 + cos(pi * 2 * num_periods * step / decay_steps)), step clipped."""
    with name_scope(name, "LinearCosineDecay", [learning_rate, global_step]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        num_periods = math_ops.cast(num_periods, dtype)
        alpha = math_ops.cast(alpha, dtype)
        beta = math_ops.cast(beta, dtype)
        step = math_ops.minimum(_step(global_step, "linear_cosine_decay", dtype), decay_steps)
        linear_decayed = (decay_steps - step) / decay_steps
        completed_fraction = step / decay_steps
        fraction = 2.0 * num_periods * completed_fraction
        cosine_decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype) * fraction))
        linear_cosine_decayed = (alpha + linear_decayed) * cosine_decayed + beta
        return math_ops.multiply(lr, linear_cosine_decayed, name=scope)


def noisy_linear_cosine_decay(learning_rate, global_step, decay_steps, initial_variance=1.0,
                              variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001,
                              name=None):
    """linear_cosine_decay with Gaussian noise added to the linear part; the noise's variance
    is initial_variance / (1 + step)^variance_decay (a new sample on every run)."""
    with name_scope(name, "NoisyLinearCosineDecay", [learning_rate, global_step]) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype.base_dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        initial_variance = math_ops.cast(initial_variance, dtype)
        variance_decay = math_ops.cast(variance_decay, dtype)
        num_periods = math_ops.cast(num_periods, dtype)
        alpha = math_ops.cast(alpha, dtype)
        beta = math_ops.cast(beta, dtype)
        step = math_ops.minimum(_step(global_step, "noisy_linear_cosine_decay", dtype),
                                decay_steps)
        linear_decayed = (decay_steps - step) / decay_steps
        variance = initial_variance / math_ops.pow(1.0 + step, variance_decay)
        std = math_ops.sqrt(variance)
        noisy_linear_decayed = linear_decayed + random_ops.random_normal(
            linear_decayed.shape, stddev=std, dtype=dtype)
        completed_fraction = step / decay_steps
        fraction = 2.0 * num_periods * completed_fraction
        cosine_decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype) * fraction))
        noisy = (alpha + noisy_linear_decayed) * cosine_decayed + beta
        return math_ops.multiply(lr, noisy, name=scope)


def piecewise_constant(x, boundaries, values, name=None):
    """values[0] for x <= boundaries[0], values[i] for boundaries[i-1] < x <= boundaries[i],
    values[-1] for x > boundaries[-1].

    Raises:
      ValueError: len(values) != len(boundaries) + 1, boundaries of a dtype other
        than x's (int32 boundaries are cast for an int64 x), or values of mixed dtypes.
    """
    if len(boundaries) != len(values) - 1:
        raise ValueError("The length of boundaries should be 1 less than the length of values")
    with name_scope(name, "PiecewiseConstant", [x, boundaries, values]):
        boundaries = [b if isinstance(b, Tensor) else convert_to_tensor(b) for b in boundaries]
        values = [v if isinstance(v, Tensor) else convert_to_tensor(v) for v in values]
        x_recomp = convert_to_tensor(x)
        xd = x_recomp.dtype.base_dtype
        for i, b in enumerate(boundaries):
            if b.dtype.base_dtype is not xd:
                if b.dtype.base_dtype is _dt.int32 and xd is _dt.int64:
                    boundaries[i] = math_ops.cast(b, xd)
                else:
                    raise ValueError("Boundaries (%s) must have the same dtype as x (%s)."
                                     % (b.dtype.base_dtype, xd))
        for v in values[1:]:
            if v.dtype.base_dtype is not values[0].dtype.base_dtype:
                raise ValueError("Values must have elements all with the same dtype (%s vs %s)."
                                 % (values[0].dtype.base_dtype, v.dtype.base_dtype))
        # TF's PiecewiseConstantDecay: an exclusive tf.case over the intervals
        pairs = [(x_recomp <= boundaries[0], lambda: values[0]),
                 (x_recomp > boundaries[-1], lambda: values[-1])]
        for low, high, v in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            pairs.append(((x_recomp > low) & (x_recomp <= high), lambda v=v: v))
        return control_flow_ops.case(pairs, lambda: values[0], exclusive=True)
