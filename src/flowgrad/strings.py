"""tf.strings: the part of TF 1.14's namespace flowgrad has (string hashing); other names
are absent (AttributeError)."""
from __future__ import annotations

from .ops.string_ops import string_to_hash_bucket as to_hash_bucket
from .ops.string_ops import string_to_hash_bucket_fast as to_hash_bucket_fast
from .ops.string_ops import string_to_hash_bucket_strong as to_hash_bucket_strong

__all__ = ["to_hash_bucket", "to_hash_bucket_fast", "to_hash_bucket_strong"]
