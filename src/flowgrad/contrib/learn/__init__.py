"""`tf.contrib.learn`: the part flowgrad implements, its datasets (`tf.contrib.learn.datasets`)."""
from . import datasets

__all__ = ["datasets"]
