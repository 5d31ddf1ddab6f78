"""TF 1.14's SparseTensorsMap ops (sparse_tensors_map_ops.cc), which tf.train.batch & co.
use to pass SparseTensors through a queue as int64 handles.

AddSparseToTensorsMap stores one SparseTensor and returns its handle; AddManySparse-
ToTensorsMap stores each row of a minibatch SparseTensor (rank > 1, indices in order) and
returns one handle per row: the rows that have entries first, in order, then the empty
ones. Handles count up from 0 per map. TakeManySparseFromTensorsMap takes the handles'
SparseTensors out of the map (each handle once) and stacks them along a new first
dimension, the other dimensions the largest of theirs. The map is the session's resource
`(container or "localhost", shared_name or the adding op's name)`.
"""
from __future__ import annotations

import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .sparse_serialize import _check_components, _fmt, _serialize_many_kernel, unbox

__all__ = []


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


class SparseTensorsMap:
    """One map of one session: handle -> (indices, values, dense_shape)."""

    def __init__(self, name):
        self.name, self.counter, self.tensors = name, 0, {}
        self.lock = threading.Lock()

    def add(self, parts):
        with self.lock:
            handles = np.arange(self.counter, self.counter + len(parts), dtype=np.int64)
            self.counter += len(parts)
            self.tensors.update(zip(handles.tolist(), parts))
        return handles

    def take(self, handles):
        """The handles' tensors, each removed from the map (those found before a missing
        one stay removed, as TF's RetrieveAndClearSparseTensors)."""
        out = []
        with self.lock:
            for h in handles.tolist():
                part = self.tensors.pop(h, None)
                if part is None:
                    raise _invalid(f"Unable to find SparseTensor: {h} in map: {self.name}")
                out.append(part)
        return out


def _map(node, ctx):
    """The op's map getter: created on first use, as TF's SparseTensorAccessingOp."""
    container = node.attrs.get("container") or "localhost"
    key = ("sparse_tensors_map", container, node.attrs.get("shared_name") or node.name)

    def get():
        return ctx.resource("queues", key, lambda: SparseTensorsMap(key[2]))
    return get


def _components(ind, vals, shp):
    ind, vals, shp = np.asarray(ind), np.asarray(vals), np.asarray(shp)
    _check_components(ind, vals, shp)
    return ind, vals, shp.astype(np.int64)


def _check_shape(shp):
    for d in shp.tolist():
        if d < 0:
            raise _invalid(f"Dimension {d} must be >= 0")


def _add_infer(inputs, attrs):
    _ranks(inputs)
    return [(_dt.int64, TensorShape([]))]


def _ranks(inputs):
    for t, r in zip(inputs, (2, 1, 1)):
        if t.shape.ndims not in (None, r):
            raise ValueError(f"Shape must be rank {r} but is rank {t.shape.ndims}")


def _add_bind(node, ctx):
    get = _map(node, ctx)

    def add(ind, vals, shp):
        ind, vals, shp = _components(ind, vals, shp)
        _check_shape(shp)
        _create(ind, vals, shp)
        return get().add([(ind.copy(), vals.copy(), shp.copy())])[0]
    return add


def _create(ind, vals, shp):
    """TF's SparseTensor::Create checks."""
    if ind.shape[0] != vals.shape[0]:
        raise _invalid(f"indices and values rows (indexing dimension) must match. (indices "
                       f"= {ind.shape[0]}, values = {vals.shape[0]})")
    if ind.shape[1] != shp.shape[0]:
        raise _invalid("Shape rank must be SparseTensor rank.")


def _add_many_infer(inputs, attrs):
    _ranks(inputs)
    return [(_dt.int64, TensorShape([None]))]


def _add_many_bind(node, ctx):
    get = _map(node, ctx)

    def add_many(ind, vals, shp):
        ind, vals, shp = _components(ind, vals, shp)
        if shp.shape[0] < 2:
            raise _invalid(f"Rank of input SparseTensor should be > 1, but saw rank: "
                           f"{shp.shape[0]}")
        _create(ind, vals, shp)
        ind = ind.astype(np.int64, copy=False)
        if len(ind):   # TF's IndicesValid: the first bad row, bounds before order
            oob = np.any((ind < 0) | (ind >= shp), axis=1)
            diff = ind[1:] - ind[:-1]
            nz = diff != 0
            lead = diff[np.arange(len(diff)), np.argmax(nz, axis=1)]
            unordered = np.concatenate([[False], lead <= 0])
            bad = np.nonzero(oob | unordered)[0]
            if bad.size:
                i = int(bad[0])
                if oob[i]:
                    raise _invalid(f"indices[{i}] = {_fmt(ind[i])} is out of bounds: need "
                                   f"0 <= index < {_fmt(shp)}")
                raise _invalid(f"indices[{i}] = {_fmt(ind[i])} is "
                               f"{'out of order' if lead[i - 1] else 'repeated'}")
        rows = _serialize_many_kernel(ind, vals, shp, out_type=_dt.variant)
        full = np.zeros(len(rows), bool)
        full[np.unique(ind[:, 0])] = True
        order = np.concatenate([np.nonzero(full)[0], np.nonzero(~full)[0]])
        handles = np.empty(len(rows), np.int64)
        handles[order] = get().add([tuple(rows[b]) for b in order.tolist()])
        return handles
    return add_many


def _take_infer(inputs, attrs):
    if inputs[0].shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {inputs[0].shape.ndims}")
    return [(_dt.int64, TensorShape([None, None])), (attrs["dtype"], TensorShape([None])),
            (_dt.int64, TensorShape([None]))]


def _take_bind(node, ctx):
    get = _map(node, ctx)
    dtype = node.attrs["dtype"]

    def take(handles):
        handles = np.asarray(handles)
        if handles.ndim != 1:
            raise _invalid(f"sparse_handles should be a vector but received shape "
                           f"{_fmt(handles.shape)}")
        if not len(handles):
            raise _invalid("Must have at least 1 serialized SparseTensor, but input matrix "
                           "has 0 rows")
        parts = get().take(handles)
        boxes = np.empty((len(parts), 3), dtype=object)
        for i, p in enumerate(parts):
            boxes[i] = list(p)
        return unbox(boxes, dtype)
    return take


register_op("AddSparseToTensorsMap", infer=_add_infer, bind=_add_bind, stateful=True,
            grad=None)
register_op("AddManySparseToTensorsMap", infer=_add_many_infer, bind=_add_many_bind,
            stateful=True, grad=None)
register_op("TakeManySparseFromTensorsMap", infer=_take_infer, bind=_take_bind,
            stateful=True, grad=None)
