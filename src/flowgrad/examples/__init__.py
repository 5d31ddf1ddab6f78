"""`tensorflow.examples`: the tutorials' helper modules (`tutorials.mnist.input_data`)."""
from . import tutorials

__all__ = ["tutorials"]
