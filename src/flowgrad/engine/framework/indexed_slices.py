"""`tf.IndexedSlices`: a sparse gradient (rows `values` at `indices` of a dense tensor).

Using one where a Tensor is expected densifies it: the conversion function is
registered by ops/sparse_ops.py, next to the op that densifies.
"""
from __future__ import annotations

import collections

from .constant_op import const_value
from .tensor_shape import TensorShape


class IndexedSlices:
    """Sparse representation of a tensor: `dense[indices[i]] = values[i]` (summed on repeats).

    `gather` and `embedding_lookup` produce gradients of this type; using one
    where a Tensor is expected densifies it (a sum, as TF does).
    """

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self):
        return self._values

    @property
    def indices(self):
        return self._indices

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def name(self):
        return self._values.name

    @property
    def op(self):
        return self._values.op

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def graph(self):
        return self._values.graph

    @property
    def device(self):
        return self._values.device

    def get_shape(self):
        if self._dense_shape is not None:
            v = const_value(self._dense_shape)
            if v is not None:
                return TensorShape([int(d) for d in v])
        return TensorShape(None)

    @property
    def shape(self):
        return self.get_shape()

    def _fetch_components(self):
        comps = [self._values, self._indices]
        if self._dense_shape is not None:
            comps.append(self._dense_shape)

        def rebuild(vals):
            return IndexedSlicesValue(vals[0], vals[1], vals[2] if len(vals) > 2 else None)
        return comps, rebuild

    def __neg__(self):
        return IndexedSlices(-self._values, self._indices, self._dense_shape)

    def __str__(self):   # (no __repr__, as TF: a list of them prints <... object at ...>)
        return (f"IndexedSlices(indices={self._indices}, values={self._values}"
                + (f", dense_shape={self._dense_shape}" if self._dense_shape is not None else "")
                + ")")


# What `Session.run` returns for a fetched IndexedSlices: a namedtuple, as in TF 1.14
# (so `values, indices, dense_shape = v` and `np.asarray(v)` behave as there).
IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue",
                                            ["values", "indices", "dense_shape"])
