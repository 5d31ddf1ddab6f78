"""tf.contrib.keras.api (TF 1.14): holds `keras`, the modules tf.contrib.keras exports."""
from __future__ import absolute_import, division, print_function  # noqa: F401 - TF's names

from . import keras  # noqa: F401
