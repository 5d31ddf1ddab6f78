"""tf.keras.applications.mobilenet_v2 (TF 1.14): MobileNetV2, decode_predictions and
preprocess_input of keras_applications.mobilenet_v2, built with flowgrad's Keras
modules."""
from ._inject import exported

__all__ = ["MobileNetV2", "decode_predictions", "preprocess_input"]

(MobileNetV2, decode_predictions, preprocess_input) = exported(
    "mobilenet_v2", "MobileNetV2", "decode_predictions", "preprocess_input")
