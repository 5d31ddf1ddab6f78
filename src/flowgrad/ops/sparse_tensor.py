"""tf.SparseTensor and tf.SparseTensorValue (TF 1.14's fields): indices [N, rank] int64,
values [N], dense_shape [rank] int64. `sess.run` of a SparseTensor returns a
SparseTensorValue."""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import const_value, convert_to_tensor
from ..engine.framework.graph import get_default_session, name_scope
from ..engine.framework.tensor_shape import TensorShape

__all__ = ["SparseTensor", "SparseTensorValue"]

SparseTensorValue = collections.namedtuple("SparseTensorValue",
                                           ["indices", "values", "dense_shape"])


class SparseTensor:
    """A sparse tensor: the `values` at `indices` of a tensor of shape `dense_shape`."""

    @classmethod
    def from_value(cls, sparse_tensor_value):
        if isinstance(sparse_tensor_value, SparseTensor):
            return sparse_tensor_value
        if not isinstance(sparse_tensor_value, SparseTensorValue):
            raise TypeError(f"Neither a SparseTensor nor SparseTensorValue: "
                            f"{sparse_tensor_value}.")
        return cls(*sparse_tensor_value)

    def __init__(self, indices, values, dense_shape):
        with name_scope(None, "SparseTensor", [indices, values, dense_shape]):
            self._indices = convert_to_tensor(indices, name="indices", dtype=_dt.int64)
            self._values = convert_to_tensor(values, name="values")
            self._dense_shape = convert_to_tensor(dense_shape, name="dense_shape",
                                                  dtype=_dt.int64)
        self._indices.shape.with_rank(2)
        self._values.shape.with_rank(1)
        self._dense_shape.shape.with_rank(1)

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    op = property(lambda self: self._values.op)
    graph = property(lambda self: self._indices.graph)

    @property
    def shape(self):
        v = const_value(self._dense_shape)
        if v is not None:
            return TensorShape([int(d) for d in v])
        return TensorShape(self._dense_shape.shape.as_list()[0:1] and
                           [None] * (self._dense_shape.shape.as_list()[0] or 0)) \
            if self._dense_shape.shape.is_fully_defined() else TensorShape(None)

    def get_shape(self):
        return self.shape

    def _fetch_components(self):
        return [self._indices, self._values, self._dense_shape], \
            lambda r: SparseTensorValue(*r)

    def eval(self, feed_dict=None, session=None):
        session = session or get_default_session()
        return session.run(self, feed_dict)

    def consumers(self):
        return self._indices.consumers() + self._values.consumers() + \
            self._dense_shape.consumers()

    def __repr__(self):
        return (f"SparseTensor(indices={self._indices}, values={self._values}, "
                f"dense_shape={self._dense_shape})")
