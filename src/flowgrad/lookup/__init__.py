"""tf.lookup (TF 1.14's v1 namespace): static tables and their initializers
(flowgrad/ops/lookup_ops.py); tf.lookup.experimental.DenseHashTable."""
from __future__ import annotations

from . import experimental

from ..ops.lookup_ops import (KeyValueTensorInitializer, StaticHashTableV1,
                              StaticVocabularyTable, TextFileIndex, TextFileInitializer)

StaticHashTable = StaticHashTableV1   # TF 1.14's v1 tf.lookup.StaticHashTable

__all__ = ["experimental", "KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable",
           "TextFileIndex", "TextFileInitializer"]
