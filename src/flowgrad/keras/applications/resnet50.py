"""tf.keras.applications.resnet50 (TF 1.14): ResNet50, decode_predictions and
preprocess_input of keras_applications.resnet50, built with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["ResNet50", "decode_predictions", "preprocess_input"]

(ResNet50, decode_predictions, preprocess_input) = exported(
    "resnet50", "ResNet50", "decode_predictions", "preprocess_input")
