"""tf.contrib.keras.preprocessing (TF 1.14): the objects of
tf.keras.preprocessing that TF 1.14's
contrib.keras exports under the same names."""
from . import image, sequence, text  # noqa: F401

__all__ = ["image", "sequence", "text"]
