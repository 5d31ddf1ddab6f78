"""TF 1.14's Keras LossScaleOptimizer (keras/mixed_precision/experimental/
loss_scale_optimizer.py): wraps an OptimizerV2; the loss is multiplied by the loss scale
before the gradients are taken and the gradients divided by it after; apply_gradients
applies them only when the loss scale's update says so (a tf.cond for a dynamic scale),
grouped with that update."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import Tensor
from ...ops import control_flow_ops
from ...train import loss_scale as loss_scale_module
from .. import backend
from ..optimizers_v2 import OptimizerV2

__all__ = ["LossScaleOptimizer"]


def scale_loss(loss, loss_scale):
    if callable(loss):
        return lambda: loss() * loss_scale
    return loss * loss_scale


def unscale_grads(grads, loss_scale):
    reciprocal = 1. / loss_scale
    return [g * reciprocal if g is not None else None for g in grads]


class LossScaleOptimizer(OptimizerV2):
    """An optimizer that applies loss scaling (a number: fixed, 'dynamic', or a
    tf.train.experimental.LossScale) around the optimizer `opt`."""

    def __init__(self, opt, loss_scale):   # TF 1.14 does not call OptimizerV2's __init__
        if not isinstance(opt, OptimizerV2):
            raise ValueError('"opt" must be an instance of OptimizerV2, but got: %s' % opt)
        if hasattr(opt, "clipnorm"):
            raise ValueError("LossScaleOptimizer does not support wrapping optimizers with "
                             "a clipnorm. Optimizer %s has clipnorm %s" % (opt, opt.clipnorm))
        if hasattr(opt, "clipvalue"):
            raise ValueError("LossScaleOptimizer does not support wrapping optimizers with "
                             "a clipvalue. Optimizer %s has clipvalue %s"
                             % (opt, opt.clipvalue))
        self._optimizer = opt
        self._loss_scale = loss_scale_module.get(loss_scale)
        for weight in loss_scale_module.get_loss_scale_weights(self._loss_scale):
            backend.track_variable(weight)

    def _compute_gradients(self, loss, var_list, grad_loss=None):
        loss = scale_loss(loss, self._loss_scale())
        grads_and_vars = self._optimizer._compute_gradients(loss, var_list, grad_loss)
        grads = [g for g, _ in grads_and_vars]
        variables = [v for _, v in grads_and_vars]
        return list(zip(unscale_grads(grads, self._loss_scale()), variables))

    def minimize(self, loss, var_list, grad_loss=None, name=None):
        """Applies the unscaled gradients of the scaled callable `loss` (TF 1.14's
        OptimizerV2.minimize: a GradientTape)."""
        return self.apply_gradients(self._compute_gradients(loss, var_list, grad_loss),
                                    name=name)

    def get_gradients(self, loss, params):
        loss = scale_loss(loss, self._loss_scale())
        grads = self._optimizer.get_gradients(loss, params)
        return unscale_grads(grads, self._loss_scale())

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        return [self.apply_gradients(list(zip(grads, params)))]

    def apply_gradients(self, grads_and_vars, name=None):
        grads_and_vars = tuple(grads_and_vars)
        grads = [g for g, _ in grads_and_vars]
        update_op, should_apply = self._loss_scale.update(grads)

        def apply_fn():
            # TF 1.14 applies them in the default strategy's call_for_each_replica, whose
            # replica context holds the replica id: a Const 0
            constant(0, dtype=_dt.int32)
            return self._optimizer.apply_gradients(grads_and_vars, name)
        if isinstance(should_apply, Tensor):
            maybe_apply = control_flow_ops.cond(should_apply, apply_fn,
                                                control_flow_ops.no_op)
        else:
            maybe_apply = apply_fn() if should_apply else control_flow_ops.no_op()
        return control_flow_ops.group(maybe_apply, update_op)

    def variables(self):
        """The wrapped optimizer's variables."""
        return self._optimizer.variables()

    @property
    def weights(self):
        return self.variables()

    @property
    def iterations(self):
        return self._optimizer.iterations

    @property
    def learning_rate(self):
        return self._optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, lr):
        self._optimizer.learning_rate = lr

    def get_slot_names(self):
        """A list of names for this optimizer's slots."""
        return self._optimizer.get_slot_names()

    def get_config(self):
        raise NotImplementedError("get_config() is not yet implemented for "
                                  "LossScaleOptimizers")

    @classmethod
    def from_config(cls, config, custom_objects=None):
        raise NotImplementedError("from_config() is not yet implemented for "
                                  "LossScaleOptimizers")
