"""tf.keras.constraints (TF 1.14): Constraint, MaxNorm, NonNeg, UnitNorm, MinMaxNorm, their
lower-case aliases, and get / serialize / deserialize. A constraint maps a weight tensor to
its projection (optimizers apply it after each update: Variable.constraint)."""
import numpy as np

from ..engine.framework.constant_op import constant
from ..ops import comparison_ops, math_ops
from . import backend
from ._serialization import deserialize_keras_object, serialize_keras_object

__all__ = ["Constraint", "MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm", "max_norm", "non_neg",
           "unit_norm", "min_max_norm", "serialize", "deserialize", "get"]


def _sqrt(x):
    """keras.backend.sqrt: sqrt of x clipped to [0, inf]."""
    zero = constant(0., x.dtype.base_dtype)
    inf = constant(np.inf, x.dtype.base_dtype)
    return math_ops.sqrt(math_ops.clip_by_value(x, zero, inf))


def _clip(x, min_value, max_value):
    """keras.backend.clip."""
    if max_value is not None and max_value < min_value:
        max_value = min_value
    if max_value is None:
        max_value = np.inf
    return math_ops.clip_by_value(x, constant(min_value, x.dtype.base_dtype),
                                  constant(max_value, x.dtype.base_dtype))


def _norms(w, axis):
    return _sqrt(math_ops.reduce_sum(math_ops.square(w), axis=axis, keepdims=True))


class Constraint:
    """Base class: the identity."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}


class MaxNorm(Constraint):
    """Rescales the weights whose L2 norm along `axis` exceeds `max_value`."""

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = _clip(norms, 0, self.max_value)
        return w * (desired / (backend.epsilon() + norms))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets the negative weights to 0."""

    def __call__(self, w):
        return w * math_ops.cast(comparison_ops.greater_equal(w, 0.), backend.floatx())


class UnitNorm(Constraint):
    """Divides the weights by their L2 norm along `axis`."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return w / (backend.epsilon() + _norms(w, self.axis))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves the L2 norm along `axis` towards [min_value, max_value] by `rate`."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = (self.rate * _clip(norms, self.min_value, self.max_value)
                   + (1 - self.rate) * norms)
        return w * (desired / (backend.epsilon() + norms))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}


max_norm = MaxNorm
non_neg = NonNeg
unit_norm = UnitNorm
min_max_norm = MinMaxNorm
maxnorm = max_norm
nonneg = non_neg
unitnorm = unit_norm


def serialize(constraint):
    """{'class_name': ..., 'config': ...} of a constraint."""
    return serialize_keras_object(constraint)


def deserialize(config, custom_objects=None):
    """The constraint a serialized config (or a name in this module) describes."""
    return deserialize_keras_object(config, module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name="constraint")


def get(identifier):
    """A constraint from None, a config dict, a name or a callable (returned as is).

    Raises:
      ValueError: an identifier of another kind.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return deserialize({"class_name": str(identifier), "config": {}})
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret constraint identifier: " + str(identifier))
