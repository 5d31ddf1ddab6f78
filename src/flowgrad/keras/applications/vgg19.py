"""tf.keras.applications.vgg19 (TF 1.14): VGG19, decode_predictions and preprocess_input of
keras_applications.vgg19, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["VGG19", "decode_predictions", "preprocess_input"]

(VGG19, decode_predictions, preprocess_input) = exported(
    "vgg19", "VGG19", "decode_predictions", "preprocess_input")
