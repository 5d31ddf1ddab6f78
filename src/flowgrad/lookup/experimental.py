"""tf.lookup.experimental (TF 1.14): DenseHashTable (flowgrad/ops/dense_hash_table.py)."""
from __future__ import annotations

from ..ops.dense_hash_table import DenseHashTable

__all__ = ["DenseHashTable"]
