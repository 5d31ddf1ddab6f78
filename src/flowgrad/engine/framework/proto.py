"""Lazy access to the protobuf classes that the `tensorboard` package ships.

Nothing imports tensorboard at import time; GraphDef export, summary ops and
FileWriter call `pb()` at graph-build or construction time and get a clear
ImportError naming the `summary` extra without it.
"""
from __future__ import annotations

import types

import numpy as np

from . import dtypes as _dt

_PB = None


def pb():
    """A namespace with summary_pb2, event_pb2, graph_pb2, ... (ImportError naming the extra)."""
    global _PB
    if _PB is None:
        try:
            from tensorboard.compat.proto import (  # lazy: optional dependency (summary extra)
                attr_value_pb2,
                event_pb2,
                graph_pb2,
                node_def_pb2,
                summary_pb2,
                tensor_pb2,
                tensor_shape_pb2,
                types_pb2,
                versions_pb2,
            )
        except ImportError:
            raise ImportError("tf.summary and GraphDef export need the 'tensorboard' and "
                              "'protobuf' packages: pip install 'flowgrad[summary]'") from None
        _PB = types.SimpleNamespace(
            attr_value_pb2=attr_value_pb2, event_pb2=event_pb2, graph_pb2=graph_pb2,
            node_def_pb2=node_def_pb2, summary_pb2=summary_pb2, tensor_pb2=tensor_pb2,
            tensor_shape_pb2=tensor_shape_pb2, types_pb2=types_pb2, versions_pb2=versions_pb2)
    return _PB


# TF's make_tensor_proto: the repeated field a tensor of at most one element fills.
_VAL_FIELDS = {"float32": "float_val", "float64": "double_val", "int32": "int_val",
               "int16": "int_val", "int8": "int_val", "uint8": "int_val", "uint16": "int_val",
               "int64": "int64_val", "bool": "bool_val", "uint32": "uint32_val",
               "uint64": "uint64_val", "complex64": "scomplex_val",
               "complex128": "dcomplex_val", "float16": "half_val", "bfloat16": "half_val"}


def tensor_proto(arr, dtype=None, canonical=False):
    """A TensorProto of a NumPy array as TF's AsProtoTensorContent writes it.

    `canonical`: as TF 1.14's make_tensor_proto (what tf.constant puts in a
    GraphDef): tensor_content for more than one element, the typed value
    field (float_val, int_val, ...) for a scalar or a one-element tensor.
    """
    p = pb()
    if canonical:
        arr = np.asarray(arr)
        dt = dtype or (_dt.string if arr.dtype == object or arr.dtype.kind in "SU"
                       else _dt.as_dtype(arr.dtype))
        field = _VAL_FIELDS.get(dt.base_dtype.name)
        if field is not None and arr.size <= 1:
            t = p.tensor_pb2.TensorProto(dtype=_enum(dt))
            t.tensor_shape.SetInParent()
            for d in arr.shape:
                t.tensor_shape.dim.add(size=d)
            flat = arr.reshape(-1)
            if field == "half_val":
                bits = np.asarray(flat, np.float16).view(np.uint16) if dt.name == "float16" \
                    else (np.asarray(flat, np.float32).view(np.uint32) >> 16)
                t.half_val.extend(int(x) for x in bits)
            elif field in ("scomplex_val", "dcomplex_val"):
                for x in flat:
                    getattr(t, field).extend([float(x.real), float(x.imag)])
            else:
                getattr(t, field).extend(flat.tolist())
            return t
    p = pb()
    arr = np.asarray(arr)
    dtype = dtype or (_dt.string if arr.dtype == object or arr.dtype.kind in "SU"
                      else _dt.as_dtype(arr.dtype))
    t = p.tensor_pb2.TensorProto(dtype=dtype.as_datatype_enum
                                 if hasattr(dtype, "as_datatype_enum") else _enum(dtype))
    t.tensor_shape.SetInParent()  # TF always writes the shape, even a scalar's
    for d in arr.shape:
        t.tensor_shape.dim.add(size=d)
    if dtype.base_dtype is _dt.string:
        t.string_val.extend(x if isinstance(x, bytes) else str(x).encode()
                            for x in arr.reshape(-1))
    else:
        t.tensor_content = np.ascontiguousarray(
            arr.astype(arr.dtype.newbyteorder("<"), copy=False)).tobytes()
    return t


def _enum(dtype):
    return _dt._ENUM[dtype.base_dtype]


def shape_proto(dims):
    """A TensorShapeProto for a tuple of dims (None entries are -1) or None (unknown rank)."""
    p = pb()
    s = p.tensor_shape_pb2.TensorShapeProto()
    if dims is None:
        s.unknown_rank = True
        return s
    for d in dims:
        s.dim.add(size=-1 if d is None else int(d))
    return s
