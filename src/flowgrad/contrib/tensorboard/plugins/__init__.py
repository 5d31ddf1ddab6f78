"""`tf.contrib.tensorboard.plugins`: the embedding `projector`."""
from . import projector

__all__ = ["projector"]
