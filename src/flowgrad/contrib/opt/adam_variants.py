"""`tf.contrib.opt`'s Adam family: LazyAdamOptimizer, NadamOptimizer, AdaMaxOptimizer.

Each one is TF 1.14's subclass of AdamOptimizer: the same slots (`w/Adam`,
`w/Adam_1`, or `w/AdaMax`, ...), non-slot variables (`beta1_power`, and for
Adam and Nadam `beta2_power`) and ops. LazyAdam updates only the rows a sparse
gradient touches; Nadam uses ApplyAdam's Nesterov form; AdaMax the ApplyAdaMax op.
"""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.graph import get_default_graph
from ...ops import array_ops, control_flow_ops, math_ops, state_ops
from ...ops.resource_variable_ops import (resource_scatter_add, resource_scatter_sub,
                                          resource_scatter_update)
from ...train import training_ops
from ...train.optimizers import AdamOptimizer

__all__ = ["LazyAdamOptimizer", "NadamOptimizer", "AdaMaxOptimizer", "AdamGSOptimizer",
           "LazyAdamGSOptimizer"]


def _cast(x, var):
    return math_ops.cast(x, var.dtype.base_dtype)


def _resource_scatter(fn):
    """TF's AdamOptimizer._resource_scatter_add/update: the scatter, then a read of x."""
    def scatter(x, i, v):
        with get_default_graph().control_dependencies([fn(x.handle, i, v)]):
            return x.value()
    return scatter


class LazyAdamOptimizer(AdamOptimizer):
    """Adam whose sparse updates touch only the rows in the gradient (m, v and var).

    Dense gradients get Adam's update (ApplyAdam).
    """

    def _hyper(self, var):
        beta1_power, beta2_power = self._get_beta_accumulators()
        beta1_power = _cast(beta1_power, var)
        beta2_power = _cast(beta2_power, var)
        lr_t = _cast(self._lr_t, var)
        beta1_t = _cast(self._beta1_t, var)
        beta2_t = _cast(self._beta2_t, var)
        epsilon_t = _cast(self._epsilon_t, var)
        lr = lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power)
        return lr, beta1_t, beta2_t, epsilon_t

    def _apply_sparse(self, grad, var):
        lr, beta1_t, beta2_t, epsilon_t = self._hyper(var)
        m = self.get_slot(var, "m")
        m_t = state_ops.scatter_update(
            m, grad.indices,
            beta1_t * array_ops.gather(m, grad.indices) + (1 - beta1_t) * grad.values,
            use_locking=self._use_locking)
        v = self.get_slot(var, "v")
        v_t = state_ops.scatter_update(
            v, grad.indices,
            beta2_t * array_ops.gather(v, grad.indices)
            + (1 - beta2_t) * math_ops.square(grad.values),
            use_locking=self._use_locking)
        m_t_slice = array_ops.gather(m_t, grad.indices)
        v_t_slice = array_ops.gather(v_t, grad.indices)
        denominator_slice = math_ops.sqrt(v_t_slice) + epsilon_t
        var_update = state_ops.scatter_sub(var, grad.indices,
                                           lr * m_t_slice / denominator_slice,
                                           use_locking=self._use_locking)
        return control_flow_ops.group(var_update, m_t, v_t)

    def _resource_apply_sparse(self, grad, var, indices):
        lr, beta1_t, beta2_t, epsilon_t = self._hyper(var)
        m = self.get_slot(var, "m")
        m_t_slice = beta1_t * array_ops.gather(m, indices) + (1 - beta1_t) * grad
        m_update_op = resource_scatter_update(m.handle, indices, m_t_slice)
        v = self.get_slot(var, "v")
        v_t_slice = (beta2_t * array_ops.gather(v, indices)
                     + (1 - beta2_t) * math_ops.square(grad))
        v_update_op = resource_scatter_update(v.handle, indices, v_t_slice)
        var_slice = lr * m_t_slice / (math_ops.sqrt(v_t_slice) + epsilon_t)
        var_update_op = resource_scatter_sub(var.handle, indices, var_slice)
        return control_flow_ops.group(var_update_op, m_update_op, v_update_op)


class NadamOptimizer(AdamOptimizer):
    """Nadam (Dozat, 2015): Adam with Nesterov momentum (ApplyAdam's use_nesterov)."""

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        beta1_power, beta2_power = self._get_beta_accumulators()
        update = training_ops.apply_adam(
            var, m, v, _cast(beta1_power, var), _cast(beta2_power, var),
            _cast(self._lr_t, var), _cast(self._beta1_t, var), _cast(self._beta2_t, var),
            _cast(self._epsilon_t, var), grad, use_locking=self._use_locking,
            use_nesterov=True)
        return getattr(update, "op", update)

    def _resource_apply_dense(self, grad, var):
        return self._apply_dense(grad, var)

    def _apply_sparse_shared(self, grad, var, indices, scatter_add):
        beta1_power, beta2_power = self._get_beta_accumulators()
        beta1_power = _cast(beta1_power, var)
        beta2_power = _cast(beta2_power, var)
        lr_t = _cast(self._lr_t, var)
        beta1_t = _cast(self._beta1_t, var)
        beta2_t = _cast(self._beta2_t, var)
        epsilon_t = _cast(self._epsilon_t, var)
        lr = lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power)
        g = get_default_graph()
        m = self.get_slot(var, "m")
        m_scaled_g_values = grad * (1 - beta1_t)
        m_t = state_ops.assign(m, m * beta1_t, use_locking=self._use_locking)
        with g.control_dependencies([m_t]):
            m_t = scatter_add(m, indices, m_scaled_g_values)
            m_bar = m_scaled_g_values + beta1_t * array_ops.gather(m_t, indices)
        v = self.get_slot(var, "v")
        v_scaled_g_values = (grad * grad) * (1 - beta2_t)
        v_t = state_ops.assign(v, v * beta2_t, use_locking=self._use_locking)
        with g.control_dependencies([v_t]):
            v_t = scatter_add(v, indices, v_scaled_g_values)
        v_t_slice = array_ops.gather(v_t, indices)
        v_sqrt = math_ops.sqrt(v_t_slice)
        var_update = scatter_add(var, indices, -lr * m_bar / (v_sqrt + epsilon_t))
        return control_flow_ops.group(*[var_update, m_bar, v_t])

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: state_ops.scatter_add(x, i, v, use_locking=self._use_locking))

    def _resource_apply_sparse(self, grad, var, indices):
        return self._apply_sparse_shared(grad, var, indices,
                                         _resource_scatter(resource_scatter_add))


class AdaMaxOptimizer(AdamOptimizer):
    """AdaMax (Kingma & Ba, section 7.1): m = beta1*m + (1-beta1)*g, v = max(beta2*v, |g|),
    var -= lr / (1 - beta1^t) * m / (v + epsilon).

    One non-slot variable, `beta1_power`. Sparse gradients update only their rows.
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="AdaMax"):
        super().__init__(learning_rate, beta1, beta2, epsilon, use_locking, name)

    def _get_beta_accumulators(self):
        return self._get_non_slot_variable("beta1_power", graph=get_default_graph())

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(initial_value=self._beta1, name="beta1_power",
                                       colocate_with=first_var)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        beta1_power = self._get_beta_accumulators()
        update = training_ops.apply_ada_max(
            var, m, v, _cast(beta1_power, var), _cast(self._lr_t, var),
            _cast(self._beta1_t, var), _cast(self._beta2_t, var), _cast(self._epsilon_t, var),
            grad, use_locking=self._use_locking)
        return getattr(update, "op", update)

    def _resource_apply_dense(self, grad, var):
        return self._apply_dense(grad, var)

    def _apply_sparse_shared(self, grad, var, indices, scatter_add, scatter_update):
        beta1_power = _cast(self._get_beta_accumulators(), var)
        lr_t = _cast(self._lr_t, var)
        beta1_t = _cast(self._beta1_t, var)
        beta2_t = _cast(self._beta2_t, var)
        epsilon_t = _cast(self._epsilon_t, var)
        g = get_default_graph()
        m = self.get_slot(var, "m")
        m_slice = array_ops.gather(m, indices)
        m_t_slice = m_slice * beta1_t + grad * (1 - beta1_t)
        with g.control_dependencies([m_t_slice]):
            m_t = scatter_update(m, indices, m_t_slice)
        v = self.get_slot(var, "v")
        v_slice = array_ops.gather(v, indices)
        v_t_slice = math_ops.maximum(v_slice * beta2_t, math_ops.abs(grad))
        with g.control_dependencies([v_t_slice]):
            v_t = scatter_update(v, indices, v_t_slice)
        var_slice = -lr_t / (1 - beta1_power) * (m_t_slice / (v_t_slice + epsilon_t))
        with g.control_dependencies([var_slice]):
            var_update = scatter_add(var, indices, var_slice)
        return control_flow_ops.group(*[var_update, m_t, v_t])

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: state_ops.scatter_add(x, i, v, use_locking=self._use_locking),
            lambda x, i, v: state_ops.scatter_update(x, i, v, use_locking=self._use_locking))

    def _resource_apply_sparse(self, grad, var, indices):
        return self._apply_sparse_shared(grad, var, indices,
                                         _resource_scatter(resource_scatter_add),
                                         _resource_scatter(resource_scatter_update))

    def _finish(self, update_ops, name_scope):
        g = get_default_graph()
        with g.control_dependencies(update_ops):
            beta1_power = self._get_beta_accumulators()
            with g.colocate_with(beta1_power.op):
                update_beta1 = beta1_power.assign(beta1_power * self._beta1_t,
                                                  use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1], name=name_scope)


class AdamGSOptimizer(AdamOptimizer):
    """Adam whose beta powers come from the global step (beta^(global_step + 1), Pow ops)
    rather than from the beta1_power/beta2_power variables.

    Args:
      global_step: the step Tensor/Variable (int), read once per apply_gradients.
    """

    def __init__(self, global_step=0, learning_rate=0.001, beta1=0.9, beta2=0.999,
                 epsilon=1e-8, use_locking=False, name="Adam"):
        super().__init__(learning_rate, beta1, beta2, epsilon, use_locking, name)
        self._global_step = global_step
        self._global_step_on_worker = None

    def _get_beta_accumulators(self):
        return (math_ops.pow(self._beta1_t, self._global_step_on_worker),
                math_ops.pow(self._beta2_t, self._global_step_on_worker))

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        super()._prepare()
        self._global_step_on_worker = math_ops.cast(
            array_ops.identity(self._global_step) + 1, dtypes.float32)

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)


class LazyAdamGSOptimizer(LazyAdamOptimizer, AdamGSOptimizer):
    """LazyAdamOptimizer's sparse updates with AdamGSOptimizer's global-step beta powers."""
