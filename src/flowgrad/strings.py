"""tf.strings (TF 1.14): string hashing, formatting, joining, splitting, stripping,
parsing, substrings, regexes, lengths, case, unicode_transcode, unicode_script (ICU's
script codes of Unicode 11.0, as TF 1.14) and the ragged ones (bytes_split,
unicode_decode/encode/split and their _with_offsets, for UTF-8, UTF-16-BE and
UTF-32-BE)."""
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
from .ops.string_ops import unicode_script, unicode_transcode
from .ops.ragged_string_ops import string_bytes_split as bytes_split
from .ops.ragged_string_ops import (unicode_decode, unicode_decode_with_offsets, unicode_encode,
                                    unicode_split, unicode_split_with_offsets)
from .ops.string_ops import string_to_hash_bucket as to_hash_bucket
from .ops.string_ops import string_to_hash_bucket_fast as to_hash_bucket_fast
from .ops.string_ops import string_to_hash_bucket_strong as to_hash_bucket_strong

__all__ = ["as_string", "bytes_split", "format", "join", "length", "lower", "reduce_join",
           "regex_full_match", "regex_replace", "split", "strip", "substr", "to_hash_bucket",
           "to_hash_bucket_fast", "to_hash_bucket_strong", "to_number", "unicode_decode",
           "unicode_decode_with_offsets", "unicode_encode", "unicode_split",
           "unicode_script", "unicode_split_with_offsets", "unicode_transcode", "upper"]
