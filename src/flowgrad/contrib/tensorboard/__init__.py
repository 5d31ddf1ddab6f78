"""tf.contrib.tensorboard (TF 1.14): the embedding projector plugin's configuration."""
from . import plugins  # noqa: F401
