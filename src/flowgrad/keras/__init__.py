"""tf.keras (graph mode): the parts of TF 1.14's Keras that flowgrad implements.

Submodules (`tf.keras.layers`, `tf.keras.backend`, `tf.keras.activations`, ...)
load on first use, as `tf.contrib.X` does.
"""
import importlib as _importlib

# TF 1.14's graph-mode Keras version (keras_export('keras.__version__'))
__version__ = "2.2.4-tf"


def __getattr__(name):
    if name in ("Model", "Sequential"):
        from . import models  # lazy: keras loads its submodules on first use
        return getattr(models, name)
    if name == "Input":
        from .engine.input_layer import Input  # lazy: keras loads on first use
        return Input
    if not name.startswith("_"):
        try:
            return _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"flowgrad does not implement tensorflow.keras.{name}")


# keras.metrics.Mean registers itself with the Layer base class, whose add_metric makes
# it (aggregation='mean') and which cannot import it (a Metric is a Layer)
from . import _metrics_base  # noqa: E402, F401
