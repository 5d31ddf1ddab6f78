"""TF 1.14's Unicode code point ops: UnicodeDecode / UnicodeDecodeWithOffsets (strings to
code points, with each character's byte offset), UnicodeEncode (code points, split
into rows, to strings), for UTF-8, UTF-16-BE and UTF-32-BE, and UnicodeScript (each code
point's ICU script code, from the table in _unicode_scripts.py). An invalid input sequence is
TF's error (errors='strict'), dropped ('ignore') or one `replacement_char` per maximal
invalid subpart ('replace'); an invalid code point to encode is replaced whatever
`errors` says, as TF 1.14's kernel does."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.graph import get_default_graph
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, apply_op, attr_text, check_choice, typed_input
from ._unicode_scripts import SCRIPTS, STARTS

__all__ = ["unicode_decode", "unicode_encode", "unicode_script"]

ENCODINGS = ("UTF-8", "UTF-16-BE", "UTF-32-BE")
_ERRORS = ("strict", "replace", "ignore")


def _invalid(msg):
    return _errors.InvalidArgumentError(None, None, msg)


def check_attrs(op_type, attrs, key):
    """TF's attr checks: `errors` in its list (ValueError); an encoding flowgrad has not
    (NotImplementedError)."""
    check_choice(op_type, "errors", attrs.get("errors", "replace"), _ERRORS)
    enc = attr_text(attrs[key])
    if enc not in ENCODINGS:
        raise NotImplementedError(f"{op_type} with {key}={enc!r}: flowgrad decodes and "
                                  "encodes UTF-8, UTF-16-BE and UTF-32-BE only")


def _utf8_char(b, i):
    """(code point, length) of the UTF-8 character at b[i], or (None, length of the
    maximal invalid subpart)."""
    c = b[i]
    if c < 0x80:
        return c, 1
    if 0xC2 <= c <= 0xDF:
        n, cp, lo, hi = 2, c & 0x1F, 0x80, 0xBF
    elif 0xE0 <= c <= 0xEF:
        n, cp = 3, c & 0x0F
        lo, hi = (0xA0, 0xBF) if c == 0xE0 else (0x80, 0x9F) if c == 0xED else (0x80, 0xBF)
    elif 0xF0 <= c <= 0xF4:
        n, cp = 4, c & 0x07
        lo, hi = (0x90, 0xBF) if c == 0xF0 else (0x80, 0x8F) if c == 0xF4 else (0x80, 0xBF)
    else:
        return None, 1
    for k in range(1, n):
        if i + k >= len(b) or not lo <= b[i + k] <= hi:
            return None, k
        cp = (cp << 6) | (b[i + k] & 0x3F)
        lo, hi = 0x80, 0xBF
    return cp, n


def _wide_char(b, i, width):
    """(code point, length) of the UTF-16-BE / UTF-32-BE character at b[i]."""
    if i + width > len(b):
        return None, len(b) - i
    unit = int.from_bytes(b[i:i + width], "big")
    if width == 4:
        return (unit, 4) if unit <= 0x10FFFF and not 0xD800 <= unit <= 0xDFFF else (None, 4)
    if 0xD800 <= unit <= 0xDBFF:
        if i + 4 <= len(b):
            low = int.from_bytes(b[i + 2:i + 4], "big")
            if 0xDC00 <= low <= 0xDFFF:
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 4
        return None, 2
    if 0xDC00 <= unit <= 0xDFFF:
        return None, 2
    return unit, 2


def _decode_one(s, encoding, errors, replacement_char, replace_control):
    b = s if isinstance(s, bytes) else str(s).encode("utf-8")
    chars, starts, i = [], [], 0
    while i < len(b):
        if encoding == "UTF-8":
            cp, n = _utf8_char(b, i)
        else:
            cp, n = _wide_char(b, i, 2 if encoding == "UTF-16-BE" else 4)
        if cp is None:
            if errors == "strict":
                raise _invalid("Invalid formatting on input string")
            if errors == "replace":
                chars.append(replacement_char)
                starts.append(i)
        else:
            if replace_control and cp < 0x20:     # the C0 controls, as TF
                cp = replacement_char
            chars.append(cp)
            starts.append(i)
        i += n
    return chars, starts


def _decode_infer(with_offsets):
    def infer(inputs, attrs):
        op_type = "UnicodeDecodeWithOffsets" if with_offsets else "UnicodeDecode"
        if inputs[0].dtype.base_dtype is not _dt.string:
            raise TypeError(f"Input 'input' of '{op_type}' Op has type "
                            f"{inputs[0].dtype.base_dtype.name} that does not match expected "
                            "type of string.")
        check_attrs(op_type, attrs, "input_encoding")
        n = inputs[0].shape.num_elements() if inputs[0].shape.is_fully_defined() else None
        out = [(attrs["Tsplits"], TensorShape([None if n is None else n + 1])),
               (_dt.int32, TensorShape([None]))]
        return out + [(_dt.int64, TensorShape([None]))] if with_offsets else out
    return infer


def _decode_kernel(with_offsets):
    def kernel(x, input_encoding="UTF-8", errors="replace", replacement_char=65533,
               replace_control_characters=False, Tsplits=_dt.int64, **_):
        splits, chars, starts = [0], [], []
        for s in np.asarray(x, dtype=object).reshape(-1):
            c, o = _decode_one(s, input_encoding, errors, int(replacement_char),
                               replace_control_characters)
            chars += c
            starts += o
            splits.append(len(chars))
        out = (np.array(splits, Tsplits.as_numpy_dtype), np.array(chars, np.int32))
        return out + (np.array(starts, np.int64),) if with_offsets else out
    return kernel


for _type, _offsets in (("UnicodeDecode", False), ("UnicodeDecodeWithOffsets", True)):
    register_op(_type, infer=_decode_infer(_offsets), kernel=_decode_kernel(_offsets),
                grad=None)


def unicode_decode(input, input_encoding, errors="replace", replacement_char=65533,  # noqa: A002
                   replace_control_characters=False, Tsplits=_dt.int64, with_offsets=False,
                   name=None):
    """The UnicodeDecode(WithOffsets) op's outputs: (row_splits, char_values[, starts])."""
    op_type = "UnicodeDecodeWithOffsets" if with_offsets else "UnicodeDecode"
    check_attrs(op_type, {"errors": errors, "input_encoding": input_encoding},
                "input_encoding")
    return tuple(apply_op(op_type, [input], {
        "input_encoding": input_encoding, "errors": errors,
        "replacement_char": int(replacement_char),
        "replace_control_characters": bool(replace_control_characters),
        "Tsplits": _dt.as_dtype(Tsplits)}, name or op_type).outputs)


# -- UnicodeEncode ------------------------------------------------------------------------
def _encode_infer(inputs, attrs):
    values, splits = inputs
    if values.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'input_values' of 'UnicodeEncode' Op has type "
                        f"{values.dtype.base_dtype.name} that does not match expected type of "
                        "int32.")
    check_attrs("UnicodeEncode", attrs, "output_encoding")
    d = splits.shape.as_tuple()
    rows = None if not d or d[0] is None else d[0] - 1
    return [(_dt.string, TensorShape([rows]))]


def _encode_kernel(input_values, input_splits, output_encoding="UTF-8", errors="replace",
                   replacement_char=65533, **_):
    codec = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be"}
    values = np.asarray(input_values).reshape(-1)
    splits = np.asarray(input_splits).reshape(-1)
    if splits.size == 0 or splits[0] != 0 or np.any(np.diff(splits) < 0) or \
            splits[-1] != values.size:
        raise _invalid("Splits must be non-decreasing, start at 0 and end at the number of "
                       "input values")
    out = np.empty((max(splits.size - 1, 0),), dtype=object)
    for r in range(out.size):     # an invalid code point is always replaced, as TF 1.14
        text = [chr(cp) if 0 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF
                else chr(int(replacement_char))
                for cp in values[splits[r]:splits[r + 1]].tolist()]
        out[r] = "".join(text).encode(codec[output_encoding])
    return out


register_op("UnicodeEncode", infer=_encode_infer, kernel=_encode_kernel, grad=None)


def unicode_encode(input_values, input_splits, output_encoding, errors="replace",
                   replacement_char=65533, name=None):
    """The UnicodeEncode op: each row of code points as one string."""
    check_attrs("UnicodeEncode", {"errors": errors, "output_encoding": output_encoding},
                "output_encoding")
    return apply_op("UnicodeEncode", [input_values, input_splits], {
        "output_encoding": output_encoding, "errors": errors,
        "replacement_char": int(replacement_char),
        "Tsplits": input_splits.dtype.base_dtype}, name or "UnicodeEncode").outputs[0]


# -- UnicodeScript ------------------------------------------------------------------------
_STARTS = np.asarray(STARTS, np.int64)
_SCRIPTS = np.asarray(SCRIPTS, np.int32)
_INVALID_CODE = -1          # ICU's USCRIPT_INVALID_CODE, for a value that is no code point


def _script_infer(inputs, attrs):
    x = inputs[0]
    if x.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'input' of 'UnicodeScript' Op has type "
                        f"{x.dtype.base_dtype.name} that does not match expected type of int32.")
    return [(_dt.int32, x.shape)]


def _script_kernel(x, **_):
    """ICU's uscript_getScript of each code point (Unicode 11.0's Script property as ICU
    numbers it: 0 Common, 1 Inherited, 103 Unknown, ...), -1 outside 0..0x10FFFF."""
    x = np.asarray(x)
    codes = _SCRIPTS[np.searchsorted(_STARTS, x.astype(np.int64), side="right") - 1]
    return np.where((x < 0) | (x > 0x10FFFF), np.int32(_INVALID_CODE), codes)


register_op("UnicodeScript", infer=_script_infer, kernel=_script_kernel, grad=None)


def unicode_script(input, name=None):  # noqa: A002 - TF's name
    """The UnicodeScript op: the ICU script code (UScriptCode) of each int32 code point."""
    with get_default_graph().name_scope(name or "UnicodeScript") as scope:
        x = typed_input(input, _dt.int32, "UnicodeScript", "input")
        return apply("UnicodeScript", [x], {}, scope)
