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
            out = self.sum / np.asarray(self.count, self.dtype) \
                if self.reduction == "MEAN" else self.sum
            self.sum, self.count = None, 0
            self.global_step += 1
            return np.asarray(out, self.dtype)

    def set_global_step(self, step):
        with self.cond:
            self.global_step = int(step)


def _handle_bind(node, ctx):
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
                    acc = store[key] = Accumulator(key[2], attrs["dtype"], shape,
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
