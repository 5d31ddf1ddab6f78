"""tf.contrib.keras.datasets.cifar10 (TF 1.14): the objects of
tf.keras.datasets.cifar10 that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.datasets.cifar10 import (  # noqa: F401
    load_data)

__all__ = ["load_data"]
