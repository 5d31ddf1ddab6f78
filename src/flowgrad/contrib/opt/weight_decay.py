"""Decoupled weight decay (Loshchilov & Hutter): `tf.contrib.opt.DecoupledWeightDecayExtension`,
`extend_with_decoupled_weight_decay`, `AdamWOptimizer`, `MomentumWOptimizer`.

As TF 1.14, each update first subtracts `weight_decay * var` from the variable
(an AssignSub, or for sparse gradients a ScatterAdd of the touched rows),
then the base optimizer's update runs under a control dependency on it.
"""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import get_default_graph
from ...ops import array_ops, control_flow_ops, state_ops
from ...ops.resource_variable_ops import resource_scatter_add
from ...engine.framework.indexed_slices import IndexedSlices
from ...train.optimizer import Optimizer
from ...train.optimizers import AdamOptimizer, MomentumOptimizer

__all__ = ["DecoupledWeightDecayExtension", "extend_with_decoupled_weight_decay",
           "AdamWOptimizer", "MomentumWOptimizer"]


def _owner(obj, name):
    """The class after DecoupledWeightDecayExtension in obj's MRO that defines `name`."""
    mro = type(obj).__mro__
    for cls in mro[mro.index(DecoupledWeightDecayExtension) + 1:]:
        if name in cls.__dict__:
            return cls
    return None


class DecoupledWeightDecayExtension:
    """Mixin (first base) adding decoupled weight decay to an Optimizer subclass.

    `minimize` and `apply_gradients` take `decay_var_list`: when given, only
    those variables decay.
    """

    def __init__(self, weight_decay, **kwargs):
        self._decay_var_list = None   # set by minimize or apply_gradients
        self._weight_decay = weight_decay
        self._weight_decay_tensor = None
        super().__init__(**kwargs)

    def minimize(self, loss, global_step=None, var_list=None,
                 gate_gradients=Optimizer.GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None,
                 decay_var_list=None):
        self._decay_var_list = set(decay_var_list) if decay_var_list else False
        return super().minimize(
            loss, global_step=global_step, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, name=name,
            grad_loss=grad_loss)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None,
                        decay_var_list=None):
        self._decay_var_list = set(decay_var_list) if decay_var_list else False
        return super().apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def _prepare(self):
        weight_decay = self._weight_decay
        if callable(weight_decay):
            weight_decay = weight_decay()
        self._weight_decay_tensor = convert_to_tensor(weight_decay, name="weight_decay")
        super()._prepare()

    def _decays(self, var):
        return not self._decay_var_list or var in self._decay_var_list

    def _decay_weights_op(self, var):
        if self._decays(var):
            return var.assign_sub(self._weight_decay * var, self._use_locking)
        return control_flow_ops.no_op()

    def _decay_weights_sparse_op(self, var, indices, scatter_add):
        if self._decays(var):
            update = -self._weight_decay * array_ops.gather(var, indices)
            return scatter_add(var, indices, update, self._use_locking)
        return control_flow_ops.no_op()

    def _apply_dense(self, grad, var):
        with get_default_graph().control_dependencies([self._decay_weights_op(var)]):
            return super()._apply_dense(grad, var)

    def _resource_apply_dense(self, grad, var):
        with get_default_graph().control_dependencies([self._decay_weights_op(var)]):
            if _owner(self, "_resource_apply_dense") is Optimizer:
                # flowgrad's default reaches _apply_dense, which would decay twice
                return super()._apply_dense(grad, var)
            return super()._resource_apply_dense(grad, var)

    def _apply_sparse(self, grad, var):
        decay_op = self._decay_weights_sparse_op(var, grad.indices, state_ops.scatter_add)
        with get_default_graph().control_dependencies([decay_op]):
            return super()._apply_sparse(grad, var)

    def _resource_scatter_add(self, x, i, v, _=None):
        with get_default_graph().control_dependencies([resource_scatter_add(x.handle, i, v)]):
            return x.value()

    def _resource_apply_sparse(self, grad, var, indices):
        decay_op = self._decay_weights_sparse_op(var, indices, self._resource_scatter_add)
        with get_default_graph().control_dependencies([decay_op]):
            if _owner(self, "_resource_apply_sparse") is Optimizer:
                return super()._apply_sparse(IndexedSlices(grad, indices), var)
            return super()._resource_apply_sparse(grad, var, indices)


def extend_with_decoupled_weight_decay(base_optimizer):
    """A subclass of `base_optimizer` (an Optimizer class) with decoupled weight decay; its
    constructor takes `weight_decay` first, then the base class's arguments."""

    class OptimizerWithDecoupledWeightDecay(DecoupledWeightDecayExtension, base_optimizer):
        def __init__(self, weight_decay, *args, **kwargs):
            super().__init__(weight_decay, *args, **kwargs)

    return OptimizerWithDecoupledWeightDecay


class MomentumWOptimizer(DecoupledWeightDecayExtension, MomentumOptimizer):
    """MomentumOptimizer with decoupled weight decay (slots `w/MomentumW`)."""

    def __init__(self, weight_decay, learning_rate, momentum, use_locking=False,
                 name="MomentumW", use_nesterov=False):
        super().__init__(weight_decay, learning_rate=learning_rate, momentum=momentum,
                         use_locking=use_locking, name=name, use_nesterov=use_nesterov)


class AdamWOptimizer(DecoupledWeightDecayExtension, AdamOptimizer):
    """AdamOptimizer with decoupled weight decay (slots `w/AdamW`, `w/AdamW_1`)."""

    def __init__(self, weight_decay, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-8, use_locking=False, name="AdamW"):
        super().__init__(weight_decay, learning_rate=learning_rate, beta1=beta1, beta2=beta2,
                         epsilon=epsilon, use_locking=use_locking, name=name)
