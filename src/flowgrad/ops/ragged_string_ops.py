"""TF 1.14's ragged string functions (ragged_string_ops.py): tf.strings.bytes_split,
unicode_decode(_with_offsets), unicode_encode and unicode_split(_with_offsets), built as
TF builds them (StringSplit / UnicodeDecode / UnicodeEncode ops and RaggedTensor
factories)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import name_scope
from ..engine.ops import strings as _s
from ..engine.ops import unicode as _u
from . import array_ops
from .ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor, is_ragged
from .ragged_util import get_positive_axis

__all__ = ["string_bytes_split", "unicode_encode", "unicode_decode",
           "unicode_decode_with_offsets", "unicode_split", "unicode_split_with_offsets"]


def string_bytes_split(input, name=None):  # noqa: A002 - TF's name
    """Each string split into its bytes: a RaggedTensor one dimension deeper."""
    with name_scope(name, "StringsByteSplit", [input]):
        input = convert_to_tensor_or_ragged_tensor(input, name="input")
        if isinstance(input, RaggedTensor):
            return input.with_flat_values(string_bytes_split(input.flat_values))
        rank = input.shape.ndims
        if rank is None:
            raise ValueError("input must have a statically-known rank.")
        if rank == 0:
            return string_bytes_split(array_ops.stack([input]))[0]
        if rank == 1:
            indices, values, shape = _s.string_split(input, "", skip_empty=False)
            return RaggedTensor.from_value_rowids(values=values, value_rowids=indices[:, 0],
                                                  nrows=shape[0], validate=False)
        return string_bytes_split(RaggedTensor.from_tensor(input))


def unicode_encode(input, output_encoding, errors="replace",  # noqa: A002 - TF's name
                   replacement_char=65533, name=None):
    """Code points (the innermost dimension, ragged or not) encoded as strings."""
    with name_scope(name, "UnicodeEncode", [input]):
        x = convert_to_tensor_or_ragged_tensor(input)
        if x.shape.ndims is None:
            raise ValueError("Rank of input_tensor must be statically known.")
        if is_ragged(x):
            if x.flat_values.shape.ndims > 1:
                return x.with_flat_values(unicode_encode(x.flat_values, output_encoding,
                                                         errors, replacement_char))
            if x.ragged_rank > 1:
                return x.with_values(unicode_encode(x.values, output_encoding, errors,
                                                    replacement_char))
            return _u.unicode_encode(x.values, x.row_splits, output_encoding, errors,
                                     replacement_char)
        if x.shape.ndims == 2:
            return unicode_encode(RaggedTensor.from_tensor(x), output_encoding, errors,
                                  replacement_char)
        if x.shape.ndims > 2:
            flat = array_ops.reshape(x, array_ops.stack([-1, array_ops.shape(x)[-1]]))
            out = unicode_encode(flat, output_encoding, errors, replacement_char)
            return array_ops.reshape(out, x.shape[:-1].as_list())
        if x.shape.ndims == 0:
            raise ValueError("input_tensor's rank must be at least 1.")
        ragged = RaggedTensor.from_row_splits(
            x, array_ops.stack([0, array_ops.shape(x, out_type=_dt.int32)[0]]), validate=False)
        return array_ops.reshape(unicode_encode(ragged, output_encoding, errors,
                                                replacement_char), [])


def unicode_decode(input, input_encoding, errors="replace",  # noqa: A002 - TF's name
                   replacement_char=0xFFFD, replace_control_characters=False, name=None):
    """Each string's code points: a RaggedTensor one dimension deeper (int32)."""
    with name_scope(name, "UnicodeDecode", [input]):
        return _decode(input, input_encoding, errors, replacement_char,
                       replace_control_characters, with_offsets=False)


def unicode_decode_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                                replacement_char=0xFFFD, replace_control_characters=False,
                                name=None):
    """unicode_decode, and each character's starting byte offset."""
    with name_scope(name, "UnicodeDecodeWithOffsets", [input]):
        return _decode(input, input_encoding, errors, replacement_char,
                       replace_control_characters, with_offsets=True)


def unicode_split(input, input_encoding, errors="replace",  # noqa: A002 - TF's name
                  replacement_char=0xFFFD, name=None):
    """Each string split into its characters (each one re-encoded)."""
    with name_scope(name, "UnicodeSplit", [input]):
        codepoints = _decode(input, input_encoding, errors, replacement_char, False,
                             with_offsets=False)
        return unicode_encode(_expand_dims(codepoints, -1), output_encoding=input_encoding,
                              errors=errors, replacement_char=replacement_char)


def unicode_split_with_offsets(input, input_encoding, errors="replace",  # noqa: A002
                               replacement_char=0xFFFD, name=None):
    """unicode_split, and each character's starting byte offset."""
    with name_scope(name, "UnicodeSplitWithOffsets", [input]):
        codepoints, offsets = _decode(input, input_encoding, errors, replacement_char, False,
                                      with_offsets=True)
        chars = unicode_encode(_expand_dims(codepoints, -1), output_encoding=input_encoding,
                               errors=errors, replacement_char=replacement_char)
        return chars, offsets


def _decode(input, input_encoding, errors, replacement_char,  # noqa: A002
            replace_control_characters, with_offsets):
    input = convert_to_tensor_or_ragged_tensor(input, name="input")
    ndims = input.shape.ndims
    if ndims is None:
        raise ValueError("Rank of `input` must be statically known.")
    if ndims > 1:
        if not is_ragged(input):
            input = RaggedTensor.from_tensor(input, ragged_rank=ndims - 1)
        elif input.ragged_rank < ndims - 1:
            input = input.with_flat_values(RaggedTensor.from_tensor(
                input.flat_values, ragged_rank=ndims - input.ragged_rank + 1))
    flat = array_ops.reshape(input.flat_values if is_ragged(input) else input, [-1])
    result = _u.unicode_decode(flat, input_encoding, errors, replacement_char,
                               replace_control_characters, with_offsets=with_offsets)
    splits, chars = result[0], result[1]
    if ndims == 0:
        codepoints = chars
        offsets = result[2] if with_offsets else None
    else:
        codepoints = RaggedTensor.from_row_splits(chars, splits, validate=False)
        if ndims > 1:
            codepoints = input.with_flat_values(codepoints)
        if with_offsets:
            offsets = RaggedTensor.from_row_splits(result[2], splits, validate=False)
            if ndims > 1:
                offsets = input.with_flat_values(offsets)
    return (codepoints, offsets) if with_offsets else codepoints


def _expand_dims(input, axis, name=None):  # noqa: A002 - TF's ragged_array_ops.expand_dims
    with name_scope(name, "RaggedExpandDims", [input]):
        input = convert_to_tensor_or_ragged_tensor(input, name="input")
        if not is_ragged(input):
            return array_ops.expand_dims(input, axis)
        ndims = None if input.shape.ndims is None else input.shape.ndims + 1
        axis = get_positive_axis(axis, ndims)
        if axis == 0:
            values, splits = input, array_ops.stack([0, input.nrows()])
        elif axis == 1:
            values, splits = input, array_ops.range(input.nrows() + 1)
        else:
            values, splits = _expand_dims(input.values, axis - 1), input.row_splits
        return RaggedTensor.from_row_splits(values, splits, validate=False)
