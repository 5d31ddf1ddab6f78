"""tf.keras.regularizers (TF 1.14): Regularizer, L1L2, l1, l2, l1_l2 and
get / serialize / deserialize."""
import numpy as np

from ..engine.framework.constant_op import constant
from ..ops import math_ops
from ._serialization import deserialize_keras_object, serialize_keras_object


class Regularizer:
    """Base class: `regularizer(x)` returns a scalar penalty."""

    def __call__(self, x):
        return 0.

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    """l1 * sum(|x|) + l2 * sum(x²) (the factors kept as float32, keras's floatx)."""

    def __init__(self, l1=0., l2=0.):
        self.l1 = np.asarray(l1, dtype=np.float32)
        self.l2 = np.asarray(l2, dtype=np.float32)

    def __call__(self, x):
        if not self.l1 and not self.l2:
            return constant(0.)
        regularization = 0.
        if self.l1:
            regularization += self.l1 * math_ops.reduce_sum(math_ops.abs(x))
        if self.l2:
            regularization += self.l2 * math_ops.reduce_sum(math_ops.square(x))
        return regularization

    def get_config(self):
        return {"l1": float(self.l1), "l2": float(self.l2)}


def l1(l=0.01):  # noqa: E741 - TF's argument name
    """L1L2(l1=l)."""
    return L1L2(l1=l)


def l2(l=0.01):  # noqa: E741 - TF's argument name
    """L1L2(l2=l)."""
    return L1L2(l2=l)


def l1_l2(l1=0.01, l2=0.01):  # noqa: F811 - TF's argument names
    """L1L2(l1=l1, l2=l2)."""
    return L1L2(l1=l1, l2=l2)


def serialize(regularizer):
    """{'class_name': ..., 'config': ...} of a regularizer."""
    return serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    """The regularizer a serialized config (or a name in this module) describes."""
    return deserialize_keras_object(config, module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name="regularizer")


def get(identifier):
    """A regularizer from None, a config dict, a name ('l1', 'l2', 'l1_l2', 'L1L2') or a
    callable (returned as is).

    Raises:
      ValueError: an unknown name or an identifier of another kind.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier in ("l1", "l2", "l1_l2"):
            return deserialize({"class_name": identifier, "config": {}})
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret regularizer identifier:", identifier)
