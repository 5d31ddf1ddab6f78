"""tf.keras.optimizers.schedules (TF 1.14 keras/optimizer_v2/learning_rate_schedule.py):
callables step -> learning rate that a Keras optimizer takes as `learning_rate` (it calls
them with its `iterations`). TF 1.14's tf.train decay functions are these schedules called
on the global step, so each one here builds flowgrad's tf.train function's ops."""
from ..train import learning_rate_decay as _decay
from ._serialization import deserialize_keras_object

__all__ = ["LearningRateSchedule", "ExponentialDecay", "PiecewiseConstantDecay",
           "PolynomialDecay", "InverseTimeDecay", "CosineDecay", "CosineDecayRestarts",
           "LinearCosineDecay", "NoisyLinearCosineDecay", "serialize", "deserialize"]


class LearningRateSchedule:
    """Base: `__call__(step)` returns the learning rate; `get_config` / `from_config`."""

    def __call__(self, step):
        raise NotImplementedError("Learning rate schedule must override __call__")

    def get_config(self):
        raise NotImplementedError("Learning rate schedule must override get_config")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class ExponentialDecay(LearningRateSchedule):
    """initial_learning_rate * decay_rate ^ (step / decay_steps) (integer division with
    staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        return _decay.exponential_decay(self.initial_learning_rate, step, self.decay_steps,
                                        self.decay_rate, self.staircase,
                                        name=self.name or "ExponentialDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """values[i] while step <= boundaries[i] (the last value after the last boundary)."""

    def __init__(self, boundaries, values, name=None):
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of "
                             "values")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        return _decay.piecewise_constant(step, self.boundaries, self.values,
                                         name=self.name or "PiecewiseConstant")

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """(initial - end) * (1 - step / decay_steps) ^ power + end (cycle: decay_steps grows
    to the next multiple)."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001,
                 power=1.0, cycle=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        return _decay.polynomial_decay(self.initial_learning_rate, step, self.decay_steps,
                                       self.end_learning_rate, self.power, self.cycle,
                                       name=self.name or "PolynomialDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """initial_learning_rate / (1 + decay_rate * step / decay_steps)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        return _decay.inverse_time_decay(self.initial_learning_rate, step, self.decay_steps,
                                         self.decay_rate, self.staircase,
                                         name=self.name or "InverseTimeDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class CosineDecay(LearningRateSchedule):
    """initial_learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) /
    decay_steps)) + alpha) (tf.keras.experimental.CosineDecay)."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        return _decay.cosine_decay(self.initial_learning_rate, step, self.decay_steps,
                                   self.alpha, name=self.name or "CosineDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): periods growing by t_mul, peaks scaled by
    m_mul (tf.keras.experimental.CosineDecayRestarts)."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                 alpha=0.0, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        return _decay.cosine_decay_restarts(self.initial_learning_rate, step,
                                            self.first_decay_steps, self._t_mul, self._m_mul,
                                            self.alpha, name=self.name or "SGDRDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


class LinearCosineDecay(LearningRateSchedule):
    """initial_learning_rate * ((alpha + linear_decay) * cosine_decay + beta) with
    num_periods cosine periods (tf.keras.experimental.LinearCosineDecay)."""

    def __init__(self, initial_learning_rate, decay_steps, num_periods=0.5, alpha=0.0,
                 beta=0.001, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.num_periods = num_periods
        self.alpha = alpha
        self.beta = beta
        self.name = name

    def __call__(self, step):
        return _decay.linear_cosine_decay(self.initial_learning_rate, step, self.decay_steps,
                                          self.num_periods, self.alpha, self.beta,
                                          name=self.name or "LinearCosineDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "num_periods": self.num_periods,
                "alpha": self.alpha, "beta": self.beta, "name": self.name}


class NoisyLinearCosineDecay(LearningRateSchedule):
    """LinearCosineDecay with Gaussian noise of variance initial_variance / (1 + step) **
    variance_decay added to the linear part (tf.keras.experimental.NoisyLinearCosineDecay)."""

    def __init__(self, initial_learning_rate, decay_steps, initial_variance=1.0,
                 variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.initial_variance = initial_variance
        self.variance_decay = variance_decay
        self.num_periods = num_periods
        self.alpha = alpha
        self.beta = beta
        self.name = name

    def __call__(self, step):
        return _decay.noisy_linear_cosine_decay(
            self.initial_learning_rate, step, self.decay_steps, self.initial_variance,
            self.variance_decay, self.num_periods, self.alpha, self.beta,
            name=self.name or "NoisyLinearCosineDecay")

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "initial_variance": self.initial_variance,
                "variance_decay": self.variance_decay, "num_periods": self.num_periods,
                "alpha": self.alpha, "beta": self.beta, "name": self.name}


_CLASSES = {c.__name__: c for c in (ExponentialDecay, PiecewiseConstantDecay,
                                    PolynomialDecay, InverseTimeDecay, CosineDecay,
                                    CosineDecayRestarts, LinearCosineDecay,
                                    NoisyLinearCosineDecay)}


def serialize(learning_rate_schedule):
    """{'class_name', 'config'} of a schedule."""
    return {"class_name": learning_rate_schedule.__class__.__name__,
            "config": learning_rate_schedule.get_config()}


def deserialize(config, custom_objects=None):
    """The schedule a {'class_name', 'config'} dict describes."""
    return deserialize_keras_object(config, module_objects=_CLASSES,
                                    custom_objects=custom_objects,
                                    printable_module_name="decay")
