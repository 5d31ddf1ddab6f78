"""`tf.contrib`: the parts of TF 1.14's contrib that flowgrad implements.

Each `tf.contrib.X` is the flowgrad module `flowgrad.contrib.X`, loaded on first
use. A part flowgrad lacks raises AttributeError (and, under `flowgrad run`,
ModuleNotFoundError on import) naming the TF symbol.
"""
import importlib as _importlib


def __getattr__(name):
    if not name.startswith("_"):
        try:
            return _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.{name}")
