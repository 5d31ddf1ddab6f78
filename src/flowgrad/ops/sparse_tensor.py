"""tf.SparseTensor and tf.SparseTensorValue (TF 1.14's fields): indices [N, rank] int64,
values [N], dense_shape [rank] int64. `sess.run` of a SparseTensor returns a
SparseTensorValue."""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_session, name_scope
from ..engine.framework.static_value import constant_value_as_shape
from ..engine.ops import sparse as _sparse
from ..engine.ops.cast import cast

__all__ = ["SparseTensor", "SparseTensorValue", "convert_to_tensor_or_sparse_tensor"]

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
        indices_shape = self._indices.shape.with_rank(2)
        values_shape = self._values.shape.with_rank(1)
        dense_shape_shape = self._dense_shape.shape.with_rank(1)
        # as TF: as many index rows as values, as many index columns as dense dims
        indices_shape.dims[0].merge_with(values_shape.dims[0])
        indices_shape.dims[1].merge_with(dense_shape_shape.dims[0])

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    op = property(lambda self: self._values.op)
    graph = property(lambda self: self._indices.graph)

    @property
    def shape(self):
        """TF's `constant_value_as_shape(dense_shape)`: what is known of it at build time
        (a constant, or a concat / pack / slice of known parts)."""
        return constant_value_as_shape(self._dense_shape)

    def get_shape(self):
        return self.shape

    def _fetch_components(self):
        return [self._indices, self._values, self._dense_shape], \
            lambda r: SparseTensorValue(*r)

    def _feed_components(self):
        return [self._indices, self._values, self._dense_shape]

    def eval(self, feed_dict=None, session=None):
        session = session or get_default_session()
        return session.run(self, feed_dict)

    def consumers(self):
        return self._indices.consumers() + self._values.consumers() + \
            self._dense_shape.consumers()

    def _binary(self, y, op_name, fn):
        # TF's math_ops binary_op_wrapper_sparse: `sp op dense` keeps the indices
        with name_scope(None, op_name, [self, y]) as scope:
            y = convert_to_tensor(y, dtype=self.dtype.base_dtype, name="y")
            return SparseTensor(self._indices, fn(self._indices, self._values,
                                                  self._dense_shape, y, name=scope),
                                self._dense_shape)

    def __mul__(self, y):
        return self._binary(y, "mul", _sparse.sparse_dense_cwise_mul)

    def __div__(self, y):
        return self._binary(y, "div", _sparse.sparse_dense_cwise_div)

    def __truediv__(self, y):
        return self._binary(y, "truediv", _sparse_dense_truediv)

    def __str__(self):   # (no __repr__, as TF: a list of them prints <... object at ...>)
        return (f"SparseTensor(indices={self._indices}, values={self._values}, "
                f"dense_shape={self._dense_shape})")


# TF's _TRUEDIV_TABLE: the dtype `sp / dense` divides in (None: as is).
_TRUEDIV = {_dt.uint8: _dt.float32, _dt.int8: _dt.float32, _dt.uint16: _dt.float32,
            _dt.int16: _dt.float32, _dt.int32: _dt.float64, _dt.int64: _dt.float64,
            _dt.bfloat16: None, _dt.float16: None, _dt.float32: None, _dt.float64: None,
            _dt.complex64: None, _dt.complex128: None}


def _sparse_dense_truediv(sp_indices, sp_values, sp_shape, y, name=None):
    """TF's math_ops._sparse_dense_truediv: `sp / dense` with integers cast to floats."""
    with name_scope(name, "truediv", [sp_indices, sp_values, sp_shape, y]) as scope:
        sp_values = convert_to_tensor(sp_values, name="sp_values")
        y = convert_to_tensor(y, name="y")
        x_dtype, y_dtype = sp_values.dtype.base_dtype, y.dtype.base_dtype
        if x_dtype != y_dtype:
            raise TypeError(f"x and y must have the same dtype, got {x_dtype!r} != "
                            f"{y_dtype!r}")
        if x_dtype not in _TRUEDIV:
            raise TypeError(f"Invalid dtype {x_dtype!r} in __truediv__")
        dtype = _TRUEDIV[x_dtype]
        if dtype is not None:
            sp_values, y = cast(sp_values, dtype), cast(y, dtype)
        return _sparse.sparse_dense_cwise_div(sp_indices, sp_values, sp_shape, y, name=scope)


def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None):
    """A SparseTensor (or SparseTensorValue, made a SparseTensor) passes, checked against
    `dtype`; anything else is converted to a Tensor."""
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        if dtype and not dtype.is_compatible_with(value.dtype):
            raise RuntimeError(f"Sparse dtype: requested = {dtype.name}, actual = "
                               f"{value.dtype.name}")
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)

