"""TF 1.14's ConditionalAccumulator ops: ConditionalAccumulator (the accumulator's handle),
AccumulatorApplyGradient, AccumulatorTakeGradient, AccumulatorNumAccumulated and
AccumulatorSetGlobalStep (what SyncReplicasOptimizer aggregates gradients with).

An accumulator sums the gradients applied with a local step at least its global step
(older ones are dropped, as stale); take blocks until `num_required` gradients are in,
returns their mean (reduction_type MEAN) or sum, resets the sum and advances the global
step by one. Like a queue it lives in the session's resource store under its
shared_name (else its op name), so every session of a ps task shares it.
"""
from __future__ import annotations

import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.blocking import poll_wait
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

__all__ = ["Accumulator"]



def _dims(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


class Accumulator:
    """One accumulator: a running sum, a count and a global step, guarded by a condition."""

    def __init__(self, name, dtype, shape, reduction, session):
        self.name = name
        self.dtype = np.dtype(dtype.as_numpy_dtype)
        self.shape = shape            # a tuple (None for unknown dims) or None
        self.reduction = reduction
        self.session = session
        self.cond = threading.Condition()
        self.sum = None
        self.count = 0
        self.global_step = 0

    def apply(self, local_step, grad):
        grad = np.asarray(grad)
        if grad.dtype != self.dtype:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid gradient: dtype {grad.dtype} differs from the "
                f"accumulator's {self.dtype}")
        with self.cond:
            if int(local_step) < self.global_step:
                return   # stale: dropped before any check, as TF drops it
            # TF's ValidateShape: the sum's shape first, then the accumulator's
            if self.sum is not None and self.sum.shape != grad.shape:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected {_dims(self.sum.shape)}, got "
                    f"{_dims(grad.shape)}")
            if self.shape is not None and (
                    len(self.shape) != grad.ndim or
                    any(d is not None and d != g for d, g in zip(self.shape, grad.shape))):
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected {_dims(self.shape)}, got "
                    f"{_dims(grad.shape)}")
            self.sum = grad.astype(self.dtype, copy=True) if self.sum is None \
                else self.sum + grad
            self.count += 1
            self.cond.notify_all()

    def take(self, num_required):
        num_required = int(num_required)
        if num_required <= 0:
            raise errors.InvalidArgumentError(
                None, None, f"Argument num_required must be positive, but was {num_required}")
        with self.cond:
            while self.count < num_required:
                poll_wait(self.cond, self.session, "TakeGrad")
            out = self._result()
            self.sum, self.count = None, 0
            self.global_step += 1
            return out

    def _result(self):
        out = self.sum / np.asarray(self.count, self.dtype) \
            if self.reduction == "MEAN" else self.sum
        return np.asarray(out, self.dtype)

    def set_global_step(self, step):
        with self.cond:
            self.global_step = int(step)


_KERNEL_DTYPES = (_dt.float16, _dt.float32, _dt.float64)     # TF 1.14's CPU kernels


def _no_kernel(node):
    """TF's error for an accumulator dtype without a kernel (attrs sorted: TF lists them in
    its hash map's order)."""
    a = node.attrs
    shape = a.get("shape")
    shape = "<unknown>" if shape is None or TensorShape(shape).ndims is None else \
        "[" + ",".join("?" if d is None else str(d) for d in TensorShape(shape).as_list()) + "]"
    dt = _dt.as_dtype(a["dtype"])
    items = [f"container=\"{a.get('container', '')}\"", f"shape={shape}",
             f"dtype=DT_{dt.name.upper()}",
             f"reduction_type=\"{a.get('reduction_type', 'MEAN')}\"",
             f"shared_name=\"{a.get('shared_name', '')}\""]
    return errors.InvalidArgumentError(
        None, None, f"No OpKernel was registered to support Op '{node.type}' used by node "
        f"{node.name} with these attrs: [{', '.join(sorted(items))}]")


def _handle_bind(node, ctx, cls=Accumulator):
    store = ctx.__dict__.setdefault("queues", {})
    attrs = node.attrs
    key = ("accumulator", attrs.get("container", ""), attrs.get("shared_name") or node.name)
    lock = ctx.lock
    missing = _dt.as_dtype(attrs["dtype"]) not in _KERNEL_DTYPES

    def handle():
        if missing:
            raise _no_kernel(node)
        acc = store.get(key)
        if acc is None:
            with lock:
                acc = store.get(key)
                if acc is None:
                    # (an imported GraphDef gives the shape attr as a tuple)
                    shape = TensorShape(attrs.get("shape"))
                    shape = None if shape.ndims is None else tuple(shape.as_list())
                    acc = store[key] = cls(key[2], attrs["dtype"], shape,
                                                   attrs.get("reduction_type", "MEAN"),
                                                   ctx.session)
        return acc
    return handle


def _handle_infer(inputs, attrs):
    if attrs.get("reduction_type", "MEAN") not in ("MEAN", "SUM"):
        raise ValueError(f"Value for attr 'reduction_type' of {attrs['reduction_type']!r} is "
                         "not in the list of allowed values: \"MEAN\", \"SUM\"")
    return [(_dt.string._as_ref, TensorShape([2]))]     # TF 1.14's Ref(string) handle


register_op("ConditionalAccumulator", infer=_handle_infer, bind=_handle_bind, stateful=True,
            grad=None)
register_op("AccumulatorApplyGradient", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda acc, step, grad: acc.apply(step, grad),
            stateful=True, grad=None, blocking="atomic")
register_op("AccumulatorTakeGradient",
            infer=lambda i, a: [(_dt.as_dtype(a["dtype"]), TensorShape(None))],
            bind=lambda node, ctx: lambda acc, n: acc.take(n), stateful=True,
            grad=None, blocking="atomic")
register_op("AccumulatorNumAccumulated", infer=lambda i, a: [(_dt.int32, TensorShape([]))],
            bind=lambda node, ctx: lambda acc: np.int32(acc.count), stateful=True, grad=None)
register_op("AccumulatorSetGlobalStep", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda acc, step: acc.set_global_step(step), stateful=True,
            grad=None)


# -- SparseConditionalAccumulator -----------------------------------------------------------
class SparseAccumulator(Accumulator):
    """Sums IndexedSlices-like gradients: rows by index, with a count per index.

    Adding merges the new (indices, values) into the sum as TF 1.14 does: one pass over
    both index lists, as in a merge of sorted lists (equal indices add their rows, the
    smaller index goes first), so unsorted inputs keep TF's order. take's MEAN divides
    each row by the number of gradients that had its index."""

    def apply_sparse(self, local_step, indices, values, shape, has_known_shape):
        """TF's TryApplyGrad: a stale gradient is dropped unchecked; else the checks of
        GetAndValidateTensorInputForApplyGrad and ValidateShape, in TF's order."""
        indices, values = np.asarray(indices), np.asarray(values)
        if values.dtype != self.dtype:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid gradient: dtype {values.dtype} differs from the "
                f"accumulator's {self.dtype}")
        with self.cond:
            if int(local_step) < self.global_step:
                return   # stale: dropped before any check, as TF drops it
            self._check_sparse(indices, values, np.asarray(shape, np.int64).reshape(-1),
                               has_known_shape)
            indices = indices.astype(np.int64)
            if self.sum is None:
                self.sum = (indices.copy(), values.astype(self.dtype, copy=True),
                            np.ones(indices.size, np.int64))
            else:
                self.sum = _merge(self.sum, indices, values)
            self.count += 1
            self.cond.notify_all()

    def _check_sparse(self, indices, values, shape, has_known_shape):
        if indices.ndim != 1:
            raise _invalid(f"Input indices should be vector but received shape: "
                           f"{_dims(indices.shape)}")
        if values.ndim == 0:
            raise _invalid("Values cannot be 0-dimensional.")
        if values.shape[0] != indices.size:
            raise _invalid(f"Expected {indices.size} non-empty input values, got "
                           f"{values.shape[0]}")
        acc = () if self.shape is None else self.shape   # unknown rank: no dims to check
        if has_known_shape:
            if len(acc) > shape.size:
                raise _invalid(f"Shape mismatch: expected shape rank at least {len(acc)}, "
                               f"got {shape.size}")
            for i, d in enumerate(acc):
                if d is not None and d != shape[i]:
                    raise _invalid(f"Shape mismatch: expected shape dim {i} to be {d}, got "
                                   f"{shape[i]}")
        if acc and acc[0] is not None:
            for i, k in enumerate(indices.tolist()):
                if k >= acc[0]:
                    raise _invalid(f"Shape mismatch: index of slice {i} exceeded limits of "
                                   f"shape; index is {k} exceeded {acc[0]}")
        if self.sum is not None:
            have = self.sum[1].shape
            if len(have) != values.ndim:
                raise _invalid(f"Shape mismatch: expected values rank {len(have)}, got "
                               f"{values.ndim}")
            for i in range(1, len(have)):
                if have[i] != values.shape[i]:
                    raise _invalid(f"Shape mismatch: expected values dim {i} to be "
                                   f"{have[i]}, got {values.shape[i]}")
            return
        if len(acc) > values.ndim:
            raise _invalid(f"Shape mismatch: expected values rank at least {len(acc)}, got "
                           f"{values.ndim}")
        for i in range(1, len(acc)):
            if acc[i] is not None and acc[i] != values.shape[i]:
                raise _invalid(f"Shape mismatch: expected values dim {i} to be {acc[i]}, "
                               f"got {values.shape[i]}")

    def take_sparse(self, num_required):
        idx, vals = self.take(num_required)
        # TF's ReturnShapeTensor: the accumulator's first dimension (else -1), then the
        # values' other dimensions (whatever shape the gradients were applied with)
        first = self.shape[0] if self.shape else None
        shape = np.array([-1 if first is None else first] + list(vals.shape[1:]), np.int64)
        return idx, vals, shape

    def _result(self):
        idx, vals, counts = self.sum
        if self.reduction == "MEAN":
            vals = vals / counts.reshape((-1,) + (1,) * (vals.ndim - 1)).astype(self.dtype)
        return idx, np.asarray(vals, self.dtype)


def _merge(acc, indices, values):
    """TF's one-pass merge of the sum (idx, vals, counts) with new rows."""
    a_idx, a_vals, a_cnt = acc
    out_idx, out_rows, out_cnt = [], [], []
    i = j = 0
    while i < a_idx.size or j < indices.size:
        if j >= indices.size or (i < a_idx.size and a_idx[i] < indices[j]):
            out_idx.append(a_idx[i]), out_rows.append(a_vals[i]), out_cnt.append(a_cnt[i])
            i += 1
        elif i >= a_idx.size or indices[j] < a_idx[i]:
            out_idx.append(indices[j]), out_rows.append(values[j]), out_cnt.append(1)
            j += 1
        else:
            out_idx.append(a_idx[i]), out_rows.append(a_vals[i] + values[j])
            out_cnt.append(a_cnt[i] + 1)
            i += 1
            j += 1
    rows = np.stack(out_rows).astype(a_vals.dtype) if out_rows else a_vals[:0]
    return (np.asarray(out_idx, np.int64), rows, np.asarray(out_cnt, np.int64))


def _sparse_handle_bind(node, ctx):
    return _handle_bind(node, ctx, SparseAccumulator)


register_op("SparseConditionalAccumulator", infer=_handle_infer, bind=_sparse_handle_bind,
            stateful=True, grad=None)
register_op("SparseAccumulatorApplyGradient", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda acc, step, idx, vals, shape: acc.apply_sparse(
                step, idx, vals, shape, node.attrs.get("has_known_shape", False)),
            stateful=True, grad=None, blocking="atomic")
register_op("SparseAccumulatorTakeGradient",     # TF's shape function: all unknown
            infer=lambda i, a: [(_dt.int64, TensorShape(None)),
                                (_dt.as_dtype(a["dtype"]), TensorShape(None)),
                                (_dt.int64, TensorShape(None))],
            bind=lambda node, ctx: lambda acc, n: acc.take_sparse(n), stateful=True,
            grad=None, blocking="atomic")
