"""String ops of TF 1.14 (core/kernels/*string*, as_string_op.cc, base64_ops.cc,
fingerprint_op.cc): AsString, StringSplit, StringSplitV2, StringStrip, StringToNumber,
Substr, ReduceJoin, StringLength, StringLower, StringUpper, EncodeBase64, DecodeBase64,
Fingerprint and Timestamp, with TF's generated wrappers (inputs converted inside the op's
name scope, named as TF's op arguments). Strings are NumPy object arrays of bytes. None is
differentiable (TF registers no gradient for them). The regex ops are in regex.py.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import re
import time

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.errors import c_escape as _cescape
from ..framework.constant_op import const_value
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import refined_ints, whole_value
from ._base import apply, broadcast_dims, check_choice, to_tensor
from ._hashing import fingerprint64

__all__ = ["string_input", "as_string", "string_split", "string_split_v2", "string_strip",
           "string_to_number", "substr", "reduce_join", "string_length", "string_lower",
           "string_upper", "encode_base64", "decode_base64", "fingerprint", "timestamp",
           "unicode_transcode"]


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _b(x):
    return x.encode() if isinstance(x, str) else bytes(x)


def _map(fn, arr, dtype=object):
    """fn over every element of a string array (bytes in, `dtype` out), shape kept."""
    a = np.asarray(arr, dtype=object)
    out = np.empty(a.shape, dtype=dtype)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1).tolist()):
        flat[i] = fn(_b(v))
    return out


def string_input(value, op_type, arg):
    """A string input of `op_type` converted as TF's op_def_library converts it."""
    if isinstance(value, Tensor):
        if value.dtype.base_dtype is not _dt.string:
            raise TypeError(f"Input '{arg}' of '{op_type}' Op has type "
                            f"{value.dtype.base_dtype.name} that does not match expected type "
                            "of string.")
        return value
    try:
        return to_tensor(value, dtype=_dt.string, name=arg)
    except (TypeError, ValueError) as e:
        raise TypeError(f"Expected string passed to parameter '{arg}' of op '{op_type}', got "
                        f"{value!r} of type '{type(value).__name__}' instead. Error: {e}") \
            from None


def _unit_attr(op_type, unit, allowed=("BYTE", "UTF8_CHAR")):
    return check_choice(op_type, "unit", unit, allowed)


def _same(inputs, attrs):
    return [(_dt.string, inputs[0].shape)]


# -- AsString -------------------------------------------------------------------------------
_AS_STRING_TYPES = (_dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.complex64, _dt.complex128,
                    _dt.float32, _dt.float64, _dt.bool_)
_INT_TYPES = (_dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.bool_)
_FILL_FLAGS = " +-0#"


def _as_string_format(T, precision, scientific, shortest, width, fill):
    """The printf format TF's AsString kernel builds (errors as its constructor's)."""
    if len(fill) > 1:
        raise _invalid("Fill string must be one or fewer characters")
    if scientific and shortest:
        raise _invalid("Cannot select both scientific and shortest notation")
    if T in _INT_TYPES:
        if scientific or shortest:
            raise _invalid(f"scientific and shortest format not supported for datatype "
                           f"{T.name}")
        if precision > -1:
            raise _invalid(f"precision not supported for datatype {T.name}")
    fmt = "%"
    if width > -1:
        if fill and fill not in _FILL_FLAGS:
            raise _invalid(f'Fill argument not supported: "{fill}" (flowgrad formats with the '
                           f'printf flags {_FILL_FLAGS!r} only)')
        fmt += f"{fill}{width}"
    if precision > -1:
        fmt += f".{precision}"
    fmt += "d" if T in _INT_TYPES else "g" if shortest else "e" if scientific else "f"
    return fmt


def _as_string_kernel(x, T=None, precision=-1, scientific=False, shortest=False, width=-1,
                      fill=""):
    T = T or _dt.as_dtype(np.asarray(x).dtype)
    fmt = _as_string_format(T, precision, scientific, shortest, width, fill)
    x = np.asarray(x)
    out = np.empty(x.shape, dtype=object)
    flat = out.reshape(-1)
    vals = x.reshape(-1).tolist()
    if T is _dt.bool_:
        flat[:] = [b"true" if v else b"false" for v in vals]
    elif T.is_complex:
        flat[:] = [("(" + fmt % v.real + "," + fmt % v.imag + ")").encode() for v in vals]
    else:
        flat[:] = [(fmt % v).encode() for v in vals]
    return out


register_op("AsString", infer=_same, kernel=_as_string_kernel, grad=None)


def _gen_input(value, op_type, arg, allowed=None):
    """A non-string op input converted as TF's generated wrapper converts it."""
    t = to_tensor(value, name=arg)
    if allowed is not None and t.dtype.base_dtype not in allowed:
        raise TypeError(f"Value passed to parameter '{arg}' has DataType "
                        f"{t.dtype.base_dtype.name} not in list of allowed values: "
                        + ", ".join(d.name for d in allowed))
    return t


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",
              name=None):
    """Each element formatted as a string (op `AsString`), as C's printf would."""
    with name_scope(name, "AsString", [input]) as scope:
        x = _gen_input(input, "AsString", "input", _AS_STRING_TYPES)
        return apply("AsString", [x], {"T": x.dtype.base_dtype, "precision": int(precision),
                                       "scientific": bool(scientific),
                                       "shortest": bool(shortest), "width": int(width),
                                       "fill": fill}, scope)


# -- StringSplit / StringSplitV2 -------------------------------------------------------------
def _split_infer(inputs, attrs):
    x, sep = inputs
    if x.shape.ndims is not None and x.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {x.shape.ndims}")
    if sep.shape.ndims is not None and sep.shape.ndims != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {sep.shape.ndims}")
    return [(_dt.int64, TensorShape([None, 2])), (_dt.string, TensorShape([None])),
            (_dt.int64, TensorShape([2]))]


def _sparse_rows(rows):
    idx = [(i, j) for i, r in enumerate(rows) for j in range(len(r))]
    values = np.empty(len(idx), dtype=object)
    values[:] = [t for r in rows for t in r]
    width = max((len(r) for r in rows), default=0)
    return (np.array(idx, dtype=np.int64).reshape(-1, 2), values,
            np.array([len(rows), width], dtype=np.int64))


def _string_split_kernel(x, delimiter, skip_empty=True):
    d = _b(np.asarray(delimiter, dtype=object).item())
    rows = []
    for s in np.asarray(x, dtype=object).reshape(-1).tolist():
        s = _b(s)
        if not d:
            toks = [s[i:i + 1] for i in range(len(s))]
        elif not s:   # TF's str_util::Split: an empty string has no tokens, skip_empty or not
            toks = []
        else:
            toks = re.split(b"[" + re.escape(d) + b"]", s)
            if skip_empty:
                toks = [t for t in toks if t]
        rows.append(toks)
    return _sparse_rows(rows)


def _split_whitespace(s, maxsplit):
    # TF's SplitV2 with an empty sep: maxsplit 0 keeps the string as it is; after the
    # maxsplit-th token the rest (leading whitespace removed) follows even when empty
    if maxsplit == 0:
        return [s]
    toks = s.split(None, maxsplit)
    return toks + [b""] if len(toks) == maxsplit else toks


def _string_split_v2_kernel(x, sep, maxsplit=-1):
    d = _b(np.asarray(sep, dtype=object).item())
    rows = [_b(s).split(d, maxsplit) if d else _split_whitespace(_b(s), maxsplit)
            for s in np.asarray(x, dtype=object).reshape(-1).tolist()]
    return _sparse_rows(rows)


register_op("StringSplit", infer=_split_infer, kernel=_string_split_kernel, grad=None)
register_op("StringSplitV2", infer=_split_infer, kernel=_string_split_v2_kernel, grad=None)


def string_split(source, delimiter, skip_empty=True, name=None):
    """(indices, values, dense_shape) of TF's StringSplit (gen_string_ops.string_split)."""
    with name_scope(name, "StringSplit", [source, delimiter]) as scope:
        x = string_input(source, "StringSplit", "input")
        d = string_input(delimiter, "StringSplit", "delimiter")
        return apply("StringSplit", [x, d], {"skip_empty": bool(skip_empty)}, scope)


def string_split_v2(source, sep, maxsplit=-1, name=None):
    """(indices, values, dense_shape) of TF's StringSplitV2 (Python's bytes.split)."""
    with name_scope(name, "StringSplitV2", [source, sep]) as scope:
        x = string_input(source, "StringSplitV2", "input")
        d = string_input(sep, "StringSplitV2", "sep")
        return apply("StringSplitV2", [x, d], {"maxsplit": int(maxsplit)}, scope)


# -- StringStrip, StringLength, StringLower, StringUpper ----------------------------------------
def _utf8_starts(s):
    """Byte offsets of the characters of s: bytes that are not UTF-8 continuation bytes."""
    return [i for i, c in enumerate(s) if c & 0xC0 != 0x80]


def _length_kernel(x, unit="BYTE"):
    if unit == "BYTE":
        return _map(len, x, np.int32)
    return _map(lambda s: len(_utf8_starts(s)), x, np.int32)


def _case_kernel(method):
    def kernel(x, encoding=""):
        if encoding not in ("", "utf-8"):
            raise _invalid(f"only utf-8 or '' (no encoding) is supported, received {encoding}")
        if encoding == "":   # bytes: ASCII letters only, as C's tolower/toupper
            return _map(getattr(bytes, method), x)
        return _map(lambda s: getattr(s.decode("utf-8", "replace"), method)().encode(), x)
    return kernel


register_op("StringStrip", infer=_same, kernel=lambda x: _map(bytes.strip, x), grad=None)
register_op("StringLength", infer=lambda i, a: [(_dt.int32, i[0].shape)], kernel=_length_kernel,
            grad=None)
register_op("StringLower", infer=_same, kernel=_case_kernel("lower"), grad=None)
register_op("StringUpper", infer=_same, kernel=_case_kernel("upper"), grad=None)


def _unary_string(op_type, input, name, attrs=None):
    with name_scope(name, op_type, [input]) as scope:
        x = string_input(input, op_type, "input")
        return apply(op_type, [x], attrs or {}, scope)


def string_strip(input, name=None):
    """Leading and trailing whitespace removed (op `StringStrip`)."""
    return _unary_string("StringStrip", input, name)


def string_length(input, name=None, unit="BYTE"):
    """The length of each string in bytes or UTF-8 characters (op `StringLength`)."""
    return _unary_string("StringLength", input, name,
                         {"unit": _unit_attr("StringLength", unit)})


def string_lower(input, encoding="", name=None):
    """Lower case (op `StringLower`): ASCII letters, or all of Unicode with 'utf-8'."""
    return _unary_string("StringLower", input, name, {"encoding": encoding})


def string_upper(input, encoding="", name=None):
    """Upper case (op `StringUpper`): ASCII letters, or all of Unicode with 'utf-8'."""
    return _unary_string("StringUpper", input, name, {"encoding": encoding})


# -- StringToNumber ---------------------------------------------------------------------------
_INT_TEXT = re.compile(rb"\s*-?[0-9]+\s*")
_FLOAT_TEXT = re.compile(rb"\s*[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
                         rb"|0[xX][0-9a-fA-F]+|inf|nan)\s*", re.IGNORECASE)
_TO_NUMBER_TYPES = (_dt.float32, _dt.float64, _dt.int32, _dt.int64)


def _parse_number(s, T):
    """TF's safe_strto32/64 (decimal, optional '-', spaces around) and safe_strtof/d
    (double-conversion: decimal, hex, inf, nan, any case, spaces around)."""
    if T.is_integer:
        if _INT_TEXT.fullmatch(s):
            v = int(s)
            info = np.iinfo(T.as_numpy_dtype)
            if info.min <= v <= info.max:
                return v
        return None
    if len(s) >= 32 or not _FLOAT_TEXT.fullmatch(s):   # kFastToBufferSize: 32 at most
        return None
    t = s.strip().lower()
    body = t.lstrip(b"+-")
    if not body.startswith(b"0x"):
        return float(t)
    v = float(int(body, 16))
    return -v if t.startswith(b"-") else v


def _to_number_kernel(x, out_type=_dt.float32):
    a = np.asarray(x, dtype=object)
    out = np.empty(a.shape, dtype=out_type.as_numpy_dtype)
    flat = out.reshape(-1)
    for i, s in enumerate(a.reshape(-1).tolist()):
        v = _parse_number(_b(s), out_type)
        if v is None:
            raise _invalid(f"StringToNumberOp could not correctly convert string: "
                           f"{_b(s).decode('utf-8', 'replace')}")
        flat[i] = v
    return out


register_op("StringToNumber", infer=lambda i, a: [(a["out_type"], i[0].shape)],
            kernel=_to_number_kernel, grad=None)


def string_to_number(string_tensor, out_type=_dt.float32, name=None):
    """Each string parsed as a number of `out_type` (op `StringToNumber`)."""
    out_type = _dt.as_dtype(out_type).base_dtype
    if out_type not in _TO_NUMBER_TYPES:
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} not "
                        "in list of allowed values: float32, float64, int32, int64")
    with name_scope(name, "StringToNumber", [string_tensor]) as scope:
        x = string_input(string_tensor, "StringToNumber", "string_tensor")
        return apply("StringToNumber", [x], {"out_type": out_type}, scope)


# -- Substr ----------------------------------------------------------------------------------
_POS_TYPES = (_dt.int32, _dt.int64)


def _substr_infer(inputs, attrs):
    s, pos, ln = inputs
    if s.dtype.base_dtype is not _dt.string:
        raise TypeError(f"Input 'input' of 'Substr' Op has type {s.dtype.name} that does not "
                        "match expected type of string.")
    _unit_attr("Substr", attrs.get("unit", "BYTE"))
    pd, ld = pos.shape.as_tuple(), ln.shape.as_tuple()
    if pd is not None and ld is not None and TensorShape(pd).is_fully_defined() and \
            TensorShape(ld).is_fully_defined() and pd != ld:
        raise ValueError(f"pos and len shapes must match: {_dims(pd)} vs. {_dims(ld)}")
    out = broadcast_dims(s.shape.as_tuple(), pd)
    return [(_dt.string, TensorShape(out))]


def _dims(d):
    return "[" + ",".join("?" if v is None else str(v) for v in d) + "]"


def _substr_kernel(input, pos, len, unit="BYTE", **_):  # noqa: A002 - TF's argument names
    s, p, n = np.broadcast_arrays(np.asarray(input, dtype=object), np.asarray(pos),
                                  np.asarray(len))
    out = np.empty(s.shape, dtype=object)
    res = out.reshape(-1)
    for i, (v, a, b) in enumerate(zip(s.reshape(-1).tolist(), p.reshape(-1).tolist(),
                                      n.reshape(-1).tolist())):
        v = _b(v)
        if unit == "BYTE":
            size = builtins_len(v)
            if not -size <= a <= size:
                raise _invalid(f"pos {a} out of range for string b'{_cescape(v)}' at index {i}")
            a = a + size if a < 0 else a
            res[i] = v[a:] if b < 0 else v[a:a + b]
        else:
            starts = _utf8_starts(v) + [builtins_len(v)]
            size = builtins_len(starts) - 1
            if not -size <= a <= size:
                raise _invalid(f"pos {a} out of range for string at index {i}")
            a = a + size if a < 0 else a
            end = a if b < 0 else min(a + b, size)
            res[i] = v[starts[a]:starts[end]]
    return out


builtins_len = len


register_op("Substr", infer=_substr_infer, kernel=_substr_kernel, grad=None)


def substr(input, pos, len, name=None, unit="BYTE"):  # noqa: A002 - TF's argument names
    """Substrings from `pos` of length `len` in bytes or UTF-8 characters (op `Substr`);
    pos and len broadcast against input."""
    _unit_attr("Substr", unit)
    with name_scope(name, "Substr", [input, pos, len]) as scope:
        x = string_input(input, "Substr", "input")
        p = pos if isinstance(pos, Tensor) else None
        n = len if isinstance(len, Tensor) else None
        if p is None:
            p = to_tensor(pos, dtype=n.dtype.base_dtype if n is not None else None, name="pos")
        if n is None:
            n = to_tensor(len, dtype=p.dtype.base_dtype, name="len")
        for t, arg in ((p, "pos"), (n, "len")):
            if t.dtype.base_dtype not in _POS_TYPES:
                raise TypeError(f"Value passed to parameter '{arg}' has DataType "
                                f"{t.dtype.base_dtype.name} not in list of allowed values: "
                                "int32, int64")
        if p.dtype.base_dtype is not n.dtype.base_dtype:
            raise TypeError(f"Input 'len' of 'Substr' Op has type {n.dtype.base_dtype.name} "
                            f"that does not match type {p.dtype.base_dtype.name} of argument "
                            "'pos'.")
        return apply("Substr", [x, p, n], {"T": p.dtype.base_dtype, "unit": unit}, scope)


# -- ReduceJoin ---------------------------------------------------------------------------------
def _reduce_join_axes(rank, axes):
    out = []
    for a in np.asarray(axes).reshape(-1).tolist():
        if not -rank <= a < rank:
            raise ValueError(f"Invalid reduction dimension {a} for input with {rank} "
                             "dimensions.")
        a = a + rank if a < 0 else a
        if a in out:
            raise _invalid(f"Duplicate reduction dimension {a}")
        out.append(a)
    return out


def _reduce_join_infer(inputs, attrs):
    x, axes = inputs
    v = const_value(axes)
    if v is None:   # TF's input_tensor: evaluated whole
        v = refined_ints(axes, partial=False)
    rank = x.shape.ndims
    if v is None or rank is None:
        return [(_dt.string, TensorShape(None))]
    try:
        red = _reduce_join_axes(rank, v)
    except ValueError as e:
        e.computed_tensors = {1: "<" + " ".join(str(a) for a in np.asarray(v).reshape(-1))
                                 + ">"}
        raise
    except errors.InvalidArgumentError:
        return [(_dt.string, TensorShape(None))]
    dims = x.shape.as_tuple()
    if attrs.get("keep_dims"):
        return [(_dt.string, TensorShape([1 if i in red else d for i, d in enumerate(dims)]))]
    return [(_dt.string, TensorShape([d for i, d in enumerate(dims) if i not in red]))]


def _reduce_join_kernel(x, axes, keep_dims=False, separator=""):
    x = np.asarray(x, dtype=object)
    try:
        red = _reduce_join_axes(x.ndim, axes)
    except ValueError as e:
        raise _invalid(str(e)) from None
    kept = [i for i in range(x.ndim) if i not in red]
    # the first listed axis varies fastest in the joined order
    t = np.transpose(x, kept + red[::-1])
    size = int(np.prod([x.shape[i] for i in red], dtype=np.int64))
    rows = t.reshape([x.shape[i] for i in kept] + [size])
    sep = _b(separator)
    out = np.empty(rows.shape[:-1], dtype=object)
    flat = out.reshape(-1)
    for i, r in enumerate(rows.reshape(out.size, size).tolist()):
        flat[i] = sep.join(_b(v) for v in r)
    if keep_dims:
        out = out.reshape([1 if i in red else d for i, d in enumerate(x.shape)])
    return out


register_op("ReduceJoin", infer=_reduce_join_infer, kernel=_reduce_join_kernel, grad=None)


def reduce_join(inputs, reduction_indices, keep_dims=False, separator="", name=None):
    """Strings joined across the dimensions `reduction_indices` (op `ReduceJoin`)."""
    with name_scope(name, "ReduceJoin", [inputs, reduction_indices]) as scope:
        x = string_input(inputs, "ReduceJoin", "inputs")
        r = reduction_indices if isinstance(reduction_indices, Tensor) else \
            to_tensor(reduction_indices, dtype=_dt.int32, name="reduction_indices")
        return apply("ReduceJoin", [x, r], {"keep_dims": bool(keep_dims),
                                            "separator": separator}, scope)


# -- EncodeBase64 / DecodeBase64 (the web-safe alphabet: - and _) ---------------------------------
_B64 = re.compile(rb"[A-Za-z0-9_-]*")


def _encode_b64_kernel(x, pad=False):
    if pad:
        return _map(base64.urlsafe_b64encode, x)
    return _map(lambda s: base64.urlsafe_b64encode(s).rstrip(b"="), x)


def _decode_b64(s):
    if len(s) % 4 == 0:
        for _ in range(2):
            if s.endswith(b"="):
                s = s[:-1]
    full = len(s) - len(s) % 4
    if not _B64.fullmatch(s[:full]):
        raise _invalid("Invalid character found in base64.")
    if len(s) % 4 == 1:
        raise _invalid("Base64 string length cannot be 1 modulo 4.")
    if not _B64.fullmatch(s):
        raise _invalid("Invalid character found in base64.")
    try:
        return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))
    except binascii.Error:
        raise _invalid("Invalid character found in base64.") from None


register_op("EncodeBase64", infer=_same, kernel=_encode_b64_kernel, grad=None)
register_op("DecodeBase64", infer=_same, kernel=lambda x: _map(_decode_b64, x), grad=None)


def encode_base64(input, pad=False, name=None):
    """Web-safe base64 (- and _ for + and /), '=' padding only with `pad`."""
    return _unary_string("EncodeBase64", input, name, {"pad": bool(pad)})


def decode_base64(input, name=None):
    """Decodes web-safe base64 (padding optional)."""
    return _unary_string("DecodeBase64", input, name)


# -- Fingerprint ----------------------------------------------------------------------------------
def _fingerprint_infer(inputs, attrs):
    data, method = inputs
    if data.shape.ndims is not None and data.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {data.shape.ndims}")
    m = whole_value(method)   # TF's input_tensor: the method's subgraph, evaluated whole
    if m is not None and _b(np.asarray(m, dtype=object).item()) != b"farmhash64":
        e = ValueError(f"Unsupported method: {_b(np.asarray(m, dtype=object).item()).decode()}")
        e.computed_tensors = {1: "<" + _b(np.asarray(m, dtype=object).item()).decode() + ">"}
        raise e
    d0 = data.shape.as_tuple()[0] if data.shape.ndims is not None else None
    # (an unknown method: TF's fingerprint size is unknown too)
    return [(_dt.uint8, TensorShape([d0, None if m is None else 8]))]


def _fp_bytes(h):
    return np.frombuffer(int(h).to_bytes(8, "little"), dtype=np.uint8)


def _fingerprint_kernel(data, method, **_):
    m = _b(np.asarray(method, dtype=object).item())
    if m != b"farmhash64":
        raise _invalid(f"Unsupported method: {m.decode('utf-8', 'replace')}")
    a = np.asarray(data)
    n = a.shape[0]
    rows = a.reshape(n, -1)
    out = np.empty((n, 8), dtype=np.uint8)
    for i in range(n):
        if a.dtype == object:
            fps = [fingerprint64(_b(s)) for s in rows[i].tolist()]
            out[i] = _fp_bytes(fps[0]) if len(fps) == 1 else _fp_bytes(fingerprint64(
                b"".join(int(h).to_bytes(8, "little") for h in fps)))
        else:
            out[i] = _fp_bytes(fingerprint64(np.ascontiguousarray(rows[i]).tobytes()))
    return out


register_op("Fingerprint", infer=_fingerprint_infer, kernel=_fingerprint_kernel, grad=None)


def fingerprint(data, method="farmhash64", name=None):
    """An 8-byte fingerprint (uint8 [batch, 8]) of each row of `data` (op `Fingerprint`)."""
    with name_scope(name, "Fingerprint", [data, method]) as scope:
        d = data if isinstance(data, Tensor) else to_tensor(data, name="data")
        m = string_input(method, "Fingerprint", "method")
        return apply("Fingerprint", [d, m], {"T": d.dtype.base_dtype}, scope)


# -- Timestamp ------------------------------------------------------------------------------------
register_op("Timestamp", infer=lambda i, a: [(_dt.float64, TensorShape([]))],
            kernel=lambda: np.float64(time.time()), grad=None, stateful=True)


def timestamp(name=None):
    """Seconds since the Unix epoch when the op runs (float64, op `Timestamp`)."""
    return apply("Timestamp", [], {}, name)


# -- UnicodeTranscode ---------------------------------------------------------------------------
_OUT_ENCODINGS = ("UTF-8", "UTF-16-BE", "UTF-32-BE")
_ERRORS = ("strict", "replace", "ignore")


def _replacer(char):
    """A codecs error handler putting `char` for each undecodable sequence."""
    name = f"flowgrad-replace-{char}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, lambda e: (chr(char), e.end))
    return name


def _transcode_kernel(x, input_encoding="", output_encoding="", errors="replace",
                      replacement_char=0xFFFD, replace_control_characters=False):
    try:
        codecs.lookup(input_encoding)
    except LookupError:
        raise _invalid(f"Could not create converter for input encoding: "
                       f"{input_encoding}") from None
    mode = {"strict": "strict", "ignore": "ignore"}.get(errors) or _replacer(replacement_char)
    out_codec = output_encoding.lower()

    def one(s):
        try:
            text = s.decode(input_encoding, mode)
        except UnicodeDecodeError:
            raise _invalid("Invalid formatting on input string") from None
        if replace_control_characters:
            text = "".join(chr(replacement_char) if ord(c) < 0x20 else c for c in text)
        return text.encode(out_codec, "surrogatepass")
    return _map(one, x)


register_op("UnicodeTranscode", infer=_same, kernel=_transcode_kernel, grad=None)


def unicode_transcode(input, input_encoding, output_encoding, errors="replace",  # noqa: A002
                      replacement_char=65533, replace_control_characters=False, name=None):
    """Each string decoded from `input_encoding` and encoded in `output_encoding` (UTF-8,
    UTF-16-BE or UTF-32-BE); invalid input raises (errors='strict'), is dropped ('ignore')
    or becomes `replacement_char` ('replace'), op `UnicodeTranscode`."""
    check_choice("UnicodeTranscode", "output_encoding", output_encoding, _OUT_ENCODINGS)
    check_choice("UnicodeTranscode", "errors", errors, _ERRORS)
    return _unary_string("UnicodeTranscode", input, name, {
        "input_encoding": input_encoding, "output_encoding": output_encoding,
        "errors": errors, "replacement_char": int(replacement_char),
        "replace_control_characters": bool(replace_control_characters)})
