"""tf.contrib.tensorboard.plugins (TF 1.14): the embedding projector."""
from . import projector  # noqa: F401
