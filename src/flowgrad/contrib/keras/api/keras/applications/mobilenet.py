"""tf.contrib.keras.applications.mobilenet (TF 1.14): the objects of
tf.keras.applications.mobilenet that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.mobilenet import (  # noqa: F401
    MobileNet, decode_predictions, preprocess_input)

__all__ = ["MobileNet", "decode_predictions", "preprocess_input"]
