"""`tf.keras.datasets`: the datasets flowgrad implements (`mnist`)."""
from . import mnist

__all__ = ["mnist"]
