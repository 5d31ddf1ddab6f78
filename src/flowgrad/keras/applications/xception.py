"""tf.keras.applications.xception (TF 1.14): Xception, decode_predictions and
preprocess_input of keras_applications.xception, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["Xception", "decode_predictions", "preprocess_input"]

(Xception, decode_predictions, preprocess_input) = exported(
    "xception", "Xception", "decode_predictions", "preprocess_input")
