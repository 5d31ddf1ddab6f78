"""`SparseFeatureCross` and `SparseFeatureCrossV2` (TF 1.14's contrib/layers
sparse_feature_cross ops): the crosses of sparse and dense feature columns, as "_X_"-joined
strings or hashed. V1 hashes with TF's legacy HashCombine chain seeded 0xDECAFCAFFE (a
string feature hashes to its Fingerprint64, an integer to itself); V2 is SparseCross's
FingerprintCat64 chain from `hash_key`. The output is taken modulo num_buckets (or
INT64_MAX when num_buckets is 0). Neither op is differentiable (TF: NotDifferentiable)."""
from __future__ import annotations

import numpy as np

from ..framework.registry import register_op
from ._base import apply
from .hashing import (_INT64_MAX, _M, _cat64, _columns, _cross_positions, _feature_hashes,
                      _feature_str, _sparse_cross_infer)

__all__ = ["sparse_feature_cross"]

_V1_SEED = 0xDECAFCAFFE
_GOLDEN = np.uint64(0x9e3779b97f4a7800)


def _hash_combine(a, b):
    """TF's legacy HashCombine over int64 (as uint64 arrays): a ^ (b + 0x9e3779b97f4a7800 +
    (a << 10) + (a >> 4)), the right shift arithmetic."""
    shifted = (a.view(np.int64) >> np.int64(4)).view(np.uint64)
    return a ^ (b + _GOLDEN + (a << np.uint64(10)) + shifted)


def _kernel(*arrays, N, hashed_output, num_buckets, hash_key=None, dense_types=(), **_):
    batch, cols = _columns(arrays, N, len(dense_types))
    row, pos = _cross_positions(batch, cols)
    k = np.zeros(row.size, np.int64)
    if row.size:
        first = np.r_[True, row[1:] != row[:-1]]
        begin = np.maximum.accumulate(np.where(first, np.arange(row.size), 0))
        k = np.arange(row.size) - begin
    indices = np.stack([row, k], axis=1).astype(np.int64).reshape(-1, 2)
    if hashed_output:
        with np.errstate(over="ignore"):
            if hash_key is None:
                h = np.full(row.size, _V1_SEED, np.uint64)
                for (vals, _, _), p in zip(cols, pos):
                    h = _hash_combine(h, _feature_hashes(vals)[p])
            else:
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


register_op("SparseFeatureCross", infer=_sparse_cross_infer, kernel=_kernel, grad=None)
register_op("SparseFeatureCrossV2", infer=_sparse_cross_infer, kernel=_kernel, grad=None)


def sparse_feature_cross(indices, values, shapes, dense_inputs, hashed_output, num_buckets,
                         out_type, internal_type, hash_key=None, name=None):
    """The op SparseFeatureCross (V2 when `hash_key` is given): (indices, values,
    dense_shape) of the crosses."""
    ins = list(indices) + list(values) + list(shapes) + list(dense_inputs)
    attrs = {"N": len(indices), "hashed_output": bool(hashed_output),
             "num_buckets": int(num_buckets),
             "sparse_types": [v.dtype.base_dtype for v in values],
             "dense_types": [d.dtype.base_dtype for d in dense_inputs],
             "out_type": out_type, "internal_type": internal_type}
    op = "SparseFeatureCross"
    if hash_key is not None:
        attrs["hash_key"] = int(hash_key)
        op = "SparseFeatureCrossV2"
    return apply(op, ins, attrs, name)


