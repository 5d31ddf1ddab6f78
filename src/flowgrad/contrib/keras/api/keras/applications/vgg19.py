"""tf.contrib.keras.applications.vgg19 (TF 1.14): the objects of
tf.keras.applications.vgg19 that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.vgg19 import (  # noqa: F401
    VGG19, decode_predictions, preprocess_input)

__all__ = ["VGG19", "decode_predictions", "preprocess_input"]
