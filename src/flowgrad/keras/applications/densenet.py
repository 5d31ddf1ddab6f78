"""tf.keras.applications.densenet (TF 1.14): DenseNet121, DenseNet169, DenseNet201,
decode_predictions and preprocess_input of keras_applications.densenet, built with
flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["DenseNet121", "DenseNet169", "DenseNet201", "decode_predictions",
           "preprocess_input"]

(DenseNet121, DenseNet169, DenseNet201, decode_predictions, preprocess_input) = exported(
    "densenet", "DenseNet121", "DenseNet169", "DenseNet201", "decode_predictions",
    "preprocess_input")
