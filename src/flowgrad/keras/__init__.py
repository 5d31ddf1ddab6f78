"""`tf.keras`: the parts flowgrad implements, each loaded on first use (`tf.keras.datasets`)."""
import importlib as _importlib


def __getattr__(name):
    if not name.startswith("_"):
        try:
            return _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"flowgrad does not implement tensorflow.keras.{name}")
