"""tf.contrib.keras.applications.vgg16 (TF 1.14): the objects of
tf.keras.applications.vgg16 that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.vgg16 import (  # noqa: F401
    VGG16, decode_predictions, preprocess_input)

__all__ = ["VGG16", "decode_predictions", "preprocess_input"]
