"""`tf.contrib.tensorboard.plugins`: `projector`."""
import importlib as _importlib


def __getattr__(name):
    if name == "projector":
        return _importlib.import_module(f"{__name__}.projector")
    raise AttributeError(
        f"flowgrad does not implement tensorflow.contrib.tensorboard.plugins.{name}")
