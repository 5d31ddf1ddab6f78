"""tf.strings (TF 1.14): string hashing, formatting, joining, splitting, stripping,
parsing, substrings, regexes, lengths, case and unicode_transcode. unicode_decode/encode/
split (and their _with_offsets), unicode_script and bytes_split are absent
(AttributeError): in TF they take or return RaggedTensors, or need ICU's script data."""
# ruff: noqa: F401
from __future__ import annotations

from .ops.string_ops import as_string, reduce_join, regex_full_match, regex_replace, \
    string_strip as strip, string_to_number as to_number, substr
from .ops.string_ops import string_format as format  # noqa: A004
from .ops.string_ops import string_join as join
from .ops.string_ops import string_length as length
from .ops.string_ops import string_lower as lower
from .ops.string_ops import string_upper as upper
from .ops.string_ops import strings_split_v1 as split
from .ops.string_ops import unicode_transcode
from .ops.string_ops import string_to_hash_bucket as to_hash_bucket
from .ops.string_ops import string_to_hash_bucket_fast as to_hash_bucket_fast
from .ops.string_ops import string_to_hash_bucket_strong as to_hash_bucket_strong

__all__ = ["as_string", "format", "join", "length", "lower", "reduce_join", "regex_full_match",
           "regex_replace", "split", "strip", "substr", "to_hash_bucket", "to_hash_bucket_fast",
           "to_hash_bucket_strong", "to_number", "unicode_transcode", "upper"]
