"""How TF 1.14 builds tf.keras.applications: the architectures come from the pure-Python
keras-applications package (1.0.8, what TF 1.14 installs), called with TF's own Keras
modules (here flowgrad's backend, layers, models and utils) passed as keyword arguments,
so every layer, variable and op is flowgrad's."""
import functools
import importlib

try:
    import keras_applications
except ImportError:  # pragma: no cover - the message is the point
    raise ImportError("tf.keras.applications needs the keras-applications package: "
                      "pip install 'flowgrad[keras]' (or pip install "
                      "keras-applications==1.0.8)") from None

from .. import _backend_core, backend, layers, models, utils

__all__ = ["keras_applications", "keras_modules_injection", "exported"]


class _InternalBackend:
    """The backend TF 1.14 injects: its internal keras/backend.py module, which has
    is_keras_tensor (keras_applications checks input_tensor with it) where the public
    tf.keras.backend does not; every other name is tf.keras.backend's."""

    is_keras_tensor = staticmethod(_backend_core.is_keras_tensor)

    def __getattr__(self, name):
        return getattr(backend, name)


_BACKEND = _InternalBackend()


def keras_modules_injection(base_fun):
    """`base_fun` (a keras_applications function) called with flowgrad's Keras modules:
    backend, models and utils always, layers unless the caller passes its own."""

    @functools.wraps(base_fun)
    def wrapper(*args, **kwargs):
        kwargs["backend"] = _BACKEND
        if "layers" not in kwargs:
            kwargs["layers"] = layers
        kwargs["models"] = models
        kwargs["utils"] = utils
        return base_fun(*args, **kwargs)

    return wrapper


def exported(module, *names):
    """The functions `names` of keras_applications.<module>, each with flowgrad's modules
    injected, keeping TF's (*args, **kwargs) signature."""
    mod = importlib.import_module("keras_applications." + module)
    out = []
    for name in names:
        fn = keras_modules_injection(getattr(mod, name))
        del fn.__wrapped__   # TF's exported functions take (*args, **kwargs)
        out.append(fn)
    return out
