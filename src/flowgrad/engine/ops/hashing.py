"""The ops TF's feature columns hash and bucket with: StringToHashBucketFast (Fingerprint64),
StringToHashBucketStrong (keyed SipHash), StringToHashBucket (TF's legacy Hash64),
AsString of integers, Bucketize and SparseCross (string or hashed crosses, TF's
FingerprintCat64 chain). Outputs are bit-exact with TF 1.14 (engine/ops/_hashing.py).
None is differentiable: StringToHashBucket*, AsString and SparseCross have no gradient in
TF (their inputs are strings or integers); Bucketize's gradient is None, as TF registers.
"""
from __future__ import annotations

import functools

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ..framework.tf_hash import hash64 as _hash64
from ._base import apply, to_tensor
from ._hashing import fingerprint64, siphash24
from .strings import as_string as _as_string

__all__ = ["string_to_hash_bucket_fast", "string_to_hash_bucket_strong",
           "string_to_hash_bucket", "as_string_int", "bucketize", "sparse_cross"]

_M = (1 << 64) - 1
_INT64_MAX = (1 << 63) - 1


def _strings(arr):
    flat = np.asarray(arr, dtype=object).reshape(-1).tolist()
    return [x.encode() if isinstance(x, str) else bytes(x) for x in flat]


def _bucket_kernel(fn):
    def kernel(x, num_buckets, **attrs):
        x = np.asarray(x, dtype=object)
        out = np.fromiter((fn(s, attrs) % num_buckets for s in _strings(x)), dtype=np.int64,
                          count=x.size)
        return out.reshape(x.shape)
    return kernel


def _bucket_infer(inputs, attrs):
    if inputs[0].dtype.base_dtype != _dt.string:
        raise TypeError(f"Input 'input' of '{attrs.get('_op_type', 'StringToHashBucket')}' Op "
                        f"has type {inputs[0].dtype.base_dtype.name} that does not match "
                        "expected type of string.")
    if attrs["num_buckets"] < 1:
        raise ValueError(f"Value for attr 'num_buckets' of {attrs['num_buckets']} must be at "
                         "least minimum 1")
    return [(_dt.int64, inputs[0].shape)]


_fingerprint = functools.lru_cache(maxsize=1 << 16)(fingerprint64)  # categorical values repeat


def _fast(s, attrs):
    return _fingerprint(s)


def _strong(s, attrs):
    k = attrs["key"]
    return siphash24(int(k[0]), int(k[1]), s)


def _legacy(s, attrs):
    return _hash64(s)


register_op("StringToHashBucketFast", infer=_bucket_infer, kernel=_bucket_kernel(_fast),
            grad=None)
_strong_kernel = _bucket_kernel(_strong)


def _strong_checked(x, num_buckets, **attrs):
    # TF checks the key when it creates the kernel: the run fails, not the graph build
    if len(attrs["key"]) != 2:
        raise errors.InvalidArgumentError(None, None, "Key must have 2 elements")
    return _strong_kernel(x, num_buckets, **attrs)


register_op("StringToHashBucketStrong", infer=_bucket_infer, kernel=_strong_checked,
            grad=None)
register_op("StringToHashBucket", infer=_bucket_infer, kernel=_bucket_kernel(_legacy),
            grad=None)


def _bucket_op(op_type, input, num_buckets, name, **attrs):
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype != _dt.string:
        raise TypeError(f"Input 'input' of '{op_type}' Op has type {x.dtype.base_dtype.name} "
                        "that does not match expected type of string.")
    return apply(op_type, [x], {"num_buckets": int(num_buckets), **attrs}, name)


def string_to_hash_bucket_fast(input, num_buckets, name=None):
    """Fingerprint64(input) % num_buckets, elementwise (TF's StringToHashBucketFast)."""
    return _bucket_op("StringToHashBucketFast", input, num_buckets, name)


def string_to_hash_bucket_strong(input, num_buckets, key, name=None):
    """SipHash-2-4 of input keyed by `key` (two integers) % num_buckets."""
    key = [int(k) for k in key]
    return _bucket_op("StringToHashBucketStrong", input, num_buckets, name, key=key)


def string_to_hash_bucket(string_tensor, num_buckets, name=None):
    """TF's legacy Hash64(input) % num_buckets (StringToHashBucket)."""
    return _bucket_op("StringToHashBucket", string_tensor, num_buckets, name)


# -- AsString of integers and bools (the lookup tables'): strings.py has the op ---------------
def as_string_int(input, name=None):
    """AsString of an integer or bool tensor with TF's default attrs (decimal digits)."""
    return _as_string(input, name=name)


# -- Bucketize --------------------------------------------------------------------------
def _bucketize_kernel(x, boundaries, **_):
    # TF: std::upper_bound over the float32 boundaries; a double input compares in double,
    # any other input is converted to float32 first (C++'s usual conversions)
    x = np.asarray(x)
    b = np.asarray(boundaries, dtype=np.float32)
    if x.dtype == np.float64:
        return np.searchsorted(b.astype(np.float64), x, side="right").astype(np.int32)
    return np.searchsorted(b, x.astype(np.float32), side="right").astype(np.int32)


def _bucketize_infer(inputs, attrs):
    b = list(attrs["boundaries"])
    if any(b[i] > b[i + 1] for i in range(len(b) - 1)):
        raise errors.InvalidArgumentError(None, None, "Expected sorted boundaries")
    return [(_dt.int32, inputs[0].shape)]


register_op("Bucketize", infer=_bucketize_infer, kernel=_bucketize_kernel, grad=None)

_BUCKETIZE_TYPES = (_dt.int32, _dt.int64, _dt.float32, _dt.float64)


def bucketize(input, boundaries, name=None):
    """The bucket index of each value: the count of boundaries <= value (TF's Bucketize)."""
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype not in _BUCKETIZE_TYPES:
        raise TypeError(f"Value passed to parameter 'input' has DataType "
                        f"{x.dtype.base_dtype.name} not in list of allowed values: int32, "
                        "int64, float32, float64")
    if not isinstance(boundaries, (list, tuple)):
        raise TypeError(f"Expected list for 'boundaries' argument to 'Bucketize' Op, not "
                        f"{boundaries!r}.")
    b = [float(v) for v in boundaries]
    if any(b[i] > b[i + 1] for i in range(len(b) - 1)):
        raise ValueError("Expected sorted boundaries")
    return apply("Bucketize", [x], {"T": x.dtype.base_dtype, "boundaries": b}, name)


# -- SparseCross ------------------------------------------------------------------------
_KMUL = np.uint64(0xC6A4A7935BD1E995)
_S47 = np.uint64(47)


def _cat64(a, b):
    """fingerprint_cat64 over uint64 arrays (NumPy's uint64 products wrap mod 2**64)."""
    t = b * _KMUL
    t ^= t >> _S47
    r = (a ^ _KMUL) ^ (t * _KMUL)
    r = r * _KMUL
    r ^= r >> _S47
    r = r * _KMUL
    return r ^ (r >> _S47)


def _columns(arrays, n_sparse, n_dense):
    """Per column: (flat values, start of each row's features, count per row)."""
    idx = arrays[:n_sparse]
    vals = arrays[n_sparse:2 * n_sparse]
    shapes = arrays[2 * n_sparse:3 * n_sparse]
    dense = arrays[3 * n_sparse:3 * n_sparse + n_dense]
    batch = int(np.asarray(shapes[0])[0]) if n_sparse else int(np.asarray(dense[0]).shape[0])
    for sh in shapes:
        if int(np.asarray(sh)[0]) != batch:
            raise errors.InvalidArgumentError(
                None, None, f"Expected batch size {batch} got {int(np.asarray(sh)[0])}")
    cols = []
    for i, v in zip(idx, vals):
        rows = np.asarray(i, np.int64).reshape(-1, 2)[:, 0] if np.size(i) else \
            np.zeros(0, np.int64)
        counts = np.bincount(rows, minlength=batch)[:batch] if rows.size else \
            np.zeros(batch, np.int64)
        cols.append((np.asarray(v).reshape(-1), np.cumsum(counts) - counts, counts))
    for d in dense:
        d = np.asarray(d)
        if d.ndim != 2:
            raise errors.InvalidArgumentError(
                None, None, f"Dense inputs should be a matrix but received shape "
                f"{list(d.shape)}")
        if d.shape[0] != batch:
            raise errors.InvalidArgumentError(
                None, None, f"Expected batch size {batch} got {d.shape[0]}")
        width = d.shape[1]
        cols.append((d.reshape(-1), np.arange(batch, dtype=np.int64) * width,
                     np.full(batch, width, np.int64)))
    return batch, cols


def _feature_hashes(values):
    """Per feature: Fingerprint64 of a string, the int64 value itself (as uint64)."""
    if values.dtype == object:
        return np.fromiter((_fingerprint(x.encode() if isinstance(x, str) else bytes(x))
                            for x in values.tolist()), np.uint64, count=values.size)
    return values.astype(np.int64).view(np.uint64)


def _feature_str(v):
    if isinstance(v, (bytes, str)):
        return v.encode() if isinstance(v, str) else v
    return str(int(v)).encode()


def _cross_positions(batch, cols):
    """(row of each cross, flat feature position per column): every row's cartesian product
    of its features, the last column varying fastest (TF's ProductIterator), rows in order."""
    starts = np.stack([c[1] for c in cols])          # (columns, batch)
    counts = np.stack([c[2] for c in cols])
    n = np.prod(counts, axis=0)
    single = np.nonzero(n == 1)[0]
    rows = [single]
    pos = [starts[:, single]]
    for b in np.nonzero(n > 1)[0]:
        grid = np.indices(tuple(counts[:, b])).reshape(len(cols), -1)
        rows.append(np.full(grid.shape[1], b, np.int64))
        pos.append(starts[:, b:b + 1] + grid)
    row = np.concatenate(rows).astype(np.int64)
    pos = np.concatenate(pos, axis=1)
    order = np.argsort(row, kind="stable")
    return row[order], pos[:, order]


def _sparse_cross_kernel(*arrays, N, hashed_output, num_buckets, hash_key, dense_types=(),
                         **_):
    batch, cols = _columns(arrays, N, len(dense_types))
    row, pos = _cross_positions(batch, cols)
    k = np.zeros(row.size, np.int64)
    if row.size:
        first = np.r_[True, row[1:] != row[:-1]]
        begin = np.maximum.accumulate(np.where(first, np.arange(row.size), 0))
        k = np.arange(row.size) - begin
    indices = np.stack([row, k], axis=1).astype(np.int64).reshape(-1, 2)
    if hashed_output:
        h = np.full(row.size, hash_key & _M, np.uint64)
        for (vals, _, _), p in zip(cols, pos):
            h = _cat64(h, _feature_hashes(vals)[p])
        mod = np.uint64(num_buckets if num_buckets > 0 else _INT64_MAX)
        values = (h % mod).astype(np.int64)
    else:
        values = np.empty(row.size, dtype=object)
        parts = [[_feature_str(x) for x in vals.tolist()] for vals, _, _ in cols]
        values[:] = [b"_X_".join(parts[c][p[i]] for c, p in enumerate(pos))
                     for i in range(row.size)]
    width = int(k.max()) + 1 if row.size else 0
    return indices, values, np.array([batch, width], dtype=np.int64)


def _sparse_cross_infer(inputs, attrs):
    out = _dt.int64 if attrs["hashed_output"] else _dt.string
    return [(_dt.int64, TensorShape([None, 2])), (out, TensorShape([None])),
            (_dt.int64, TensorShape([2]))]


register_op("SparseCross", infer=_sparse_cross_infer, kernel=_sparse_cross_kernel, grad=None)


def sparse_cross(indices, values, shapes, dense_inputs, hashed_output, num_buckets, hash_key,
                 out_type, internal_type, name=None):
    """TF's SparseCross op: (indices, values, dense_shape) of the crosses."""
    ins = list(indices) + list(values) + list(shapes) + list(dense_inputs)
    attrs = {"N": len(indices), "hashed_output": bool(hashed_output),
             "num_buckets": int(num_buckets), "hash_key": int(hash_key),
             "sparse_types": [v.dtype.base_dtype for v in values],
             "dense_types": [d.dtype.base_dtype for d in dense_inputs],
             "out_type": out_type, "internal_type": internal_type}
    return apply("SparseCross", ins, attrs, name)
