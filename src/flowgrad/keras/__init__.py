"""`tf.keras` (graph mode): TF 1.14's keras namespace; each submodule
(`tf.keras.initializers`, `tf.keras.regularizers`, ...) loads on first use.
"""
import importlib as _importlib


def __getattr__(name):
    if not name.startswith("_"):
        try:
            return _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"flowgrad does not implement tensorflow.keras.{name}")
