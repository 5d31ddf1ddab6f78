"""The optimizers of TF 1.14's tf.contrib.optimizer_v2 (adadelta.py, adagrad.py, adam.py,
gradient_descent.py, momentum.py, rmsprop.py): tf.train's updates on OptimizerV2, their
hyperparameters per-graph tensors (`Adam/learning_rate`, ...), their slots made by
`_create_vars` and Adam's beta powers non-slot variables stepped in `_finish`."""
from __future__ import annotations

from ...engine.framework.graph import get_default_graph
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import array_ops, control_flow_ops, init_ops, math_ops, scatter_ops
from ...ops.resource_variable_ops import resource_scatter_add
from ...train import training_ops
from ...train.optimizers import adam_sparse_update
from .optimizer_v2 import OptimizerV2

__all__ = ["AdadeltaOptimizer", "AdagradOptimizer", "AdamOptimizer",
           "GradientDescentOptimizer", "MomentumOptimizer", "RMSPropOptimizer"]


def _op(update):
    return getattr(update, "op", update)


def _hypers(state, var, *names):
    return [state.get_hyper(n, var.dtype.base_dtype) for n in names]


class GradientDescentOptimizer(OptimizerV2):
    """var -= learning_rate * grad."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)

    def _apply_dense(self, grad, var, state):
        return _op(training_ops.apply_gradient_descent(
            var, state.get_hyper("learning_rate", var.dtype.base_dtype), grad,
            use_locking=self._use_locking))

    _resource_apply_dense = _apply_dense

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices, state):
        lr = state.get_hyper("learning_rate", grad.dtype.base_dtype)
        return resource_scatter_add(handle.handle, indices, -grad * lr)

    def _apply_sparse_duplicate_indices(self, grad, var, state):
        delta = IndexedSlices(grad.values * state.get_hyper("learning_rate",
                                                            var.dtype.base_dtype),
                              grad.indices, grad.dense_shape)
        return scatter_ops.scatter_sub(var, delta.indices, delta.values,
                                       use_locking=self._use_locking)


class MomentumOptimizer(OptimizerV2):
    """accum = momentum * accum + grad; var -= lr * accum (or Nesterov's variant)."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("momentum", momentum)
        self._use_nesterov = use_nesterov

    def _create_vars(self, var_list, state):
        for v in var_list:
            state.zeros_slot(v, "momentum")

    def _apply_dense(self, grad, var, state):
        lr, momentum = _hypers(state, var, "learning_rate", "momentum")
        return _op(training_ops.apply_momentum(
            var, state.get_slot(var, "momentum"), lr, grad, momentum,
            use_locking=self._use_locking, use_nesterov=self._use_nesterov))

    _resource_apply_dense = _apply_dense

    def _apply_sparse(self, grad, var, state):
        return self._resource_apply_sparse(grad.values, var, grad.indices, state)

    def _resource_apply_sparse(self, grad, var, indices, state):
        lr, momentum = _hypers(state, var, "learning_rate", "momentum")
        return _op(training_ops.sparse_apply_momentum(
            var, state.get_slot(var, "momentum"), lr, grad, indices, momentum,
            use_locking=self._use_locking, use_nesterov=self._use_nesterov))


class AdamOptimizer(OptimizerV2):
    """Adam (Kingma and Ba): the ApplyAdam update, or TF's composed sparse one."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("beta1", beta1)
        self._set_hyper("beta2", beta2)
        self._set_hyper("epsilon", epsilon)

    def _get_beta_accumulators(self, state=None):
        if state is None:
            state = self._per_graph_state.get(get_default_graph())
        return state.get_non_slot("beta1_power"), state.get_non_slot("beta2_power")

    def _create_vars(self, var_list, state):
        state.create_non_slot(initial_value=lambda: state.get_hyper("beta1"),
                              name="beta1_power")
        state.create_non_slot(initial_value=lambda: state.get_hyper("beta2"),
                              name="beta2_power")
        for v in var_list:
            state.zeros_slot(v, "m")
            state.zeros_slot(v, "v")

    def _apply_dense(self, grad, var, state):
        beta1_power, beta2_power = self._get_beta_accumulators(state)
        dtype = var.dtype.base_dtype
        return _op(training_ops.apply_adam(
            var, state.get_slot(var, "m"), state.get_slot(var, "v"),
            math_ops.cast(beta1_power, dtype), math_ops.cast(beta2_power, dtype),
            *_hypers(state, var, "learning_rate", "beta1", "beta2", "epsilon"), grad,
            use_locking=self._use_locking))

    _resource_apply_dense = _apply_dense

    def _apply_sparse_shared(self, grad, var, indices, scatter_add, state):
        beta1_power, beta2_power = self._get_beta_accumulators(state)
        beta1_power = math_ops.cast(beta1_power, var.dtype.base_dtype)
        beta2_power = math_ops.cast(beta2_power, var.dtype.base_dtype)
        lr_t, beta1_t, beta2_t, epsilon_t = _hypers(state, var, "learning_rate", "beta1",
                                                    "beta2", "epsilon")
        lr = (lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power))
        return adam_sparse_update(var, grad, indices, scatter_add, state.get_slot(var, "m"),
                                  state.get_slot(var, "v"), lr, beta1_t, beta2_t, epsilon_t,
                                  self._use_locking)

    def _apply_sparse(self, grad, var, state):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: scatter_ops.scatter_add(x, i, v, use_locking=self._use_locking),
            state)

    def _resource_scatter_add(self, x, i, v):
        with get_default_graph().control_dependencies([resource_scatter_add(x.handle, i, v)]):
            return x.value()

    def _resource_apply_sparse(self, grad, var, indices, state):
        return self._apply_sparse_shared(grad, var, indices, self._resource_scatter_add, state)

    def _finish(self, state):
        beta1_power, beta2_power = self._get_beta_accumulators(state)
        update_beta1 = beta1_power.assign(beta1_power * state.get_hyper("beta1"),
                                          use_locking=self._use_locking)
        update_beta2 = beta2_power.assign(beta2_power * state.get_hyper("beta2"),
                                          use_locking=self._use_locking)
        return control_flow_ops.group(update_beta1, update_beta2)


class AdagradOptimizer(OptimizerV2):
    """accum += grad^2; var -= lr * grad / sqrt(accum).

    Raises:
      ValueError: initial_accumulator_value is not positive (as TF).
    """

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)
        self._initial_accumulator_value = initial_accumulator_value

    def _create_vars(self, var_list, state):
        for v in var_list:
            dtype = v.dtype.base_dtype
            if v.get_shape().is_fully_defined():
                init = init_ops.constant_initializer(self._initial_accumulator_value,
                                                     dtype=dtype)
            else:
                def init(v=v, dtype=dtype):
                    return math_ops.cast(array_ops.fill(array_ops.shape(v),
                                                        self._initial_accumulator_value),
                                         dtype)
            state.create_slot_with_initializer(v, init, v.get_shape(), dtype, "accumulator")

    def _apply_dense(self, grad, var, state):
        return _op(training_ops.apply_adagrad(
            var, state.get_slot(var, "accumulator"),
            state.get_hyper("learning_rate", var.dtype.base_dtype), grad,
            use_locking=self._use_locking))

    _resource_apply_dense = _apply_dense

    def _apply_sparse(self, grad, var, state):
        return self._resource_apply_sparse(grad.values, var, grad.indices, state)

    def _resource_apply_sparse(self, grad, var, indices, state):
        return _op(training_ops.sparse_apply_adagrad(
            var, state.get_slot(var, "accumulator"),
            state.get_hyper("learning_rate", var.dtype.base_dtype), grad, indices,
            use_locking=self._use_locking))


class AdadeltaOptimizer(OptimizerV2):
    """Adadelta (Zeiler): the ApplyAdadelta update with slots accum and accum_update."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
                 name="Adadelta"):
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("rho", rho)
        self._set_hyper("epsilon", epsilon)

    def _create_vars(self, var_list, state):
        for v in var_list:
            state.zeros_slot(v, "accum")
            state.zeros_slot(v, "accum_update")

    def _apply_dense(self, grad, var, state):
        return _op(training_ops.apply_adadelta(
            var, state.get_slot(var, "accum"), state.get_slot(var, "accum_update"),
            *_hypers(state, var, "learning_rate", "rho", "epsilon"), grad,
            use_locking=self._use_locking))

    _resource_apply_dense = _apply_dense

    def _apply_sparse(self, grad, var, state):
        return self._resource_apply_sparse(grad.values, var, grad.indices, state)

    def _resource_apply_sparse(self, grad, var, indices, state):
        return _op(training_ops.sparse_apply_adadelta(
            var, state.get_slot(var, "accum"), state.get_slot(var, "accum_update"),
            *_hypers(state, var, "learning_rate", "rho", "epsilon"), grad, indices,
            use_locking=self._use_locking))


class RMSPropOptimizer(OptimizerV2):
    """RMSProp (Hinton), plain or centered, with slots rms (initialized to epsilon),
    momentum and, centered, mg."""

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("decay", decay)
        self._set_hyper("momentum", momentum)
        self._set_hyper("epsilon", epsilon)
        self._centered = centered

    def _create_vars(self, var_list, state):
        for v in var_list:
            init_rms = state.get_hyper("epsilon", v.dtype.base_dtype) * array_ops.ones_like(v)
            state.create_slot_with_initializer(v, init_rms, v.get_shape(),
                                               v.dtype.base_dtype, "rms")
            if self._centered:
                state.zeros_slot(v, "mg")
            state.zeros_slot(v, "momentum")

    def _rms_slots(self, var, state):
        slots = [state.get_slot(var, "rms"), state.get_slot(var, "momentum")]
        return [state.get_slot(var, "mg")] + slots if self._centered else slots

    def _apply_dense(self, grad, var, state):
        apply = (training_ops.apply_centered_rms_prop if self._centered
                 else training_ops.apply_rms_prop)
        return _op(apply(var, *self._rms_slots(var, state),
                         *_hypers(state, var, "learning_rate", "decay", "momentum"), 0, grad,
                         use_locking=self._use_locking))

    _resource_apply_dense = _apply_dense

    def _apply_sparse(self, grad, var, state):
        return self._resource_apply_sparse(grad.values, var, grad.indices, state)

    def _resource_apply_sparse(self, grad, var, indices, state):
        apply = (training_ops.sparse_apply_centered_rms_prop if self._centered
                 else training_ops.sparse_apply_rms_prop)
        return _op(apply(var, *self._rms_slots(var, state),
                         *_hypers(state, var, "learning_rate", "decay", "momentum"), 0, grad,
                         indices, use_locking=self._use_locking))
