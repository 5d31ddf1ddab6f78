"""Horovod's collective ops: HorovodAllreduce (sum over ranks), HorovodGroupedAllreduce
(several tensors of one dtype summed as one buffer: Horovod's tensor fusion, which
DistributedOptimizer uses), HorovodAllgather (concat over ranks along dimension 0) and
HorovodBroadcast (root_rank's value everywhere).

The kernels hand their input to the process's collective backend, keyed by the op's
name: every rank runs the same graph, so the n-th run of op `name` meets the n-th run
of `name` on the other ranks. The backend is set by `hvd.init()` (flowgrad.horovod):
`LocalBackend` (one process: size 1, values pass through) until then, a ring over
Ray (flowgrad.distribute.collective) under `flowgrad launch`. Gradients are Horovod's:
allreduce's is the allreduce of the gradient; allgather's is this rank's slice of the
allreduced gradient; broadcast's is the allreduced gradient on the root, zero elsewhere.
"""
from __future__ import annotations

import re

import numpy as np

from ..framework import errors
from ..framework.constant_op import convert_to_tensor
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, apply_op
from .construction import zeros_like
from .indexing import strided_slice
from .joining import split
from .shape import reshape, shape

__all__ = ["LocalBackend", "set_backend", "get_backend", "allreduce_sum",
           "grouped_allreduce_sum", "allgather", "broadcast"]


class LocalBackend:
    """One process: rank 0 of 1. Each collective returns its input (a copy)."""

    rank, size, local_rank, local_size = 0, 1, 0, 1

    def allreduce(self, key, value):
        return np.array(value, copy=True)

    def allreduce_many(self, key, values):
        return [np.array(v, copy=True) for v in values]

    def allgather(self, key, value):
        return np.array(value, copy=True)

    def broadcast(self, key, value, root_rank):
        return np.array(value, copy=True)

    def shutdown(self):
        pass


_STATE = {"backend": LocalBackend()}


def set_backend(backend):
    """Makes `backend` the process's collective backend; returns the previous one."""
    old, _STATE["backend"] = _STATE["backend"], backend
    return old


def get_backend():
    return _STATE["backend"]


def _same_infer(inputs, attrs):
    return [(inputs[0].dtype, inputs[0].shape)]


def _gather_infer(inputs, attrs):
    shape = inputs[0].shape
    if shape.ndims is not None and shape.ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0 for 'HorovodAllgather'")
    dims = None if shape.ndims is None else [None] + shape.as_list()[1:]
    return [(inputs[0].dtype, TensorShape(dims))]


def _check_root(root, size):
    if not 0 <= root < size:
        raise errors.InvalidArgumentError(
            None, None, f"root_rank {root} is out of range for a job of size {size}")


def _allreduce_bind(node, ctx):
    name = node.name
    return lambda x: get_backend().allreduce(name, np.asarray(x))


def _grouped_infer(inputs, attrs):
    dtypes = {t.dtype.base_dtype for t in inputs}
    if len(dtypes) > 1:
        raise TypeError("HorovodGroupedAllreduce: the tensors of one group must have one "
                        f"dtype, got {sorted(d.name for d in dtypes)}")
    return [(t.dtype.base_dtype, t.shape) for t in inputs]


def _grouped_bind(node, ctx):
    name = node.name
    def run(*xs):
        out = get_backend().allreduce_many(name, [np.asarray(x) for x in xs])
        return out[0] if len(out) == 1 else tuple(out)   # one output: the array itself
    return run


def _allgather_bind(node, ctx):
    name = node.name
    return lambda x: get_backend().allgather(name, np.asarray(x))


def _broadcast_bind(node, ctx):
    name, root = node.name, int(node.attrs["root_rank"])

    def run(x):
        backend = get_backend()
        _check_root(root, backend.size)
        return backend.broadcast(name, np.asarray(x), root)
    return run


def _normalize(name):
    return re.sub("[^a-zA-Z0-9_]", "_", name)


def allreduce_sum(tensor, name=None):
    """The sum of `tensor` over all ranks (one HorovodAllreduce op)."""
    return apply("HorovodAllreduce", [tensor], {"T": tensor.dtype.base_dtype},
                 name or "HorovodAllreduce_" + _normalize(tensor.name))


def grouped_allreduce_sum(tensors, name=None):
    """The sums over all ranks of several tensors of one dtype, exchanged as one buffer
    (tensor fusion: one collective instead of one per tensor)."""
    op = apply_op("HorovodGroupedAllreduce", list(tensors),
                  {"T": tensors[0].dtype.base_dtype, "num_tensors": len(tensors)},
                  name or "HorovodGroupedAllreduce")
    return list(op.outputs)


def allgather(tensor, name=None):
    """`tensor` of every rank, concatenated along dimension 0 in rank order."""
    return apply("HorovodAllgather", [tensor], {"T": tensor.dtype.base_dtype},
                 name or "HorovodAllgather_" + _normalize(tensor.name))


def broadcast(tensor, root_rank, name=None):
    """Rank `root_rank`'s `tensor` on every rank."""
    return apply("HorovodBroadcast", [tensor],
                 {"T": tensor.dtype.base_dtype, "root_rank": int(root_rank)},
                 name or "HorovodBroadcast_" + _normalize(tensor.name))


def _allreduce_grad(op, grad):
    return [allreduce_sum(convert_to_tensor(grad))]   # an IndexedSlices goes dense, as in TF


def _grouped_grad(op, *grads):
    grads = [convert_to_tensor(g) if g is not None else zeros_like(x)
             for g, x in zip(grads, op._inputs)]
    return grouped_allreduce_sum(grads)


def _allgather_grad(op, grad):
    """This rank's rows of the allreduced gradient (sizes from an allgather of dim 0)."""
    grad = allreduce_sum(convert_to_tensor(grad))
    backend = get_backend()
    d0 = strided_slice(shape(op._inputs[0]), [0], [1], [1])
    sizes = reshape(allgather(d0), [backend.size])
    return [split(grad, sizes, axis=0, num=backend.size)[backend.rank]]


def _broadcast_grad(op, grad):
    reduced = allreduce_sum(convert_to_tensor(grad))
    if get_backend().rank != op._get_attr("root_rank"):
        return [zeros_like(reduced)]
    return [reduced]


register_op("HorovodAllreduce", infer=_same_infer, bind=_allreduce_bind, stateful=True,
            grad=_allreduce_grad)
register_op("HorovodGroupedAllreduce", infer=_grouped_infer, bind=_grouped_bind,
            stateful=True, grad=_grouped_grad)
register_op("HorovodAllgather", infer=_gather_infer, bind=_allgather_bind, stateful=True,
            grad=_allgather_grad)
register_op("HorovodBroadcast", infer=_same_infer, bind=_broadcast_bind, stateful=True,
            grad=_broadcast_grad)
