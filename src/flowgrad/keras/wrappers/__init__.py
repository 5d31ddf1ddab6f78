"""tf.keras.wrappers (TF 1.14): scikit_learn."""
from . import scikit_learn  # noqa: F401

__all__ = ["scikit_learn"]
