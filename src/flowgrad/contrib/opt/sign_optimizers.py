"""`tf.contrib.opt.AddSignOptimizer` and `PowerSignOptimizer` (Bello et al., ICML 2017) and
the sign-decay functions of TF 1.14's contrib/opt sign_decay.py.

Both keep one slot `m` (`w/AddSignOptimizer`), update dense variables with the
ApplyAddSign / ApplyPowerSign ops and sparse ones as TF composes them; a
sign_decay_fn gets the global_step given to apply_gradients.
"""
from __future__ import annotations

import math

from ...engine.framework import dtypes
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import array_ops, comparison_ops, control_flow_ops, math_ops, state_ops
from ...train import training_ops
from ...train.optimizer import Optimizer

__all__ = ["AddSignOptimizer", "PowerSignOptimizer", "get_linear_decay_fn",
           "get_cosine_decay_fn", "get_restart_decay_fn"]


def _cast(x, var):
    return math_ops.cast(x, var.dtype.base_dtype)


def _op(update):
    return getattr(update, "op", update)


class _SignOptimizer(Optimizer):
    """The shared part: slot m, the hyperparameters, the sign decay and the sparse step."""

    def __init__(self, learning_rate, beta, sign_decay_fn, use_locking, name):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._beta = beta
        self._sign_decay_fn = sign_decay_fn
        self._lr_t = None
        self._beta_t = None

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        if self._sign_decay_fn is not None:
            self._sign_decay_t = convert_to_tensor(self._sign_decay_fn(global_step),
                                                   name="sign_decay")
        return super().apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "m", self._name)

    def _resource_apply_sparse(self, grad, handle, indices):
        # TF 1.14 gives these optimizers no sparse update for resource variables
        raise NotImplementedError()

    def _prepare_sign_decay(self):
        if self._sign_decay_fn is None:
            self._sign_decay_t = convert_to_tensor(1.0, name="sign_decay")

    def _sparse(self, grad, var, multiplier_fn):
        lr_t = _cast(self._lr_t, var)
        beta_t = _cast(self._beta_t, var)
        extra = self._sparse_extra(var)
        m = self.get_slot(var, "m")
        # TF multiplies the IndexedSlices itself: it becomes a dense tensor.
        m_t = state_ops.assign(m, (m * beta_t) + (grad * (1 - beta_t)),
                               use_locking=self._use_locking)
        sign_g = IndexedSlices(math_ops.sign(grad.values), grad.indices, grad.dense_shape)
        sign_gm_values = array_ops.gather(math_ops.sign(m_t), sign_g.indices) * sign_g.values
        sign_decayed = _cast(self._sign_decay_t, var)
        multiplier_values = multiplier_fn(extra, sign_decayed, sign_gm_values)
        final_values = lr_t * multiplier_values * grad.values
        var_update = state_ops.scatter_sub(var, grad.indices, final_values,
                                           use_locking=self._use_locking)
        return control_flow_ops.group(*[var_update, m_t])


class AddSignOptimizer(_SignOptimizer):
    """m = beta*m + (1-beta)*g; var -= lr * (alpha + sign_decay*sign(g)*sign(m)) * g.

    Args:
      learning_rate, alpha, beta: floats or float Tensors.
      sign_decay_fn: a function of global_step giving the sign decay (default 1).
    """

    def __init__(self, learning_rate=0.1, alpha=1.0, beta=0.9, sign_decay_fn=None,
                 use_locking=False, name="AddSignOptimizer"):
        super().__init__(learning_rate, beta, sign_decay_fn, use_locking, name)
        self._alpha = alpha
        self._alpha_t = None

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._lr, name="learning_rate")
        self._beta_t = convert_to_tensor(self._beta, name="beta")
        self._alpha_t = convert_to_tensor(self._alpha, name="alpha")
        self._prepare_sign_decay()

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_add_sign(
            var, self.get_slot(var, "m"), _cast(self._lr_t, var), _cast(self._alpha_t, var),
            _cast(self._sign_decay_t, var), _cast(self._beta_t, var), grad,
            use_locking=self._use_locking))

    def _sparse_extra(self, var):
        return _cast(self._alpha_t, var)

    def _apply_sparse(self, grad, var):
        return self._sparse(grad, var, lambda alpha_t, decay, sgm: alpha_t + decay * sgm)


class PowerSignOptimizer(_SignOptimizer):
    """m = beta*m + (1-beta)*g; var -= lr * base**(sign_decay*sign(g)*sign(m)) * g.

    Args:
      learning_rate, beta: floats or float Tensors; base: a Python float (its log is used).
      sign_decay_fn: a function of global_step giving the sign decay (default 1).
    """

    def __init__(self, learning_rate=0.1, base=math.e, beta=0.9, sign_decay_fn=None,
                 use_locking=False, name="PowerSignOptimizer"):
        super().__init__(learning_rate, beta, sign_decay_fn, use_locking, name)
        self._logbase = math.log(base)
        self._logbase_t = None

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._lr, name="learning_rate")
        self._beta_t = convert_to_tensor(self._beta, name="beta")
        self._logbase_t = convert_to_tensor(self._logbase, name="logbase")
        self._prepare_sign_decay()

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_power_sign(
            var, self.get_slot(var, "m"), _cast(self._lr_t, var), _cast(self._logbase_t, var),
            _cast(self._sign_decay_t, var), _cast(self._beta_t, var), grad,
            use_locking=self._use_locking))

    def _sparse_extra(self, var):
        logbase_t = _cast(self._logbase_t, var)
        e_t = _cast(math.e, var)
        return logbase_t, e_t

    def _apply_sparse(self, grad, var):
        def multiplier(extra, decay, sgm):
            logbase_t, e_t = extra
            return math_ops.pow(e_t, logbase_t * decay * sgm)
        return self._sparse(grad, var, multiplier)


# ---------------------------------------------------------------------------------------
# Sign decays (functions of global_step)
# ---------------------------------------------------------------------------------------
def get_linear_decay_fn(decay_steps):
    """max(0, (decay_steps - global_step) / decay_steps), a function of global_step."""
    def linear_decay_fn(global_step):
        if global_step is None:
            raise ValueError("global_step is required for linear_decay.")
        global_step = math_ops.minimum(global_step, decay_steps)
        remaining_steps = (math_ops.cast(decay_steps, dtypes.int32)
                           - math_ops.cast(global_step, dtypes.int32))
        decayed = (math_ops.cast(remaining_steps, dtypes.float32)
                   / math_ops.cast(decay_steps, dtypes.float32))
        return math_ops.maximum(0.0, decayed)
    return linear_decay_fn


def get_cosine_decay_fn(decay_steps, num_periods=0.5, zero_after=None):
    """0.5 * (1 + cos(2 pi num_periods global_step / decay_steps)), a function of global_step;
    0 from the `zero_after`-th period on when it is given."""
    def cosine_decay_fn(global_step):
        if global_step is None:
            raise ValueError("global_step is required for cosine_decay.")
        global_step = math_ops.minimum(global_step, decay_steps)
        completed_fraction = (math_ops.cast(global_step, dtypes.float32)
                              / math_ops.cast(decay_steps, dtypes.float32))
        fraction = 2.0 * num_periods * completed_fraction
        decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi) * fraction))
        if zero_after is not None:
            decayed = array_ops.where(comparison_ops.greater_equal(fraction, 2 * zero_after), 0.0,
                                      decayed)
        return decayed
    return cosine_decay_fn


def get_restart_decay_fn(decay_steps, num_periods=1, zero_after=None):
    """0.5 * (1 + cos(pi * ((num_periods * global_step) % decay_steps) / decay_steps)) (SGDR's
    restarts), a function of global_step; 0 from the `zero_after`-th period on."""
    def restart_decay_fn(global_step):
        if global_step is None:
            raise ValueError("global_step is required for cosine_decay.")
        global_step = math_ops.minimum(global_step, decay_steps)
        num = math_ops.mod(num_periods * math_ops.cast(global_step, dtypes.float32),
                           decay_steps)
        fraction = num / math_ops.cast(decay_steps, dtypes.float32)
        decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi) * fraction))
        if zero_after is not None:
            tmp = (math_ops.cast(num_periods * global_step, dtypes.float32)
                   / math_ops.cast(decay_steps, dtypes.float32))
            decayed = array_ops.where(comparison_ops.greater_equal(tmp, zero_after), 0.0, decayed)
        return decayed
    return restart_decay_fn
