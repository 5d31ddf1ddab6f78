"""tf.contrib.keras.wrappers (TF 1.14): the objects of
tf.keras.wrappers that TF 1.14's
contrib.keras exports under the same names."""
from . import scikit_learn  # noqa: F401

__all__ = ["scikit_learn"]
