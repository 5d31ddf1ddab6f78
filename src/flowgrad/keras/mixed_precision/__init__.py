"""tf.keras.mixed_precision (TF 1.14): the `experimental` API (loaded on first use: the
layers import the policy module of this package)."""
import importlib as _importlib

__all__ = ["experimental"]


def __getattr__(name):
    if name == "experimental":
        return _importlib.import_module(__name__ + ".experimental")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
