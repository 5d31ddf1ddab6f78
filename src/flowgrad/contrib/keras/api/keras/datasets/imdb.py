"""tf.contrib.keras.datasets.imdb (TF 1.14): the objects of
tf.keras.datasets.imdb that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.datasets.imdb import (  # noqa: F401
    get_word_index, load_data)

__all__ = ["get_word_index", "load_data"]
