"""SerializeTensor / ParseTensor (a tensor as TensorProto bytes, as TF 1.14 writes them:
dtype, shape and tensor_content, or string_val for strings) and EditDistance (Levenshtein
distances between the sequences of two SparseTensors, grouped by all but the last index).
None is differentiable (TF registers no gradient)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import const_value
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
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


# -- EditDistance ---------------------------------------------------------------------------------
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
    hs, ts = const_value(inputs[2]), const_value(inputs[5])
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
