"""The ragged kernels TF 1.14's tf.RaggedTensor builds: RaggedRange (tf.ragged.range),
RaggedTensorToSparse (RaggedTensor.to_sparse), and RaggedTensorToVariant /
RaggedTensorFromVariant (a RaggedTensor boxed as tf.data carries it). The rest of a ragged
tensor's ops are ordinary ones (ops/ragged_tensor.py composes them as TF does).

A boxed RaggedTensor is a 0-d object array holding a `RaggedBox` (its nested row splits
and flat values); a batch of them is an object array of boxes (BatchDataset stacks them
like any component)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, apply_op
from .shape import reshape, shape

_SPLITS = (_dt.int32, _dt.int64)
_RANGE_TYPES = (_dt.bfloat16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)


def _invalid(msg):
    return _errors.InvalidArgumentError(None, None, msg)


# -- RaggedRange --------------------------------------------------------------------------
def _range_infer(inputs, attrs):
    rows = None
    for t, what in zip(inputs, ("starts", "limits", "deltas")):
        if t.dtype.base_dtype not in _RANGE_TYPES:
            raise TypeError(f"Value passed to parameter '{what}' has DataType "
                            f"{t.dtype.base_dtype.name} not in list of allowed values: "
                            "bfloat16, float32, float64, int32, int64")
        dims = t.shape.as_tuple()
        if dims is not None and len(dims) > 1:
            raise ValueError(f"Shape must be at most rank 1 but is rank {len(dims)}")
        if dims and dims[0] is not None:
            if rows is not None and rows != dims[0]:
                raise ValueError(f"Dimensions must be equal, but are {dims[0]} and {rows}")
            rows = dims[0]
    if rows is None and all(t.shape.as_tuple() == () for t in inputs):
        rows = 1
    splits = TensorShape([None if rows is None else rows + 1])
    return [(attrs["Tsplits"], splits), (inputs[0].dtype.base_dtype, TensorShape([None]))]


def _range_kernel(starts, limits, deltas, Tsplits=_dt.int64, **_):
    arrays = [np.asarray(a) for a in (starts, limits, deltas)]
    for a in arrays:
        if a.ndim > 1:
            raise _invalid("starts must be a scalar or vector")
    sizes = {a.shape[0] for a in arrays if a.ndim == 1}
    if len(sizes) > 1:
        raise _invalid("starts, limits, and deltas must have the same shape")
    n = sizes.pop() if sizes else 1
    s, lim, d = (np.broadcast_to(a, (n,)) for a in arrays)
    counts = []
    for a, b, c in zip(s.tolist(), lim.tolist(), d.tolist()):
        if c == 0:
            raise _invalid("Requires delta != 0")
        if (c > 0 and b < a) or (c < 0 and b > a):
            counts.append(0)
        elif isinstance(c, int):
            counts.append((abs(b - a) + abs(c) - 1) // abs(c))
        else:
            counts.append(int(np.ceil(abs((b - a) / c))))
    dtype = arrays[0].dtype
    values = [np.arange(k, dtype=np.float64 if dtype.kind == "f" else np.int64) * c + a
              for a, c, k in zip(s.tolist(), d.tolist(), counts)]
    splits = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
    flat = np.concatenate(values) if values else np.zeros([0])
    return splits.astype(Tsplits.as_numpy_dtype), flat.astype(dtype)


register_op("RaggedRange", infer=_range_infer, kernel=_range_kernel,
            grad=no_gradient_registered)


def ragged_range(starts, limits, deltas, Tsplits=_dt.int64, name=None):
    """The RaggedRange op: (rt_nested_splits, rt_dense_values)."""
    return apply("RaggedRange", [starts, limits, deltas], {"Tsplits": _dt.as_dtype(Tsplits)},
                 name or "RaggedRange")


# -- RaggedTensorToSparse -----------------------------------------------------------------
def _to_sparse_infer(inputs, attrs):
    splits, values = inputs[:-1], inputs[-1]
    for t in splits:
        if t.dtype.base_dtype not in _SPLITS:
            raise TypeError(f"Value passed to parameter 'rt_nested_splits' has DataType "
                            f"{t.dtype.base_dtype.name} not in list of allowed values: "
                            "int32, int64")
        if t.shape.ndims is not None and t.shape.ndims != 1:
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    vdims = values.shape.as_tuple()
    if vdims is not None and not vdims:
        raise ValueError("Shape must be at least rank 1 but is rank 0")
    rank = None if vdims is None else len(vdims) + len(splits)
    n = None if vdims is None or None in vdims else int(np.prod(vdims))
    return [(_dt.int64, TensorShape([n, rank])), (values.dtype.base_dtype, TensorShape([n])),
            (_dt.int64, TensorShape([rank]))]


def _to_sparse_kernel(*arrays, **_):
    splits = [np.asarray(s, dtype=np.int64) for s in arrays[:-1]]
    values = np.asarray(arrays[-1])
    for i, s in enumerate(splits):
        if s.size == 0:
            raise _invalid("ragged splits may not be empty.")
        if s[0] != 0:
            raise _invalid("First value of ragged splits must be 0.")
        if np.any(s[1:] < s[:-1]):
            raise _invalid("Ragged splits should be non decreasing.")
        inner = splits[i + 1].size - 1 if i + 1 < len(splits) else values.shape[0]
        if s[-1] != inner:
            raise _invalid("Final value of ragged splits must match the length "
                           "the corresponding ragged values.")
    # the index prefix of each row of the outermost dimension, then each ragged level
    prefix = np.arange(splits[0].size - 1, dtype=np.int64).reshape(-1, 1)
    dense = [splits[0].size - 1]
    for s in splits:
        lengths = s[1:] - s[:-1]
        owner = np.repeat(np.arange(lengths.size), lengths)
        col = np.arange(s[-1], dtype=np.int64) - s[:-1][owner]
        prefix = np.concatenate([prefix[owner], col.reshape(-1, 1)], axis=1)
        dense.append(int(lengths.max()) if lengths.size else 0)
    inner = values.shape[1:]
    if inner:
        grid = np.indices(inner).reshape(len(inner), -1).T
        rows = np.repeat(prefix, grid.shape[0], axis=0)
        prefix = np.concatenate([rows, np.tile(grid, (prefix.shape[0], 1))], axis=1)
    dense.extend(inner)
    return (prefix.astype(np.int64).reshape(-1, len(dense)), values.reshape(-1),
            np.array(dense, dtype=np.int64))


def _to_sparse_grad(op, unused_indices_grad, values_grad, unused_shape_grad):
    """TF's: the values' gradient reshaped to the flat values; none for the splits."""
    flat = op._inputs[-1]
    return [None] * (len(op._inputs) - 1) + [reshape(values_grad, shape(flat))]


register_op("RaggedTensorToSparse", infer=_to_sparse_infer, kernel=_to_sparse_kernel,
            grad=_to_sparse_grad)


def ragged_tensor_to_sparse(rt_nested_splits, rt_dense_values, name=None):
    """The RaggedTensorToSparse op: (sparse_indices, sparse_values, sparse_dense_shape)."""
    splits = list(rt_nested_splits)
    return apply("RaggedTensorToSparse", splits + [rt_dense_values],
                 {"RAGGED_RANK": len(splits), "Tsplits": splits[0].dtype.base_dtype,
                  "T": rt_dense_values.dtype.base_dtype}, name or "RaggedTensorToSparse")


# -- RaggedTensorToVariant / RaggedTensorFromVariant ---------------------------------------
class RaggedBox:
    """One boxed RaggedTensor: its nested row splits (a tuple of int arrays, outermost
    first; empty for a dense row) and its flat values."""

    __slots__ = ("splits", "values")

    def __init__(self, splits, values):
        self.splits = tuple(splits)
        self.values = values

    def __repr__(self):
        return "RaggedBox(splits=%r, values=%r)" % (self.splits, self.values)


def _box(splits, values):
    out = np.empty((), dtype=object)
    out[()] = RaggedBox(splits, values)
    return out


def _to_variant_infer(inputs, attrs):
    splits = inputs[:-1]
    if not splits:
        raise ValueError("RAGGED_RANK must be at least 1")
    for t in splits:
        if t.shape.ndims is not None and t.shape.ndims != 1:
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    if attrs.get("batched_input"):
        return [(_dt.variant, TensorShape([None]))]
    return [(_dt.variant, TensorShape([]))]


def _to_variant_kernel(*arrays, batched_input=False, **_):
    splits = [np.asarray(s) for s in arrays[:-1]]
    values = np.asarray(arrays[-1])
    if not batched_input:
        return _box(splits, values)
    outer, inner = splits[0], splits[1:]
    out = np.empty((outer.size - 1,), dtype=object)
    for i in range(outer.size - 1):
        lo, hi = int(outer[i]), int(outer[i + 1])
        row_splits = []
        for s in inner:       # the row's part of each inner level, rebased to 0
            part = s[lo:hi + 1]
            row_splits.append(part - part[0])
            lo, hi = int(part[0]), int(part[-1])
        out[i] = RaggedBox(row_splits, values[lo:hi])
    return out


register_op("RaggedTensorToVariant", infer=_to_variant_infer, kernel=_to_variant_kernel,
            grad=no_gradient_registered)


def ragged_tensor_to_variant(rt_nested_splits, rt_dense_values, batched_input, name=None):
    """The RaggedTensorToVariant op: the ragged tensor boxed (row by row when batched)."""
    splits = list(rt_nested_splits)
    return apply("RaggedTensorToVariant", splits + [rt_dense_values],
                 {"RAGGED_RANK": len(splits), "Tvalues": rt_dense_values.dtype.base_dtype,
                  "Tsplits": splits[0].dtype.base_dtype, "batched_input": bool(batched_input)},
                 name or "RaggedTensorToVariant")


def _from_variant_infer(inputs, attrs):
    enc = inputs[0]
    if enc.dtype.base_dtype is not _dt.variant:
        raise TypeError(f"Input 'encoded_ragged' of 'RaggedTensorFromVariant' Op has type "
                        f"{enc.dtype.base_dtype.name} that does not match expected type of "
                        "variant.")
    n = attrs["output_ragged_rank"]
    return [(attrs["Tsplits"], TensorShape([None]))] * n + \
        [(attrs["Tvalues"], TensorShape(None))]


def _from_variant_kernel(encoded_ragged, input_ragged_rank=-1, output_ragged_rank=1,
                         Tvalues=None, Tsplits=_dt.int64, **_):
    enc = np.asarray(encoded_ragged, dtype=object)
    r = enc.ndim
    if input_ragged_rank == -1:
        input_ragged_rank = output_ragged_rank - r
    if output_ragged_rank != input_ragged_rank + r:
        raise _invalid(f"output_ragged_rank must be equal to input_ragged_rank + "
                       f"encoded_ragged.dims(); output_ragged_rank: {output_ragged_rank}, "
                       f"input_ragged_rank: {input_ragged_rank}, encoded_ragged.dims(): {r}")
    if input_ragged_rank < 0:
        raise _invalid(f"input_ragged_rank must be >= 0 but got {input_ragged_rank}")
    boxes = [b.item() if isinstance(b, np.ndarray) else b for b in enc.reshape(-1)]
    for b in boxes:
        if not isinstance(b, RaggedBox) or len(b.splits) != input_ragged_rank:
            raise _invalid(f"Encoded input RaggedTensorVariant has ragged_rank="
                           f"{len(b.splits) if isinstance(b, RaggedBox) else -1}.  Expected "
                           f"ragged_rank={input_ragged_rank}.")
    sdt = Tsplits.as_numpy_dtype
    vdt = Tvalues.as_numpy_dtype if Tvalues is not None else None
    if r == 0:
        b = boxes[0]
        return tuple(np.asarray(s, sdt) for s in b.splits) + (np.asarray(b.values, vdt),)
    out = []
    dims = enc.shape
    for k in range(r - 1):      # the batch dimensions become uniform ragged dimensions
        out.append(np.arange(int(np.prod(dims[:k + 1])) + 1, dtype=sdt) * dims[k + 1])
    lengths = [len(b.splits[0]) - 1 if b.splits else len(b.values) for b in boxes]
    out.append(np.concatenate([[0], np.cumsum(lengths)]).astype(sdt))
    for level in range(input_ragged_rank):
        parts, offset = [np.zeros(1, sdt)], 0
        for b in boxes:
            s = np.asarray(b.splits[level], sdt)
            parts.append(s[1:] + offset)
            offset += int(s[-1])
        out.append(np.concatenate(parts))
    vals = [np.asarray(b.values, vdt) for b in boxes]
    if vals:
        inner = {v.shape[1:] for v in vals}
        if len(inner) > 1:
            raise _invalid("Tensor shape mismatch in RaggedTensorFromVariant: inner shapes "
                           f"{sorted(inner)}")
        values = np.concatenate(vals)
    else:
        values = np.zeros([0], vdt)
    return tuple(out) + (values,)


register_op("RaggedTensorFromVariant", infer=_from_variant_infer, kernel=_from_variant_kernel,
            grad=no_gradient_registered)


def ragged_tensor_from_variant(encoded_ragged, input_ragged_rank, output_ragged_rank, Tvalues,
                               Tsplits=_dt.int64, name=None):
    """The RaggedTensorFromVariant op: (output_nested_splits, output_dense_values)."""
    outs = apply_op("RaggedTensorFromVariant", [encoded_ragged],
                    {"input_ragged_rank": int(input_ragged_rank),
                     "output_ragged_rank": int(output_ragged_rank),
                     "Tvalues": _dt.as_dtype(Tvalues), "Tsplits": _dt.as_dtype(Tsplits)},
                    name or "RaggedTensorFromVariant").outputs
    return list(outs[:-1]), outs[-1]


# -- RaggedGather --------------------------------------------------------------------------
def _gather_infer(inputs, attrs):
    p = attrs["PARAMS_RAGGED_RANK"]
    splits, values, indices = inputs[:p], inputs[p], inputs[p + 1]
    if indices.dtype.base_dtype not in _SPLITS:
        raise TypeError(f"Value passed to parameter 'indices' has DataType "
                        f"{indices.dtype.base_dtype.name} not in list of allowed values: "
                        "int32, int64")
    n = attrs["OUTPUT_RAGGED_RANK"]
    vshape = values.shape
    inner = None if vshape.ndims is None else [None] + vshape.as_list()[1:]
    return [(splits[0].dtype.base_dtype, TensorShape([None]))] * n + \
        [(values.dtype.base_dtype, TensorShape(inner))]


def _gather_kernel(*arrays, PARAMS_RAGGED_RANK=1, OUTPUT_RAGGED_RANK=1, **_):
    p = PARAMS_RAGGED_RANK
    splits = [np.asarray(s) for s in arrays[:p]]
    values, indices = np.asarray(arrays[p]), np.asarray(arrays[p + 1])
    sdt = splits[0].dtype
    nrows = splits[0].size - 1
    flat = indices.reshape(-1).astype(np.int64)
    for i, k in enumerate(flat.tolist()):
        if not 0 <= k < nrows:
            raise _invalid(f"indices[{i}] = {k} is not in [0, {nrows})")
    out = [np.arange(int(np.prod(indices.shape[:d + 1])) + 1, dtype=sdt) * indices.shape[d + 1]
           for d in range(indices.ndim - 1)]
    rows = flat
    for s in splits:      # each level: the picked rows' lengths, then their elements
        starts, limits = s[rows], s[rows + 1]
        out.append(np.concatenate([[0], np.cumsum(limits - starts)]).astype(sdt))
        rows = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(),
                                                                  limits.tolist())] +
                              [np.zeros(0, np.int64)]).astype(np.int64)
    dense = values[rows]
    return tuple(out) + (dense,)


register_op("RaggedGather", infer=_gather_infer, kernel=_gather_kernel,
            grad=no_gradient_registered)


def ragged_gather(params_nested_splits, params_dense_values, indices, OUTPUT_RAGGED_RANK,
                  name=None):
    """The RaggedGather op: (output_nested_splits, output_dense_values)."""
    splits = list(params_nested_splits)
    outs = apply_op("RaggedGather", splits + [params_dense_values, indices], {
        "Tvalues": params_dense_values.dtype.base_dtype,
        "Tindices": indices.dtype.base_dtype, "Tsplits": splits[0].dtype.base_dtype,
        "PARAMS_RAGGED_RANK": len(splits), "OUTPUT_RAGGED_RANK": int(OUTPUT_RAGGED_RANK)},
        name or "RaggedGather").outputs
    return list(outs[:-1]), outs[-1]


__all__ = ["RaggedBox", "ragged_gather", "ragged_range", "ragged_tensor_to_sparse",
           "ragged_tensor_to_variant", "ragged_tensor_from_variant"]
