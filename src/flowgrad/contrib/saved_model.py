"""tf.contrib.saved_model: TF 1.14's save_keras_model / load_keras_model, the names
tf.keras.experimental.export_saved_model / load_from_saved_model had in contrib."""
from ..keras.saved_model import export_saved_model as save_keras_model
from ..keras.saved_model import load_from_saved_model as load_keras_model

__all__ = ["save_keras_model", "load_keras_model"]
