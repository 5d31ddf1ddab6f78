"""`tf.contrib.tensorboard`: its `plugins.projector` (the embedding projector's config)."""
from . import plugins

__all__ = ["plugins"]
