"""tf.contrib.keras.datasets.mnist (TF 1.14): the objects of
tf.keras.datasets.mnist that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.datasets.mnist import (  # noqa: F401
    load_data)

__all__ = ["load_data"]
