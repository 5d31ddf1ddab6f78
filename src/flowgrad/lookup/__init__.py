"""tf.lookup (TF 1.14's v1 namespace): static tables and their initializers
(flowgrad/ops/lookup_ops.py); tf.lookup.experimental.DenseHashTable."""
from __future__ import annotations

from . import experimental

from ..ops.lookup_ops import (KeyValueTensorInitializer, StaticHashTable,
                              StaticVocabularyTable, TextFileIndex, TextFileInitializer)

__all__ = ["experimental", "KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable",
           "TextFileIndex", "TextFileInitializer"]
