"""tf.keras.optimizers (TF 1.14: the OptimizerV2 classes), graph mode.

Every optimizer builds TF's graph (keras/optimizers_v2.py): hyperparameters as variables
('Adam/beta_1', ...), an `iter` counter and per-variable slots named and ordered as TF
1.14 names and orders them (so `weights`, get_weights/set_weights and the HDF5 file's
`optimizer_weights` are TF's), and each variable's update in
'<Name>/<Name>/update_<var>/' with TF's kernels: ResourceApplyGradientDescent,
ResourceApplyKerasMomentum (SGD with momentum / Nesterov), ResourceApplyAdam(WithAmsgrad),
ResourceApplyRMSProp / CenteredRMSProp, ResourceApplyAdadelta, ResourceApplyAdaMax,
ResourceApplyFtrl(V2), their sparse forms, and TF's plain ops where TF's Keras uses them
(RMSprop without momentum, Adagrad, Nadam, the sparse Adam / Adamax / Nadam / RMSprop).
`decay` (lr / (1 + decay * iterations); Nadam's is its momentum schedule's), `clipnorm`
and `clipvalue` as TF's OptimizerV2. `get` takes a name, a config, an instance or a
tf.train optimizer (wrapped as TFOptimizer). `learning_rate` may be a
keras.optimizers.schedules schedule.
"""
import numpy as np

from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.ops import resource as _res
from ..engine.framework.graph import Tensor
from ..engine.framework.constant_op import convert_to_tensor as to_tensor
from ..ops import array_ops, control_flow_ops, init_ops, math_ops, state_ops
from . import backend
from . import optimizers_schedules as schedules
from .optimizers_v2 import OptimizerV2
from ..engine.autodiff.gradients import gradients as _gradients
from ..train import optimizer as _tf_optimizer
from ..train import training_ops

__all__ = ["schedules", "Optimizer", "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta",
           "Adamax", "Nadam", "Ftrl", "TFOptimizer", "get", "serialize", "deserialize"]


class Optimizer(OptimizerV2):
    """Base of the Keras optimizers: `get_updates(loss, params)` returns the update ops.

    Args:
      name: the optimizer's name ('SGD', 'Adam', ...).
    """

    def get_gradients(self, loss, params):
        """The gradients of `loss` for `params` (ValueError where there is none)."""
        params = list(params) if isinstance(params, (list, tuple)) else [params]
        with name_scope(self._var_scope()):   # TF: '<Name>/gradients', wherever called
            grads = _gradients(loss, params)
            for grad, param in zip(grads, params):
                if grad is None:
                    raise ValueError(
                        "Variable {} has `None` for gradient. Please make sure that all of "
                        "your ops have a gradient defined (i.e. are differentiable). Common "
                        "ops without gradient: K.argmax, K.round, K.eval.".format(param))
            if hasattr(self, "clipnorm"):
                grads = [math_ops.clip_by_norm(g, self.clipnorm) for g in grads]
            if hasattr(self, "clipvalue"):
                grads = [math_ops.clip_by_value(g, -self.clipvalue, self.clipvalue)
                         for g in grads]
        return grads

    def get_updates(self, loss, params):
        """The ops that apply one step to `params` for `loss`."""
        grads = self.get_gradients(loss, params)
        return [self.apply_gradients(list(zip(grads, params)))]

    def minimize(self, loss, var_list, grad_loss=None, name=None):
        """TF 1.14's: the gradients of the callable `loss` (a GradientTape, `grad_loss`
        its output gradient) for `var_list` (or the callable returning it), applied as
        one op. A Tensor `loss` is TF's TypeError (it calls `loss()`, after watching
        `var_list`: a reference variable there is the tape's SystemError first)."""
        return self.apply_gradients(self._compute_gradients(loss, var_list, grad_loss),
                                    name=name)

    def _config(self, *names, **extra):
        config = super().get_config()
        config.update({n: self._serialize_hyperparameter(n) for n in names})
        config.update(extra)
        return config


class _PrependIterations:
    """TF 1.14's RMSprop/Adagrad/Adadelta set_weights: Keras v1 state has no iter."""

    def set_weights(self, weights):
        weights = list(weights)
        if len(self.weights) == len(weights) + 1:
            weights = [np.array(0)] + weights
        super().set_weights(weights)


def _eps(opt, dtype):
    return to_tensor(opt.epsilon, dtype=dtype)


def _check_momentum(momentum):
    if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
        raise ValueError("`momentum` must be between [0, 1].")
    return isinstance(momentum, Tensor) or callable(momentum) or momentum > 0


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum and Nesterov momentum (TF's
    KerasMomentum rule: accum = accum * momentum - lr * g; var += accum).

    Args:
      learning_rate: 0.01. momentum: 0.0. nesterov: False. name: 'SGD'.
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD",
                 **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._momentum = _check_momentum(momentum)
        self._set_hyper("momentum", momentum)
        self.nesterov = nesterov

    def _create_slots(self, var_list):
        if self._momentum:
            for var in var_list:
                self.add_slot(var, "momentum")

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        if not self._momentum:   # TF: var.handle (a reference variable's AttributeError)
            return training_ops.apply_gradient_descent(var.handle, lr_t, grad)
        return training_ops.resource_apply_keras_momentum(
            var, self.get_slot(var, "momentum"), lr_t, grad,
            self._get_hyper("momentum", dtype), use_nesterov=self.nesterov)

    def _resource_apply_sparse_duplicate_indices(self, grad, var, indices):
        if self._momentum:
            return super()._resource_apply_sparse_duplicate_indices(grad, var, indices)
        lr_t = self._decayed_lr(var.dtype.base_dtype)
        return _res.resource_scatter_add(var.handle, indices, -grad * lr_t)

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        return training_ops.resource_sparse_apply_keras_momentum(
            var, self.get_slot(var, "momentum"), lr_t, grad, indices,
            self._get_hyper("momentum", dtype), use_nesterov=self.nesterov)

    def get_config(self):
        return self._config("learning_rate", "decay", "momentum", nesterov=self.nesterov)


class Adam(Optimizer):
    """Adam (epsilon 1e-7 by default in TF 1.14's Keras), with amsgrad.

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. amsgrad: False.
      name: 'Adam'.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("beta_1", beta_1)
        self._set_hyper("beta_2", beta_2)
        self.epsilon = epsilon or backend.epsilon()
        self.amsgrad = amsgrad

    def _create_slots(self, var_list):
        for name in ("m", "v", "vhat") if self.amsgrad else ("m", "v"):
            for var in var_list:
                self.add_slot(var, name)

    def set_weights(self, weights):
        num_vars = int((len(self.weights) - 1) / 2)
        weights = list(weights)
        if len(weights) == 3 * num_vars + 1:
            weights = weights[:len(self.weights)]
        super().set_weights(weights)

    def _steps(self, dtype):
        b1 = self._get_hyper("beta_1", dtype)
        b2 = self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        return b1, b2, math_ops.pow(b1, local_step), math_ops.pow(b2, local_step)

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        b1, b2, eps = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype), \
            _eps(self, dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        b1_power, b2_power = math_ops.pow(b1, local_step), math_ops.pow(b2, local_step)
        if not self.amsgrad:
            return training_ops.apply_adam(var, m, v, b1_power, b2_power, lr_t, b1, b2, eps,
                                           grad)
        return training_ops.resource_apply_adam_with_amsgrad(
            var, m, v, self.get_slot(var, "vhat"), b1_power, b2_power, lr_t, b1, b2, eps,
            grad)

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        b1, b2 = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        b1_power, b2_power = math_ops.pow(b1, local_step), math_ops.pow(b2, local_step)
        eps = _eps(self, dtype)
        lr = lr_t * math_ops.sqrt(1 - b2_power) / (1 - b1_power)
        m = self.get_slot(var, "m")
        m_scaled = grad * (1 - b1)
        with control_dependencies([m.assign(m * b1)]):
            m_t = self._resource_scatter_add(m, indices, m_scaled)
        v = self.get_slot(var, "v")
        v_scaled = (grad * grad) * (1 - b2)
        with control_dependencies([v.assign(v * b2)]):
            v_t = self._resource_scatter_add(v, indices, v_scaled)
        if not self.amsgrad:
            update = var.assign_sub(lr * m_t / (math_ops.sqrt(v_t) + eps))
            return control_flow_ops.group(update, m_t, v_t)
        v_hat = self.get_slot(var, "vhat")
        v_hat_t = math_ops.maximum(v_hat, v_t)
        with control_dependencies([v_hat_t]):
            v_hat_t = v_hat.assign(v_hat_t)
        update = var.assign_sub(lr * m_t / (math_ops.sqrt(v_hat_t) + eps))
        return control_flow_ops.group(update, m_t, v_t, v_hat_t)

    def get_config(self):
        return self._config("learning_rate", "decay", "beta_1", "beta_2",
                            epsilon=self.epsilon, amsgrad=self.amsgrad)


class RMSprop(_PrependIterations, Optimizer):
    """RMSprop: rms = rho * rms + (1 - rho) * g^2; var -= lr * g / (sqrt(rms) + epsilon)
    (TF's RMSProp kernels with momentum; centered subtracts the mean gradient squared).

    Args:
      learning_rate: 0.001. rho: 0.9. momentum: 0.0. epsilon: 1e-7.
      centered: False. name: 'RMSprop'.
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, name="RMSprop", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("rho", rho)
        self._momentum = _check_momentum(momentum)
        self._set_hyper("momentum", momentum)
        self.epsilon = epsilon or backend.epsilon()
        self.centered = centered

    def _create_slots(self, var_list):
        names = ("rms",) + (("momentum",) if self._momentum else ()) + \
            (("mg",) if self.centered else ())
        for name in names:
            for var in var_list:
                self.add_slot(var, name)

    def _args(self, var):
        dtype = var.dtype.base_dtype
        return (self._decayed_lr(dtype), self.get_slot(var, "rms"),
                self._get_hyper("rho", dtype), self._get_hyper("momentum", dtype),
                _eps(self, dtype))

    def _resource_apply_dense(self, grad, var):
        lr_t, rms, rho, momentum, eps = self._args(var)
        if self._momentum:
            mom = self.get_slot(var, "momentum")
            if self.centered:
                return training_ops.apply_centered_rms_prop(
                    var, self.get_slot(var, "mg"), rms, mom, lr_t, rho, momentum, eps, grad)
            return training_ops.apply_rms_prop(var, rms, mom, lr_t, rho, momentum, eps, grad)
        rms_t = rms.assign(rho * rms + (1. - rho) * math_ops.square(grad))
        denom_t = rms_t
        if self.centered:
            mg = self.get_slot(var, "mg")
            mg_t = mg.assign(rho * mg + (1. - rho) * grad)
            denom_t = rms_t - math_ops.square(mg_t)
        var_t = var - lr_t * grad / (math_ops.sqrt(denom_t) + eps)
        return _op(var.assign(var_t))

    def _resource_apply_sparse(self, grad, var, indices):
        lr_t, rms, rho, momentum, eps = self._args(var)
        if self._momentum:
            mom = self.get_slot(var, "momentum")
            if self.centered:
                return training_ops.sparse_apply_centered_rms_prop(
                    var, self.get_slot(var, "mg"), rms, mom, lr_t, rho, momentum, eps, grad,
                    indices)
            return training_ops.sparse_apply_rms_prop(var, rms, mom, lr_t, rho, momentum,
                                                      eps, grad, indices)
        rms_scaled = (grad * grad) * (1. - rho)
        rms_t = rms.assign(rms * rho)
        with control_dependencies([rms_t]):
            rms_t = self._resource_scatter_add(rms, indices, rms_scaled)
            denom = array_ops.gather(rms_t, indices)
        if self.centered:
            mg = self.get_slot(var, "mg")
            mg_scaled = grad * (1. - rho)
            mg_t = mg.assign(mg * rho)
            with control_dependencies([mg_t]):
                mg_t = self._resource_scatter_add(mg, indices, mg_scaled)
                denom = denom - math_ops.square(array_ops.gather(mg_t, indices))
        update = self._resource_scatter_add(
            var, indices, -lr_t * grad / (math_ops.sqrt(denom) + eps))
        if self.centered:
            return control_flow_ops.group(update, rms_t, mg_t)
        return control_flow_ops.group(update, rms_t)

    def get_config(self):
        return self._config("learning_rate", "decay", "rho", "momentum",
                            epsilon=self.epsilon, centered=self.centered)


class Adagrad(_PrependIterations, Optimizer):
    """Adagrad: acc += g^2; var -= lr * g / (sqrt(acc) + epsilon) (acc starts at
    initial_accumulator_value; TF 1.14's Keras defaults).

    Args:
      learning_rate: 0.001. initial_accumulator_value: 0.1. epsilon: 1e-7.
      name: 'Adagrad'.
    """

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: %s"
                             % initial_accumulator_value)
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon or backend.epsilon()

    def _create_slots(self, var_list):
        for var in var_list:
            init = init_ops.constant_initializer(self._initial_accumulator_value,
                                                 dtype=var.dtype.base_dtype)
            self.add_slot(var, "accumulator", init)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """As TF 1.14: a config without initial_accumulator_value starts at 0 (so
        compile('adagrad') does); `config` itself edited, as TF's."""
        config.setdefault("initial_accumulator_value", 0.)
        return super().from_config(config, custom_objects)

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        eps = _eps(self, dtype)
        acc_t = self.get_slot(var, "accumulator").assign_add(math_ops.square(grad))
        return var.assign_sub(lr_t * grad / (math_ops.sqrt(acc_t) + eps))

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        eps = _eps(self, dtype)
        acc = self.get_slot(var, "accumulator")
        acc_t = self._resource_scatter_add(acc, indices, math_ops.square(grad))
        acc_slice = array_ops.gather(acc_t, indices)
        return self._resource_scatter_add(
            var, indices, -lr_t * grad / (math_ops.sqrt(acc_slice) + eps))

    def get_config(self):
        return self._config("learning_rate", "decay",
                            initial_accumulator_value=self._initial_accumulator_value,
                            epsilon=self.epsilon)


class Adadelta(_PrependIterations, Optimizer):
    """Adadelta (TF's ResourceApplyAdadelta kernel): accum = rho * accum + (1 - rho) g^2;
    update = sqrt(accum_var + eps) / sqrt(accum + eps) * g; accum_var = rho * accum_var +
    (1 - rho) update^2; var -= lr * update.

    Args:
      learning_rate: 0.001. rho: 0.95. epsilon: 1e-7. name: 'Adadelta'.
    """

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, name="Adadelta",
                 **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("rho", rho)
        self.epsilon = epsilon or backend.epsilon()

    def _create_slots(self, var_list):
        for name in ("accum_grad", "accum_var"):
            for var in var_list:
                self.add_slot(var, name)

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        return training_ops.apply_adadelta(
            var, self.get_slot(var, "accum_grad"), self.get_slot(var, "accum_var"), lr_t,
            self._get_hyper("rho", dtype), _eps(self, dtype), grad)

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        return training_ops.sparse_apply_adadelta(
            var, self.get_slot(var, "accum_grad"), self.get_slot(var, "accum_var"), lr_t,
            self._get_hyper("rho", dtype), _eps(self, dtype), grad, indices)

    def get_config(self):
        return self._config("learning_rate", "decay", "rho", epsilon=self.epsilon)


class Adamax(Optimizer):
    """Adamax (TF's ResourceApplyAdaMax kernel): m = b1 m + (1 - b1) g;
    v = max(b2 v, |g|); var -= lr / (1 - b1^t) * m / (v + epsilon).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. name: 'Adamax'.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 name="Adamax", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("beta_1", beta_1)
        self._set_hyper("beta_2", beta_2)
        self.epsilon = epsilon or backend.epsilon()

    def _create_slots(self, var_list):
        for name in ("m", "v"):
            for var in var_list:
                self.add_slot(var, name)

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        b1, b2 = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        b1_power = math_ops.pow(b1, local_step)
        return training_ops.apply_ada_max(var, m, v, b1_power, lr_t, b1, b2,
                                          _eps(self, dtype), grad)

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(dtype)
        b1, b2 = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        b1_power = math_ops.pow(b1, local_step)
        eps = _eps(self, dtype)
        m = self.get_slot(var, "m")
        m_t_slice = array_ops.gather(m, indices) * b1 + grad * (1 - b1)
        with control_dependencies([m_t_slice]):
            m_t = self._resource_scatter_update(m, indices, m_t_slice)
        v = self.get_slot(var, "v")
        v_t_slice = math_ops.maximum(array_ops.gather(v, indices) * b2, math_ops.abs(grad))
        with control_dependencies([v_t_slice]):
            v_t = self._resource_scatter_update(v, indices, v_t_slice)
        var_slice = -lr_t / (1 - b1_power) * (m_t_slice / (v_t_slice + eps))
        with control_dependencies([var_slice]):
            update = self._resource_scatter_add(var, indices, var_slice)
        return control_flow_ops.group(update, m_t, v_t)

    def get_config(self):
        return self._config("learning_rate", "decay", "beta_1", "beta_2",
                            epsilon=self.epsilon)


class Nadam(Optimizer):
    """Adam with Nesterov momentum and TF's momentum schedule (a 'momentum_cache'
    variable, decay 0.004).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. name: 'Nadam'.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 name="Nadam", **kwargs):
        # TF 1.14: kwargs['decay'] = kwargs.pop('schedule_decay', 0.004)
        kwargs["decay"] = kwargs.pop("schedule_decay", 0.004)
        learning_rate = kwargs.get("lr", learning_rate)
        if isinstance(learning_rate, schedules.LearningRateSchedule):
            raise ValueError("The Nadam optimizer does not support "
                             "tf.keras.optimizers.LearningRateSchedules as the learning rate.")
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("beta_1", beta_1)
        self._set_hyper("beta_2", beta_2)
        self.epsilon = epsilon or backend.epsilon()
        self._m_cache = None

    def _create_slots(self, var_list):
        dtype = var_list[0].dtype.base_dtype
        if self._m_cache is None:
            self._m_cache = self.add_weight("momentum_cache", shape=(), dtype=dtype,
                                            initializer="ones", trainable=False)
            self._weights.append(self._m_cache)
        for name in ("m", "v"):
            for var in var_list:
                self.add_slot(var, name)

    def _prepare(self, var_list):
        dtype = var_list[0].dtype.base_dtype
        b1 = self._get_hyper("beta_1", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        decay_base = math_ops.cast(0.96, dtype)
        self.m_cache_t = b1 * (1. - 0.5 * (
            math_ops.pow(decay_base, self._initial_decay * local_step)))
        self.m_cache_t_1 = b1 * (1. - 0.5 * (
            math_ops.pow(decay_base, self._initial_decay * (local_step + 1))))
        m_schedule_new = self._m_cache * self.m_cache_t
        self.m_schedule_new = self._m_cache.assign(m_schedule_new)
        self.m_schedule_next = self.m_schedule_new * self.m_cache_t_1

    def _resource_apply_dense(self, grad, var):
        dtype = var.dtype.base_dtype
        lr_t = self._get_hyper("learning_rate", dtype)
        eps = _eps(self, dtype)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        b1, b2 = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        g_prime = grad / (1. - self.m_schedule_new)
        m_t = m.assign(b1 * m + (1 - b1) * grad)
        m_t_prime = m_t / (1. - self.m_schedule_next)
        v_t = v.assign(b2 * v + (1 - b2) * math_ops.square(grad))
        v_t_prime = v_t / (1. - math_ops.pow(b2, local_step))
        m_t_bar = (1. - self.m_cache_t) * g_prime + self.m_cache_t_1 * m_t_prime
        var_t = var - lr_t * m_t_bar / (math_ops.sqrt(v_t_prime) + eps)
        return _op(var.assign(var_t))

    def _resource_apply_sparse(self, grad, var, indices):
        dtype = var.dtype.base_dtype
        lr_t = self._get_hyper("learning_rate", dtype)
        eps = _eps(self, dtype)
        v = self.get_slot(var, "v")
        b1, b2 = self._get_hyper("beta_1", dtype), self._get_hyper("beta_2", dtype)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        g_prime = grad / (1. - self.m_schedule_new)
        m = self.get_slot(var, "m")
        m_scaled = grad * (1 - b1)
        with control_dependencies([m.assign(m * b1)]):
            m_t = self._resource_scatter_add(m, indices, m_scaled)
            m_t_slice = array_ops.gather(m_t, indices)
        m_t_prime = m_t_slice / (1. - self.m_schedule_next)
        m_t_bar = (1. - self.m_cache_t) * g_prime + self.m_cache_t_1 * m_t_prime
        v_scaled = (grad * grad) * (1 - b2)
        with control_dependencies([v.assign(v * b2)]):
            v_t = self._resource_scatter_add(v, indices, v_scaled)
            v_t_slice = array_ops.gather(v_t, indices)
        v_t_prime = v_t_slice / (1. - math_ops.pow(b2, local_step))
        update = self._resource_scatter_add(
            var, indices, -lr_t * m_t_bar / (math_ops.sqrt(v_t_prime) + eps))
        return control_flow_ops.group(update, m_t_bar, v_t)

    def get_config(self):
        return self._config("learning_rate", "decay", "beta_1", "beta_2",
                            epsilon=self.epsilon)


class Ftrl(Optimizer):
    """FTRL-proximal (TF's ApplyFtrl / ApplyFtrlV2 kernels; slots 'accumulator' and
    'linear', made variable by variable as TF 1.14 does).

    Args:
      learning_rate (required). learning_rate_power: -0.5. initial_accumulator_value: 0.1.
      l1_regularization_strength: 0. l2_regularization_strength: 0. name: 'Ftrl'.
      l2_shrinkage_regularization_strength: 0.
    """

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, name="Ftrl",
                 l2_shrinkage_regularization_strength=0.0, **kwargs):
        super().__init__(name, **kwargs)
        for what, value, msg in (
                ("initial_accumulator_value", initial_accumulator_value, "positive or zero"),
                ("learning_rate_power", -learning_rate_power, "negative or zero"),
                ("l1_regularization_strength", l1_regularization_strength,
                 "positive or zero"),
                ("l2_regularization_strength", l2_regularization_strength,
                 "positive or zero")):
            if value < 0.0:
                raise ValueError("%s %f needs to be %s" % (
                    what, value if what != "learning_rate_power" else -value, msg))
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("l2_shrinkage_regularization_strength %f needs to be positive "
                             "or zero" % l2_shrinkage_regularization_strength)
        self._set_hyper("learning_rate", learning_rate)
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("learning_rate_power", learning_rate_power)
        self._set_hyper("l1_regularization_strength", l1_regularization_strength)
        self._set_hyper("l2_regularization_strength", l2_regularization_strength)
        self._initial_accumulator_value = initial_accumulator_value
        self._l2_shrinkage = l2_shrinkage_regularization_strength

    def _create_slots(self, var_list):
        for var in var_list:
            init = init_ops.constant_initializer(self._initial_accumulator_value,
                                                 dtype=var.dtype.base_dtype)
            self.add_slot(var, "accumulator", init)
            self.add_slot(var, "linear")

    def _args(self, var):
        dtype = var.dtype.base_dtype
        return [self._decayed_lr(dtype)] + [self._get_hyper(k, dtype) for k in (
            "l1_regularization_strength", "l2_regularization_strength",
            "learning_rate_power")]

    def _resource_apply_dense(self, grad, var):
        lr, l1, l2, power = self._args(var)
        accum, linear = self.get_slot(var, "accumulator"), self.get_slot(var, "linear")
        if self._l2_shrinkage <= 0.0:
            return training_ops.apply_ftrl(var, accum, linear, grad, lr, l1, l2, power)
        shrink = math_ops.cast(self._l2_shrinkage, var.dtype.base_dtype)
        return training_ops.apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2, shrink, power)

    def _resource_apply_sparse(self, grad, var, indices):
        lr, l1, l2, power = self._args(var)
        accum, linear = self.get_slot(var, "accumulator"), self.get_slot(var, "linear")
        if self._l2_shrinkage <= 0.0:
            return training_ops.sparse_apply_ftrl(var, accum, linear, grad, indices, lr, l1,
                                                  l2, power)
        shrink = math_ops.cast(self._l2_shrinkage, var.dtype.base_dtype)
        return training_ops.sparse_apply_ftrl_v2(var, accum, linear, grad, indices, lr, l1,
                                                 l2, shrink, power)

    def get_config(self):
        # TF 1.14's raises AttributeError (a misspelt `_serializer_hyperparameter`);
        # flowgrad returns the config TF's later releases do (tests/test_keras_optimizers.py)
        return self._config(
            "learning_rate", "decay", "learning_rate_power", "l1_regularization_strength",
            "l2_regularization_strength",
            initial_accumulator_value=self._initial_accumulator_value,
            l2_shrinkage_regularization_strength=self._l2_shrinkage)


def _op(x):
    """TF's `state_ops.assign(...).op`."""
    return getattr(x, "op", x)


class TFOptimizer(Optimizer):
    """A tf.train optimizer used by a Keras model (TF 1.14's: its step counter is the
    int64 variable 'TFOptimizer/iterations', or `iterations`, passed as global_step)."""

    iterations = None   # an attribute here (OptimizerV2's property makes 'iter')

    def __init__(self, optimizer, iterations=None):   # TF 1.14 calls no base __init__
        self.optimizer = optimizer
        if iterations is None:
            with name_scope(self.__class__.__name__):
                self.iterations = backend.variable(0, dtype="int64", name="iterations")
        else:
            self.iterations = iterations

    def apply_gradients(self, grads):
        self.optimizer.apply_gradients(grads, global_step=self.iterations)

    def get_grads(self, loss, params):
        return self.optimizer.compute_gradients(loss, params)

    def variables(self):
        return self.optimizer.variables()

    def get_updates(self, loss, params):
        if not params:
            self.updates = [state_ops.assign_add(self.iterations, 1)]
            return self.updates
        self.updates = []
        grads = self.optimizer.compute_gradients(loss, params)
        self.updates.append(self.optimizer.apply_gradients(grads,
                                                           global_step=self.iterations))
        return self.updates

    @property
    def weights(self):
        raise NotImplementedError

    def get_config(self):
        raise NotImplementedError

    def from_config(self, config):
        raise NotImplementedError


def serialize(optimizer):
    """{'class_name': ..., 'config': ...} of a Keras optimizer."""
    return {"class_name": optimizer.__class__.__name__, "config": optimizer.get_config()}


def deserialize(config, custom_objects=None):
    """The optimizer a {'class_name', 'config'} dict describes (names case-insensitive)."""
    classes = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad,
               "adadelta": Adadelta, "adamax": Adamax, "nadam": Nadam, "ftrl": Ftrl}
    # TF 1.14 lower-cases a built-in optimizer's class_name in `config` itself
    if config["class_name"].lower() in classes:
        config["class_name"] = config["class_name"].lower()
    name = config["class_name"]
    if custom_objects and name in custom_objects:
        return custom_objects[name].from_config(config["config"])
    if name.lower() in classes:
        return classes[name.lower()].from_config(config["config"])
    raise ValueError("Unknown optimizer: " + str(name))


def get(identifier):
    """A Keras optimizer from a name, a config dict, an instance or a tf.train optimizer."""
    from .optimizers_v1 import Optimizer as OptimizerV1   # lazy: it imports backend
    if isinstance(identifier, (Optimizer, OptimizerV1, OptimizerV2)):
        return identifier
    if isinstance(identifier, _tf_optimizer.Optimizer):
        return TFOptimizer(identifier)
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": str(identifier), "config": {}})
    raise ValueError("Could not interpret optimizer identifier:", identifier)
