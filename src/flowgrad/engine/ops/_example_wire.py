"""The wire format of tf.train.Example, read without protobuf: Example{1: Features{1:
map<string, Feature>}}, Feature{1: BytesList, 2: FloatList, 3: Int64List}, each list a
repeated field 1 (floats and int64s packed or not). Packed floats become arrays with one
`np.frombuffer`.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt

__all__ = ["parse_example_proto", "example_spans"]

_KIND_NAMES = {0: "bytes", 1: "float", 2: "int64"}
_DTYPE_KIND = {_dt.string: 0, _dt.float32: 1, _dt.int64: 2}
_TYPE_NAME = {_dt.string: "string", _dt.float32: "float", _dt.int64: "int64"}


class _ParseError(Exception):
    pass


def _varint(buf, pos):
    result = 0
    shift = 0
    while True:
        if pos >= len(buf):
            raise _ParseError()
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise _ParseError()


def _fields(buf, start=0, end=None):
    """Yields (field number, wire type, value or (start, end) of a length-delimited field)."""
    pos = start
    end = len(buf) if end is None else end
    while pos < end:
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            v, pos = _varint(buf, pos)
            yield field, 0, v
        elif wire == 2:
            n, pos = _varint(buf, pos)
            if pos + n > end:
                raise _ParseError()
            yield field, 2, (pos, pos + n)
            pos += n
        elif wire == 5:
            if pos + 4 > end:
                raise _ParseError()
            yield field, 5, (pos, pos + 4)
            pos += 4
        elif wire == 1:
            if pos + 8 > end:
                raise _ParseError()
            yield field, 1, (pos, pos + 8)
            pos += 8
        else:
            raise _ParseError()


def _signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def _parse_list(buf, kind, start, end):
    if kind == 0:
        return [bytes(buf[a:b]) for f, w, (a, b) in _fields(buf, start, end) if f == 1 and w == 2]
    if kind == 1:
        parts = []
        for f, w, v in _fields(buf, start, end):
            if f != 1:
                continue
            a, b = v
            if w == 2:
                if (b - a) % 4:
                    raise _ParseError()
                parts.append(np.frombuffer(buf, "<f4", (b - a) // 4, a))
            elif w == 5:
                parts.append(np.frombuffer(buf, "<f4", 1, a))
        if not parts:
            return np.zeros(0, np.float32)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
    vals = []
    for f, w, v in _fields(buf, start, end):
        if f != 1:
            continue
        if w == 0:
            vals.append(_signed64(v))
        elif w == 2:
            a, b = v
            pos = a
            while pos < b:
                x, pos = _varint(buf, pos)
                vals.append(_signed64(x))
    return vals


def _parse_feature(buf, start, end):
    """(kind, values) of a Feature; kind None for an empty Feature."""
    kind, rng = None, None
    for f, w, v in _fields(buf, start, end):
        if w == 2 and f in (1, 2, 3):
            kind, rng = f - 1, v
    if kind is None:
        return None, []
    return kind, _parse_list(buf, kind, rng[0], rng[1])


def parse_example_proto(data):
    """{feature key: (kind, values)} of a serialized tf.train.Example (raises _ParseError)."""
    buf = memoryview(data) if not isinstance(data, memoryview) else data
    out = {}
    for f, w, v in _fields(buf):
        if f != 1 or w != 2:
            continue
        for f2, w2, v2 in _fields(buf, v[0], v[1]):
            if f2 != 1 or w2 != 2:
                continue
            key, feat = b"", None
            for f3, w3, v3 in _fields(buf, v2[0], v2[1]):
                if f3 == 1 and w3 == 2:
                    key = bytes(buf[v3[0]:v3[1]])
                elif f3 == 2 and w3 == 2:
                    feat = v3
            out[key.decode("utf-8", "replace")] = _parse_feature(buf, *feat) if feat \
                else (None, [])
    return out


def example_spans(buf):
    """{key: (kind, start, end)}: where each feature's packed values lie in `buf`, or None
    when the Example is not laid out as one packed float/int64 list per feature."""
    out = {}
    for f, w, v in _fields(buf):
        if f != 1 or w != 2:
            return None
        for f2, w2, v2 in _fields(buf, v[0], v[1]):
            if f2 != 1 or w2 != 2:
                return None
            key, feat = None, None
            for f3, w3, v3 in _fields(buf, v2[0], v2[1]):
                if f3 == 1 and w3 == 2:
                    key = bytes(buf[v3[0]:v3[1]])
                elif f3 == 2 and w3 == 2:
                    feat = v3
                else:
                    return None
            if key is None or feat is None:
                return None
            lists = list(_fields(buf, feat[0], feat[1]))
            if len(lists) != 1 or lists[0][0] not in (2, 3) or lists[0][1] != 2:
                return None
            kind = lists[0][0] - 1
            inner = list(_fields(buf, lists[0][2][0], lists[0][2][1]))
            if len(inner) > 1 or (inner and (inner[0][0] != 1 or inner[0][1] != 2)):
                return None
            a, b = inner[0][2] if inner else (lists[0][2][1], lists[0][2][1])
            out[key.decode("utf-8", "replace")] = (kind, a, b)
    return out


def _as_bytes(x):
    return x.encode() if isinstance(x, str) else bytes(x)


def _np_type(dtype):
    return object if dtype is _dt.string else dtype.as_numpy_dtype
