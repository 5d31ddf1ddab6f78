"""The other segment reductions of TF 1.14: UnsortedSegmentMax/Min/Prod, SegmentMin/Prod,
and the unsorted_segment_mean / unsorted_segment_sqrt_n composites.

Empty segments hold the reduction's identity, as TF's kernels: the dtype's lowest
value for max, its highest for min, 1 for prod (sorted SegmentMin/Max/Prod: 0/0/1).
Negative ids of the unsorted ops are dropped. The gradients are TF 1.14's
(math_grad.py), built from ops so that they differentiate again.
"""
from __future__ import annotations

__all__ = ["unsorted_segment_max", "unsorted_segment_min", "unsorted_segment_prod",
           "unsorted_segment_mean", "unsorted_segment_sqrt_n", "segment_min", "segment_prod"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ._array_util import TensorLike, _scope
from ._base import NUMBERS, REAL_NUMBERS, apply, check_dtype, to_tensor
from .cast import cast
from .comparison import equal, greater, logical_and
from .construction import ones, ones_like, zeros_like
from .elementwise import maximum, sqrt, truediv
from .indexing import gather, where
from .segment import (_check_ids, _gather_drop_negatives, _segment, _segment_infer,
                      _segment_prepare,
                      _unsorted_rows, _uss_infer, segment_sum, unsorted_segment_sum)
from .shape import reshape, shape


def _identity(ufunc, dtype):
    if ufunc is np.multiply:
        return dtype.type(1)
    if dtype.kind == "b":
        return ufunc is np.minimum
    info = np.finfo(dtype) if dtype.kind in "fc" else np.iinfo(dtype)
    return info.min if ufunc is np.maximum else info.max


def _reduce_rows(rows, ids, n, ufunc, init):
    """out[j] = ufunc.reduce(rows[ids == j]), `init` where no row has id j."""
    out = np.full((n, rows.shape[1]), init, dtype=rows.dtype)
    if not ids.size or not rows.shape[1]:
        return out
    order = np.argsort(ids, kind="stable")
    sid = ids[order]
    starts = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
    out[sid[starts]] = ufunc.reduceat(rows[order], starts, axis=0)
    return out


def _unsorted_kernel(ufunc):
    def kernel(data, segment_ids, num_segments, **_):
        rows, flat, n, tail = _unsorted_rows(data, segment_ids, num_segments)
        out = _reduce_rows(rows, flat, n, ufunc, _identity(ufunc, rows.dtype))
        return out.reshape((n,) + tail)
    return kernel


def _sorted_kernel(ufunc, init):
    def kernel(data, segment_ids, **_):
        data, ids, n, rows = _segment_prepare(data, segment_ids)
        return _reduce_rows(rows, ids, n, ufunc, init).reshape((n,) + data.shape[1:])
    return kernel


# -- gradients (TF 1.14's math_grad.py) ---------------------------------------------------------
def _unsorted_min_max_grad(op, grad):
    """The gradient goes to the elements equal to their segment's extreme, split among ties."""
    data, ids, num = op._inputs
    gathered, clipped, is_positive = _gather_drop_negatives(op.outputs[0], ids)
    is_selected = logical_and(equal(data, gathered), is_positive)
    num_selected = unsorted_segment_sum(cast(is_selected, grad.dtype.base_dtype), ids, num)
    weighted = truediv(grad, num_selected)
    g, _, _ = _gather_drop_negatives(weighted, None, clipped, is_positive)
    return [where(is_selected, g, zeros_like(g)), None, None]


def _unsorted_prod_grad(op, grad):
    """d/dx_i prod = prod / x_i, or the product of the others where x_i is the one zero."""
    data, ids, num = op._inputs
    is_zero = equal(data, 0)
    num_zeros = unsorted_segment_sum(cast(is_zero, _dt.int32), ids, num)
    grad = where(greater(num_zeros, 1), zeros_like(grad), grad)
    non_zero_data = where(is_zero, ones_like(data), data)
    non_zero_prod = unsorted_segment_prod(non_zero_data, ids, num)
    clipped = maximum(ids, zeros_like(ids))
    gathered_prod = gather(op.outputs[0], clipped)
    gathered_non_zero_prod = gather(non_zero_prod, clipped)
    prod_divided_by_el = truediv(gathered_prod, data)
    partial = where(is_zero, gathered_non_zero_prod, prod_divided_by_el)
    gathered_grad = _gather_drop_negatives(grad, ids, clipped)[0]
    return [gathered_grad * partial, None, None]


def _segment_min_max_grad(op, grad):
    """TF's _SegmentMinOrMaxGrad: split among the elements equal to the segment's extreme."""
    data, ids = op._inputs
    zeros = zeros_like(data)
    gathered = gather(op.outputs[0], ids)
    is_selected = equal(data, gathered)
    num_selected = segment_sum(cast(is_selected, grad.dtype.base_dtype), ids)
    weighted = truediv(grad, num_selected)
    return [where(is_selected, gather(weighted, ids), zeros), None]


for _type, _ufunc, _grad in (("UnsortedSegmentMax", np.maximum, _unsorted_min_max_grad),
                             ("UnsortedSegmentMin", np.minimum, _unsorted_min_max_grad),
                             ("UnsortedSegmentProd", np.multiply, _unsorted_prod_grad)):
    register_op(_type, infer=_uss_infer, kernel=_unsorted_kernel(_ufunc), grad=_grad)

register_op("SegmentMin", infer=_segment_infer,
            kernel=_sorted_kernel(np.minimum, 0), grad=_segment_min_max_grad)
# TF 1.14 registers no gradient for SegmentProd.
register_op("SegmentProd", infer=_segment_infer,
            kernel=_sorted_kernel(np.multiply, 1), grad=no_gradient_registered)


def _unsorted(op_type, data, segment_ids, num_segments, name, allowed):
    d = data if isinstance(data, Tensor) else to_tensor(data, name="data")
    with _scope(name, op_type, [d]) as scope:
        check_dtype(op_type, d, allowed, "data")
        ids = segment_ids if isinstance(segment_ids, Tensor) else to_tensor(
            segment_ids, name="segment_ids")
        _check_ids(ids)   # TF's op layer: before it converts num_segments
        n = num_segments if isinstance(num_segments, Tensor) else to_tensor(
            num_segments, dtype=_dt.int32, name="num_segments")
        return apply(op_type, [d, ids, n], None, scope)


def unsorted_segment_max(data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike,
                         name: str | None = None) -> Tensor:
    """output[j] = max of data[i...] with segment_ids[i...] == j; empty: the lowest value.

    >>> tf.Session().run(tf.unsorted_segment_max([1, 5, 3], [1, 1, 0], 2))
    array([3, 5], dtype=int32)
    """
    return _unsorted("UnsortedSegmentMax", data, segment_ids, num_segments, name, REAL_NUMBERS)


def unsorted_segment_min(data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike,
                         name: str | None = None) -> Tensor:
    """output[j] = min of data[i...] with segment_ids[i...] == j; empty: the highest value."""
    return _unsorted("UnsortedSegmentMin", data, segment_ids, num_segments, name, REAL_NUMBERS)


def unsorted_segment_prod(data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike,
                          name: str | None = None) -> Tensor:
    """output[j] = product of data[i...] with segment_ids[i...] == j; empty: 1."""
    return _unsorted("UnsortedSegmentProd", data, segment_ids, num_segments, name, NUMBERS)


def _unsorted_segment_n(data, ids, num_segments):
    """TF's _unsorted_segment_N: the count per segment, at least 1, shaped to broadcast."""
    ones_t = ones(shape(ids), dtype=data.dtype.base_dtype)
    n = unsorted_segment_sum(ones_t, ids, num_segments)
    ndims_output = data.shape.ndims - ids.shape.ndims
    n = reshape(n, [num_segments] + [1] * ndims_output)
    return maximum(n, 1)


def _composite(default, data, segment_ids, num_segments, name, root):
    with _scope(name, default, []):
        d = to_tensor(data)
        ids = to_tensor(segment_ids)
        n = _unsorted_segment_n(d, ids, num_segments)
        summed = unsorted_segment_sum(d, ids, num_segments)
        return truediv(summed, sqrt(n) if root else n)


def unsorted_segment_mean(data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike,
                          name: str | None = None) -> Tensor:
    """output[j] = mean of data[i...] with segment_ids[i...] == j (0 for empty segments).

    >>> tf.Session().run(tf.unsorted_segment_mean([1., 2., 4.], [1, 0, 1], 3))
    array([2. , 2.5, 0. ], dtype=float32)
    """
    return _composite("UnsortedSegmentMean", data, segment_ids, num_segments, name, False)


def unsorted_segment_sqrt_n(data: TensorLike, segment_ids: TensorLike,
                            num_segments: TensorLike, name: str | None = None) -> Tensor:
    """output[j] = sum of data[i...] with segment_ids[i...] == j, divided by sqrt(count)."""
    return _composite("UnsortedSegmentSqrtN", data, segment_ids, num_segments, name, True)


def segment_min(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """output[j] = min of data[i] with sorted segment_ids[i] == j (empty segments: 0).

    >>> tf.Session().run(tf.segment_min([1, 5, 3, 2], [0, 0, 1, 1]))
    array([1, 2], dtype=int32)
    """
    return _segment("SegmentMin", data, segment_ids, name, REAL_NUMBERS)


def segment_prod(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """output[j] = product of data[i] with sorted segment_ids[i] == j (empty segments: 1)."""
    return _segment("SegmentProd", data, segment_ids, name, NUMBERS)
