"""tf.contrib.keras.applications.inception_v3 (TF 1.14): the objects of
tf.keras.applications.inception_v3 that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.applications.inception_v3 import (  # noqa: F401
    InceptionV3, decode_predictions, preprocess_input)

__all__ = ["InceptionV3", "decode_predictions", "preprocess_input"]
