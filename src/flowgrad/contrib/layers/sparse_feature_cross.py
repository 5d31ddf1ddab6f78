"""contrib.layers' sparse_feature_cross (TF 1.14 contrib/layers/python/ops/
sparse_feature_cross_op.py): the crosses of SparseTensors and dense Tensors, on the ops
SparseFeatureCross / SparseFeatureCrossV2 (engine/ops/feature_cross.py)."""
from __future__ import annotations

from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import Tensor
from ...engine.ops.feature_cross import sparse_feature_cross as _op
from ...ops import math_ops
from ...ops.sparse_tensor import SparseTensor

__all__ = ["SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY", "sparse_feature_cross"]

SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY = 0xDECAFCAFFE


def sparse_feature_cross(inputs, hashed_output=False, num_buckets=0, name=None,
                         hash_key=None):
    """A SparseTensor of the crosses of `inputs` (strings "a_X_b", or int64 hashes)."""
    if not isinstance(inputs, list):
        raise TypeError("Inputs must be a list")
    if not all(isinstance(i, (SparseTensor, Tensor)) for i in inputs):
        raise TypeError("All inputs must be SparseTensors")
    sparse = [i for i in inputs if isinstance(i, SparseTensor)]
    dense = [i for i in inputs if not isinstance(i, SparseTensor)]
    indices = [s.indices for s in sparse]
    values = [s.values for s in sparse]
    shapes = [s.dense_shape for s in sparse]
    out_type = _dt.int64 if hashed_output else _dt.string
    internal_type = _dt.string
    for i, v in enumerate(values):
        if v.dtype != _dt.string:
            values[i] = math_ops.cast(v, _dt.int64)
            internal_type = _dt.int64
    for i, d in enumerate(dense):
        if d.dtype != _dt.string:
            dense[i] = math_ops.cast(d, _dt.int64)
            internal_type = _dt.int64
    out = _op(indices, values, shapes, dense, hashed_output, num_buckets, out_type,
              internal_type, hash_key=hash_key or None, name=name)
    return SparseTensor(*out)
