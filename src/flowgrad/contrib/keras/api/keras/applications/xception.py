"""tf.contrib.keras.applications.xception (TF 1.14): the objects of
tf.keras.applications.xception that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.xception import (  # noqa: F401
    Xception, decode_predictions, preprocess_input)

__all__ = ["Xception", "decode_predictions", "preprocess_input"]
