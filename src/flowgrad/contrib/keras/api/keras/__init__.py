"""tf.contrib.keras.api.keras (TF 1.14): the modules of tf.contrib.keras, loaded on first
use (see flowgrad.contrib.keras)."""
import importlib as _importlib

_MODULES = ("activations", "applications", "backend", "callbacks", "constraints", "datasets",
            "initializers", "layers", "losses", "metrics", "models", "optimizers",
            "preprocessing", "regularizers", "utils", "wrappers")


def __getattr__(name):
    if name in _MODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.keras.api.keras."
                         f"{name}")


def __dir__():
    return sorted(_MODULES)
