"""The TF 1.x optimizers: GradientDescent, Momentum, Adam, Adagrad, RMSProp, Adadelta, Ftrl.

Each one mirrors its TF 1.14 class: the same slots (names, initial values,
creation order), the same hyperparameter tensors in `_prepare`
(`Adam/learning_rate`, ...), cast to the variable's dtype, and one update op
from training_ops per variable. Sparse gradients (IndexedSlices from gather)
are deduplicated (summed per index) and applied to the touched rows only,
except Adam, which, as TF, decays all of m and v and updates every row.

>>> w = tf.Variable([1.0, -1.0], name="w")
>>> step = tf.train.get_or_create_global_step()
>>> train_op = tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(w * w), global_step=step)
>>> sorted(v.op.name for v in tf.global_variables())
['beta1_power', 'beta2_power', 'global_step', 'w', 'w/Adam', 'w/Adam_1']
"""
from __future__ import annotations

from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Operation, get_default_graph
from ..ops import array_ops, control_flow_ops, init_ops, state_ops
from ..ops import math_ops
from ..ops import scatter_ops
from ..ops.resource_variable_ops import resource_scatter_add
from . import training_ops
from .optimizer import Optimizer

__all__ = ["GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer",
           "AdagradOptimizer", "RMSPropOptimizer", "AdadeltaOptimizer", "FtrlOptimizer",
           "ProximalGradientDescentOptimizer", "ProximalAdagradOptimizer", "AdagradDAOptimizer"]


def _cast(x, var):
    return math_ops.cast(x, var.dtype.base_dtype)


def _op(update):
    """The Operation of an update: Apply<Op> returns the variable's ref, Resource<Op> the op."""
    return update if isinstance(update, Operation) else update.op


class GradientDescentOptimizer(Optimizer):
    """var -= learning_rate * grad.

    Args:
      learning_rate: a float or a float Tensor.
      use_locking: accepted (updates are never concurrent in flowgrad).
      name: prefix of the ops it adds ("GradientDescent").
    """

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._learning_rate_tensor = None

    def _prepare(self):
        lr = self._call_if_callable(self._learning_rate)
        self._learning_rate_tensor = convert_to_tensor(lr, name="learning_rate")

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_gradient_descent(
            var, _cast(self._learning_rate_tensor, var), grad,
            use_locking=self._use_locking))

    def _apply_sparse_duplicate_indices(self, grad, var):
        # Scatter-sub accumulates duplicates itself: no deduplication needed (as TF).
        values = grad.values * _cast(self._learning_rate_tensor, var)
        return scatter_ops.scatter_sub(var, grad.indices, values,
                                       use_locking=self._use_locking)

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices):
        # TF: one ResourceScatterAdd of -grad * learning_rate (duplicates accumulate)
        return resource_scatter_add(handle.handle, indices, -grad * self._learning_rate)


class MomentumOptimizer(Optimizer):
    """accum = momentum * accum + grad; var -= lr * accum (or Nesterov's variant).

    Args:
      learning_rate, momentum: floats or float Tensors.
      use_nesterov: use Nesterov momentum (var -= lr*grad + lr*momentum*accum).
    """

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(
            self._call_if_callable(self._learning_rate), name="learning_rate")
        self._momentum_tensor = convert_to_tensor(self._call_if_callable(self._momentum),
                                                  name="momentum")

    def _apply_dense(self, grad, var):
        mom = self.get_slot(var, "momentum")
        return _op(training_ops.apply_momentum(
            var, mom, _cast(self._learning_rate_tensor, var), grad,
            _cast(self._momentum_tensor, var), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov))

    def _apply_sparse(self, grad, var):
        mom = self.get_slot(var, "momentum")
        return _op(training_ops.sparse_apply_momentum(
            var, mom, _cast(self._learning_rate_tensor, var), grad.values, grad.indices,
            _cast(self._momentum_tensor, var), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov))



def adam_sparse_update(var, grad, indices, scatter_add, m, v, lr, beta1_t, beta2_t, epsilon_t,
                       use_locking):
    """TF 1.14's sparse Adam step (AdamOptimizer._apply_sparse_shared, and optimizer_v2's):
    m and v decayed on all rows, then the rows of `grad` added by `scatter_add`, then var
    moved by lr * m_t / (sqrt(v_t) + epsilon)."""
    g = get_default_graph()
    m_scaled_g_values = grad * (1 - beta1_t)
    m_t = state_ops.assign(m, m * beta1_t, use_locking=use_locking)
    with g.control_dependencies([m_t]):
        m_t = scatter_add(m, indices, m_scaled_g_values)
    v_scaled_g_values = (grad * grad) * (1 - beta2_t)
    v_t = state_ops.assign(v, v * beta2_t, use_locking=use_locking)
    with g.control_dependencies([v_t]):
        v_t = scatter_add(v, indices, v_scaled_g_values)
    v_sqrt = math_ops.sqrt(v_t)
    var_update = state_ops.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t),
                                      use_locking=use_locking)
    return control_flow_ops.group(*[var_update, m_t, v_t])

class AdamOptimizer(Optimizer):
    """Adam (Kingma & Ba): lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t),
    m = beta1*m + (1-beta1)*g, v = beta2*v + (1-beta2)*g^2, var -= lr_t*m/(sqrt(v)+epsilon).

    beta1^t and beta2^t live in the non-slot variables `beta1_power` and
    `beta2_power`, multiplied by beta1/beta2 after each step.
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon
        self._lr_t = self._beta1_t = self._beta2_t = self._epsilon_t = None

    def _get_beta_accumulators(self):
        graph = get_default_graph()
        return (self._get_non_slot_variable("beta1_power", graph=graph),
                self._get_non_slot_variable("beta2_power", graph=graph))

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(initial_value=self._beta1, name="beta1_power",
                                       colocate_with=first_var)
        self._create_non_slot_variable(initial_value=self._beta2, name="beta2_power",
                                       colocate_with=first_var)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._call_if_callable(self._lr), name="learning_rate")
        self._beta1_t = convert_to_tensor(self._call_if_callable(self._beta1), name="beta1")
        self._beta2_t = convert_to_tensor(self._call_if_callable(self._beta2), name="beta2")
        self._epsilon_t = convert_to_tensor(self._call_if_callable(self._epsilon),
                                            name="epsilon")

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        beta1_power, beta2_power = self._get_beta_accumulators()
        return _op(training_ops.apply_adam(
            var, m, v, _cast(beta1_power, var), _cast(beta2_power, var),
            _cast(self._lr_t, var), _cast(self._beta1_t, var), _cast(self._beta2_t, var),
            _cast(self._epsilon_t, var), grad, use_locking=self._use_locking))

    def _apply_sparse_shared(self, grad, var, indices, scatter_add):
        beta1_power, beta2_power = self._get_beta_accumulators()
        beta1_power = _cast(beta1_power, var)
        beta2_power = _cast(beta2_power, var)
        lr_t = _cast(self._lr_t, var)
        beta1_t = _cast(self._beta1_t, var)
        beta2_t = _cast(self._beta2_t, var)
        epsilon_t = _cast(self._epsilon_t, var)
        lr = lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power)
        return adam_sparse_update(var, grad, indices, scatter_add, self.get_slot(var, "m"),
                                  self.get_slot(var, "v"), lr, beta1_t, beta2_t, epsilon_t,
                                  self._use_locking)

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: scatter_ops.scatter_add(x, i, v, use_locking=self._use_locking))

    def _resource_scatter_add(self, x, i, v):
        with get_default_graph().control_dependencies([resource_scatter_add(x.handle, i, v)]):
            return x.value()

    def _resource_apply_sparse(self, grad, var, indices):
        # TF: ResourceScatterAdd, then a read of the slot (`ReadVariableOp_N`)
        return self._apply_sparse_shared(grad, var, indices, self._resource_scatter_add)

    def _finish(self, update_ops, name_scope):
        g = get_default_graph()
        with g.control_dependencies(update_ops):
            beta1_power, beta2_power = self._get_beta_accumulators()
            with g.colocate_with(beta1_power.op):
                update_beta1 = beta1_power.assign(beta1_power * self._beta1_t,
                                                  use_locking=self._use_locking)
                update_beta2 = beta2_power.assign(beta2_power * self._beta2_t,
                                                  use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1, update_beta2],
                                      name=name_scope)


class AdagradOptimizer(Optimizer):
    """accum += grad^2; var -= lr * grad / sqrt(accum).

    Raises:
      ValueError: initial_accumulator_value is not positive.
    """

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._learning_rate_tensor = None

    def _create_slots(self, var_list):
        for v in var_list:
            dtype = v.dtype.base_dtype
            if v.get_shape().is_fully_defined():
                init = init_ops.constant_initializer(self._initial_accumulator_value,
                                                     dtype=dtype)
            else:
                init = self._init_constant_op(v, dtype)
            self._get_or_make_slot_with_initializer(v, init, v.get_shape(), dtype,
                                                    "accumulator", self._name)

    def _init_constant_op(self, v, dtype):
        def init():
            value = array_ops.fill(array_ops.shape(v), self._initial_accumulator_value)
            return math_ops.cast(value, dtype)
        return init

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(
            self._call_if_callable(self._learning_rate), name="learning_rate")

    def _apply_dense(self, grad, var):
        acc = self.get_slot(var, "accumulator")
        return _op(training_ops.apply_adagrad(
            var, acc, _cast(self._learning_rate_tensor, var), grad,
            use_locking=self._use_locking))

    def _apply_sparse(self, grad, var):
        acc = self.get_slot(var, "accumulator")
        return _op(training_ops.sparse_apply_adagrad(
            var, acc, _cast(self._learning_rate_tensor, var), grad.values, grad.indices,
            use_locking=self._use_locking))


class RMSPropOptimizer(Optimizer):
    """ms = decay*ms + (1-decay)*g^2; mom = momentum*mom + lr*g/sqrt(ms+epsilon); var -= mom.

    With centered=True the denominator is sqrt(ms - mg^2 + epsilon), mg the
    moving mean of g. The "rms" slot starts at ones, as in TF 1.x.
    """

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay = decay
        self._momentum = momentum
        self._epsilon = epsilon
        self._centered = centered

    def _create_slots(self, var_list):
        for v in var_list:
            if v.get_shape().is_fully_defined():
                init_rms = init_ops.ones_initializer(dtype=v.dtype.base_dtype)
            else:
                init_rms = array_ops.ones_like(v)
            self._get_or_make_slot_with_initializer(v, init_rms, v.get_shape(),
                                                    v.dtype.base_dtype, "rms", self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        c = self._call_if_callable
        self._learning_rate_tensor = convert_to_tensor(c(self._learning_rate),
                                                       name="learning_rate")
        self._decay_tensor = convert_to_tensor(c(self._decay), name="decay")
        self._momentum_tensor = convert_to_tensor(c(self._momentum), name="momentum")
        self._epsilon_tensor = convert_to_tensor(c(self._epsilon), name="epsilon")

    def _hyper(self, var):
        return (_cast(self._learning_rate_tensor, var), _cast(self._decay_tensor, var),
                _cast(self._momentum_tensor, var), _cast(self._epsilon_tensor, var))

    def _apply_dense(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        if self._centered:
            mg = self.get_slot(var, "mg")
            return _op(training_ops.apply_centered_rms_prop(
                var, mg, rms, mom, *self._hyper(var), grad, use_locking=self._use_locking))
        return _op(training_ops.apply_rms_prop(var, rms, mom, *self._hyper(var), grad,
                                           use_locking=self._use_locking))

    def _apply_sparse(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        if self._centered:
            mg = self.get_slot(var, "mg")
            return _op(training_ops.sparse_apply_centered_rms_prop(
                var, mg, rms, mom, *self._hyper(var), grad.values, grad.indices,
                use_locking=self._use_locking))
        return _op(training_ops.sparse_apply_rms_prop(
            var, rms, mom, *self._hyper(var), grad.values, grad.indices,
            use_locking=self._use_locking))


class AdadeltaOptimizer(Optimizer):
    """accum = rho*accum + (1-rho)*g^2; update = sqrt(accum_update+eps)/sqrt(accum+eps)*g;
    var -= lr*update; accum_update = rho*accum_update + (1-rho)*update^2."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
                 name="Adadelta"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._rho = rho
        self._epsilon = epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)

    def _prepare(self):
        c = self._call_if_callable
        self._lr_t = convert_to_tensor(c(self._lr), name="lr")
        self._rho_t = convert_to_tensor(c(self._rho), name="rho")
        self._epsilon_t = convert_to_tensor(c(self._epsilon), name="epsilon")

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_adadelta(
            var, self.get_slot(var, "accum"), self.get_slot(var, "accum_update"),
            _cast(self._lr_t, var), _cast(self._rho_t, var), _cast(self._epsilon_t, var), grad,
            use_locking=self._use_locking))

    def _apply_sparse(self, grad, var):
        return _op(training_ops.sparse_apply_adadelta(
            var, self.get_slot(var, "accum"), self.get_slot(var, "accum_update"),
            _cast(self._lr_t, var), _cast(self._rho_t, var), _cast(self._epsilon_t, var),
            grad.values, grad.indices, use_locking=self._use_locking))


class FtrlOptimizer(Optimizer):
    """FTRL-proximal (McMahan et al.) with L1, L2 and L2-shrinkage regularization.

    Raises:
      ValueError: a negative initial_accumulator_value or regularization
        strength, or a positive learning_rate_power.
    """

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="Ftrl", accum_name=None, linear_name=None,
                 l2_shrinkage_regularization_strength=0.0):
        super().__init__(use_locking, name)
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value %f needs to be positive or zero"
                             % initial_accumulator_value)
        if learning_rate_power > 0.0:
            raise ValueError("learning_rate_power %f needs to be negative or zero"
                             % learning_rate_power)
        if l1_regularization_strength < 0.0:
            raise ValueError("l1_regularization_strength %f needs to be positive or zero"
                             % l1_regularization_strength)
        if l2_regularization_strength < 0.0:
            raise ValueError("l2_regularization_strength %f needs to be positive or zero"
                             % l2_regularization_strength)
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("l2_shrinkage_regularization_strength %f needs to be positive or "
                             "zero" % l2_shrinkage_regularization_strength)
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._accum_name = accum_name
        self._linear_name = linear_name

    def _create_slots(self, var_list):
        g = get_default_graph()
        for v in var_list:
            with g.colocate_with(v.op):
                val = constant(self._initial_accumulator_value, dtype=v.dtype.base_dtype,
                               shape=v.get_shape().as_list())
                self._get_or_make_slot(v, val, "accum", self._accum_name or self._name)
                self._zeros_slot(v, "linear", self._linear_name or self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
        self._l1_tensor = convert_to_tensor(self._l1, name="l1_regularization_strength")
        self._l2_tensor = convert_to_tensor(self._l2, name="l2_regularization_strength")
        self._l2_shrinkage_tensor = convert_to_tensor(
            self._l2_shrinkage, name="l2_shrinkage_regularization_strength")
        self._learning_rate_power_tensor = convert_to_tensor(self._learning_rate_power,
                                                             name="learning_rate_power")

    def _apply(self, dense, grad, var):
        accum = self.get_slot(var, "accum")
        linear = self.get_slot(var, "linear")
        lr, l1, l2 = (_cast(self._learning_rate_tensor, var), _cast(self._l1_tensor, var),
                      _cast(self._l2_tensor, var))
        power = _cast(self._learning_rate_power_tensor, var)
        g = [grad] if dense else [grad.values, grad.indices]
        if self._l2_shrinkage <= 0.0:
            fn = training_ops.apply_ftrl if dense else training_ops.sparse_apply_ftrl
            return fn(var, accum, linear, *g, lr, l1, l2, power, use_locking=self._use_locking)
        fn = training_ops.apply_ftrl_v2 if dense else training_ops.sparse_apply_ftrl_v2
        return fn(var, accum, linear, *g, lr, l1, l2, _cast(self._l2_shrinkage_tensor, var),
                  power, use_locking=self._use_locking)

    def _apply_dense(self, grad, var):
        return self._apply(True, grad, var)

    def _apply_sparse(self, grad, var):
        return self._apply(False, grad, var)


class ProximalGradientDescentOptimizer(Optimizer):
    """Gradient descent followed by the L1/L2 proximal step (FOBOS).

    As in TF, the hyperparameters are not cast: they must match the variables' dtype.
    """

    def __init__(self, learning_rate, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False,
                 name="ProximalGradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
        self._l1_tensor = convert_to_tensor(self._l1, name="l1_regularization_strength")
        self._l2_tensor = convert_to_tensor(self._l2, name="l2_regularization_strength")

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_proximal_gradient_descent(
            var, self._learning_rate_tensor, self._l1_tensor, self._l2_tensor, grad,
            use_locking=self._use_locking))

    def _apply_sparse(self, grad, var):
        return _op(training_ops.sparse_apply_proximal_gradient_descent(
            var, self._learning_rate_tensor, self._l1_tensor, self._l2_tensor, grad.values,
            grad.indices, use_locking=self._use_locking))

    def _resource_apply_sparse(self, grad, var, indices):
        # TF casts the hyperparameters to the gradient's dtype on this path only
        return training_ops.sparse_apply_proximal_gradient_descent(
            var, *(math_ops.cast(t, grad.dtype) for t in
                   (self._learning_rate_tensor, self._l1_tensor, self._l2_tensor)),
            grad, indices, use_locking=self._use_locking)


class ProximalAdagradOptimizer(Optimizer):
    """Adagrad followed by the L1/L2 proximal step with the per-element Adagrad rate.

    Raises:
      ValueError: initial_accumulator_value is not positive.
    """

    def __init__(self, learning_rate, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="ProximalAdagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength

    def _create_slots(self, var_list):
        g = get_default_graph()
        for v in var_list:
            with g.colocate_with(v.op):
                val = constant(self._initial_accumulator_value, shape=v.get_shape().as_list(),
                               dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, val, "accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
        self._l1_tensor = convert_to_tensor(self._l1, name="l1_regularization_strength")
        self._l2_tensor = convert_to_tensor(self._l2, name="l2_regularization_strength")

    def _apply_dense(self, grad, var):
        return _op(training_ops.apply_proximal_adagrad(
            var, self.get_slot(var, "accumulator"), self._learning_rate_tensor, self._l1_tensor,
            self._l2_tensor, grad, use_locking=self._use_locking))

    def _apply_sparse(self, grad, var):
        return _op(training_ops.sparse_apply_proximal_adagrad(
            var, self.get_slot(var, "accumulator"), self._learning_rate_tensor, self._l1_tensor,
            self._l2_tensor, grad.values, grad.indices, use_locking=self._use_locking))

    def _resource_apply_sparse(self, grad, var, indices):
        # TF casts the hyperparameters to the gradient's dtype on this path only
        return training_ops.sparse_apply_proximal_adagrad(
            var, self.get_slot(var, "accumulator"),
            *(math_ops.cast(t, grad.dtype) for t in
              (self._learning_rate_tensor, self._l1_tensor, self._l2_tensor)),
            grad, indices, use_locking=self._use_locking)


class AdagradDAOptimizer(Optimizer):
    """Adagrad dual averaging (Duchi et al.): the weights are recomputed each step
    from the gradient sums, with L1/L2 regularization scaled by the global step.

    Args:
      learning_rate: float or float Tensor.
      global_step: the training step Tensor/Variable (int64); step T = global_step + 1.
    Raises:
      ValueError: initial_gradient_squared_accumulator_value is not positive.
    """

    def __init__(self, learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="AdagradDA"):
        if initial_gradient_squared_accumulator_value <= 0.0:
            raise ValueError("initial_gradient_squared_accumulator_value must be positive: %s"
                             % initial_gradient_squared_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_gg = initial_gradient_squared_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength
        self._global_step = global_step
        self._global_step_on_worker = None

    def _create_slots(self, var_list):
        g = get_default_graph()
        for v in var_list:
            with g.colocate_with(v.op):
                shape = v.get_shape().as_list()
                g_val = constant(0.0, shape=shape, dtype=v.dtype.base_dtype)
                gg_val = constant(self._initial_gg, shape=shape, dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, g_val, "gradient_accumulator", self._name)
            self._get_or_make_slot(v, gg_val, "gradient_squared_accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
        self._global_step_on_worker = array_ops.identity(self._global_step) + 1

    def _apply(self, dense, grad, var):
        step = array_ops.identity(self._global_step_on_worker)
        g = [grad] if dense else [grad.values, grad.indices]
        fn = training_ops.apply_adagrad_da if dense else training_ops.sparse_apply_adagrad_da
        return fn(var, self.get_slot(var, "gradient_accumulator"),
                  self.get_slot(var, "gradient_squared_accumulator"), *g,
                  _cast(self._learning_rate_tensor, var), _cast(self._l1, var),
                  _cast(self._l2, var), step, use_locking=self._use_locking)

    def _apply_dense(self, grad, var):
        return self._apply(True, grad, var)

    def _apply_sparse(self, grad, var):
        return self._apply(False, grad, var)
