"""TF 1.14's string hashing (tensorflow/python/ops/string_ops.py, the part flowgrad has):
StringToHashBucketFast (Fingerprint64), StringToHashBucketStrong (keyed SipHash) and the
legacy StringToHashBucket, bit-exact with TF (engine/ops/hashing.py)."""
from __future__ import annotations

from ..engine.ops import hashing as _hashing

__all__ = ["string_to_hash_bucket_fast", "string_to_hash_bucket_strong",
           "string_to_hash_bucket"]


def string_to_hash_bucket_fast(input, num_buckets, name=None):  # noqa: A002 - TF's name
    """Fingerprint64(s) % num_buckets for every string s of `input` (int64)."""
    return _hashing.string_to_hash_bucket_fast(input, num_buckets, name=name)


def string_to_hash_bucket_strong(input, num_buckets, key, name=None):  # noqa: A002
    """SipHash-2-4(key, s) % num_buckets for every string s of `input` (int64)."""
    return _hashing.string_to_hash_bucket_strong(input, num_buckets, key, name=name)


def string_to_hash_bucket(string_tensor=None, num_buckets=None, name=None, input=None):  # noqa: A002
    """TF's legacy Hash64(s) % num_buckets (prefer string_to_hash_bucket_fast)."""
    if input is not None:
        if string_tensor is not None:
            raise ValueError("Cannot specify both 'string_tensor' and 'input'.")
        string_tensor = input
    if string_tensor is None:
        raise ValueError("Must specify 'string_tensor'.")
    return _hashing.string_to_hash_bucket(string_tensor, num_buckets, name=name)
