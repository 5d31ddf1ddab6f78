"""tf.keras.applications.inception_v3 (TF 1.14): InceptionV3, decode_predictions and
preprocess_input of keras_applications.inception_v3, built with flowgrad's Keras
modules."""
from ._inject import exported

__all__ = ["InceptionV3", "decode_predictions", "preprocess_input"]

(InceptionV3, decode_predictions, preprocess_input) = exported(
    "inception_v3", "InceptionV3", "decode_predictions", "preprocess_input")
