"""`tf.contrib.learn.preprocessing`: the deprecated text and categorical preprocessors
(VocabularyProcessor, ByteProcessor, tokenizer, CategoricalProcessor,
CategoricalVocabulary). Pure Python on NumPy, as in TF 1.14."""
from __future__ import annotations

from . import categorical, categorical_vocabulary, text
from .categorical import CategoricalProcessor
from .categorical_vocabulary import CategoricalVocabulary
from .text import TOKENIZER_RE, ByteProcessor, VocabularyProcessor, tokenizer

__all__ = ["ByteProcessor", "CategoricalProcessor", "CategoricalVocabulary", "TOKENIZER_RE",
           "VocabularyProcessor", "categorical", "categorical_vocabulary", "text",
           "tokenizer"]
