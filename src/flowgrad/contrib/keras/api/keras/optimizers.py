"""tf.contrib.keras.optimizers (TF 1.14): get, serialize and deserialize of tf.keras.optimizers.
TF 1.14 also exports its Keras 2.2 optimizer classes here (Adam(lr=..., decay=...) and
7 others), which flowgrad does not implement (AttributeError)."""
from .....keras.optimizers import (  # noqa: F401
    deserialize, get, serialize)

__all__ = ["deserialize", "get", "serialize"]

_KERAS22 = ("Adadelta", "Adagrad", "Adam", "Adamax", "Nadam", "Optimizer", "RMSprop", "SGD")


def __getattr__(name):
    if name in _KERAS22:
        raise AttributeError(f"flowgrad does not implement tensorflow.contrib.keras.optimizers."
                             f"{name} (Keras 2.2's optimizer class, lr=...); "
                             f"tf.keras.optimizers.{name} is TF 1.14's OptimizerV2 class")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
