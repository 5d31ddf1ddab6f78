"""SerializeTensor / ParseTensor (a tensor as TensorProto bytes, as TF 1.14 writes them:
dtype, shape and tensor_content, or string_val for strings), DecodeJSONExample and
EditDistance (Levenshtein
distances between the sequences of two SparseTensors, grouped by all but the last index).
None is differentiable (TF registers no gradient)."""
from __future__ import annotations

import base64
import json

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import whole_value
from .sparse_serialize import _field, _varint, tensor_bytes, tensor_from_bytes

__all__ = ["serialized_tensor", "edit_distances"]

# TF's DataTypeString names where they are not flowgrad's
_TF_NAME = {_dt.float32: "float", _dt.float64: "double", _dt.float16: "half"}


def _tf_name(d):
    return _TF_NAME.get(d, d.name)


def serialized_tensor(arr, dtype):
    """TensorProto bytes of `arr` as TF's SerializeTensor writes them."""
    if dtype.base_dtype is not _dt.string:
        return tensor_bytes(arr, dtype)
    arr = np.asarray(arr, dtype=object)
    dims = b"".join(_field(b"\x12", b"\x08" + _varint(int(d)) if d else b"")
                    for d in arr.shape)
    out = b"\x08" + _varint(7) + _field(b"\x12", dims)
    for v in arr.reshape(-1).tolist():
        out += _field(b"\x42", v.encode() if isinstance(v, str) else bytes(v))
    return out


def _serialize_kernel(tensor, T=None):
    return np.array(serialized_tensor(tensor, T or _dt.as_dtype(np.asarray(tensor).dtype)),
                    dtype=object)


def _parse_kernel(serialized, out_type=None):
    data = np.asarray(serialized, dtype=object).item()
    arr = tensor_from_bytes(data)
    got = _dt.as_dtype(arr.dtype) if arr.dtype != object else _dt.string
    if got is not out_type.base_dtype:
        raise errors.InvalidArgumentError(
            None, None, f"Type mismatch between parsed tensor ({_tf_name(got)}) and dtype "
            f"({_tf_name(out_type.base_dtype)})")
    return arr


def _parse_infer(inputs, attrs):
    s = inputs[0].shape
    if s.ndims is not None and s.ndims != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {s.ndims}")
    return [(attrs["out_type"], TensorShape(None))]


register_op("SerializeTensor", infer=lambda i, a: [(_dt.string, TensorShape([]))],
            kernel=_serialize_kernel, grad=None)
register_op("ParseTensor", infer=_parse_infer, kernel=_parse_kernel, grad=None)


# -- EditDistance ----------------------------------------------------------------------------
def _levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def _groups(indices, values):
    """{index prefix: values in the order of the last index}."""
    out = {}
    ind = np.asarray(indices, np.int64)
    vals = np.asarray(values).reshape(-1).tolist()
    order = np.lexsort(ind.T[::-1]) if ind.size else np.arange(0)
    for k in order.tolist():
        out.setdefault(tuple(ind[k, :-1].tolist()), []).append(vals[k])
    return out


def _check(ind, vals, shape, which):
    if ind.ndim != 2:
        raise errors.InvalidArgumentError(None, None, f"{which}_indices should be a matrix, "
                                          f"but got shape: {list(ind.shape)}")
    if vals.ndim != 1:
        raise errors.InvalidArgumentError(None, None, f"{which}_values should be a vector, "
                                          f"but got shape: {list(vals.shape)}")
    if shape.ndim != 1:
        raise errors.InvalidArgumentError(None, None, f"{which}_shape should be a vector, "
                                          f"but got shape: {list(shape.shape)}")
    if ind.shape[0] != vals.shape[0]:
        raise errors.InvalidArgumentError(
            None, None, f"Expected {which}_indices.dim_size(0) == {which}_values.dim_size(0), "
            f"got: {ind.shape[0]} vs. {vals.shape[0]}")
    if ind.shape[1] != shape.shape[0]:
        raise errors.InvalidArgumentError(
            None, None, f"Expected {which}_indices.dim_size(1) == {which}_shape.dim_size(0), "
            f"got: {ind.shape[1]} vs. {shape.shape[0]}")


def edit_distances(h_ind, h_vals, h_shape, t_ind, t_vals, t_shape, normalize=True, **_):
    """The EditDistance kernel (float32, shape max(h_shape[:-1], t_shape[:-1]))."""
    h_ind, h_vals, h_shape = (np.asarray(a) for a in (h_ind, h_vals, h_shape))
    t_ind, t_vals, t_shape = (np.asarray(a) for a in (t_ind, t_vals, t_shape))
    _check(h_ind, h_vals, h_shape, "hypothesis")
    _check(t_ind, t_vals, t_shape, "truth")
    if h_shape.shape[0] != t_shape.shape[0]:
        raise errors.InvalidArgumentError(
            None, None, f"hypothesis_shape and truth_shape must have the same number of "
            f"elements, got: {h_shape.shape[0]} vs. {t_shape.shape[0]}")
    out_shape = np.maximum(h_shape[:-1], t_shape[:-1]).astype(np.int64)
    out = np.zeros(tuple(out_shape.tolist()), dtype=np.float32)
    hyp, truth = _groups(h_ind, h_vals), _groups(t_ind, t_vals)
    for loc in set(hyp) | set(truth):
        h, t = hyp.get(loc), truth.get(loc)
        if h is not None and t is not None:
            d = _levenshtein(h, t)
            out[loc] = d / len(t) if normalize else d
        elif h is not None:
            out[loc] = np.inf if normalize else len(h)
        else:
            out[loc] = 1.0 if normalize else len(t)
    return out


def _edit_distance_infer(inputs, attrs):
    # (TF's input_tensor: each shape's constant subgraph, evaluated whole)
    hs, ts = whole_value(inputs[2]), whole_value(inputs[5])
    if hs is None or ts is None:
        return [(_dt.float32, TensorShape(None))]
    hs, ts = np.asarray(hs).reshape(-1), np.asarray(ts).reshape(-1)
    if hs.size != ts.size:
        e = ValueError(f"Num elements of hypothesis_shape does not match truth_shape: "
                       f"{hs.size} vs. {ts.size}")
        e.computed_tensors = {2: "<" + " ".join(map(str, hs.tolist())) + ">",
                              5: "<" + " ".join(map(str, ts.tolist())) + ">"}
        raise e
    return [(_dt.float32, TensorShape(np.maximum(hs[:-1], ts[:-1]).tolist()))]


register_op("EditDistance", infer=_edit_distance_infer, kernel=edit_distances, grad=None)


# -- DecodeJSONExample: tf.train.Example JSON (protobuf's JSON mapping) -> binary ----------
# The serialized form is the one TF 1.14 writes (protobuf's JsonToBinaryString): map entries
# in the JSON's order, repeated scalars unpacked (one tag per value).
class _JsonError(Exception):
    pass


def _key(obj, *names):
    """The value of the first of `names` (JSON name, then proto name) present in obj."""
    for n in names:
        if n in obj:
            return obj[n]
    return None


def _fields(obj, allowed):
    if not isinstance(obj, dict):
        raise _JsonError("Expected an object.")
    for k in obj:
        if k not in allowed:
            raise _JsonError(f"{k}: Cannot find field.")


def _int64(v):
    try:
        n = int(v) if not isinstance(v, float) or v == int(v) else None
    except (TypeError, ValueError):
        n = None
    if n is None or isinstance(v, bool) or not -2 ** 63 <= n < 2 ** 63:
        raise _JsonError(f"Invalid value for int64 field: {v!r}")
    return n & ((1 << 64) - 1)


def _float(v):
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity"):
        return float(v.replace("Infinity", "inf"))
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _JsonError(f"Invalid value for float field: {v!r}")
    return float(v)


def _feature_bytes(feat):
    names = ("bytesList", "bytes_list", "floatList", "float_list", "int64List", "int64_list")
    _fields(feat, names)
    out = b""
    for (json_name, proto_name), tag in ((names[0:2], b"\x0a"), (names[2:4], b"\x12"),
                                         (names[4:6], b"\x1a")):
        lst = _key(feat, json_name, proto_name)
        if lst is None:
            continue
        _fields(lst, ("value",))
        vals = lst.get("value", [])
        if tag == b"\x0a":
            body = b"".join(_field(b"\x0a", _b64(v)) for v in vals)
        elif tag == b"\x12":
            body = b"".join(b"\x0d" + np.float32(_float(v)).tobytes() for v in vals)
        else:
            body = b"".join(b"\x08" + _varint(_int64(v)) for v in vals)
        out += _field(tag, body)
    return out


def _b64(v):
    if not isinstance(v, str):
        raise _JsonError(f"Invalid value for bytes field: {v!r}")
    try:
        return base64.b64decode(v.replace("-", "+").replace("_", "/") + "=" * (-len(v) % 4))
    except ValueError:
        raise _JsonError("Invalid base64 data.") from None


def example_from_json(text):
    """The serialized tf.train.Example of its JSON form (protobuf's JSON mapping)."""
    try:
        obj = json.loads(text, object_pairs_hook=dict)
    except ValueError:
        raise _JsonError("Unexpected token.") from None
    _fields(obj, ("features",))
    feats = obj.get("features")
    if feats is None:
        return b""
    _fields(feats, ("feature",))
    body = b""
    for key, feat in (feats.get("feature") or {}).items():
        entry = _field(b"\x0a", key.encode()) + _field(b"\x12", _feature_bytes(feat))
        body += _field(b"\x0a", entry)
    return _field(b"\x0a", body)


def _decode_json_example_kernel(json_examples):
    a = np.asarray(json_examples, dtype=object)
    out = np.empty(a.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1).tolist()):
        text = v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
        try:
            flat[i] = example_from_json(text)
        except _JsonError as e:
            raise errors.InvalidArgumentError(None, None,
                                              f"Error while parsing JSON: {e}") from None
    return out


register_op("DecodeJSONExample", infer=lambda i, a: [(_dt.string, i[0].shape)],
            kernel=_decode_json_example_kernel, grad=None)
