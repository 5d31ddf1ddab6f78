"""tf.contrib.keras.models (TF 1.14): the objects of
tf.keras.models that TF 1.14's
contrib.keras exports under the same names."""
from .....keras.models import (  # noqa: F401
    Model, Sequential, load_model, model_from_config, model_from_json,
    model_from_yaml, save_model)

__all__ = ["Model", "Sequential", "load_model", "model_from_config", "model_from_json",
           "model_from_yaml", "save_model"]
