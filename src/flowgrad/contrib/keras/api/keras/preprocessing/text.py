"""tf.contrib.keras.preprocessing.text (TF 1.14): the objects of
tf.keras.preprocessing.text that TF 1.14's
contrib.keras exports under the same names."""
from ......keras.preprocessing.text import (  # noqa: F401
    Tokenizer, one_hot, text_to_word_sequence)

__all__ = ["Tokenizer", "one_hot", "text_to_word_sequence"]
