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
import time

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape

__all__ = ["Accumulator"]

_POLL = 0.05


def _dims(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


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
            if self.shape is not None and (
                    len(self.shape) != grad.ndim or
                    any(d is not None and d != g for d, g in zip(self.shape, grad.shape))):
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected {_dims(self.shape)}, got "
                    f"{_dims(grad.shape)}")
            if self.sum is not None and self.sum.shape != grad.shape:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected {_dims(self.sum.shape)}, got "
                    f"{_dims(grad.shape)}")
            if int(local_step) < self.global_step:
                return   # stale: dropped, as TF drops it
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
                self.cond.wait(_POLL)
                s = self.session
                if s is not None:
                    if s._closed:
                        raise errors.CancelledError(
                            None, None, "TakeGrad operation was cancelled")
                    deadline = getattr(s._ctx.deadline, "at", None)
                    if deadline is not None and time.monotonic() > deadline:
                        raise errors.DeadlineExceededError(
                            None, None, "Timed out waiting for notification")
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


def _handle_bind(node, ctx, cls=Accumulator):
    store = ctx.__dict__.setdefault("queues", {})
    attrs = node.attrs
    key = ("accumulator", attrs.get("container", ""), attrs.get("shared_name") or node.name)
    lock = ctx.lock

    def handle():
        acc = store.get(key)
        if acc is None:
            with lock:
                acc = store.get(key)
                if acc is None:
                    shape = attrs.get("shape")
                    shape = None if shape is None or shape.ndims is None \
                        else tuple(shape.as_list())
                    acc = store[key] = cls(key[2], attrs["dtype"], shape,
                                                   attrs.get("reduction_type", "MEAN"),
                                                   ctx.session)
        return acc
    return handle


def _handle_infer(inputs, attrs):
    if attrs.get("reduction_type", "MEAN") not in ("MEAN", "SUM"):
        raise ValueError(f"Value for attr 'reduction_type' of {attrs['reduction_type']!r} is "
                         "not in the list of allowed values: \"MEAN\", \"SUM\"")
    return [(_dt.resource, TensorShape([]))]


register_op("ConditionalAccumulator", infer=_handle_infer, bind=_handle_bind, stateful=True,
            grad=None)
register_op("AccumulatorApplyGradient", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda acc, step, grad: acc.apply(step, grad),
            stateful=True, grad=None)
register_op("AccumulatorTakeGradient",
            infer=lambda i, a: [(_dt.as_dtype(a["dtype"]), TensorShape(None))],
            bind=lambda node, ctx: lambda acc, n: acc.take(n), stateful=True, grad=None)
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
        indices = np.asarray(indices, np.int64).reshape(-1)
        values = np.asarray(values)
        if values.dtype != self.dtype:
            raise errors.InvalidArgumentError(
                None, None, f"Invalid gradient: dtype {values.dtype} differs from the "
                f"accumulator's {self.dtype}")
        if values.ndim == 0 or values.shape[0] != indices.size:
            raise errors.InvalidArgumentError(
                None, None, f"Shape mismatch: expected values dim 0 to be {indices.size}, "
                f"got {values.shape[0] if values.ndim else 'a scalar'}")
        shape = np.asarray(shape, np.int64).reshape(-1)
        acc = self.shape
        if has_known_shape and acc is not None and len(acc) > 0:
            if len(acc) > shape.size:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected shape rank at least {len(acc)}, "
                    f"got {shape.size}")
            for i, (d, s) in enumerate(zip(acc, shape)):
                if d is not None and d != s:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: expected shape dim {i} to be {d}, "
                        f"got {s}")
        if acc is not None and len(acc) > 1:
            for i, (d, v) in enumerate(zip(acc[1:], values.shape[1:]), 1):
                if d is not None and d != v:
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch: expected values dim {i} to be {d}, "
                        f"got {v}")
        with self.cond:
            if self.sum is not None and self.sum[1].shape[1:] != values.shape[1:]:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch: expected values {_dims(self.sum[1].shape)}, "
                    f"got {_dims(values.shape)}")
            if int(local_step) < self.global_step:
                return   # stale: dropped
            if self.sum is None:
                self.sum = (indices.copy(), values.astype(self.dtype, copy=True),
                            np.ones(indices.size, np.int64),
                            shape.copy() if has_known_shape else None)
            else:
                self.sum = _merge(self.sum, indices, values)
            self.count += 1
            self.cond.notify_all()

    def take_sparse(self, num_required):
        out = self.take(num_required)
        idx, vals, counts, shape = out
        if shape is None:
            shape = np.array([-1] + list(vals.shape[1:]), np.int64)
        return idx, vals, shape

    def _result(self):
        idx, vals, counts, shape = self.sum
        if self.reduction == "MEAN":
            vals = vals / counts.reshape((-1,) + (1,) * (vals.ndim - 1)).astype(self.dtype)
        return idx, np.asarray(vals, self.dtype), counts, shape


def _merge(acc, indices, values):
    """TF's one-pass merge of the sum (idx, vals, counts) with new rows."""
    a_idx, a_vals, a_cnt, shape = acc
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
    return (np.asarray(out_idx, np.int64), rows, np.asarray(out_cnt, np.int64), shape)


def _sparse_handle_bind(node, ctx):
    return _handle_bind(node, ctx, SparseAccumulator)


register_op("SparseConditionalAccumulator", infer=_handle_infer, bind=_sparse_handle_bind,
            stateful=True, grad=None)
register_op("SparseAccumulatorApplyGradient", infer=lambda i, a: [],
            bind=lambda node, ctx: lambda acc, step, idx, vals, shape: acc.apply_sparse(
                step, idx, vals, shape, node.attrs.get("has_known_shape", False)),
            stateful=True, grad=None)
register_op("SparseAccumulatorTakeGradient",
            infer=lambda i, a: [(_dt.int64, TensorShape([None])),
                                (_dt.as_dtype(a["dtype"]), TensorShape(None)),
                                (_dt.int64, TensorShape([None]))],
            bind=lambda node, ctx: lambda acc, n: acc.take_sparse(n), stateful=True,
            grad=None)
