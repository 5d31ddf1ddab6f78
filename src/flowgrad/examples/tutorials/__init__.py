"""`tensorflow.examples.tutorials`."""
from . import mnist

__all__ = ["mnist"]
