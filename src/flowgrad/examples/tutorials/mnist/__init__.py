"""`tensorflow.examples.tutorials.mnist` (its `input_data` module)."""
from . import input_data

__all__ = ["input_data"]
