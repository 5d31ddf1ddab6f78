"""tf.sparse (TF 1.14's names for the SparseTensor functions; flowgrad/ops/sparse_ops.py)."""
from __future__ import annotations

from .ops.sparse_ops import sparse_placeholder as placeholder
from .ops.sparse_ops import sparse_reduce_sum as reduce_sum
from .ops.sparse_ops import sparse_reorder as reorder
from .ops.sparse_ops import sparse_retain as retain
from .ops.sparse_ops import sparse_transpose as transpose
from .ops.sparse_ops import sparse_tensor_dense_matmul as sparse_dense_matmul
from .ops.sparse_ops import sparse_tensor_dense_matmul as matmul
from .ops.sparse_ops import sparse_tensor_to_dense as to_dense
from .ops.sparse_tensor import SparseTensor

__all__ = ["SparseTensor", "to_dense", "reorder", "reduce_sum", "sparse_dense_matmul",
           "matmul", "placeholder",
           "retain", "transpose"]
