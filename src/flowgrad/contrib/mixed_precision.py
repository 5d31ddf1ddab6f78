"""tf.contrib.mixed_precision: TF 1.14's loss scaling (contrib/mixed_precision/python):
LossScaleOptimizer scales the loss by the manager's loss scale before differentiating and
divides the gradients by it; it applies them only when all are finite, and lets the manager
update the scale (FixedLossScaleManager: constant; ExponentialUpdateLossScaleManager: grows
by incr_ratio after incr_every_n_steps finite steps, shrinks by decr_ratio after
decr_every_n_nan_or_inf non-finite ones)."""
from __future__ import annotations

import abc

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.elementwise import is_finite
from ..ops import control_flow_ops, math_ops, state_ops, variables
from ..train.optimizer import Optimizer

__all__ = ["ExponentialUpdateLossScaleManager", "FixedLossScaleManager", "LossScaleManager",
           "LossScaleOptimizer"]


class LossScaleManager(abc.ABC):
    """The loss scale policy LossScaleOptimizer uses."""

    @abc.abstractmethod
    def get_loss_scale(self):
        """The loss scale (a scalar float32 tensor)."""

    @abc.abstractmethod
    def update_loss_scale(self, finite_grads):
        """An op updating the loss scale given whether the gradients were all finite."""
        del finite_grads


class FixedLossScaleManager(LossScaleManager):
    """A constant loss scale (at least 1)."""

    def __init__(self, loss_scale):
        if loss_scale < 1:
            raise ValueError("loss scale must be at least 1.")
        self._loss_scale = convert_to_tensor(loss_scale, dtype=_dt.float32)

    def get_loss_scale(self):
        return self._loss_scale

    def update_loss_scale(self, finite_grads):
        del finite_grads
        return control_flow_ops.no_op()


class ExponentialUpdateLossScaleManager(LossScaleManager):
    """A loss scale (variable loss_scale) multiplied by incr_ratio after incr_every_n_steps
    consecutive finite steps (if still finite) and by decr_ratio (not below 1) after
    decr_every_n_nan_or_inf non-finite steps (variables good_steps, bad_steps)."""

    def __init__(self, init_loss_scale, incr_every_n_steps, decr_every_n_nan_or_inf=2,
                 incr_ratio=2, decr_ratio=0.8):
        self._incr_every_n_steps = incr_every_n_steps
        self._decr_every_n_nan_or_inf = decr_every_n_nan_or_inf
        self._incr_ratio = incr_ratio
        self._decr_ratio = decr_ratio
        self._loss_scale = variables.Variable(
            name="loss_scale",
            initial_value=convert_to_tensor(init_loss_scale, _dt.float32),
            dtype=_dt.float32, trainable=False)
        self._num_good_steps = variables.Variable(name="good_steps", initial_value=0,
                                                  dtype=_dt.int32, trainable=False)
        self._num_bad_steps = variables.Variable(name="bad_steps", initial_value=0,
                                                 dtype=_dt.int32, trainable=False)

    def _reset_stats(self):
        return control_flow_ops.group(state_ops.assign(self._num_good_steps, 0),
                                      state_ops.assign(self._num_bad_steps, 0))

    def get_loss_scale(self):
        return self._loss_scale

    def update_loss_scale(self, finite_grads):
        def update_if_finite_grads():
            def incr_loss_scale():
                new_loss_scale = control_flow_ops.cond(
                    is_finite(self._loss_scale * self._incr_ratio),
                    lambda: self._loss_scale * self._incr_ratio,
                    lambda: self._loss_scale)
                update_op = state_ops.assign(self._loss_scale, new_loss_scale)
                return control_flow_ops.group(update_op, self._reset_stats())

            return control_flow_ops.cond(
                self._num_good_steps + 1 >= self._incr_every_n_steps, incr_loss_scale,
                lambda: state_ops.assign_add(self._num_good_steps, 1).op)

        def update_if_not_finite_grads():
            def decr_loss_scale():
                update_op = state_ops.assign(
                    self._loss_scale,
                    math_ops.maximum(1., self._loss_scale * self._decr_ratio))
                return control_flow_ops.group(update_op, self._reset_stats())

            def just_update_steps():
                return control_flow_ops.group(state_ops.assign_add(self._num_bad_steps, 1),
                                              state_ops.assign(self._num_good_steps, 0))

            return control_flow_ops.cond(
                self._num_bad_steps + 1 >= self._decr_every_n_nan_or_inf, decr_loss_scale,
                just_update_steps)

        return control_flow_ops.cond(finite_grads, update_if_finite_grads,
                                     update_if_not_finite_grads)


class LossScaleOptimizer(Optimizer):
    """Wraps `opt`: gradients of loss * loss_scale, divided by loss_scale; applied only when
    all are finite; the manager updates the scale every apply_gradients."""

    def __init__(self, opt, loss_scale_manager):
        # as TF: the base class's __init__ is not run
        self._opt = opt
        self._loss_scale_manager = loss_scale_manager

    def compute_gradients(self, loss, var_list=None, gate_gradients=Optimizer.GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None, checkpoints=None):
        loss_scale = self._loss_scale_manager.get_loss_scale()
        loss_val = loss() if callable(loss) else loss
        scaled_loss = loss_val * math_ops.cast(loss_scale, loss_val.dtype.base_dtype)
        extra = {} if checkpoints is None else {"checkpoints": checkpoints}
        grads_and_vars = self._opt.compute_gradients(
            scaled_loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss,
            **extra)
        return self._down_scale(grads_and_vars, loss_scale)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads = [g for (g, _) in grads_and_vars]
        is_finite_grad = [math_ops.reduce_all(is_finite(g)) for g in grads]
        is_overall_finite = math_ops.reduce_all(is_finite_grad)

        def true_apply_gradients_fn():
            return self._opt.apply_gradients(grads_and_vars, global_step, name)

        update_vars = control_flow_ops.cond(is_overall_finite, true_apply_gradients_fn,
                                            control_flow_ops.no_op)
        return control_flow_ops.group(
            update_vars, self._loss_scale_manager.update_loss_scale(is_overall_finite))

    def _down_scale(self, grads_vars, loss_scale):
        gv = []
        inv_loss_scale = math_ops.reciprocal(loss_scale)
        for g, v in grads_vars:
            if g is not None:
                gv.append((g * math_ops.cast(inv_loss_scale, g.dtype.base_dtype), v))
            else:
                gv.append((g, v))
        return gv
