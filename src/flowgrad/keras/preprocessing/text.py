"""tf.keras.preprocessing.text (TF 1.14): Tokenizer, one_hot, hashing_trick and
text_to_word_sequence of keras_preprocessing (TF 1.14 exports no tokenizer_from_json)."""
from keras_preprocessing import text as _text

__all__ = ["Tokenizer", "hashing_trick", "one_hot", "text_to_word_sequence"]

text_to_word_sequence = _text.text_to_word_sequence
one_hot = _text.one_hot
hashing_trick = _text.hashing_trick
Tokenizer = _text.Tokenizer
