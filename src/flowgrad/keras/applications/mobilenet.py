"""tf.keras.applications.mobilenet (TF 1.14): MobileNet, decode_predictions and
preprocess_input of keras_applications.mobilenet, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["MobileNet", "decode_predictions", "preprocess_input"]

(MobileNet, decode_predictions, preprocess_input) = exported(
    "mobilenet", "MobileNet", "decode_predictions", "preprocess_input")
