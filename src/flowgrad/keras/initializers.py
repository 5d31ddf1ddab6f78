"""tf.keras.initializers (TF 1.14, graph mode): the tf.initializers classes, with keras's
own RandomNormal / RandomUniform / TruncatedNormal (stddev and range 0.05), and
get / serialize / deserialize."""
# ruff: noqa: F401
from ..engine.framework import dtypes as _dt
from ..ops import init_ops as _init_ops
from ..ops.init_ops import (Constant, GlorotNormal, GlorotUniform, Identity, Initializer, Ones,
                            Orthogonal, VarianceScaling, Zeros, he_normal, he_uniform,
                            lecun_normal, lecun_uniform)
from ._serialization import deserialize_keras_object, serialize_keras_object


class TruncatedNormal(_init_ops.TruncatedNormal):
    """Truncated normal, keras defaults: mean 0, stddev 0.05."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dt.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


class RandomUniform(_init_ops.RandomUniform):
    """Uniform in [minval, maxval), keras defaults: [-0.05, 0.05)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None, dtype=_dt.float32):
        super().__init__(minval=minval, maxval=maxval, seed=seed, dtype=dtype)


class RandomNormal(_init_ops.RandomNormal):
    """Normal, keras defaults: mean 0, stddev 0.05."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dt.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


zero = zeros = Zeros
one = ones = Ones
constant = Constant
uniform = random_uniform = RandomUniform
normal = random_normal = RandomNormal
truncated_normal = TruncatedNormal
identity = Identity
orthogonal = Orthogonal
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform


def serialize(initializer):
    """{'class_name': ..., 'config': ...} of an initializer."""
    return serialize_keras_object(initializer)


def deserialize(config, custom_objects=None):
    """The initializer a serialized config (or a name in this module) describes."""
    return deserialize_keras_object(config, module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name="initializer")


def get(identifier):
    """An initializer from None, a config dict, a name ('glorot_uniform', 'he_normal', ...)
    or a callable (returned as is).

    Raises:
      ValueError: an unknown name or an identifier of another kind.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier in ("he_normal", "he_uniform", "lecun_normal", "lecun_uniform"):
            return deserialize({"class_name": identifier, "config": {}})
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: " + str(identifier))
