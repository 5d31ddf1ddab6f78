"""tf.keras.applications.vgg16 (TF 1.14): VGG16, decode_predictions and preprocess_input of
keras_applications.vgg16, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["VGG16", "decode_predictions", "preprocess_input"]

(VGG16, decode_predictions, preprocess_input) = exported(
    "vgg16", "VGG16", "decode_predictions", "preprocess_input")
