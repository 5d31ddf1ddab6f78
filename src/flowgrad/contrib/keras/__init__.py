"""tf.contrib.keras (TF 1.14): its 17 modules (activations, api, applications, backend,
callbacks, constraints, datasets, initializers, layers, losses, metrics, models, optimizers,
preprocessing, regularizers, utils, wrappers), each the module tf.contrib.keras.api.keras.X
as in TF, holding the same objects as tf.keras.X under TF 1.14's names. Loaded on first use.

Where TF 1.14's contrib.keras exports an object tf.keras does not have, flowgrad has it
only if it implements it: backend.name_scope (TF 2's name_scope, a string-only scope),
metrics.cosine_similarity (the cosine_proximity loss function) and
utils.squeeze_or_expand_dimensions and the Keras v1 optimizer classes
(optimizers.Adam(lr=...) and the 7 others) are there; TF 2's callbacks.TensorBoard is
not (AttributeError).
"""
import importlib as _importlib

_MODULES = ("activations", "applications", "backend", "callbacks", "constraints", "datasets",
            "initializers", "layers", "losses", "metrics", "models", "optimizers",
            "preprocessing", "regularizers", "utils", "wrappers")


def __getattr__(name):
    if name in _MODULES:
        return _importlib.import_module(f"{__name__}.api.keras.{name}")
    if name == "api":
        return _importlib.import_module(f"{__name__}.api")
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.keras.{name}")


def __dir__():
    return sorted(_MODULES + ("api",))
