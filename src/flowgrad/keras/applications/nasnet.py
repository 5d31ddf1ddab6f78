"""tf.keras.applications.nasnet (TF 1.14): NASNetLarge, NASNetMobile, decode_predictions
and preprocess_input of keras_applications.nasnet, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["NASNetLarge", "NASNetMobile", "decode_predictions", "preprocess_input"]

(NASNetLarge, NASNetMobile, decode_predictions, preprocess_input) = exported(
    "nasnet", "NASNetLarge", "NASNetMobile", "decode_predictions", "preprocess_input")
