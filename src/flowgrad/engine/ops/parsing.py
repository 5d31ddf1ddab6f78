"""Parsing ops: ParseExample, ParseSingleExample, DecodeRaw, DecodeCSV, DecodeCompressed.

tf.train.Example is read straight from its wire format (_example_wire.py; no protobuf
needed); batches of Examples written alike take parsing_batch.py's one pass of NumPy.
"""
from __future__ import annotations

import zlib

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

from ._example_wire import (_DTYPE_KIND, _KIND_NAMES, _TYPE_NAME, _as_bytes, _fields,  # noqa: F401
                            _np_type, _parse_feature, _ParseError, parse_example_proto)
from .strings import _parse_number
from .parsing_batch import parse_dense_parts, parse_uniform, parse_uniform_batch

__all__ = ["parse_example_proto", "parse_dense_parts"]


_KIND_DTYPE = {k: d for d, k in _DTYPE_KIND.items()}


def _typed(values, dtype):
    if dtype is _dt.string:
        a = np.empty(len(values), dtype=object)
        a[:] = values
        return a
    return np.asarray(values, dtype=dtype.as_numpy_dtype)


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _where(single, name, key, index):
    """The head of a feature's error: ParseSingleExample names only the key."""
    return f"Key: {key}.  " if single else f"Name: {name}, Key: {key}, Index: {index}.  "


def _check_kind(name, key, kind, dtype, index=0, single=False, sparse=False):
    if kind is not None and kind != _DTYPE_KIND[dtype]:
        found = _TYPE_NAME[_KIND_DTYPE[kind]]
        what = (f"Expected type: {_TYPE_NAME[dtype]}, Actual type: {found}" if sparse else
                f"Data type: {found} but expected type: {_TYPE_NAME[dtype]}")
        raise errors.InvalidArgumentError(
            None, None, f"{_where(single, name, key, index)}Data types don't match. {what}")


def _count_error(single, name, key, index, dtype, text):
    """A dense feature with the wrong number of values: ParseSingleExample's one message,
    ParseExample's `Number of <int64|float|bytes> values ...`."""
    if single:
        text = "Can't parse serialized Example."
    else:
        text = f"Number of {_KIND_NAMES[_DTYPE_KIND[dtype]]} values {text}"
    return errors.InvalidArgumentError(None, None, _where(single, name, key, index) + text)


def parse_batch(serialized, names, sparse_keys, sparse_types, dense_keys, dense_types,
                 dense_shapes, dense_defaults, var_len, single=False):
    n = len(serialized)
    if n > 1 and not single:
        uni = parse_uniform(serialized)
        if uni is not None:
            res = parse_uniform_batch(uni, n, sparse_keys, sparse_types, dense_keys,
                                      dense_types, dense_shapes, var_len)
            if res is not None:
                return res
    parsed = []
    for i, s in enumerate(serialized):
        try:
            parsed.append(parse_example_proto(_as_bytes(s)))
        except _ParseError:     # TF's message: the record as a C string (cut at a NUL)
            shown = _as_bytes(s).split(b"\0")[0].decode("utf-8", "replace")
            raise errors.InvalidArgumentError(
                None, None, f"Could not parse example input, value: '{shown}'") from None
    sp_idx, sp_val, sp_shape = [], [], []
    for key, dtype in zip(sparse_keys, sparse_types):
        idx, vals = [], []
        width = 0
        for i, ex in enumerate(parsed):
            kind, v = ex.get(key, (None, []))
            _check_kind(names[i] if len(names) else "<unknown>", key, kind, dtype, i,
                        single, sparse=True)
            v = list(v) if not isinstance(v, list) else v
            width = max(width, len(v))
            for k in range(len(v)):
                idx.append((i, k) if not single else (k,))
            vals.extend(v)
        sp_idx.append(np.asarray(idx, dtype=np.int64).reshape(-1, 1 if single else 2))
        sp_val.append(_typed(vals, dtype))
        sp_shape.append(np.asarray([width] if single else [n, width], dtype=np.int64))
    dense = []
    for key, dtype, shape, default, vl in zip(dense_keys, dense_types, dense_shapes,
                                              dense_defaults, var_len):
        shape = [int(d) for d in shape]
        per = int(np.prod(shape)) if shape else 1
        rows = []
        for i, ex in enumerate(parsed):
            nm = names[i] if len(names) else "<unknown>"
            kind, v = ex.get(key, (None, None))
            if v is not None:
                _check_kind(nm, key, kind, dtype, i, single)
            if vl:
                rows.append(_typed(v if v is not None else [], dtype))
                if len(rows[-1]) % max(per, 1):
                    raise _count_error(
                        single, nm, key, i, dtype, "is not a multiple of stride length. "
                        f"Saw {len(rows[-1])} values but output shape is: "
                        f"{_shape_str(['?'] + shape)}")
                continue
            if v is None:
                if default is None or np.size(default) == 0:
                    raise errors.InvalidArgumentError(
                        None, None, ("" if single else f"Name: {nm}, ") + f"Feature: {key} "
                        f"(data type: {_TYPE_NAME[dtype]}) is required but could not be found.")
                rows.append(np.broadcast_to(np.asarray(default, dtype=_np_type(dtype)),
                                            shape))
                continue
            a = _typed(v, dtype)
            if a.size != per:
                raise _count_error(single, nm, key, i, dtype,
                                   f"!= expected.  Values size: {a.size} but output "
                                   f"shape: {_shape_str(shape)}")
            rows.append(a.reshape(shape))
        if vl:
            longest = max((len(r) // max(per, 1) for r in rows), default=0)
            pad = np.asarray(default if default is not None and np.size(default) else
                             ("" if dtype is _dt.string else 0), dtype=_np_type(dtype))
            out = np.empty((n, longest) + tuple(shape), dtype=_np_type(dtype))
            out[...] = pad.reshape(()) if pad.size == 1 else pad
            for i, r in enumerate(rows):
                k = len(r) // max(per, 1)
                out[i, :k] = r.reshape((k,) + tuple(shape))
            dense.append(out[0] if single else out)
        elif single:
            dense.append(np.array(rows[0]))
        else:
            out = np.empty((n,) + tuple(shape), dtype=_np_type(dtype))
            for i, r in enumerate(rows):
                out[i, ...] = r
            dense.append(out)
    return sp_idx, sp_val, sp_shape, dense


# -- ParseExample ---------------------------------------------------------------------------
def _rank(t, rank):
    """TF's shape function's WithRank check of an input."""
    if t.shape.ndims is not None and t.shape.ndims != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {t.shape.ndims}")


def _parse_example_infer(inputs, attrs):
    _rank(inputs[0], 1)
    _rank(inputs[1], 1)
    ns = attrs["Nsparse"]
    batch = inputs[0].shape[:1] if inputs[0].shape.ndims is not None else TensorShape([None])
    out = [(_dt.int64, TensorShape([None, 2]))] * ns
    out += [(t, TensorShape([None])) for t in attrs["sparse_types"]]
    out += [(_dt.int64, TensorShape([2]))] * ns
    # var_len is flowgrad's own attr: absent from an imported TF NodeDef (all fixed-length)
    var_len = attrs.get("var_len") or [False] * len(attrs["Tdense"])
    for t, s, vl in zip(attrs["Tdense"], attrs["dense_shapes"], var_len):
        out.append((t, batch.concatenate(TensorShape([None]) if vl else TensorShape([]))
                    .concatenate(TensorShape(s))))
    return out


def _parse_example_kernel(serialized, names, *rest, Nsparse, Ndense, sparse_types, Tdense,
                          dense_shapes, var_len=None, **_):
    var_len = var_len or [False] * len(Tdense)
    sparse_keys = [_key(k) for k in rest[:Nsparse]]
    dense_keys = [_key(k) for k in rest[Nsparse:Nsparse + Ndense]]
    defaults = list(rest[Nsparse + Ndense:])
    ser = np.asarray(serialized, dtype=object).reshape(-1)
    nm = [_key(x) for x in np.asarray(names, dtype=object).reshape(-1)]
    sp_idx, sp_val, sp_shape, dense = parse_batch(
        ser, nm, sparse_keys, sparse_types, dense_keys, Tdense, dense_shapes, defaults,
        var_len)
    out = tuple(sp_idx + sp_val + sp_shape + dense)
    return out[0] if len(out) == 1 else out


def _key(k):
    k = np.asarray(k).reshape(()).item() if not isinstance(k, (bytes, str)) else k
    return k.decode() if isinstance(k, bytes) else str(k)


register_op("ParseExample", infer=_parse_example_infer, kernel=_parse_example_kernel, grad=None)


# -- ParseSingleExample ---------------------------------------------------------------------
def _parse_single_infer(inputs, attrs):
    _rank(inputs[0], 0)
    ns = attrs["num_sparse"]
    out = [(_dt.int64, TensorShape([None, 1]))] * ns
    out += [(t, TensorShape([None])) for t in attrs["sparse_types"]]
    out += [(_dt.int64, TensorShape([1]))] * ns
    for t, s, vl in zip(attrs["Tdense"], attrs["dense_shapes"], attrs["var_len"]):
        out.append((t, (TensorShape([None]) if vl else TensorShape([]))
                    .concatenate(TensorShape(s))))
    return out


def _parse_single_kernel(serialized, *defaults, num_sparse, sparse_keys, dense_keys,
                         sparse_types, Tdense, dense_shapes, var_len, **_):
    ser = [np.asarray(serialized, dtype=object).reshape(()).item()]
    sp_idx, sp_val, sp_shape, dense = parse_batch(
        ser, [], sparse_keys, sparse_types, dense_keys, Tdense, dense_shapes, list(defaults),
        var_len, single=True)
    out = tuple(sp_idx + sp_val + sp_shape + dense)
    return out[0] if len(out) == 1 else out


register_op("ParseSingleExample", infer=_parse_single_infer, kernel=_parse_single_kernel,
            grad=None)


# -- DecodeRaw ------------------------------------------------------------------------------
def _decode_raw_infer(inputs, attrs):
    s = inputs[0].shape
    return [(attrs["out_type"], s.concatenate(TensorShape([None])) if s.ndims is not None
             else TensorShape(None))]


def _decode_raw_kernel(bytes_, out_type, little_endian=True, **_):
    dt = np.dtype(out_type.as_numpy_dtype)
    dt = dt.newbyteorder("<" if little_endian else ">") if dt.itemsize > 1 else dt
    arr = np.asarray(bytes_, dtype=object)
    flat = [_as_bytes(x) for x in arr.reshape(-1)]
    if not flat:
        return np.zeros(arr.shape + (0,), dtype=dt.newbyteorder("="))
    n = len(flat[0])
    for i, b in enumerate(flat):        # TF checks the sizes first, then the multiple
        if len(b) != n:
            raise errors.InvalidArgumentError(
                None, None, "DecodeRaw requires input strings to all be the same size, but "
                f"element {i} has size {n} != {len(b)}")
    if n % dt.itemsize:
        raise errors.InvalidArgumentError(
            None, None, f"Input to DecodeRaw has length {n} that is not a multiple of "
            f"{dt.itemsize}, the size of {out_type.name}")
    out = np.frombuffer(b"".join(flat), dtype=dt).astype(dt.newbyteorder("="))
    return out.reshape(arr.shape + (n // dt.itemsize,))


register_op("DecodeRaw", infer=_decode_raw_infer, kernel=_decode_raw_kernel, grad=None)


# -- DecodeCSV ------------------------------------------------------------------------------
def _decode_csv_infer(inputs, attrs):
    """TF's shape function: each default a scalar or a vector of at most one element."""
    for d in inputs[1:]:
        if d.shape.ndims is not None and d.shape.ndims > 1:
            raise ValueError(f"Shape must be at most rank 1 but is rank {d.shape.ndims}")
        if d.shape.ndims == 1 and (d.shape.dims[0] or 0) > 1:
            raise ValueError("Shape of a default must be a length-0 or length-1 vector, or "
                             "a scalar.")
    s = inputs[0].shape
    return [(t, s) for t in attrs["OUT_TYPE"]]


def _csv_error(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _extract_csv_fields(rec, delim, quote, select):
    """TF 1.14's DecodeCSVOp::ExtractFields, step for step: CR/LF skipped where a field
    starts, quoted fields with doubled quotes, and with `select` (sorted column numbers)
    only those fields kept, stopping after the last one."""
    result = []
    i, n, parsed, sel = 0, len(rec), 0, 0
    if not n:
        return result
    while i < n:
        if rec[i] in b"\r\n":
            i += 1
            continue
        include = not select or select[sel] == parsed
        field = bytearray()
        if quote and rec[i] == 0x22:
            i += 1
            while i < n - 1 and (rec[i] != 0x22 or rec[i + 1] != delim):
                if rec[i] != 0x22:
                    field.append(rec[i])
                    i += 1
                    continue
                if rec[i + 1] != 0x22:
                    raise _csv_error("Quote inside a string has to be escaped by another quote")
                field.append(0x22)
                i += 2
            if not (i < n and rec[i] == 0x22 and (i == n - 1 or rec[i + 1] == delim)):
                raise _csv_error("Quoted field has to end with quote followed by delim or end")
            i += 2
        else:
            while i < n and rec[i] != delim:
                if (quote and rec[i] == 0x22) or rec[i] in b"\r\n":
                    raise _csv_error("Unquoted fields cannot have quotes/CRLFs inside")
                field.append(rec[i])
                i += 1
            i += 1
        parsed += 1
        if include:
            result.append(bytes(field))
            sel += 1
            if select and sel == len(select):
                return result
    if (not select or select[sel] == parsed) and rec[n - 1] == delim:
        result.append(b"")
    return result


def _decode_csv_kernel(records, *defaults, OUT_TYPE, field_delim=",", use_quote_delim=True,
                       na_value="", select_cols=(), **_):
    if len(field_delim) != 1:       # the kernel's constructor
        raise _csv_error("field_delim should be only 1 char")
    delim = ord(field_delim)
    na = na_value.encode()
    arr = np.asarray(records, dtype=object)
    outs = [np.empty(arr.shape, dtype=_np_type(t)) for t in OUT_TYPE]
    select = list(select_cols or ())
    for i, (pos, r) in enumerate(np.ndenumerate(arr)):
        fields = _extract_csv_fields(_as_bytes(r), delim, use_quote_delim, select)
        if len(fields) != len(OUT_TYPE):
            raise _csv_error(f"Expect {len(OUT_TYPE)} fields but have {len(fields)} in "
                             f"record {i}")
        for k, (f, t) in enumerate(zip(fields, OUT_TYPE)):
            if not f or f == na:
                d = np.asarray(defaults[k]).reshape(-1)
                if d.size != 1:
                    raise _csv_error(f"Field {k} is required but missing in record {i}!")
                outs[k][pos] = d[0]
            elif t is _dt.string:
                outs[k][pos] = f
            else:
                v = _parse_number(f, t)     # TF's safe_strto32/64, safe_strtof/d
                if v is None:
                    kind = {"float32": "float", "float64": "double"}.get(t.name, t.name)
                    raise _csv_error(f"Field {k} in record {i} is not a valid {kind}: "
                                     f"{f.decode('utf-8', 'replace')}")
                outs[k][pos] = v
    return outs[0] if len(outs) == 1 else tuple(outs)


register_op("DecodeCSV", infer=_decode_csv_infer, kernel=_decode_csv_kernel, grad=None)


# -- DecodeCompressed -----------------------------------------------------------------------
def _decode_compressed_kernel(bytes_, compression_type="", **_):
    arr = np.asarray(bytes_, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    for pos, b in np.ndenumerate(arr):
        b = _as_bytes(b)
        try:
            if compression_type == "GZIP":
                out[pos] = zlib.decompress(b, 31)
            elif compression_type == "ZLIB":
                out[pos] = zlib.decompress(b)
            else:
                out[pos] = b
        except zlib.error:
            raise errors.DataLossError(None, None, "inflate() failed with error -3: incorrect "
                                       "header check") from None
    return out


register_op("DecodeCompressed", infer=lambda inputs, attrs: [(_dt.string, inputs[0].shape)],
            kernel=_decode_compressed_kernel, grad=None)

