"""tf.keras.optimizers (TF 1.14: the OptimizerV2 classes), graph mode.

Every optimizer keeps TF's state: an `iter` counter and per-variable slots named and
ordered as TF 1.14 names and orders them (keras/optimizers_v2.py), so `weights`,
get_weights/set_weights and the HDF5 file's `optimizer_weights` are TF's. Updates use TF's
kernels where TF's Keras does (ResourceApplyGradientDescent, ResourceApplyAdam,
ResourceApplyRMSProp, ResourceApplyCenteredRMSProp, ResourceApplyFtrl(V2) and their
sparse forms) and plain ops with TF's arithmetic elsewhere (SGD momentum as
ResourceApplyKerasMomentum, RMSprop without momentum, Adagrad, Adadelta, Adamax, Nadam,
Adam amsgrad). `decay` (lr / (1 + decay * iterations); not for Nadam, whose decay is its
momentum schedule's), `clipnorm` and `clipvalue` as TF's OptimizerV2. Sparse gradients
(IndexedSlices) are applied as TF's `_resource_apply_sparse` for SGD, Adam, RMSprop,
Adagrad and Ftrl. `get` takes a name, a config, an instance or a tf.train optimizer
(wrapped as TFOptimizer). `learning_rate` may be a keras.optimizers.schedules schedule.
"""
import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..ops import array_ops, control_flow_ops, init_ops, math_ops
from . import backend
from . import optimizers_schedules as schedules
from .optimizers_v2 import SlotOptimizerMixin, adam_update, adam_update_sparse, scatter_add
from ..engine.autodiff.gradients import gradients as _gradients
from ..train import optimizer as _tf_optimizer
from ..train import training_ops

__all__ = ["schedules", "Optimizer", "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta",
           "Adamax", "Nadam", "Ftrl", "TFOptimizer", "get", "serialize", "deserialize"]


class Optimizer(SlotOptimizerMixin):
    """Base of the Keras optimizers: `get_updates(loss, params)` returns the update ops.

    Args:
      name: the optimizer's name ('SGD', 'Adam', ...).
    """

    def __init__(self, name, **kwargs):
        allowed = {"clipnorm", "clipvalue", "lr", "decay"}
        for k in kwargs:
            if k not in allowed:
                raise TypeError("Unexpected keyword argument passed to optimizer: " + str(k))
            if kwargs[k] < 0:
                raise ValueError("Expected {} >= 0, received: {}".format(k, kwargs[k]))
        # TF 1.14: lr / (1 + decay * iterations); gradients clipped by norm / value
        self._lr_decay = kwargs.pop("decay", 0.0)
        if "clipnorm" in kwargs:
            self.clipnorm = kwargs.pop("clipnorm")
        if "clipvalue" in kwargs:
            self.clipvalue = kwargs.pop("clipvalue")
        self._name = name
        self._hyper = {}
        self._lr_var = None

    @property
    def lr(self):
        """The learning rate: a float32 resource variable '<name>/learning_rate' (made on
        first use), which K.set_value changes (LearningRateScheduler does)."""
        if "learning_rate" not in self._hyper:
            raise AttributeError("'%s' object has no attribute 'lr'" % type(self).__name__)
        if isinstance(self._hyper["learning_rate"], schedules.LearningRateSchedule):
            return self._hyper["learning_rate"]   # TF: the schedule itself
        if self._lr_var is None:
            self._lr_var = self._make_weight(
                "learning_rate", (), _dt.float32,
                init_ops.constant_initializer(self._hyper["learning_rate"]))
        return self._lr_var

    learning_rate = lr

    @property
    def iterations(self):
        """The int64 step counter '<name>/iter' (made on first use)."""
        return self._v2_iterations()

    def get_gradients(self, loss, params):
        """The gradients of `loss` for `params` (ValueError where there is none)."""
        params = list(params) if isinstance(params, (list, tuple)) else [params]
        with name_scope(self._var_scope()):   # TF: '<Name>/gradients', wherever called
            grads = _gradients(loss, params)
        for grad, param in zip(grads, params):
            if grad is None:
                raise ValueError("Variable {} has `None` for gradient. Please make sure that "
                                 "all of your ops have a gradient defined (i.e. are "
                                 "differentiable). Common ops without gradient: K.argmax, "
                                 "K.round, K.eval.".format(param))
        if hasattr(self, "clipnorm"):
            grads = [math_ops.clip_by_norm(g, self.clipnorm) for g in grads]
        if hasattr(self, "clipvalue"):
            grads = [math_ops.clip_by_value(g, -self.clipvalue, self.clipvalue)
                     for g in grads]
        return grads

    def _decayed_lr(self, lr, dtype):
        """TF's _decayed_lr: a schedule's value at `iterations`, then lr / (1 + decay *
        iterations) when decay > 0."""
        if isinstance(lr, schedules.LearningRateSchedule):
            lr_t = math_ops.cast(lr(math_ops.cast(self.iterations, dtype)), dtype)
        else:
            lr_t = math_ops.cast(lr, dtype)
        if self._lr_decay > 0.:
            local_step = math_ops.cast(self.iterations, dtype)
            lr_t = lr_t / (1. + math_ops.cast(self._lr_decay, dtype) * local_step)
        return lr_t

    def get_updates(self, loss, params):
        """The ops that apply one step to `params` for `loss`."""
        grads = self.get_gradients(loss, params)
        return [self.apply_gradients(zip(grads, params))]

    def apply_gradients(self, grads_and_vars, name=None):
        """Applies (gradient, variable) pairs, then increments `iterations`; returns the op."""
        with name_scope(self._var_scope()):   # TF: in '<Name>/', wherever called
            return self._v2_apply(grads_and_vars, name)

    def minimize(self, loss, var_list, grad_loss=None, name=None):
        """get_updates for `var_list`, as one op."""
        if grad_loss is not None:
            raise NotImplementedError("flowgrad does not implement minimize(grad_loss=...)")
        if callable(var_list):
            var_list = var_list()
        return self.apply_gradients(zip(self.get_gradients(loss, var_list), var_list),
                                    name=name)

    def variables(self):
        """The optimizer's variables, in TF's order: iter, extra weights, slots."""
        return self._v2_variables()

    @property
    def weights(self):
        """The optimizer's variables (TF 1.14: a property)."""
        return self.variables()

    def get_weights(self):
        """The values of `weights`, read in keras.backend.get_session()."""
        return backend.get_session().run(self.weights)

    def _legacy_weights(self, weights):
        """A subclass adapts Keras v1 optimizer state (TF 1.14's set_weights overrides)."""
        return weights

    def set_weights(self, weights):
        """Loads numpy arrays into `weights` by position (ValueError on a count or shape
        mismatch, TF 1.14's messages)."""
        params = self.weights
        weights = self._legacy_weights(list(weights))
        if len(params) != len(weights):
            raise ValueError("You called `set_weights(weights)` on optimizer " + self._name +
                             " with a  weight list of length " + str(len(weights)) +
                             ", but the optimizer was expecting " + str(len(params)) +
                             " weights. Provided weights: " + str(weights)[:50] + "...")
        if not params:
            return
        for p, w in zip(params, weights):
            if tuple(p.shape.as_list()) != tuple(np.shape(w)):
                raise ValueError("Optimizer weight shape " + str(tuple(p.shape.as_list())) +
                                 " not compatible with provided weight shape " +
                                 str(np.shape(w)))
        sess = backend.get_session()
        for p, w in zip(params, weights):
            p.load(np.asarray(w), sess)

    def get_config(self):
        config = {"name": self._name}
        config.update(self._hyper)
        if isinstance(config.get("learning_rate"), schedules.LearningRateSchedule):
            config["learning_rate"] = schedules.serialize(config["learning_rate"])
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"],
                                                            custom_objects=custom_objects)
        return cls(**config)


def _prepend_iterations(opt, weights):
    """TF 1.14's RMSprop/Adagrad/Adadelta set_weights: Keras v1 state has no iter."""
    if len(opt.weights) == len(weights) + 1:
        return [np.array(0)] + weights
    return weights


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum and Nesterov momentum (TF's
    KerasMomentum rule: accum = accum * momentum - lr * g; var += accum).

    Args:
      learning_rate: 0.01. momentum: 0.0. nesterov: False. name: 'SGD'.
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD",
                 **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")
        self.nesterov = nesterov
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay,
                       "momentum": momentum, "nesterov": nesterov}
        self._momentum = bool(momentum)
        self._slot_names = ("momentum",) if self._momentum else ()

    def _update(self, g, v, slots, lr, shared, local_step):
        if not self._momentum:
            return training_ops.apply_gradient_descent(v, lr, g)
        accum = slots[0]
        m = math_ops.cast(self._hyper["momentum"], v.dtype.base_dtype)
        a = accum.assign(accum * m - g * lr)
        if self.nesterov:
            return v.assign_add(a * m - g * lr)
        return v.assign_add(a)

    def _apply_sparse(self, g, v, slots, lr, shared, local_step):
        if not self._momentum:   # TF: a scatter_add of -g * lr, duplicates as they come
            return v.scatter_add(IndexedSlices(-g.values * lr, g.indices))
        return super()._apply_sparse(g, v, slots, lr, shared, local_step)

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        accum = slots[0]
        m = math_ops.cast(self._hyper["momentum"], v.dtype.base_dtype)
        a = array_ops.gather(accum.read_value(), indices) * m - g * lr
        with control_dependencies([accum.scatter_update(IndexedSlices(a, indices))]):
            delta = a * m - g * lr if self.nesterov else a
            return v.scatter_add(IndexedSlices(delta, indices))


class Adam(Optimizer):
    """Adam (epsilon 1e-7 by default in TF 1.14's Keras), with amsgrad.

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. amsgrad: False.
      name: 'Adam'.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self.amsgrad = amsgrad
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay, "beta_1": beta_1,
                       "beta_2": beta_2, "epsilon": epsilon, "amsgrad": amsgrad}
        self._slot_names = ("m", "v", "vhat") if amsgrad else ("m", "v")

    def _legacy_weights(self, weights):
        num_vars = int((len(self.weights) - 1) / 2)
        if len(weights) == 3 * num_vars + 1:
            weights = weights[:len(self.weights)]
        return weights

    def _update(self, g, v, slots, lr, shared, local_step):
        if self.amsgrad:
            return adam_update(self, g, v, slots, lr, local_step)
        h, dtype = self._hyper, v.dtype.base_dtype
        b1 = math_ops.cast(h["beta_1"], dtype)
        b2 = math_ops.cast(h["beta_2"], dtype)
        return training_ops.apply_adam(v, slots[0], slots[1], math_ops.pow(b1, local_step),
                                       math_ops.pow(b2, local_step), lr, b1, b2,
                                       math_ops.cast(h["epsilon"], dtype), g)

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        return adam_update_sparse(self, g, indices, v, slots, lr, local_step)


class RMSprop(Optimizer):
    """RMSprop: rms = rho * rms + (1 - rho) * g^2; var -= lr * g / (sqrt(rms) + epsilon)
    (TF's RMSProp kernels with momentum; centered subtracts the mean gradient squared).

    Args:
      learning_rate: 0.001. rho: 0.9. momentum: 0.0. epsilon: 1e-7.
      centered: False. name: 'RMSprop'.
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, name="RMSprop", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay, "rho": rho,
                       "momentum": momentum, "epsilon": epsilon, "centered": centered}
        self._momentum = bool(momentum)
        self.centered = centered
        self._slot_names = ("rms",) + (("momentum",) if momentum else ()) + \
            (("mg",) if centered else ())

    def _legacy_weights(self, weights):
        return _prepend_iterations(self, weights)

    def _consts(self, v):
        h, dtype = self._hyper, v.dtype.base_dtype
        return (math_ops.cast(h["rho"], dtype), math_ops.cast(h["momentum"], dtype),
                math_ops.cast(h["epsilon"], dtype))

    def _update(self, g, v, slots, lr, shared, local_step):
        rho, mom, eps = self._consts(v)
        rms = slots[0]
        if self._momentum:
            if self.centered:
                return training_ops.apply_centered_rms_prop(v, slots[2], rms, slots[1], lr,
                                                            rho, mom, eps, g)
            return training_ops.apply_rms_prop(v, rms, slots[1], lr, rho, mom, eps, g)
        rms_t = rms.assign(rho * rms + (1. - rho) * math_ops.square(g))
        denom = rms_t
        if self.centered:
            mg = slots[-1]
            mg_t = mg.assign(rho * mg + (1. - rho) * g)
            denom = rms_t - math_ops.square(mg_t)
        return v.assign(v - lr * g / (math_ops.sqrt(denom) + eps))

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        rho, mom, eps = self._consts(v)
        rms = slots[0]
        if self._momentum:
            if self.centered:
                return training_ops.sparse_apply_centered_rms_prop(
                    v, slots[2], rms, slots[1], lr, rho, mom, eps, g, indices)
            return training_ops.sparse_apply_rms_prop(v, rms, slots[1], lr, rho, mom, eps, g,
                                                      indices)
        with control_dependencies([rms.assign(rms * rho)]):
            rms_t = scatter_add(rms, indices, (g * g) * (1. - rho))
            denom = array_ops.gather(rms_t, indices)
        if self.centered:
            mg = slots[-1]
            with control_dependencies([mg.assign(mg * rho)]):
                mg_t = scatter_add(mg, indices, g * (1. - rho))
                denom = denom - math_ops.square(array_ops.gather(mg_t, indices))
        return v.scatter_add(IndexedSlices(-lr * g / (math_ops.sqrt(denom) + eps), indices))


class Adagrad(Optimizer):
    """Adagrad: acc += g^2; var -= lr * g / (sqrt(acc) + epsilon) (acc starts at
    initial_accumulator_value; TF 1.14's Keras defaults).

    Args:
      learning_rate: 0.001. initial_accumulator_value: 0.1. epsilon: 1e-7.
      name: 'Adagrad'.
    """

    _slot_names = ("accumulator",)

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: %s"
                             % initial_accumulator_value)
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay,
                       "initial_accumulator_value": initial_accumulator_value,
                       "epsilon": epsilon}

    def _slot_initializer(self, slot_name):
        return init_ops.constant_initializer(self._hyper["initial_accumulator_value"])

    def _legacy_weights(self, weights):
        return _prepend_iterations(self, weights)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """As TF 1.14: a config without initial_accumulator_value starts at 0 (so
        compile('adagrad') does)."""
        config = dict(config)
        config.setdefault("initial_accumulator_value", 0.)
        return super().from_config(config, custom_objects)

    def _update(self, g, v, slots, lr, shared, local_step):
        eps = math_ops.cast(self._hyper["epsilon"], v.dtype.base_dtype)
        acc_t = slots[0].assign_add(math_ops.square(g))
        return v.assign_sub(lr * g / (math_ops.sqrt(acc_t) + eps))

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        eps = math_ops.cast(self._hyper["epsilon"], v.dtype.base_dtype)
        acc_t = scatter_add(slots[0], indices, math_ops.square(g))
        acc_slice = array_ops.gather(acc_t, indices)
        return v.scatter_add(IndexedSlices(-lr * g / (math_ops.sqrt(acc_slice) + eps),
                                           indices))


class Adadelta(Optimizer):
    """Adadelta: accum = rho * accum + (1 - rho) g^2; update = sqrt(accum_var + eps) /
    sqrt(accum + eps) * g; accum_var = rho * accum_var + (1 - rho) update^2;
    var -= lr * update.

    Args:
      learning_rate: 0.001. rho: 0.95. epsilon: 1e-7. name: 'Adadelta'.
    """

    _slot_names = ("accum_grad", "accum_var")

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, name="Adadelta",
                 **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay, "rho": rho,
                       "epsilon": epsilon}

    def _legacy_weights(self, weights):
        return _prepend_iterations(self, weights)

    def _update(self, g, v, slots, lr, shared, local_step):
        accum, accum_update = slots
        rho, eps = self._hyper["rho"], self._hyper["epsilon"]
        accum_t = accum.assign(accum * rho + math_ops.square(g) * (1. - rho))
        update = math_ops.sqrt(accum_update + eps) * math_ops.rsqrt(accum_t + eps) * g
        accum_update_t = accum_update.assign(accum_update * rho +
                                             math_ops.square(update) * (1. - rho))
        with control_dependencies([accum_update_t]):
            return v.assign_sub(update * lr)

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        # TF 1.14: the ResourceSparseApplyAdadelta kernel
        dtype = v.dtype.base_dtype
        return training_ops.sparse_apply_adadelta(
            v, slots[0], slots[1], lr, math_ops.cast(self._hyper["rho"], dtype),
            math_ops.cast(self._hyper["epsilon"], dtype), g, indices)


class Adamax(Optimizer):
    """Adamax (Adam with the infinity norm): m = b1 m + (1 - b1) g; v = max(b2 v, |g|);
    var -= lr / (1 - b1^t) * m / (v + epsilon).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. name: 'Adamax'.
    """

    _slot_names = ("m", "v")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 name="Adamax", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay, "beta_1": beta_1,
                       "beta_2": beta_2, "epsilon": epsilon}

    def _update(self, g, v, slots, lr, shared, local_step):
        m, vv = slots
        b1, b2, eps = self._hyper["beta_1"], self._hyper["beta_2"], self._hyper["epsilon"]
        b1_power = math_ops.pow(math_ops.cast(b1, v.dtype.base_dtype), local_step)
        m_t = m.assign_add((g - m) * (1. - b1))
        v_t = vv.assign(math_ops.maximum(b2 * vv, math_ops.abs(g)))
        return v.assign_sub(lr / (1. - b1_power) * (m_t / (v_t + eps)))

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        # TF 1.14's Adamax._resource_apply_sparse: the rows of m and v are gathered,
        # updated and scattered back; the variable moves on those rows only
        m, vv = slots
        dtype = v.dtype.base_dtype
        b1 = math_ops.cast(self._hyper["beta_1"], dtype)
        b2 = math_ops.cast(self._hyper["beta_2"], dtype)
        eps = math_ops.cast(self._hyper["epsilon"], dtype)
        b1_power = math_ops.pow(b1, local_step)
        m_t_slice = array_ops.gather(m, indices) * b1 + g * (1 - b1)
        with control_dependencies([m_t_slice]):
            m_t = m.scatter_update(IndexedSlices(m_t_slice, indices))
        v_t_slice = math_ops.maximum(array_ops.gather(vv, indices) * b2, math_ops.abs(g))
        with control_dependencies([v_t_slice]):
            v_t = vv.scatter_update(IndexedSlices(v_t_slice, indices))
        var_slice = -lr / (1 - b1_power) * (m_t_slice / (v_t_slice + eps))
        with control_dependencies([var_slice]):
            var_update = v.scatter_add(IndexedSlices(var_slice, indices))
        return control_flow_ops.group(var_update, m_t, v_t)


class Nadam(Optimizer):
    """Adam with Nesterov momentum and TF's momentum schedule (a 'momentum_cache'
    variable, decay 0.004).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. name: 'Nadam'.
    """

    _slot_names = ("m", "v")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 name="Nadam", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        # TF 1.14: kwargs['decay'] = kwargs.pop('schedule_decay', 0.004) - a `decay`
        # (what get_config writes) is replaced by the schedule's
        kwargs.pop("decay", None)
        if kwargs.get("schedule_decay") is not None:
            self._initial_decay = kwargs.pop("schedule_decay")
        else:
            kwargs.pop("schedule_decay", None)
            self._initial_decay = 0.004
        if isinstance(learning_rate, schedules.LearningRateSchedule):
            raise ValueError("The Nadam optimizer does not support "
                             "tf.keras.optimizers.LearningRateSchedules as the learning rate.")
        super().__init__(name, **kwargs)
        self._lr_decay = 0.0   # TF's Nadam reads the learning rate undecayed
        self._hyper = {"learning_rate": learning_rate, "decay": self._initial_decay,
                       "beta_1": beta_1, "beta_2": beta_2, "epsilon": epsilon}
        self._m_cache = None

    def get_config(self):
        config = super().get_config()
        config["decay"] = self._initial_decay
        return config

    def _create_extra_weights(self):
        if self._m_cache is None:
            self._m_cache = self._make_weight("momentum_cache", (), _dt.float32,
                                              init_ops.ones_initializer())
            self._v2_extra = [self._m_cache]

    def _prepare(self, dtype, local_step):
        b1 = math_ops.cast(self._hyper["beta_1"], dtype)
        decay = math_ops.cast(0.96, dtype)
        m_cache_t = b1 * (1. - 0.5 * math_ops.pow(decay, self._initial_decay * local_step))
        m_cache_t_1 = b1 * (1. - 0.5 * math_ops.pow(decay, self._initial_decay *
                                                    (local_step + 1)))
        m_schedule_new = self._m_cache.assign(self._m_cache * m_cache_t)
        return m_cache_t, m_cache_t_1, m_schedule_new, m_schedule_new * m_cache_t_1

    def _update(self, g, v, slots, lr, shared, local_step):
        m, vv = slots
        m_cache_t, m_cache_t_1, m_schedule_new, m_schedule_next = shared
        b1, b2, eps = self._hyper["beta_1"], self._hyper["beta_2"], self._hyper["epsilon"]
        g_prime = g / (1. - m_schedule_new)
        m_t = m.assign(b1 * m + (1. - b1) * g)
        m_t_prime = m_t / (1. - m_schedule_next)
        v_t = vv.assign(b2 * vv + (1. - b2) * math_ops.square(g))
        v_t_prime = v_t / (1. - math_ops.pow(math_ops.cast(b2, v.dtype.base_dtype),
                                             local_step))
        m_t_bar = (1. - m_cache_t) * g_prime + m_cache_t_1 * m_t_prime
        return v.assign(v - lr * m_t_bar / (math_ops.sqrt(v_t_prime) + eps))

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        # TF 1.14's Nadam._resource_apply_sparse: m and v decay everywhere, the scaled
        # gradient is scattered in, and the variable moves on the gradient's rows
        m, vv = slots
        m_cache_t, m_cache_t_1, m_schedule_new, m_schedule_next = shared
        dtype = v.dtype.base_dtype
        b1 = math_ops.cast(self._hyper["beta_1"], dtype)
        b2 = math_ops.cast(self._hyper["beta_2"], dtype)
        eps = math_ops.cast(self._hyper["epsilon"], dtype)
        g_prime = g / (1. - m_schedule_new)
        m_scaled = g * (1 - b1)
        with control_dependencies([m.assign(m * b1)]):
            m_t = scatter_add(m, indices, m_scaled)
            m_t_slice = array_ops.gather(m_t, indices)
        m_t_prime = m_t_slice / (1. - m_schedule_next)
        m_t_bar = (1. - m_cache_t) * g_prime + m_cache_t_1 * m_t_prime
        v_scaled = (g * g) * (1 - b2)
        with control_dependencies([vv.assign(vv * b2)]):
            v_t = scatter_add(vv, indices, v_scaled)
            v_t_slice = array_ops.gather(v_t, indices)
        v_t_prime = v_t_slice / (1. - math_ops.pow(b2, local_step))
        var_update = scatter_add(v, indices,
                                 -lr * m_t_bar / (math_ops.sqrt(v_t_prime) + eps))
        return control_flow_ops.group(var_update, m_t_bar, v_t)


class Ftrl(Optimizer):
    """FTRL-proximal (TF's ApplyFtrl / ApplyFtrlV2 kernels; slots 'accumulator' and
    'linear', made variable by variable as TF 1.14 does).

    Args:
      learning_rate (required). learning_rate_power: -0.5. initial_accumulator_value: 0.1.
      l1_regularization_strength: 0. l2_regularization_strength: 0. name: 'Ftrl'.
      l2_shrinkage_regularization_strength: 0.
    """

    _slot_names = ("accumulator", "linear")
    _slots_by_variable = True

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, name="Ftrl",
                 l2_shrinkage_regularization_strength=0.0, **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
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
        self._initial_accumulator_value = initial_accumulator_value
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._hyper = {"learning_rate": learning_rate, "decay": self._lr_decay,
                       "learning_rate_power": learning_rate_power,
                       "l1_regularization_strength": l1_regularization_strength,
                       "l2_regularization_strength": l2_regularization_strength}

    def get_config(self):
        config = super().get_config()
        config["initial_accumulator_value"] = self._initial_accumulator_value
        config["l2_shrinkage_regularization_strength"] = self._l2_shrinkage
        return config

    def _slot_initializer(self, slot_name):
        if slot_name == "accumulator":
            return init_ops.constant_initializer(self._initial_accumulator_value)
        return init_ops.zeros_initializer()

    def _args(self, v):
        h, dtype = self._hyper, v.dtype.base_dtype
        return [math_ops.cast(h[k], dtype) for k in ("l1_regularization_strength",
                                                     "l2_regularization_strength",
                                                     "learning_rate_power")]

    def _update(self, g, v, slots, lr, shared, local_step):
        l1, l2, power = self._args(v)
        if self._l2_shrinkage <= 0.0:
            return training_ops.apply_ftrl(v, slots[0], slots[1], g, lr, l1, l2, power)
        shrink = math_ops.cast(self._l2_shrinkage, v.dtype.base_dtype)
        return training_ops.apply_ftrl_v2(v, slots[0], slots[1], g, lr, l1, l2, shrink, power)

    def _update_sparse(self, g, indices, v, slots, lr, shared, local_step):
        l1, l2, power = self._args(v)
        if self._l2_shrinkage <= 0.0:
            return training_ops.sparse_apply_ftrl(v, slots[0], slots[1], g, indices, lr, l1,
                                                  l2, power)
        shrink = math_ops.cast(self._l2_shrinkage, v.dtype.base_dtype)
        return training_ops.sparse_apply_ftrl_v2(v, slots[0], slots[1], g, indices, lr, l1,
                                                 l2, shrink, power)


class TFOptimizer(Optimizer):
    """A tf.train optimizer used by a Keras model."""

    def __init__(self, optimizer, iterations=None):
        if iterations is not None:
            raise NotImplementedError("flowgrad does not implement TFOptimizer(iterations=)")
        super().__init__("TFOptimizer")
        self.optimizer = optimizer

    def apply_gradients(self, grads_and_vars, name=None):
        return self.optimizer.apply_gradients(list(grads_and_vars), name=name)

    def variables(self):
        return self.optimizer.variables()

    def get_updates(self, loss, params):
        grads = self.optimizer.compute_gradients(loss, params)
        return [self.optimizer.apply_gradients(grads)]


def serialize(optimizer):
    """{'class_name': ..., 'config': ...} of a Keras optimizer."""
    return {"class_name": optimizer.__class__.__name__, "config": optimizer.get_config()}


def deserialize(config, custom_objects=None):
    """The optimizer a {'class_name', 'config'} dict describes (names case-insensitive)."""
    name = config["class_name"]
    classes = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad,
               "adadelta": Adadelta, "adamax": Adamax, "nadam": Nadam, "ftrl": Ftrl}
    if custom_objects and name in custom_objects:
        return custom_objects[name].from_config(config["config"])
    if name.lower() in classes:
        return classes[name.lower()].from_config(config["config"])
    raise ValueError("Unknown optimizer: " + str(name))


def get(identifier):
    """A Keras optimizer from a name, a config dict, an instance or a tf.train optimizer."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, _tf_optimizer.Optimizer):
        return TFOptimizer(identifier)
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": str(identifier), "config": {}})
    raise ValueError("Could not interpret optimizer identifier:", identifier)
