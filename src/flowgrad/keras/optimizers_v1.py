"""TF 1.14's Keras v1 optimizer classes (tensorflow/python/keras/optimizers.py: Optimizer,
SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam), exported by TF 1.14 only as
tf.contrib.keras.optimizers.X (tf.keras.optimizers.X are the OptimizerV2 classes, and
tf.keras.optimizers.get / deserialize make those).

As TF's: the hyperparameters are K.variables made at construction in the scope of the
class's name ('Adam/iterations', 'Adam/lr', 'Adam/beta_1', ...; an int64 `iterations`),
`get_updates(loss, params)` makes the gradients (K.gradients), the state variables
(K.zeros, named 'Variable', 'Variable_1', ... in the caller's scope: 'training/' under
Model.fit), and returns the list of updates (assigns; Nadam's first is a
(m_schedule, new value) pair, which K.function and Model.fit assign), with plain ops, not
TF's fused kernels; `weights` is an attribute set by get_updates (TF's order: iterations
first, except RMSprop, Adagrad and Adadelta which leave it out). get_config gives 'lr', and
from_config(config) is cls(**config); clipnorm / clipvalue are the only other keyword
arguments (TF's TypeError / ValueError otherwise).
"""
from ..engine.framework.graph import control_dependencies
from ..ops import math_ops, state_ops
from . import backend as K

__all__ = ["Optimizer", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam"]


class Optimizer:
    """Abstract optimizer base class (TF 1.14's Keras v1 `Optimizer`).

    Args:
      clipnorm: float >= 0; gradients are clipped when their L2 norm exceeds it.
      clipvalue: float >= 0; gradients are clipped when their absolute value exceeds it.
    """

    def __init__(self, **kwargs):
        allowed_kwargs = {"clipnorm", "clipvalue"}
        for k in kwargs:
            if k not in allowed_kwargs:
                raise TypeError("Unexpected keyword argument passed to optimizer: " + str(k))
            if kwargs[k] < 0:
                raise ValueError("Expected {} >= 0, received: {}".format(k, kwargs[k]))
        self.__dict__.update(kwargs)
        self.updates = []
        self.weights = []

    def _state(self, **values):
        """The constructor's variables, in the class's name scope and in the order given
        (TF 1.14's order differs between the classes); `iterations` is int64."""
        with K.name_scope(self.__class__.__name__):
            for name, value in values.items():
                setattr(self, name, K.variable(value, dtype="int64" if name == "iterations"
                                               else None, name=name))

    def get_updates(self, loss, params):
        """The update ops of one step of `params` for `loss` (the subclass's)."""
        raise NotImplementedError

    def get_gradients(self, loss, params):
        """The gradients of `loss` for `params` (K.gradients), clipped as configured;
        ValueError where one is None."""
        grads = K.gradients(loss, params)
        if None in grads:
            raise ValueError("An operation has `None` for gradient. "
                             "Please make sure that all of your ops have a "
                             "gradient defined (i.e. are differentiable). "
                             "Common ops without gradient: "
                             "K.argmax, K.round, K.eval.")
        if hasattr(self, "clipnorm"):
            grads = [math_ops.clip_by_norm(g, self.clipnorm) for g in grads]
        if hasattr(self, "clipvalue"):
            grads = [math_ops.clip_by_value(g, -self.clipvalue, self.clipvalue)
                     for g in grads]
        return grads

    def set_weights(self, weights):
        """Loads numpy `weights` into the optimizer's weights (same number and shapes)."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("Length of the specified weight list (" + str(len(weights)) +
                             ") does not match the number of weights "
                             "of the optimizer (" + str(len(params)) + ")")
        weight_value_tuples = []
        param_values = K.batch_get_value(params)
        for pv, p, w in zip(param_values, params, weights):
            if pv.shape != w.shape:
                raise ValueError("Optimizer weight shape " + str(pv.shape) +
                                 " not compatible with "
                                 "provided weight shape " + str(w.shape))
            weight_value_tuples.append((p, w))
        K.batch_set_value(weight_value_tuples)

    def get_weights(self):
        """The values of the optimizer's weights (numpy arrays)."""
        return K.batch_get_value(self.weights)

    def get_config(self):
        config = {}
        if hasattr(self, "clipnorm"):
            config["clipnorm"] = self.clipnorm
        if hasattr(self, "clipvalue"):
            config["clipvalue"] = self.clipvalue
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _merge(base, config):
    return dict(list(base.items()) + list(config.items()))


def _decayed(opt):
    """lr, or lr / (1 + decay * iterations) when made with decay > 0."""
    lr = opt.lr
    if opt.initial_decay > 0:
        lr = lr * (1. / (1. + opt.decay * math_ops.cast(opt.iterations, K.dtype(opt.decay))))
    return lr


def _constrained(p, new_p):
    if getattr(p, "constraint", None) is not None:
        return p.constraint(new_p)
    return new_p


class SGD(Optimizer):
    """Stochastic gradient descent with momentum, learning rate decay and Nesterov
    momentum.

    Args:
      lr: float >= 0, the learning rate. momentum: float >= 0. decay: float >= 0, the
        learning rate decay over each update. nesterov: whether to apply Nesterov momentum.
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.01, momentum=0., decay=0., nesterov=False, **kwargs):
        super().__init__(**kwargs)
        self._state(iterations=0, lr=lr, momentum=momentum, decay=decay)
        self.initial_decay = decay
        self.nesterov = nesterov

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        self.updates = [state_ops.assign_add(self.iterations, 1)]
        lr = _decayed(self)
        shapes = [K.int_shape(p) for p in params]
        moments = [K.zeros(shape) for shape in shapes]
        self.weights = [self.iterations] + moments
        for p, g, m in zip(params, grads, moments):
            v = self.momentum * m - lr * g  # velocity
            self.updates.append(state_ops.assign(m, v))
            if self.nesterov:
                new_p = p + self.momentum * v - lr * g
            else:
                new_p = p + v
            self.updates.append(state_ops.assign(p, _constrained(p, new_p)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "momentum": float(K.get_value(self.momentum)),
                  "decay": float(K.get_value(self.decay)),
                  "nesterov": self.nesterov}
        return _merge(super().get_config(), config)


class RMSprop(Optimizer):
    """RMSProp: a = rho * a + (1 - rho) * g^2; p -= lr * g / (sqrt(a) + epsilon).

    Args:
      lr: float >= 0. rho: float >= 0. epsilon: float >= 0 (None: K.epsilon()).
      decay: float >= 0, the learning rate decay over each update.
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.001, rho=0.9, epsilon=None, decay=0., **kwargs):
        super().__init__(**kwargs)
        self._state(lr=lr, rho=rho, decay=decay, iterations=0)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.epsilon = epsilon
        self.initial_decay = decay

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        accumulators = [K.zeros(K.int_shape(p), dtype=K.dtype(p)) for p in params]
        self.weights = accumulators
        self.updates = [state_ops.assign_add(self.iterations, 1)]
        lr = _decayed(self)
        for p, g, a in zip(params, grads, accumulators):
            new_a = self.rho * a + (1. - self.rho) * math_ops.square(g)
            self.updates.append(state_ops.assign(a, new_a))
            new_p = p - lr * g / (K.sqrt(new_a) + self.epsilon)
            self.updates.append(state_ops.assign(p, _constrained(p, new_p)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "rho": float(K.get_value(self.rho)),
                  "decay": float(K.get_value(self.decay)),
                  "epsilon": self.epsilon}
        return _merge(super().get_config(), config)


class Adagrad(Optimizer):
    """Adagrad: a += g^2; p -= lr * g / (sqrt(a) + epsilon).

    Args:
      lr: float >= 0, the initial learning rate. epsilon: float >= 0 (None: K.epsilon()).
      decay: float >= 0, the learning rate decay over each update.
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.01, epsilon=None, decay=0., **kwargs):
        super().__init__(**kwargs)
        self._state(lr=lr, decay=decay, iterations=0)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.epsilon = epsilon
        self.initial_decay = decay

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        shapes = [K.int_shape(p) for p in params]
        accumulators = [K.zeros(shape) for shape in shapes]
        self.weights = accumulators
        self.updates = [state_ops.assign_add(self.iterations, 1)]
        lr = _decayed(self)
        for p, g, a in zip(params, grads, accumulators):
            new_a = a + math_ops.square(g)
            self.updates.append(state_ops.assign(a, new_a))
            new_p = p - lr * g / (K.sqrt(new_a) + self.epsilon)
            self.updates.append(state_ops.assign(p, _constrained(p, new_p)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "decay": float(K.get_value(self.decay)),
                  "epsilon": self.epsilon}
        return _merge(super().get_config(), config)


class Adadelta(Optimizer):
    """Adadelta: a = rho * a + (1 - rho) * g^2; u = g * sqrt(d + eps) / sqrt(a + eps);
    p -= lr * u; d = rho * d + (1 - rho) * u^2.

    Args:
      lr: float >= 0, the initial learning rate (1.0). rho: float >= 0, the decay factor.
      epsilon: float >= 0 (None: K.epsilon()). decay: float >= 0, the learning rate decay.
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=1.0, rho=0.95, epsilon=None, decay=0., **kwargs):
        super().__init__(**kwargs)
        self._state(lr=lr, decay=decay, iterations=0)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.rho = rho
        self.epsilon = epsilon
        self.initial_decay = decay

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        shapes = [K.int_shape(p) for p in params]
        accumulators = [K.zeros(shape) for shape in shapes]
        delta_accumulators = [K.zeros(shape) for shape in shapes]
        self.weights = accumulators + delta_accumulators
        self.updates = [state_ops.assign_add(self.iterations, 1)]
        lr = _decayed(self)
        for p, g, a, d_a in zip(params, grads, accumulators, delta_accumulators):
            new_a = self.rho * a + (1. - self.rho) * math_ops.square(g)
            self.updates.append(state_ops.assign(a, new_a))
            # the new accumulator and the *old* delta_accumulator
            update = g * K.sqrt(d_a + self.epsilon) / K.sqrt(new_a + self.epsilon)
            new_p = p - lr * update
            self.updates.append(state_ops.assign(p, _constrained(p, new_p)))
            new_d_a = self.rho * d_a + (1 - self.rho) * math_ops.square(update)
            self.updates.append(state_ops.assign(d_a, new_d_a))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "rho": self.rho,
                  "decay": float(K.get_value(self.decay)),
                  "epsilon": self.epsilon}
        return _merge(super().get_config(), config)


class Adam(Optimizer):
    """Adam, with the AMSGrad variant.

    Args:
      lr: float >= 0. beta_1, beta_2: floats in (0, 1). epsilon: float >= 0 (None:
        K.epsilon()). decay: float >= 0, the learning rate decay over each update.
      amsgrad: whether to apply AMSGrad. **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.,
                 amsgrad=False, **kwargs):
        super().__init__(**kwargs)
        self._state(iterations=0, lr=lr, beta_1=beta_1, beta_2=beta_2, decay=decay)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.epsilon = epsilon
        self.initial_decay = decay
        self.amsgrad = amsgrad

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        self.updates = []
        lr = _decayed(self)
        with control_dependencies([state_ops.assign_add(self.iterations, 1)]):
            t = math_ops.cast(self.iterations, K.floatx())
        lr_t = lr * (K.sqrt(1. - math_ops.pow(self.beta_2, t)) /
                     (1. - math_ops.pow(self.beta_1, t)))
        ms = [K.zeros(K.int_shape(p), dtype=K.dtype(p)) for p in params]
        vs = [K.zeros(K.int_shape(p), dtype=K.dtype(p)) for p in params]
        if self.amsgrad:
            vhats = [K.zeros(K.int_shape(p), dtype=K.dtype(p)) for p in params]
        else:
            vhats = [K.zeros(1) for _ in params]
        self.weights = [self.iterations] + ms + vs + vhats
        for p, g, m, v, vhat in zip(params, grads, ms, vs, vhats):
            m_t = (self.beta_1 * m) + (1. - self.beta_1) * g
            v_t = (self.beta_2 * v) + (1. - self.beta_2) * math_ops.square(g)
            if self.amsgrad:
                vhat_t = math_ops.maximum(vhat, v_t)
                p_t = p - lr_t * m_t / (K.sqrt(vhat_t) + self.epsilon)
                self.updates.append(state_ops.assign(vhat, vhat_t))
            else:
                p_t = p - lr_t * m_t / (K.sqrt(v_t) + self.epsilon)
            self.updates.append(state_ops.assign(m, m_t))
            self.updates.append(state_ops.assign(v, v_t))
            self.updates.append(state_ops.assign(p, _constrained(p, p_t)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "beta_1": float(K.get_value(self.beta_1)),
                  "beta_2": float(K.get_value(self.beta_2)),
                  "decay": float(K.get_value(self.decay)),
                  "epsilon": self.epsilon,
                  "amsgrad": self.amsgrad}
        return _merge(super().get_config(), config)


class Adamax(Optimizer):
    """Adamax (Adam's infinity-norm variant, the Adam paper's section 7).

    Args:
      lr: float >= 0 (0.002). beta_1, beta_2: floats in (0, 1). epsilon: float >= 0
        (None: K.epsilon()). decay: float >= 0, the learning rate decay over each update.
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.,
                 **kwargs):
        super().__init__(**kwargs)
        self._state(iterations=0, lr=lr, beta_1=beta_1, beta_2=beta_2, decay=decay)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.epsilon = epsilon
        self.initial_decay = decay

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        self.updates = []
        lr = _decayed(self)
        with control_dependencies([state_ops.assign_add(self.iterations, 1)]):
            t = math_ops.cast(self.iterations, K.floatx())
        lr_t = lr / (1. - math_ops.pow(self.beta_1, t))
        shapes = [K.int_shape(p) for p in params]
        ms = [K.zeros(shape) for shape in shapes]   # the first moments
        us = [K.zeros(shape) for shape in shapes]   # the weighted infinity norms
        self.weights = [self.iterations] + ms + us
        for p, g, m, u in zip(params, grads, ms, us):
            m_t = (self.beta_1 * m) + (1. - self.beta_1) * g
            u_t = math_ops.maximum(self.beta_2 * u, math_ops.abs(g))
            p_t = p - lr_t * m_t / (u_t + self.epsilon)
            self.updates.append(state_ops.assign(m, m_t))
            self.updates.append(state_ops.assign(u, u_t))
            self.updates.append(state_ops.assign(p, _constrained(p, p_t)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "beta_1": float(K.get_value(self.beta_1)),
                  "beta_2": float(K.get_value(self.beta_2)),
                  "decay": float(K.get_value(self.decay)),
                  "epsilon": self.epsilon}
        return _merge(super().get_config(), config)


class Nadam(Optimizer):
    """Nesterov Adam, with the momentum schedule (the 'm_schedule' variable).

    Args:
      lr: float >= 0 (0.002). beta_1, beta_2: floats in (0, 1). epsilon: float >= 0
        (None: K.epsilon()). schedule_decay: the momentum schedule's decay (0.004).
      **kwargs: clipnorm, clipvalue.
    """

    def __init__(self, lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None,
                 schedule_decay=0.004, **kwargs):
        super().__init__(**kwargs)
        self._state(iterations=0, m_schedule=1., lr=lr, beta_1=beta_1, beta_2=beta_2)
        epsilon = K.epsilon() if epsilon is None else epsilon
        self.epsilon = epsilon
        self.schedule_decay = schedule_decay

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        self.updates = []
        with control_dependencies([state_ops.assign_add(self.iterations, 1)]):
            t = math_ops.cast(self.iterations, K.floatx())
        # the warming momentum schedule
        momentum_cache_t = self.beta_1 * (
            1. - 0.5 * (math_ops.pow(K.cast_to_floatx(0.96), t * self.schedule_decay)))
        momentum_cache_t_1 = self.beta_1 * (
            1. - 0.5 *
            (math_ops.pow(K.cast_to_floatx(0.96), (t + 1) * self.schedule_decay)))
        m_schedule_new = self.m_schedule * momentum_cache_t
        m_schedule_next = self.m_schedule * momentum_cache_t * momentum_cache_t_1
        self.updates.append((self.m_schedule, m_schedule_new))
        shapes = [K.int_shape(p) for p in params]
        ms = [K.zeros(shape) for shape in shapes]
        vs = [K.zeros(shape) for shape in shapes]
        self.weights = [self.iterations, self.m_schedule] + ms + vs
        for p, g, m, v in zip(params, grads, ms, vs):
            g_prime = g / (1. - m_schedule_new)
            m_t = self.beta_1 * m + (1. - self.beta_1) * g
            m_t_prime = m_t / (1. - m_schedule_next)
            v_t = self.beta_2 * v + (1. - self.beta_2) * math_ops.square(g)
            v_t_prime = v_t / (1. - math_ops.pow(self.beta_2, t))
            m_t_bar = (1. - momentum_cache_t) * g_prime + momentum_cache_t_1 * m_t_prime
            self.updates.append(state_ops.assign(m, m_t))
            self.updates.append(state_ops.assign(v, v_t))
            p_t = p - self.lr * m_t_bar / (K.sqrt(v_t_prime) + self.epsilon)
            self.updates.append(state_ops.assign(p, _constrained(p, p_t)))
        return self.updates

    def get_config(self):
        config = {"lr": float(K.get_value(self.lr)),
                  "beta_1": float(K.get_value(self.beta_1)),
                  "beta_2": float(K.get_value(self.beta_2)),
                  "epsilon": self.epsilon,
                  "schedule_decay": self.schedule_decay}
        return _merge(super().get_config(), config)
