"""Parsing ops for tf.train.SequenceExample: ParseSingleSequenceExample and
ParseSequenceExample (TF 1.14's kernels: outputs, padding and error messages).

SequenceExample{1: Features context, 2: FeatureLists{1: map<string, FeatureList>}},
FeatureList{1: repeated Feature}, read from the wire format with parsing.py's reader.
As in TF 1.14, the single-example op takes a malformed proto as far as it parses (TF's
kernel ignores the parse status), and the batched op rejects it: "Invalid protocol
message input".
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .parsing import _DTYPE_KIND, _TYPE_NAME, _fields, _np_type, _parse_feature, _ParseError

__all__ = ["parse_sequence_proto"]

_LIST_NAMES = {0: "bytes_list", 1: "float_list", 2: "int64_list"}


class _Partial(Exception):
    """A malformed proto: `value` holds what parsed before the damage."""

    def __init__(self, value):
        super().__init__()
        self.value = value


def _map_entries(buf, start, end, strict):
    """(key, (start, end) of the value or None) of a map field's entries."""
    out = []
    for f, w, v in _fields(buf, start, end):
        if f != 1 or w != 2:
            continue
        key, val = b"", None
        for f2, w2, v2 in _fields(buf, v[0], v[1]):
            if f2 == 1 and w2 == 2:
                key = bytes(buf[v2[0]:v2[1]])
            elif f2 == 2 and w2 == 2:
                val = v2
        if strict and val is None:
            raise _ParseError()
        out.append((key.decode("utf-8", "replace"), val))
    return out


def parse_sequence_proto(data, strict=True):
    """(context {key: (kind, values)}, feature lists {key: [(kind, values) per step]})."""
    buf = memoryview(data)
    ctx, lists = {}, {}
    try:
        for f, w, v in _fields(buf):
            if w != 2:
                continue
            if f == 1:
                for key, val in _map_entries(buf, v[0], v[1], strict):
                    ctx[key] = _parse_feature(buf, *val) if val else (None, [])
            elif f == 2:
                for key, val in _map_entries(buf, v[0], v[1], strict):
                    steps = []
                    if val is not None:
                        for f3, w3, v3 in _fields(buf, val[0], val[1]):
                            if f3 == 1 and w3 == 2:
                                steps.append(_parse_feature(buf, *v3))
                    lists[key] = steps
    except _ParseError:
        if strict:
            raise
        raise _Partial((ctx, lists)) from None
    return ctx, lists


def _text(kind, values):
    """The first line of TF's debug string of a Feature (`int64_list {` and so on)."""
    if kind is None:
        return ""
    lines = [_LIST_NAMES[kind] + " {"]
    for x in values:
        lines.append(f"  value: {x!r}" if kind == 0 else f"  value: {x}")
    return "\n".join(lines + ["}", ""])


def _typed(values, dtype):
    if dtype is _dt.string:
        a = np.empty(len(values), dtype=object)
        a[:] = list(values)
        return a
    return np.asarray(values, dtype=dtype.as_numpy_dtype)


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _key(k):
    k = np.asarray(k).reshape(()).item() if not isinstance(k, (bytes, str)) else k
    return k.decode() if isinstance(k, bytes) else str(k)


def _keys(a):
    return [_key(x) for x in np.asarray(a, dtype=object).reshape(-1)]


class _Spec:
    def __init__(self, ctx_sparse, ctx_sparse_types, ctx_dense, ctx_dense_types,
                 ctx_dense_shapes, ctx_defaults, fl_sparse, fl_sparse_types, fl_dense,
                 fl_dense_types, fl_dense_shapes, missing_ok):
        self.ctx_sparse = list(zip(ctx_sparse, ctx_sparse_types))
        self.ctx_dense = list(zip(ctx_dense, ctx_dense_types,
                                  [tuple(int(d) for d in s) for s in ctx_dense_shapes],
                                  ctx_defaults))
        self.fl_sparse = list(zip(fl_sparse, fl_sparse_types))
        self.fl_dense = list(zip(fl_dense, fl_dense_types,
                                 [tuple(int(d) for d in s) for s in fl_dense_shapes]))
        self.missing_ok = set(missing_ok)


# -- one example (ParseSingleSequenceExample's checks and messages) ------------------------
def _parse_one(ctx, lists, spec, name):
    """Per-example values: context sparse [values], context dense [arrays], feature-list
    sparse [[values per step]], feature-list dense [[N] + shape arrays]."""
    cs, cd, fs, fd = [], [], [], []
    for key, dtype in spec.ctx_sparse:
        kind, vals = ctx.get(key, (None, []))
        if kind is not None and kind != _DTYPE_KIND[dtype]:
            raise errors.InvalidArgumentError(
                None, None, f"Name: {name}, Context feature: {key}.  Data types don't match. "
                f"Expected type: {_TYPE_NAME[dtype]}  Feature is: {_text(kind, vals)}")
        cs.append(_typed(vals if kind is not None else [], dtype))
    for key, dtype, shape, default in spec.ctx_dense:
        if key not in ctx:
            if default is None or np.size(default) == 0:
                raise errors.InvalidArgumentError(
                    None, None, f"Name: {name}, Context feature '{key}' is required but "
                    "could not be found.")
            cd.append(np.array(np.broadcast_to(np.asarray(default, dtype=_np_type(dtype)),
                                               shape)))
            continue
        kind, vals = ctx[key]
        if kind != _DTYPE_KIND[dtype]:
            raise errors.InvalidArgumentError(
                None, None, f"Name: {name}, Context feature: {key}.  Data types don't match. "
                f"Expected type: {_TYPE_NAME[dtype]}  Feature is: {_text(kind, vals)}")
        a = _typed(vals, dtype)
        if a.size != int(np.prod(shape)):
            raise errors.InvalidArgumentError(
                None, None, f"Name: {name}, Key: {key}, Index: 0.  Number of "
                f"{_TYPE_NAME[dtype]} values != expected.  values size: {a.size} but output "
                f"shape: {_shape_str(shape)}")
        cd.append(a.reshape(shape))
    for key, dtype in spec.fl_sparse:
        steps = []
        for i, (kind, vals) in enumerate(lists.get(key, [])):
            if kind != _DTYPE_KIND[dtype]:
                raise errors.InvalidArgumentError(
                    None, None, f"Name: {name}, Feature List: {key}, Index: {i}.  Data types "
                    f"don't match. Expected type: {_TYPE_NAME[dtype]}  Feature is: "
                    f"{_text(kind, vals)}")
            steps.append(_typed(vals, dtype))
        fs.append(steps)
    for key, dtype, shape in spec.fl_dense:
        if key not in lists:
            if key not in spec.missing_ok:
                raise errors.InvalidArgumentError(
                    None, None, f"Name: {name}, Feature list '{key}' is required but could "
                    "not be found.  Did you mean to include it in "
                    "feature_list_dense_missing_assumed_empty or "
                    "feature_list_dense_defaults?")
        per = int(np.prod(shape))
        rows = []
        for i, (kind, vals) in enumerate(lists.get(key, [])):
            if kind != _DTYPE_KIND[dtype]:
                raise errors.InvalidArgumentError(
                    None, None, f"Name: {name}, Feature list: {key}, Index: {i}.  Data types "
                    f"don't match. Expected type: {_TYPE_NAME[dtype]}  Feature is: "
                    f"{_text(kind, vals)}")
            a = _typed(vals, dtype)
            if a.size != per:
                raise errors.InvalidArgumentError(
                    None, None, f"Name: {name}, Key: {key}, Index: {i}.  Number of "
                    f"{_TYPE_NAME[dtype]} values != expected.  values size: {a.size} but "
                    f"output shape: {_shape_str(shape)}")
            rows.append(a.reshape(shape))
        out = np.empty((len(rows),) + shape, dtype=_np_type(dtype))
        for i, r in enumerate(rows):
            out[i] = r
        fd.append(out)
    return cs, cd, fs, fd


def _single_sparse(vals, dtype):
    idx = np.arange(len(vals), dtype=np.int64).reshape(-1, 1)
    return idx, _typed(list(vals), dtype), np.asarray([len(vals)], dtype=np.int64)


def _list_sparse(steps, dtype, lead=()):
    idx = [lead + (i, k) for i, s in enumerate(steps) for k in range(len(s))]
    vals = [x for s in steps for x in s]
    width = max((len(s) for s in steps), default=0)
    return (np.asarray(idx, dtype=np.int64).reshape(-1, len(lead) + 2), _typed(vals, dtype),
            np.asarray([len(steps), width], dtype=np.int64))


def _single_infer(inputs, attrs):
    ncs, nfs = len(attrs["context_sparse_types"]), len(attrs["feature_list_sparse_types"])
    out = [(_dt.int64, TensorShape([None, 1]))] * ncs
    out += [(t, TensorShape([None])) for t in attrs["context_sparse_types"]]
    out += [(_dt.int64, TensorShape([1]))] * ncs
    out += [(t, TensorShape(s)) for t, s in zip(attrs["Tcontext_dense"],
                                                attrs["context_dense_shapes"])]
    out += [(_dt.int64, TensorShape([None, 2]))] * nfs
    out += [(t, TensorShape([None])) for t in attrs["feature_list_sparse_types"]]
    out += [(_dt.int64, TensorShape([2]))] * nfs
    out += [(t, TensorShape([None]).concatenate(TensorShape(s)))
            for t, s in zip(attrs["feature_list_dense_types"],
                            attrs["feature_list_dense_shapes"])]
    return out


def _single_kernel(serialized, missing, *rest, Ncontext_sparse, Ncontext_dense,
                   Nfeature_list_sparse, Nfeature_list_dense, context_sparse_types,
                   Tcontext_dense, feature_list_dense_types, context_dense_shapes,
                   feature_list_sparse_types, feature_list_dense_shapes, **_):
    counts = [Ncontext_sparse, Ncontext_dense, Nfeature_list_sparse, Nfeature_list_dense,
              Ncontext_dense]
    parts, pos = [], 0
    for c in counts:
        parts.append(list(rest[pos:pos + c]))
        pos += c
    name = _key(rest[pos])
    cs_keys, cd_keys, fs_keys, fd_keys, defaults = parts
    spec = _Spec([_key(k) for k in cs_keys], context_sparse_types, [_key(k) for k in cd_keys],
                 Tcontext_dense, context_dense_shapes, defaults, [_key(k) for k in fs_keys],
                 feature_list_sparse_types, [_key(k) for k in fd_keys],
                 feature_list_dense_types, feature_list_dense_shapes, _keys(missing))
    data = np.asarray(serialized, dtype=object).reshape(()).item()
    data = data.encode() if isinstance(data, str) else bytes(data)
    try:
        ctx, lists = parse_sequence_proto(data, strict=False)
    except _Partial as p:
        ctx, lists = p.value
    except _ParseError:
        raise errors.InvalidArgumentError(
            None, None, f"Name: {name}, Could not parse example input") from None
    cs, cd, fs, fd = _parse_one(ctx, lists, spec, name)
    sp = [_single_sparse(v, t) for v, t in zip(cs, context_sparse_types)]
    fsp = [_list_sparse(s, t) for s, t in zip(fs, feature_list_sparse_types)]
    out = [x[0] for x in sp] + [x[1] for x in sp] + [x[2] for x in sp] + cd + \
        [x[0] for x in fsp] + [x[1] for x in fsp] + [x[2] for x in fsp] + fd
    return out[0] if len(out) == 1 else tuple(out)


register_op("ParseSingleSequenceExample", infer=_single_infer, kernel=_single_kernel,
            grad=None)


# -- a batch (ParseSequenceExample: TF's fast parser, its messages) -------------------------
def _batch_infer(inputs, attrs):
    ncs, nfs = attrs["Ncontext_sparse"], attrs["Nfeature_list_sparse"]
    out = [(_dt.int64, TensorShape([None, 2]))] * ncs
    out += [(t, TensorShape([None])) for t in attrs["context_sparse_types"]]
    out += [(_dt.int64, TensorShape([2]))] * ncs
    out += [(t, TensorShape([None]).concatenate(TensorShape(s)))
            for t, s in zip(attrs["Tcontext_dense"], attrs["context_dense_shapes"])]
    out += [(_dt.int64, TensorShape([None, 3]))] * nfs
    out += [(t, TensorShape([None])) for t in attrs["feature_list_sparse_types"]]
    out += [(_dt.int64, TensorShape([3]))] * nfs
    out += [(t, TensorShape([None, None]).concatenate(TensorShape(s)))
            for t, s in zip(attrs["feature_list_dense_types"],
                            attrs["feature_list_dense_shapes"])]
    out += [(_dt.int64, TensorShape([None]))] * attrs["Nfeature_list_dense"]
    return out


def _batch_one(ctx, lists, spec, name):
    """One example under the batched op's checks (its messages)."""
    for key, dtype in spec.ctx_sparse:
        kind = ctx.get(key, (None, []))[0]
        if kind is not None and kind != _DTYPE_KIND[dtype]:
            raise errors.InvalidArgumentError(
                None, None, f"Error in context feature {key} in example {name}")
    for key, dtype, shape, default in spec.ctx_dense:
        if key not in ctx:
            if default is None or np.size(default) == 0:
                raise errors.InvalidArgumentError(
                    None, None, f"Feature: {key} (data type: {_TYPE_NAME[dtype]}) is "
                    "required but could not be found.")
            continue
        kind, vals = ctx[key]
        if kind != _DTYPE_KIND[dtype]:
            raise errors.InvalidArgumentError(
                None, None, f"Error in context feature {key} in example {name}")
        if len(vals) != int(np.prod(shape)):
            raise errors.InvalidArgumentError(
                None, None, f"Unexpected number of elements in feature {key}, example {name}")
    for key, dtype in spec.fl_sparse:
        for kind, _ in lists.get(key, []):
            if kind != _DTYPE_KIND[dtype]:
                raise errors.InvalidArgumentError(
                    None, None, f"Error in sequence feature {key} in example {name}")
    for key, dtype, shape in spec.fl_dense:
        if key not in lists and key not in spec.missing_ok:
            raise errors.InvalidArgumentError(
                None, None, f"Missing feature {key} in example {name}")
        for kind, vals in lists.get(key, []):
            if kind != _DTYPE_KIND[dtype]:
                raise errors.InvalidArgumentError(
                    None, None, f"Error in sequence feature {key} in example {name}")
            if len(vals) != int(np.prod(shape)):
                raise errors.InvalidArgumentError(
                    None, None, f"Unexpected number of elements in feature {key}, example "
                    f"{name}")
    return _parse_one(ctx, lists, spec, name)


def _batch_kernel(serialized, debug_name, *defaults, context_sparse_keys, context_dense_keys,
                  feature_list_sparse_keys, feature_list_dense_keys,
                  feature_list_dense_missing_assumed_empty, context_sparse_types,
                  Tcontext_dense, feature_list_dense_types, context_dense_shapes,
                  feature_list_sparse_types, feature_list_dense_shapes, **_):
    ser = np.asarray(serialized, dtype=object).reshape(-1)
    names = _keys(debug_name)
    n = len(ser)
    if names and len(names) != n:
        raise errors.InvalidArgumentError(
            None, None, "example_names must be empty or have the correct number of elements")
    spec = _Spec(list(context_sparse_keys), context_sparse_types, list(context_dense_keys),
                 Tcontext_dense, context_dense_shapes, list(defaults),
                 list(feature_list_sparse_keys), feature_list_sparse_types,
                 list(feature_list_dense_keys), feature_list_dense_types,
                 feature_list_dense_shapes, list(feature_list_dense_missing_assumed_empty))
    per = []
    for i, s in enumerate(ser):
        name = names[i] if names else "<unknown>"
        data = s.encode() if isinstance(s, str) else bytes(s)
        try:
            ctx, lists = parse_sequence_proto(data, strict=True)
        except _ParseError:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid protocol message input, example id: {name}") from None
        per.append(_batch_one(ctx, lists, spec, name))
    out_cs = [_batch_sparse([p[0][j] for p in per], t)
              for j, t in enumerate(context_sparse_types)]
    out_cd = [np.stack([p[1][j] for p in per]) if per else
              np.zeros((0,) + tuple(int(d) for d in s), dtype=_np_type(t))
              for j, (t, s) in enumerate(zip(Tcontext_dense, context_dense_shapes))]
    out_fs = [_batch_list_sparse([p[2][j] for p in per], t)
              for j, t in enumerate(feature_list_sparse_types)]
    out_fd, lengths = [], []
    for j, (t, s) in enumerate(zip(feature_list_dense_types, feature_list_dense_shapes)):
        rows = [p[3][j] for p in per]
        longest = max((len(r) for r in rows), default=0)
        shape = tuple(int(d) for d in s)
        pad = b"" if t is _dt.string else 0
        out = np.full((n, longest) + shape, pad, dtype=_np_type(t))
        for i, r in enumerate(rows):
            out[i, :len(r)] = r
        out_fd.append(out)
        lengths.append(np.asarray([len(r) for r in rows], dtype=np.int64))
    res = [x[0] for x in out_cs] + [x[1] for x in out_cs] + [x[2] for x in out_cs] + out_cd + \
        [x[0] for x in out_fs] + [x[1] for x in out_fs] + [x[2] for x in out_fs] + out_fd + \
        lengths
    return res[0] if len(res) == 1 else tuple(res)


def _batch_sparse(values, dtype):
    idx = [(i, k) for i, v in enumerate(values) for k in range(len(v))]
    flat = [x for v in values for x in v]
    width = max((len(v) for v in values), default=0)
    return (np.asarray(idx, dtype=np.int64).reshape(-1, 2), _typed(flat, dtype),
            np.asarray([len(values), width], dtype=np.int64))


def _batch_list_sparse(per_example, dtype):
    idx, flat = [], []
    steps = max((len(s) for s in per_example), default=0)
    width = 0
    for b, ex in enumerate(per_example):
        for i, v in enumerate(ex):
            width = max(width, len(v))
            for k, x in enumerate(v):
                idx.append((b, i, k))
                flat.append(x)
    return (np.asarray(idx, dtype=np.int64).reshape(-1, 3), _typed(flat, dtype),
            np.asarray([len(per_example), steps, width], dtype=np.int64))


register_op("ParseSequenceExample", infer=_batch_infer, kernel=_batch_kernel, grad=None)
