"""TF 1.14's tensor_util: `tf.make_tensor_proto`, `tf.make_ndarray`, `tf.get_static_value`
(also `tf.contrib.util`'s): TensorProtos written field for field as TF writes them."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import to_numpy
from ..engine.framework.graph import Tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.proto import (_CONTENT_TYPES, _VAL_FIELDS, append_typed_values, pb,
                                      tensor_from_proto)

__all__ = ["constant_value", "get_static_value", "make_ndarray", "make_tensor_proto"]


def make_tensor_proto(values, dtype=None, shape=None, verify_shape=False,
                      allow_broadcast=False):
    """A TensorProto of `values` (as tf.constant converts them; `shape` may be larger than
    the values, which TF's readers fill with the last value).

    Raises TypeError/ValueError as TF 1.14: values that do not fit `dtype`, a shape they
    do not match under `verify_shape`, more values than `shape` holds.
    """
    if isinstance(values, Tensor):
        raise TypeError("Failed to convert object of type %s to Tensor. Contents: %s. "
                        "Consider casting elements to a supported type."
                        % (type(values), values))
    want = _dt.as_dtype(dtype).base_dtype if dtype is not None else None
    if shape is not None and int(np.prod(shape, dtype=np.int64)) == 0:
        arr = np.empty([int(d) for d in shape], dtype=object if want is _dt.string else
                       (want or _dt.float32).as_numpy_dtype)
    else:
        arr = to_numpy(values, want)
    dt = want or (_dt.string if arr.dtype == object or arr.dtype.kind in "SU"
                  else _dt.as_dtype(arr.dtype))
    if shape is None:
        shape = list(arr.shape)
        same = True
        n = arr.size
    else:
        shape = [int(d) for d in shape]
        n = int(np.prod(shape, dtype=np.int64))
        same = n == arr.size
        if allow_broadcast:
            if arr.shape not in ((1,), ()) and arr.size != n:
                raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), arr.shape))
        else:
            if verify_shape and arr.shape != tuple(shape):
                raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), arr.shape))
            if arr.size > n:
                raise ValueError("Too many elements provided. Needed at most %d, but received %d"
                                 % (n, arr.size))
    p = pb()
    t = p.tensor_pb2.TensorProto(dtype=dt.as_datatype_enum)
    t.tensor_shape.SetInParent()
    for d in shape:
        t.tensor_shape.dim.add(size=d)
    flat = arr.reshape(-1)
    if same and dt.name in _CONTENT_TYPES and n > 1:   # raw bytes when the array fills the shape
        if arr.nbytes >= (1 << 31):
            raise ValueError("Cannot create a tensor proto whose content is larger than 2GB.")
        t.tensor_content = np.ascontiguousarray(
            flat.astype(flat.dtype.newbyteorder("<"), copy=False)).tobytes()
        return t
    if dt is _dt.string:
        t.string_val.extend(x if isinstance(x, bytes) else str(x).encode() for x in flat)
        return t
    field = _VAL_FIELDS.get(dt.name)
    if field is None:
        raise TypeError("Element type not supported in TensorProto: %s" % dt.name)
    append_typed_values(t, field, flat, dt)
    return t


def make_ndarray(tensor):
    """The NumPy array of a TensorProto (strings as an object array of bytes)."""
    return tensor_from_proto(tensor)


get_static_value = constant_value
