"""TF 1.14's string functions (tensorflow/python/ops/string_ops.py): the string hashes
(StringToHashBucketFast = Fingerprint64, StringToHashBucketStrong = keyed SipHash, the
legacy StringToHashBucket; bit-exact, engine/ops/hashing.py), formatting, joining,
splitting, stripping, parsing, substrings, regexes (RE2 patterns on Python's re), case,
base64 and fingerprints (engine/ops/strings.py, regex.py)."""
from __future__ import annotations

import numpy as np

from ..engine.ops import hashing as _hashing
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor as _convert
from ..engine.framework.constant_op import is_tensor as _is_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops import regex as _regex
from ..engine.ops import strings as _s
from ..engine.ops import unicode as _unicode
from ..engine.ops._base import apply as _apply
from ..engine.ops._base import to_tensor as _to_tensor
from ..engine.ops._base import type_list_input as _type_list_input
from ..engine.ops.construction import range as _range
from ..engine.ops.shape import rank as _rank
from . import array_ops
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor
from .sparse_tensor import SparseTensor

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


# -- TF 1.14's string functions (engine/ops/strings.py, regex.py) ------------------------------
__all__ += ["as_string", "string_join", "string_split", "strings_split_v1", "string_strip",
            "string_to_number", "substr", "reduce_join", "regex_replace", "regex_full_match",
            "string_length", "string_lower", "string_upper", "encode_base64", "decode_base64",
            "fingerprint", "timestamp", "string_format", "unicode_script", "unicode_transcode"]


def _lookup(new_name, new_value, old_name, old_value):
    """TF's deprecation.deprecated_argument_lookup."""
    if old_value is not None:
        if new_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'")
        return old_value
    return new_value


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",  # noqa: A002
              name=None):
    """Each element printed as a string, as C's printf with the given width, fill
    (a printf flag), precision and notation would (op `AsString`).

    >>> tf.Session().run(tf.as_string([1.5, 2.0], precision=2))
    array([b'1.50', b'2.00'], dtype=object)
    """
    return _s.as_string(input, precision, scientific, shortest, width, fill, name)


def string_join(inputs, separator="", name=None):
    """Elementwise concatenation of string tensors (scalars broadcast), op `StringJoin`.

    As TF's op_def_library: the inputs convert to string in order (Const `inputs_<i>`);
    when one does not, each converts to its own type (Consts left behind) for the
    TypeError naming what they are."""
    with name_scope(name, "StringJoin", inputs) as scope:
        try:
            ts = [_convert(x, dtype=_dt.string, name=f"inputs_{i}")
                  for i, x in enumerate(inputs)]
        except (TypeError, ValueError):
            seen = []
            for x in inputs:
                try:
                    seen.append(_convert(x).dtype.base_dtype.name)
                except (TypeError, ValueError):
                    seen.append("<NOT CONVERTIBLE TO TENSOR>")
            raise TypeError("Tensors in list passed to 'inputs' of 'StringJoin' Op have types "
                            f"[{', '.join(seen)}] that do not match expected type "
                            "string.") from None
        return _apply("StringJoin", ts, {"N": len(ts), "separator": separator}, scope)


def _sparse(parts):
    indices, values, shape = parts
    return SparseTensor(indices, values, shape)


def _ragged_rows(sparse):
    """A 2-D SparseTensor's rows as a RaggedTensor (TF's from_value_rowids of its indices)."""
    return RaggedTensor.from_value_rowids(values=sparse.values,
                                          value_rowids=sparse.indices[:, 0],
                                          nrows=sparse.dense_shape[0], validate=False)


def string_split(source, sep=None, skip_empty=True, delimiter=None,
                 result_type="SparseTensor", name=None):
    """Splits each string of a 1-D `source` at any byte of `delimiter` (default " ";
    an empty delimiter splits into bytes): a SparseTensor of the tokens, or a RaggedTensor
    with result_type='RaggedTensor' (op `StringSplit`).

    >>> sp = tf.Session().run(tf.string_split(["a b", "c"]))
    >>> sp.values, sp.dense_shape
    (array([b'a', b'b', b'c'], dtype=object), array([2, 2]))
    """
    with name_scope(name, "StringSplit", [source]):
        delimiter = _lookup("sep", sep, "delimiter", delimiter)
        if delimiter is None:
            delimiter = " "
        d = _to_tensor(delimiter, dtype=_dt.string)
        x = _to_tensor(source, dtype=_dt.string)
        result = _sparse(_s.string_split(x, d, skip_empty))
        if result_type == "SparseTensor":
            return result
        if result_type == "RaggedTensor":
            return _ragged_rows(result)
        raise ValueError("result_type must be 'RaggedTensor' or 'SparseTensor'.")


def _split_v2_sparse(source, sep, maxsplit):
    """TF's string_ops.string_split_v2: sep, then source, converted; op StringSplitV2."""
    d = _to_tensor("" if sep is None else sep, dtype=_dt.string)
    x = _s.string_input(source, "StringSplitV2", "input")
    return _sparse(_s.string_split_v2(x, d, maxsplit))


def _split_v2_ragged(input, sep, maxsplit):  # noqa: A002 - TF's name
    """TF 2's tf.strings.split (ragged_string_ops.string_split_v2): a RaggedTensor with
    one more ragged dimension than `input` holding its tokens."""
    with name_scope(None, "StringSplit", [input]):
        input = convert_to_tensor_or_ragged_tensor(input, dtype=_dt.string, name="input")
        if isinstance(input, RaggedTensor):
            return input.with_flat_values(_split_v2_ragged(input.flat_values, sep, maxsplit))
        rank = input.shape.ndims
        if rank == 0:
            return _split_v2_ragged(array_ops.stack([input]), sep, maxsplit)[0]
        if rank == 1 or rank is None:
            return _ragged_rows(_split_v2_sparse(input, sep, maxsplit))
        return _split_v2_ragged(RaggedTensor.from_tensor(input), sep, maxsplit)


def strings_split_v1(input=None, sep=None, maxsplit=-1, result_type="SparseTensor",  # noqa: A002
                     source=None, name=None):
    """tf.strings.split in TF 1.14: Python's bytes.split(sep, maxsplit) of each string
    (sep None or '': runs of whitespace): a SparseTensor for a 1-D input, else (or with
    result_type='RaggedTensor') through a RaggedTensor (op `StringSplitV2`)."""
    source = _lookup("input", input, "source", source)
    with name_scope(name, "StringSplit", [source]):
        x = convert_to_tensor_or_ragged_tensor(source, dtype=_dt.string, name="input")
        if result_type == "SparseTensor" and x.shape.ndims == 1:
            return _split_v2_sparse(x, sep, maxsplit)
        ragged = _split_v2_ragged(x, sep, maxsplit)
        if result_type == "SparseTensor":
            return ragged.to_sparse()
        if result_type == "RaggedTensor":
            return ragged
        raise ValueError("result_type must be 'RaggedTensor' or 'SparseTensor'.")


def string_strip(input, name=None):  # noqa: A002
    """Strips leading and trailing whitespace (op `StringStrip`)."""
    return _s.string_strip(input, name)


def string_to_number(string_tensor=None, out_type=_dt.float32, name=None, input=None):  # noqa: A002
    """Parses each string as a number of `out_type` (float32, float64, int32, int64), as
    TF's StringToNumber: InvalidArgumentError for text that is not one."""
    string_tensor = _lookup("input", input, "string_tensor", string_tensor)
    return _s.string_to_number(string_tensor, out_type, name)


def substr(input, pos, len, name=None, unit="BYTE"):  # noqa: A002 - TF's names
    """Substrings of `input` from `pos` of length `len` (bytes, or UTF-8 characters with
    unit='UTF8_CHAR'); a negative pos counts from the end (op `Substr`)."""
    return _s.substr(input, pos, len, name, unit)


def reduce_join(inputs, axis=None, keep_dims=False, separator="", name=None,
                reduction_indices=None, keepdims=None):
    """Joins the strings along `axis` (all axes when None; the first listed axis varies
    fastest), op `ReduceJoin`. As TF 1.14, passing keepdims also counts keep_dims=False as
    given and raises ValueError."""
    keepdims = _lookup("keepdims", keepdims, "keep_dims", keep_dims)
    if keepdims is None:
        keepdims = False
    axis = _lookup("axis", axis, "reduction_indices", reduction_indices)
    x = _to_tensor(inputs)
    if axis is None:
        if x.shape.ndims is not None:
            axis = _to_tensor(np.arange(x.shape.ndims - 1, -1, -1), dtype=_dt.int32)
        else:
            axis = _range(_rank(x) - 1, -1, -1)
    return _s.reduce_join(x, axis, keepdims, separator, name)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """Replaces matches of the RE2 `pattern` with `rewrite` (\\1 ... \\9 its groups):
    op `StaticRegexReplace` when pattern and rewrite are Python strings, else
    `RegexReplace`."""
    if isinstance(pattern, (str, bytes)) and isinstance(rewrite, (str, bytes)):
        return _regex.static_regex_replace(input, pattern, rewrite, replace_global, name)
    return _regex.regex_replace(input, pattern, rewrite, replace_global, name)


def regex_full_match(input, pattern, name=None):  # noqa: A002
    """Whether each string matches the RE2 `pattern` entirely (bool): op
    `StaticRegexFullMatch` for a Python string pattern, else `RegexFullMatch`."""
    if isinstance(pattern, (str, bytes)):
        return _regex.static_regex_full_match(input, pattern, name)
    return _regex.regex_full_match(input, pattern, name)


def string_length(input, name=None, unit="BYTE"):  # noqa: A002
    """The length of each string in bytes or UTF-8 characters (op `StringLength`)."""
    return _s.string_length(input, name, unit)


def string_lower(input, encoding="", name=None):  # noqa: A002
    """Lower case: ASCII letters, or all of Unicode with encoding='utf-8'."""
    return _s.string_lower(input, encoding, name)


def string_upper(input, encoding="", name=None):  # noqa: A002
    """Upper case: ASCII letters, or all of Unicode with encoding='utf-8'."""
    return _s.string_upper(input, encoding, name)


def encode_base64(input, pad=False, name=None):  # noqa: A002
    """Web-safe base64 of each string (- and _ for + and /), '=' padding with `pad`."""
    return _s.encode_base64(input, pad, name)


def decode_base64(input, name=None):  # noqa: A002
    """Decodes web-safe base64 (padding optional)."""
    return _s.decode_base64(input, name)


def fingerprint(data, method="farmhash64", name=None):
    """Fingerprint64 of each row of `data` as 8 little-endian bytes (uint8 [batch, 8])."""
    return _s.fingerprint(data, method, name)


def timestamp(name=None):
    """The time the op runs, in seconds since the epoch (float64; op `Timestamp`)."""
    return _s.timestamp(name)


# -- StringFormat (tf.strings.format): tf.print's summaries in a template ------------------
# (the op and its kernel: logging_ops, beside the summaries tf.print prints)
def string_format(template, inputs, placeholder="{}", summarize=3, name=None):
    """`template` with each `placeholder` replaced by a summary of the matching tensor,
    as tf.print prints it (`summarize` elements at each end of each dimension; -1: all).

    >>> tf.Session().run(tf.strings.format("x={}", tf.constant([1, 2])))
    b'x=[1 2]'
    """
    if isinstance(inputs, SparseTensor) or (   # TF's is_tensor: also a Variable, no ragged
            _is_tensor(inputs) and not isinstance(inputs, RaggedTensor)):
        inputs = [inputs]
    if template.count(placeholder) != len(inputs):
        raise ValueError(f"{template.count(placeholder)} placeholder(s) in template does not "
                         f"match {len(inputs)} tensor(s) provided as input")
    with name_scope(name, "StringFormat", inputs) as scope:
        ts = _type_list_input("StringFormat", "inputs", inputs)
        return _apply("StringFormat", ts, {"T": [t.dtype.base_dtype for t in ts],
                                           "template": template, "placeholder": placeholder,
                                           "summarize": int(summarize)}, scope)


def unicode_script(input, name=None):  # noqa: A002 - TF's name
    """The ICU script code (UScriptCode: 0 Common, 1 Inherited, 3 Armenian, 25 Latin, 103
    Unknown, ...) of each int32 code point, -1 for a value outside 0..0x10FFFF, as op
    `UnicodeScript` (Unicode 11.0's Script property, TF 1.14's ICU data). A RaggedTensor
    maps its flat values, as TF's ragged dispatch does.

    >>> tf.Session().run(tf.strings.unicode_script([72, 0x416, 0x3042, -1]))
    array([25,  8, 20, -1], dtype=int32)
    """
    if isinstance(input, RaggedTensor):
        with name_scope(name, "UnicodeScript"):   # TF's ordinary call fails in this scope
            pass
        return input.with_flat_values(_unicode.unicode_script(input.flat_values, name))
    return _unicode.unicode_script(input, name)


def unicode_transcode(input, input_encoding, output_encoding, errors="replace",  # noqa: A002
                      replacement_char=65533, replace_control_characters=False, name=None):
    """Transcodes each string from `input_encoding` to `output_encoding` (UTF-8,
    UTF-16-BE, UTF-32-BE), as op `UnicodeTranscode`."""
    return _s.unicode_transcode(input, input_encoding, output_encoding, errors,
                                replacement_char, replace_control_characters, name)
