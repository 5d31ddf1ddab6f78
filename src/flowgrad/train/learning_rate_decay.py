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

from ..framework import dtypes as _dt
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.graph import Tensor, name_scope
from ..ops import array_ops, comparison_ops, math_ops

__all__ = ["exponential_decay", "piecewise_constant", "polynomial_decay", "natural_exp_decay",
           "inverse_time_decay", "cosine_decay"]


def _step(global_step, fn_name, dtype):
    if global_step is None:
        raise ValueError(f"global_step is required for {fn_name}.")
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
    natural_exp_rate = math_ops.exp(math_ops.negative(convert_to_tensor(decay_rate)))
    return _exponential(learning_rate, global_step, decay_steps, natural_exp_rate, staircase,
                        name or "NaturalExpDecay", "natural_exp_decay")


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
            ratio = math_ops.ceil(math_ops.truediv(step, convert_to_tensor(decay_steps,
                                                                             dtype=dtype)))
            multiplier = array_ops.where(comparison_ops.equal(step, constant(0, dtype=dtype)),
                                         array_ops.ones_like(ratio), ratio)
            decay_steps_t = math_ops.multiply(decay_steps_t, multiplier)
        else:
            step = math_ops.minimum(step, convert_to_tensor(decay_steps, dtype=dtype))
        p = math_ops.truediv(step, decay_steps_t)
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
        result = values[-1]
        for b, v in zip(reversed(boundaries), reversed(values[:-1])):
            result = array_ops.where(comparison_ops.less_equal(x_recomp, b), v, result)
        return result
