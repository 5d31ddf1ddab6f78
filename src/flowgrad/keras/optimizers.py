"""tf.keras.optimizers (TF 1.14: the OptimizerV2 classes), graph mode.

SGD and Adam with TF 1.14's defaults and update rules, applied through the tf.train
kernels; RMSprop and Adagrad from plain ops as TF 1.14's Keras builds them; Adadelta,
Adamax, Nadam and Adam(amsgrad=True) from plain ops with TF's `iterations` counter
(keras/optimizers_v2.py); `get` takes a name, an instance, or a tf.train optimizer
(wrapped as TFOptimizer). 'ftrl' raises NotImplementedError naming it.
"""
import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..ops import control_flow_ops, init_ops, math_ops
from . import backend
from .engine.base_layer_utils import make_variable
from .optimizers_v2 import SlotOptimizerMixin, adam_amsgrad_update
from ..engine.autodiff.gradients import gradients as _gradients
from ..train import optimizer as _tf_optimizer
from ..train import optimizers as _tf_optimizers

__all__ = ["Optimizer", "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam",
           "TFOptimizer", "get", "serialize", "deserialize"]


class Optimizer:
    """Base of the Keras optimizers: `get_updates(loss, params)` returns the update ops.

    Args:
      name: the optimizer's name ('SGD', 'Adam', ...).
    """

    def __init__(self, name, **kwargs):
        allowed = {"clipnorm", "clipvalue", "lr", "decay"}
        for k in kwargs:
            if k not in allowed:
                raise TypeError("Unexpected keyword argument passed to optimizer: " + str(k))
        for k in ("clipnorm", "clipvalue"):
            if kwargs.get(k) is not None:
                raise NotImplementedError("flowgrad does not implement optimizer " + k)
        if kwargs.get("decay"):
            raise NotImplementedError("flowgrad does not implement optimizer decay")
        self._name = name
        self._tf = None
        self._hyper = {}
        self._lr_var = None

    def _make(self):
        raise NotImplementedError

    @property
    def lr(self):
        """The learning rate: a float32 resource variable '<name>/learning_rate' (made on
        first use), which K.set_value changes (LearningRateScheduler does)."""
        if "learning_rate" not in self._hyper:
            raise AttributeError("'%s' object has no attribute 'lr'" % type(self).__name__)
        if self._lr_var is None:
            with name_scope(""):
                with name_scope(self._name):
                    self._lr_var = make_variable(
                        "learning_rate", shape=(), dtype=_dt.float32, trainable=False,
                        initializer=init_ops.constant_initializer(
                            self._hyper["learning_rate"]))
            backend.track_variable(self._lr_var)
        return self._lr_var

    learning_rate = lr

    def get_gradients(self, loss, params):
        """The gradients of `loss` for `params` (ValueError where there is none)."""
        grads = _gradients(loss, params)
        if None in grads:
            raise ValueError("An operation has `None` for gradient. Please make sure that all "
                             "of your ops have a gradient defined (i.e. are differentiable).")
        return grads

    def get_updates(self, loss, params):
        """The ops that apply one step to `params` for `loss`."""
        grads = self.get_gradients(loss, params)
        return [self.apply_gradients(zip(grads, params))]

    def apply_gradients(self, grads_and_vars, name=None):
        """Applies (gradient, variable) pairs; returns the op."""
        if self._tf is None:
            self._tf = self._make()
        return self._tf.apply_gradients(list(grads_and_vars), name=name)

    def minimize(self, loss, var_list, grad_loss=None, name=None):
        """get_updates for `var_list`, as one op."""
        if grad_loss is not None:
            raise NotImplementedError("flowgrad does not implement minimize(grad_loss=...)")
        if callable(var_list):
            var_list = var_list()
        with name_scope(name or self._name):
            return self.get_updates(loss, var_list)[0]

    def variables(self):
        """The optimizer's variables (slots and accumulators)."""
        return [] if self._tf is None else self._tf.variables()

    @property
    def weights(self):
        """The optimizer's variables (TF 1.14: a property)."""
        return self.variables()

    def get_weights(self):
        """The values of `weights`, read in keras.backend.get_session()."""
        return backend.get_session().run(self.weights)

    def set_weights(self, weights):
        """Loads numpy arrays into `weights` (ValueError on a count or shape mismatch)."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("Length of the specified weight list (" + str(len(weights)) +
                             ") does not match the number of weights of the optimizer (" +
                             str(len(params)) + ")")
        sess = backend.get_session()
        for p, w in zip(params, weights):
            if tuple(p.shape.as_list()) != tuple(np.shape(w)):
                raise ValueError("Optimizer weight shape " + str(tuple(p.shape.as_list())) +
                                 " not compatible with provided weight shape " +
                                 str(np.shape(w)))
        for p, w in zip(params, weights):
            p.load(np.asarray(w), sess)

    def get_config(self):
        config = {"name": self._name}
        config.update(self._hyper)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)


class SGD(Optimizer):
    """Stochastic gradient descent, with momentum and Nesterov momentum.

    Args:
      learning_rate: 0.01. momentum: 0.0. nesterov: False. name: 'SGD'.
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD",
                 **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0, "momentum": momentum,
                       "nesterov": nesterov}

    def _make(self):
        h = self._hyper
        if h["momentum"]:
            return _tf_optimizers.MomentumOptimizer(self.lr, h["momentum"],
                                                    use_nesterov=h["nesterov"],
                                                    name=self._name)
        return _tf_optimizers.GradientDescentOptimizer(self.lr, name=self._name)


class Adam(SlotOptimizerMixin, Optimizer):
    """Adam (epsilon 1e-7 by default in TF 1.14's Keras).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. amsgrad: False.
      name: 'Adam'.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self.amsgrad = amsgrad
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0, "beta_1": beta_1,
                       "beta_2": beta_2, "epsilon": epsilon, "amsgrad": amsgrad}
        if amsgrad:
            self._slot_names = ("m", "v", "vhat")

    def apply_gradients(self, grads_and_vars, name=None):
        if self.amsgrad:
            return self._v2_apply(grads_and_vars, name)
        return super().apply_gradients(grads_and_vars, name)

    def variables(self):
        return self._v2_variables() if self.amsgrad else super().variables()

    def _update(self, g, v, slots, lr, shared, local_step):
        return adam_amsgrad_update(self, g, v, slots, lr, local_step)

    def _make(self):
        h = self._hyper
        return _tf_optimizers.AdamOptimizer(self.lr, h["beta_1"], h["beta_2"],
                                            h["epsilon"], name=self._name)


class _DenseSlotOptimizer(Optimizer):
    """An optimizer whose update TF 1.14's Keras builds from plain ops on one slot per
    variable (RMSprop, Adagrad): made here the same way."""

    _slot_name = None
    _slot_init = 0.0

    def apply_gradients(self, grads_and_vars, name=None):
        grads_and_vars = list(grads_and_vars)
        updates = []
        lr = self.lr
        for g, v in grads_and_vars:
            if isinstance(g, IndexedSlices):
                raise NotImplementedError("flowgrad does not implement sparse gradients in "
                                          "the Keras " + type(self).__name__ + " optimizer")
            key = id(v)
            if key not in self._slots:
                with name_scope(""):
                    with name_scope(v.op.name):
                        slot = make_variable(
                            self._slot_name, shape=v.shape, dtype=v.dtype.base_dtype,
                            trainable=False,
                            initializer=init_ops.constant_initializer(self._slot_init))
                backend.track_variable(slot)
                self._slots[key] = slot
            with name_scope(self._name):
                updates.append(self._update(g, v, self._slots[key],
                                            math_ops.cast(lr, v.dtype.base_dtype)))
        return control_flow_ops.group(*updates, name=name or self._name)

    def variables(self):
        return list(self._slots.values())


class RMSprop(SlotOptimizerMixin, _DenseSlotOptimizer):
    """RMSprop: rms = rho * rms + (1 - rho) * g^2; var -= lr * g / (sqrt(rms) + epsilon)
    (rms starts at zero; TF 1.14's Keras defaults).

    Args:
      learning_rate: 0.001. rho: 0.9. momentum: 0.0. epsilon: 1e-7.
      centered: False. name: 'RMSprop'.
    """

    _slot_name = "rms"

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, name="RMSprop", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0, "rho": rho,
                       "momentum": momentum, "epsilon": epsilon, "centered": centered}
        self._slots = {}
        self._v2 = bool(momentum) or bool(centered)
        self._slot_names = ("rms",) + (("momentum",) if momentum else ()) + \
            (("mg",) if centered else ())

    def apply_gradients(self, grads_and_vars, name=None):
        if self._v2:
            return self._v2_apply(grads_and_vars, name)
        return super().apply_gradients(grads_and_vars, name)

    def variables(self):
        return self._v2_variables() if self._v2 else super().variables()

    def _v2_update(self, g, v, slots, lr):
        """TF's (centered) RMSProp kernels with momentum, or the plain centered update."""
        h = self._hyper
        rho, mom_c, eps = h["rho"], h["momentum"], h["epsilon"]
        rms = slots[0]
        rms_t = rms.assign_add((math_ops.square(g) - rms) * (1. - rho))
        denom = rms_t
        if h["centered"]:
            mg = slots[-1]
            mg_t = mg.assign_add((g - mg) * (1. - rho))
            denom = rms_t - math_ops.square(mg_t)
        if not mom_c:
            return v.assign_sub(lr * g / (math_ops.sqrt(denom) + eps))
        mom = slots[1]
        mom_t = mom.assign(mom * mom_c + lr * g / math_ops.sqrt(denom + eps))
        return v.assign_sub(mom_t)

    def _update(self, g, v, rms, lr, shared=None, local_step=None):
        if self._v2:
            return self._v2_update(g, v, rms, lr)
        rho = self._hyper["rho"]
        rms_t = rms.assign(rho * rms + (1. - rho) * math_ops.square(g))
        return v.assign_sub(lr * g / (math_ops.sqrt(rms_t) + self._hyper["epsilon"]))


class Adagrad(_DenseSlotOptimizer):
    """Adagrad: acc += g^2; var -= lr * g / (sqrt(acc) + epsilon) (acc starts at
    initial_accumulator_value; TF 1.14's Keras defaults).

    Args:
      learning_rate: 0.001. initial_accumulator_value: 0.1. epsilon: 1e-7.
      name: 'Adagrad'.
    """

    _slot_name = "accumulator"

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        super().__init__(name, **kwargs)
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: %s"
                             % initial_accumulator_value)
        self._slot_init = initial_accumulator_value
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0,
                       "initial_accumulator_value": initial_accumulator_value,
                       "epsilon": epsilon}
        self._slots = {}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """As TF 1.14: a config without initial_accumulator_value starts at 0 (so
        compile('adagrad') does)."""
        config = dict(config)
        config.setdefault("initial_accumulator_value", 0.)
        return cls(**config)

    def _update(self, g, v, acc, lr):
        acc_t = acc.assign_add(math_ops.square(g))
        return v.assign_sub(lr * g / (math_ops.sqrt(acc_t) + self._hyper["epsilon"]))


class Adadelta(SlotOptimizerMixin, Optimizer):
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
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0, "rho": rho,
                       "epsilon": epsilon}

    def apply_gradients(self, grads_and_vars, name=None):
        return self._v2_apply(grads_and_vars, name)

    def variables(self):
        return self._v2_variables()

    def _update(self, g, v, slots, lr, shared, local_step):
        accum, accum_update = slots
        rho, eps = self._hyper["rho"], self._hyper["epsilon"]
        accum_t = accum.assign(accum * rho + math_ops.square(g) * (1. - rho))
        update = math_ops.sqrt(accum_update + eps) * math_ops.rsqrt(accum_t + eps) * g
        accum_update_t = accum_update.assign(accum_update * rho +
                                             math_ops.square(update) * (1. - rho))
        with control_dependencies([accum_update_t]):
            return v.assign_sub(update * lr)


class Adamax(SlotOptimizerMixin, Optimizer):
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
        self._hyper = {"learning_rate": learning_rate, "decay": 0.0, "beta_1": beta_1,
                       "beta_2": beta_2, "epsilon": epsilon}

    def apply_gradients(self, grads_and_vars, name=None):
        return self._v2_apply(grads_and_vars, name)

    def variables(self):
        return self._v2_variables()

    def _update(self, g, v, slots, lr, shared, local_step):
        m, vv = slots
        b1, b2, eps = self._hyper["beta_1"], self._hyper["beta_2"], self._hyper["epsilon"]
        b1_power = math_ops.pow(math_ops.cast(b1, v.dtype.base_dtype), local_step)
        m_t = m.assign_add((g - m) * (1. - b1))
        v_t = vv.assign(math_ops.maximum(b2 * vv, math_ops.abs(g)))
        return v.assign_sub(lr / (1. - b1_power) * (m_t / (v_t + eps)))


class Nadam(SlotOptimizerMixin, Optimizer):
    """Adam with Nesterov momentum and TF's momentum schedule (a 'momentum_cache'
    variable, decay 0.004).

    Args:
      learning_rate: 0.001. beta_1: 0.9. beta_2: 0.999. epsilon: 1e-7. name: 'Nadam'.
    """

    _slot_names = ("m", "v")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 name="Nadam", **kwargs):
        learning_rate = kwargs.pop("lr", learning_rate)
        if kwargs.get("schedule_decay") is not None:
            self._initial_decay = kwargs.pop("schedule_decay")
        else:
            kwargs.pop("schedule_decay", None)
            self._initial_decay = 0.004
        super().__init__(name, **kwargs)
        self._hyper = {"learning_rate": learning_rate, "decay": self._initial_decay,
                       "beta_1": beta_1, "beta_2": beta_2, "epsilon": epsilon}
        self._m_cache = None

    def get_config(self):
        config = super().get_config()
        config["decay"] = self._initial_decay
        return config

    def apply_gradients(self, grads_and_vars, name=None):
        if self._m_cache is None:
            with name_scope(""):
                with name_scope(self._name):
                    self._m_cache = make_variable(
                        "momentum_cache", shape=(), dtype=_dt.float32, trainable=False,
                        initializer=init_ops.ones_initializer())
            backend.track_variable(self._m_cache)
            self._v2_extra = [self._m_cache]
        return self._v2_apply(grads_and_vars, name)

    def variables(self):
        return self._v2_variables()

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


class TFOptimizer(Optimizer):
    """A tf.train optimizer used by a Keras model."""

    def __init__(self, optimizer, iterations=None):
        if iterations is not None:
            raise NotImplementedError("flowgrad does not implement TFOptimizer(iterations=)")
        super().__init__("TFOptimizer")
        self.optimizer = optimizer
        self._tf = optimizer

    def get_updates(self, loss, params):
        grads = self.optimizer.compute_gradients(loss, params)
        return [self.optimizer.apply_gradients(grads)]


_NOT_IMPLEMENTED = ("ftrl",)


def serialize(optimizer):
    """{'class_name': ..., 'config': ...} of a Keras optimizer."""
    return {"class_name": optimizer.__class__.__name__, "config": optimizer.get_config()}


def deserialize(config, custom_objects=None):
    """The optimizer a {'class_name', 'config'} dict describes (names case-insensitive)."""
    name = config["class_name"]
    classes = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad,
               "adadelta": Adadelta, "adamax": Adamax, "nadam": Nadam}
    if custom_objects and name in custom_objects:
        return custom_objects[name].from_config(config["config"])
    if name.lower() in classes:
        return classes[name.lower()].from_config(config["config"])
    if name.lower() in _NOT_IMPLEMENTED:
        raise NotImplementedError("flowgrad does not implement the Keras optimizer " +
                                  repr(name))
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
