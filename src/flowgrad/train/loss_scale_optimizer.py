"""tf.train.experimental.MixedPrecisionLossScaleOptimizer (TF 1.14 training/experimental/
loss_scale_optimizer.py): wraps a tf.train Optimizer; compute_gradients multiplies the
loss by the loss scale and divides the gradients by it; apply_gradients applies them
through the wrapped optimizer, under a dynamic loss scale only when the scale's update
says so (a tf.cond of the wrapped optimizer's apply named '<name>-wrapped' against a
no_op), grouped with that update as '<name>'."""
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor
from ..engine.framework.indexed_slices import IndexedSlices
from ..ops import control_flow_ops
from . import loss_scale as loss_scale_module
from .optimizer import Optimizer

__all__ = ["MixedPrecisionLossScaleOptimizer"]


class MixedPrecisionLossScaleOptimizer(Optimizer):
    """An optimizer that applies loss scaling (a number, 'dynamic' or a LossScale)."""

    def __init__(self, opt, loss_scale):
        if not isinstance(opt, Optimizer):
            raise ValueError('"opt" must be an instance of Optimizer, but got: %s'
                             % type(opt))
        self._optimizer = opt
        super().__init__(opt._use_locking, opt.get_name())
        self._loss_scale = loss_scale_module.get(loss_scale)

    def _doing_dynamic_loss_scaling(self):
        return isinstance(self._loss_scale, loss_scale_module.DynamicLossScale)

    def compute_gradients(self, loss, var_list=None, gate_gradients=Optimizer.GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None, checkpoints=None):
        """The wrapped optimizer's (gradient, variable) pairs of the scaled loss, the
        gradients divided by the loss scale (`checkpoints`: flowgrad's gradient
        checkpointing, as Optimizer.compute_gradients)."""
        loss = self._scale_loss(loss)
        extra = {} if checkpoints is None else {"checkpoints": checkpoints}
        grads_and_vars = self._optimizer.compute_gradients(
            loss=loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss,
            **extra)
        grads = [g for g, _ in grads_and_vars]
        variables = [v for _, v in grads_and_vars]
        return list(zip(self._unscale_grads(grads), variables))

    def _scale_loss(self, loss):
        loss_scale = self._loss_scale()
        if callable(loss) and not isinstance(loss, Tensor):
            return lambda: loss() * loss_scale
        return loss * loss_scale

    def _unscale_grads(self, grads):
        reciprocal = 1 / self._loss_scale()
        return [None if g is None else self._scale_grad(g, reciprocal) for g in grads]

    @staticmethod
    def _scale_grad(grad, reciprocal):
        if isinstance(grad, IndexedSlices):
            return IndexedSlices(grad.values * reciprocal, grad.indices, grad.dense_shape)
        return grad * reciprocal

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Applies the gradients (a dynamic loss scale: only when all are finite, the
        scale updated either way)."""
        if not self._doing_dynamic_loss_scaling():
            return self._optimizer.apply_gradients(grads_and_vars, global_step, name)
        grads_and_vars = tuple(grads_and_vars)
        name = name if name is not None else self.get_name()
        grads = [g for g, _ in grads_and_vars]
        update_op, should_apply = self._loss_scale.update(grads)

        def apply_fn():
            # TF 1.14 applies them in the default strategy's call_for_each_replica, whose
            # replica context holds the replica id: a Const 0
            constant(0, dtype=_dt.int32)
            op = self._optimizer.apply_gradients(grads_and_vars, global_step,
                                                 name + "-wrapped")
            return getattr(op, "op", op)
        if isinstance(should_apply, Tensor):
            maybe_apply = control_flow_ops.cond(should_apply, apply_fn,
                                                control_flow_ops.no_op)
        else:
            maybe_apply = apply_fn() if should_apply else control_flow_ops.no_op()
        return control_flow_ops.group(maybe_apply, update_op, name=name)

    def _apply_sparse(self, grad, var):
        raise RuntimeError("This function should never be called")

    def _apply_dense(self, grad, var):
        raise RuntimeError("This function should never be called")

    def _resource_apply_sparse(self, grad, handle, indices):
        raise RuntimeError("This function should never be called")

    def _resource_apply_dense(self, grad, handle):
        raise RuntimeError("This function should never be called")
