"""`tf.contrib.tensorboard`: the embedding projector plugin (`plugins.projector`)."""
import importlib as _importlib


def __getattr__(name):
    if name == "plugins":
        return _importlib.import_module(f"{__name__}.plugins")
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.tensorboard.{name}")
