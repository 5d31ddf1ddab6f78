"""tf.contrib.keras.datasets.boston_housing (TF 1.14): the objects of
tf.keras.datasets.boston_housing that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.datasets.boston_housing import (  # noqa: F401
    load_data)

__all__ = ["load_data"]
