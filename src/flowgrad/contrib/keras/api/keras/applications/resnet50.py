"""tf.contrib.keras.applications.resnet50 (TF 1.14): the objects of
tf.keras.applications.resnet50 that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.resnet50 import (  # noqa: F401
    ResNet50, decode_predictions, preprocess_input)

__all__ = ["ResNet50", "decode_predictions", "preprocess_input"]
