"""SparseTensors packed into variant or string tensors: TF 1.14's SerializeSparse /
SerializeManySparse (out_type=variant, as tf.data carries them, or string: TensorProtos
as TF's AsProtoTensorContent writes them, byte for byte), DeserializeSparse /
DeserializeManySparse (either form), and ExperimentalDenseToSparseBatchDataset.

A boxed SparseTensor is a variant vector of length 3: an object array holding its
indices (int64 [n, rank]), values ([n]) and dense_shape (int64 [rank]) arrays. A batch
of them is a [..., 3] object array (BatchDataset stacks them like any component);
DeserializeSparse turns one back into a SparseTensor whose leading dimensions are the
batch's, as TF's kernel does. In the string form each of the three parts is a
serialized TensorProto (dtype, shape, tensor_content; strings as varint lengths, then
their bytes); reading one back accepts any TensorProto layout.
"""
from __future__ import annotations

import itertools

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .dataset_core import DatasetValue, _scalar, register_dataset_op

__all__ = ["box", "unbox", "tensor_bytes", "tensor_from_bytes"]


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def box(indices, values, dense_shape):
    """One boxed SparseTensor: a [3] object array."""
    out = np.empty(3, dtype=object)
    out[0] = np.asarray(indices, dtype=np.int64)
    out[1] = np.asarray(values)
    out[2] = np.asarray(dense_shape, dtype=np.int64)
    return out


def _check_out_type(attrs, op_type):
    if attrs.get("out_type", _dt.string) not in (_dt.variant, _dt.string):
        raise TypeError(f"Value passed to parameter 'out_type' has DataType "
                        f"{attrs['out_type'].name} not in list of allowed values: string, "
                        "variant")


# -- the string form: TensorProtos --------------------------------------------------------
def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field(tag, payload):
    return tag + _varint(len(payload)) + payload


def tensor_bytes(arr, dtype):
    """A serialized TensorProto of `arr` as TF's AsProtoTensorContent (dtype, shape,
    tensor_content)."""
    arr = np.asarray(arr)
    dims = b"".join(_field(b"\x12", b"\x08" + _varint(int(d)) if d else b"")
                    for d in arr.shape)
    out = b"\x08" + _varint(_dt._ENUM[dtype.base_dtype]) + _field(b"\x12", dims)
    flat = arr.reshape(-1)
    if dtype.base_dtype is _dt.string:
        items = [x if isinstance(x, bytes) else str(x).encode() for x in flat.tolist()]
        content = b"".join(_varint(len(x)) for x in items) + b"".join(items)
    elif dtype.base_dtype is _dt.bfloat16:
        content = (np.asarray(flat, np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
    else:
        np_type = np.dtype(dtype.as_numpy_dtype)
        content = np.ascontiguousarray(flat.astype(np_type.newbyteorder("<"))).tobytes()
    return out + _field(b"\x22", content) if content else out


def _string_content(data, count):
    strs, pos, lens = [], 0, []
    for _ in range(count):
        n, shift = 0, 0
        while True:
            if pos >= len(data) or shift > 63:
                raise ValueError("truncated")
            b = data[pos]
            pos += 1
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        lens.append(n)
    for n in lens:
        if pos + n > len(data):
            raise ValueError("truncated")
        strs.append(data[pos:pos + n])
        pos += n
    out = np.empty(count, dtype=object)
    out[:] = strs
    return out


def tensor_from_bytes(data):
    """The array of a serialized TensorProto (InvalidArgumentError when it is not one)."""
    from ..framework.proto import pb, tensor_from_proto  # lazy: protobuf classes load late
    t = pb().tensor_pb2.TensorProto()
    try:
        t.ParseFromString(bytes(data))
        shape = tuple(d.size for d in t.tensor_shape.dim)
        if t.dtype == 7 and t.tensor_content:
            return _string_content(t.tensor_content, int(np.prod(shape, dtype=np.int64)))\
                .reshape(shape)
        return tensor_from_proto(t)
    except Exception:  # noqa: BLE001 - any failure is a bad proto
        raise _invalid("Could not parse serialized proto") from None


def _parts(values):
    """A [..., 3] string array of serialized parts -> the same as boxed parts."""
    ser = np.asarray(values, dtype=object)
    out = np.empty(ser.shape, dtype=object)
    for idx in np.ndindex(*ser.shape):
        out[idx] = tensor_from_bytes(ser[idx])
    return out


def _check_components(ind, vals, shp):
    if ind.ndim != 2:
        raise _invalid(f"Input indices should be a matrix but received shape "
                       f"{list(ind.shape)}")
    if vals.ndim != 1:
        raise _invalid(f"Input values should be a vector but received shape "
                       f"{list(vals.shape)}")
    if shp.ndim != 1:
        raise _invalid(f"Input shape should be a vector but received shape {list(shp.shape)}")


def _serialize_infer(inputs, attrs):
    _check_out_type(attrs, "SerializeSparse")
    return [(attrs.get("out_type", _dt.string), TensorShape([3]))]


def _as_strings(boxes, vtype):
    out = np.empty(boxes.shape, dtype=object)
    for idx in np.ndindex(*boxes.shape[:-1]):
        b = boxes[idx]
        out[idx] = [tensor_bytes(b[0], _dt.int64), tensor_bytes(b[1], vtype),
                    tensor_bytes(b[2], _dt.int64)]
    return out


def _serialize_kernel(sparse_indices, sparse_values, sparse_shape, out_type=None, T=None,
                      **_):
    ind, vals, shp = (np.asarray(a) for a in (sparse_indices, sparse_values, sparse_shape))
    _check_components(ind, vals, shp)
    boxed = box(ind.copy(), vals.copy(), shp.copy())
    return _as_strings(boxed, T) if out_type is _dt.string else boxed


register_op("SerializeSparse", infer=_serialize_infer, kernel=_serialize_kernel, grad=None)


def _serialize_many_infer(inputs, attrs):
    _check_out_type(attrs, "SerializeManySparse")
    return [(attrs.get("out_type", _dt.string), TensorShape([None, 3]))]


def _fmt(idx):
    return "[" + ",".join(str(int(i)) for i in idx) + "]"


def _serialize_many_kernel(sparse_indices, sparse_values, sparse_shape, out_type=None,
                           T=None, **_):
    ind, vals, shp = (np.asarray(a) for a in (sparse_indices, sparse_values, sparse_shape))
    _check_components(ind, vals, shp)
    rank = shp.shape[0]
    if rank < 2:
        raise _invalid(f"Rank of input SparseTensor should be > 1, but saw rank: {rank}")
    ind = ind.astype(np.int64, copy=False)
    for i in range(1, ind.shape[0]):   # TF's SparseTensor::IndicesValid: row-major order
        a, b = ind[i - 1].tolist(), ind[i].tolist()
        if b <= a:
            raise _invalid(f"indices[{i}] = {_fmt(b)} is "
                           f"{'repeated' if a == b else 'out of order'}")
    n = int(shp[0])
    out = np.empty((n, 3), dtype=object)
    rows = ind[:, 0] if ind.shape[0] else np.zeros(0, np.int64)
    starts = np.searchsorted(rows, np.arange(n + 1))
    for b in range(n):
        lo, hi = int(starts[b]), int(starts[b + 1])
        out[b] = box(ind[lo:hi, 1:].copy(), vals[lo:hi].copy(), shp[1:].copy())
    return _as_strings(out, T) if out_type is _dt.string else out


register_op("SerializeManySparse", infer=_serialize_many_infer,
            kernel=_serialize_many_kernel, grad=None)


def _deserialize_infer(inputs, attrs):
    s = inputs[0].shape
    if s.ndims is not None and (s.ndims == 0 or s[-1] not in (None, 3)):
        raise ValueError(f"Dimension must be 3 but is {s[-1] if s.ndims else 0} for "
                         "'DeserializeSparse'")
    dtype = attrs["dtype"]
    return [(_dt.int64, TensorShape([None, None])), (dtype, TensorShape([None])),
            (_dt.int64, TensorShape([None]))]


def unbox(serialized, dtype):
    """(indices, values, dense_shape) of a [..., 3] array of boxed SparseTensors: one
    SparseTensor, the leading dimensions first (TF's DeserializeSparse)."""
    ser = np.asarray(serialized, dtype=object)
    if ser.ndim == 0 or ser.shape[-1] != 3:
        raise _invalid("Serialized sparse should have 3 as the last dimension "
                       f"{_fmt(ser.shape)}")
    want = np.dtype(dtype.as_numpy_dtype)
    lead = ser.shape[:-1]
    flat = ser.reshape(-1, 3)
    parts = []
    rank = None
    for k, (ind, vals, shp) in enumerate(flat):
        vals = np.asarray(vals)
        if vals.dtype != want and not (dtype is _dt.string and vals.dtype == object):
            raise _invalid(f"Requested SparseTensor of type {_tf_name(want)} but "
                           f"SparseTensor[{k}].values.dtype() == {_tf_name(vals.dtype)}")
        r = int(np.size(shp))
        if rank is None:
            rank = r
        elif r != rank:
            raise _invalid(f"Inconsistent shape across SparseTensors: rank prior to "
                           f"SparseTensor[{k}] was: {rank} but rank of SparseTensor[{k}] is: "
                           f"{r}")
        parts.append((np.asarray(ind, dtype=np.int64).reshape(-1, r), vals,
                      np.asarray(shp, dtype=np.int64).reshape(-1)))
    if not lead:
        ind, vals, shp = parts[0]
        return ind.copy(), vals.copy(), shp.copy()
    rank = rank or 0
    if not parts:
        return (np.zeros((0, len(lead) + rank), np.int64), np.zeros(0, want),
                np.array(list(lead) + [0] * rank, np.int64))
    shape = np.max(np.stack([p[2] for p in parts]), axis=0) if rank else \
        np.zeros(0, np.int64)
    pos = np.array(list(itertools.product(*[range(d) for d in lead])), dtype=np.int64) \
        .reshape(len(parts), len(lead))
    idx = [np.concatenate([np.broadcast_to(pos[k], (len(p[0]), len(lead))), p[0]], axis=1)
           for k, p in enumerate(parts)]
    values = np.concatenate([p[1] for p in parts])
    if values.dtype != want:
        values = values.astype(want)
    return (np.concatenate(idx).astype(np.int64, copy=False), values,
            np.concatenate([np.array(lead, np.int64), shape]).astype(np.int64))


def _tf_name(npdtype):
    names = {"float32": "float", "float64": "double", "object": "string"}
    return names.get(np.dtype(npdtype).name, np.dtype(npdtype).name)


def _deserialize_kernel(serialized, dtype=None, Tserialized=None, **_):
    ser = np.asarray(serialized, dtype=object)
    if ser.size and ser.ndim and ser.shape[-1] == 3 and \
            isinstance(ser.reshape(-1)[0], (bytes, str)):
        ser = _parts(ser)
    return unbox(ser, dtype)


register_op("DeserializeSparse", infer=_deserialize_infer, kernel=_deserialize_kernel,
            grad=None)


def _deserialize_many_infer(inputs, attrs):
    s = inputs[0].shape
    if s.ndims is not None and s.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {s.ndims}")
    if s.ndims == 2 and s[1] not in (None, 3):
        raise ValueError(f"Dimension must be 3 but is {s[1]}")
    return [(_dt.int64, TensorShape([None, None])), (attrs["dtype"], TensorShape([None])),
            (_dt.int64, TensorShape([None]))]


def _deserialize_many_kernel(serialized_sparse, dtype=None, **_):
    ser = np.asarray(serialized_sparse, dtype=object)
    if ser.ndim != 2 or ser.shape[1] != 3:
        raise _invalid("Serialized sparse should be a matrix with 3 columns, but saw shape: "
                       + _fmt(ser.shape))
    return unbox(_parts(ser), dtype)


register_op("DeserializeManySparse", infer=_deserialize_many_infer,
            kernel=_deserialize_many_kernel, grad=None)


# -- tf.data.experimental.dense_to_sparse_batch ---------------------------------------------
def _shape_str(s):
    return "[" + ",".join(str(int(d)) for d in s) + "]"


def _dense_to_sparse_batch(args, attrs, fns):
    ds, n = args[0], int(_scalar(args[1]))
    row = [int(d) for d in np.asarray(args[2]).reshape(-1)]
    if n <= 0:
        raise _invalid("Batch size must be greater than zero.")

    def to_sparse(elems):
        dims = [d for d in row]
        ind, vals = [], []
        for b, e in enumerate(elems):
            x = np.asarray(e[0])
            if x.ndim != len(row):
                raise _invalid(f"Input element had shape ({_shape_str(x.shape)}) that is "
                               f"incompatible with the row shape ({_shape_str(row)}).")
            for k, (have, want) in enumerate(zip(x.shape, row)):
                if want >= 0 and have > want:
                    raise errors.DataLossError(
                        None, None, f"Input element had shape ({_shape_str(x.shape)}) that "
                        f"is larger than the row shape ({_shape_str(row)}).")
            flat = x.reshape(-1)
            pos = np.indices(x.shape).reshape(len(row), -1).T if x.size else \
                np.zeros((0, len(row)), np.int64)
            ind.append(np.concatenate([np.full((len(flat), 1), b, np.int64),
                                       pos.astype(np.int64)], axis=1))
            vals.append(flat)
        for k, want in enumerate(row):
            if want < 0:
                dims[k] = max([np.shape(e[0])[k] for e in elems] + [0])
        dtype = attrs["output_types"][0]
        values = np.concatenate(vals) if vals else np.zeros(0, dtype.as_numpy_dtype)
        return (box(np.concatenate(ind), values, [len(elems)] + dims),)

    def it():
        src = ds.iterate()
        while True:
            elems = list(itertools.islice(src, n))
            if not elems:
                return
            yield to_sparse(elems)
    return DatasetValue(it)


register_dataset_op("ExperimentalDenseToSparseBatchDataset", _dense_to_sparse_batch)


# -- Dataset.from_sparse_tensor_slices ------------------------------------------------------
def _sparse_slices(args, attrs, fns):
    ind, vals, shp = (np.asarray(a) for a in args)
    ind = ind.astype(np.int64, copy=False).reshape(-1, shp.shape[0] if shp.ndim else 0)
    rows = ind[:, 0] if ind.shape[0] else np.zeros(0, np.int64)
    if len(rows) > 1 and (np.diff(rows) < 0).any():
        raise errors.UnimplementedError(
            None, None, "The SparseTensor must be ordered in the batch dimension; handling "
            "arbitrarily ordered input is not currently supported.")
    n = int(shp[0]) if shp.size else 0
    starts = np.searchsorted(rows, np.arange(n + 1))
    rest = shp[1:].astype(np.int64)

    def it():
        for b in range(n):
            lo, hi = int(starts[b]), int(starts[b + 1])
            yield (ind[lo:hi, 1:].copy(), vals[lo:hi].copy(), rest.copy())
    return DatasetValue(it)


register_dataset_op("SparseTensorSliceDataset", _sparse_slices)
