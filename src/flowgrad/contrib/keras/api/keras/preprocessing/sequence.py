"""tf.contrib.keras.preprocessing.sequence (TF 1.14): the objects of
tf.keras.preprocessing.sequence that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.preprocessing.sequence import (  # noqa: F401
    make_sampling_table, pad_sequences, skipgrams)

__all__ = ["make_sampling_table", "pad_sequences", "skipgrams"]
