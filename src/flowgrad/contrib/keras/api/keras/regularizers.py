"""tf.contrib.keras.regularizers (TF 1.14): the objects of
tf.keras.regularizers that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.regularizers import (  # noqa: F401
    L1L2, Regularizer, deserialize, get, l1, l1_l2, l2, serialize)

__all__ = ["L1L2", "Regularizer", "deserialize", "get", "l1", "l1_l2", "l2", "serialize"]
