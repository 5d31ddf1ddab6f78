"""Lazy access to the protobuf classes that the `tensorboard` package ships.

Nothing imports tensorboard at import time; GraphDef export, summary ops and
FileWriter call `pb()` at graph-build or construction time and get a clear
ImportError naming the `summary` extra without it.
"""
from __future__ import annotations

import re
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
                meta_graph_pb2,
                node_def_pb2,
                op_def_pb2,
                saver_pb2,
                summary_pb2,
                tensor_pb2,
                tensor_shape_pb2,
                types_pb2,
                variable_pb2,
                versions_pb2,
            )
        except ImportError:
            raise ImportError("tf.summary and GraphDef export need the 'tensorboard' and "
                              "'protobuf' packages: pip install 'flowgrad[summary]'") from None
        _PB = types.SimpleNamespace(
            attr_value_pb2=attr_value_pb2, event_pb2=event_pb2, graph_pb2=graph_pb2,
            node_def_pb2=node_def_pb2, summary_pb2=summary_pb2, tensor_pb2=tensor_pb2,
            tensor_shape_pb2=tensor_shape_pb2, types_pb2=types_pb2, versions_pb2=versions_pb2,
            meta_graph_pb2=meta_graph_pb2, saver_pb2=saver_pb2, variable_pb2=variable_pb2,
            op_def_pb2=op_def_pb2)
        for module in vars(_PB).values():
            for desc in module.DESCRIPTOR.message_types_by_name.values():
                _print_as_tf(getattr(module, desc.name), desc)
    return _PB


def _print_as_tf(cls, desc):
    """str() and repr() of `cls` (and its nested messages) as under TF 1.14 (protobuf 3.20's
    text format): map entries sorted by key, floats as tf_text writes them, where the upb
    runtime prints maps in insertion order and floats in their shortest form."""
    cls.__str__ = cls.__repr__ = _tf_str
    for sub in desc.nested_types:
        if not sub.GetOptions().map_entry:
            _print_as_tf(getattr(cls, sub.name), sub)


def _tf_str(self):
    return tf_text(self)


# float (not double) fields of the graph protos, one `name: value` line each in text format
_FLOAT_LINE = re.compile(r"^(\s*(?:f|float_val|scomplex_val|simple_value|sample_rate|"
                         r"keep_checkpoint_every_n_hours): )(\S+)$", re.M)


def tf_text(msg, **kwargs):
    """text_format.MessageToString(msg, **kwargs) as TF 1.14 writes it: a float field as
    Python's str of its double value (`0.10000000149011612`; graph_io.write_graph's
    float_format='' and 3.x protobuf's str(proto)), where newer protobuf releases print
    the shortest float32 text (`0.1`)."""
    from google.protobuf import text_format  # lazy: optional dependency (summary extra)
    text = text_format.MessageToString(msg, **kwargs)
    return _FLOAT_LINE.sub(lambda m: m.group(1) + str(float(np.float32(m.group(2)))), text)


# TF's make_tensor_proto: the repeated field a tensor of at most one element fills.
_VAL_FIELDS = {"float32": "float_val", "float64": "double_val", "int32": "int_val",
               "int16": "int_val", "int8": "int_val", "uint8": "int_val", "uint16": "int_val",
               "int64": "int64_val", "bool": "bool_val", "uint32": "uint32_val",
               "uint64": "uint64_val", "complex64": "scomplex_val",
               "complex128": "dcomplex_val", "float16": "half_val", "bfloat16": "half_val"}
# TF 1.14's _TENSOR_CONTENT_TYPES: the dtypes make_tensor_proto writes as tensor_content
# when a tensor has several elements (the others: every value in the typed field).
_CONTENT_TYPES = frozenset({"float32", "float64", "int32", "uint8", "int16", "int8", "int64",
                            "uint32", "uint64"})


def tensor_proto(arr, dtype=None, canonical=False):
    """A TensorProto of a NumPy array as TF's AsProtoTensorContent writes it.

    `canonical`: as TF 1.14's make_tensor_proto (what tf.constant puts in a
    GraphDef): tensor_content for more than one element of a `_CONTENT_TYPES` dtype,
    else the typed value field (float_val, half_val, bool_val, ...).
    """
    p = pb()
    if canonical:
        arr = np.asarray(arr)
        dt = dtype or (_dt.string if arr.dtype == object or arr.dtype.kind in "SU"
                       else _dt.as_dtype(arr.dtype))
        field = _VAL_FIELDS.get(dt.base_dtype.name)
        if field is not None and (arr.size <= 1 or dt.base_dtype.name not in _CONTENT_TYPES):
            t = p.tensor_pb2.TensorProto(dtype=_enum(dt))
            t.tensor_shape.SetInParent()
            for d in arr.shape:
                t.tensor_shape.dim.add(size=d)
            append_typed_values(t, field, arr.reshape(-1), dt)
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


def filled_tensor_proto(values, shape, dtype):
    """TF's make_tensor_proto of fewer values than `shape` holds (a scalar or a short list
    that fills it): the values in their typed field; TF's readers repeat the last."""
    t = pb().tensor_pb2.TensorProto(dtype=_enum(dtype))
    t.tensor_shape.SetInParent()
    for d in shape:
        t.tensor_shape.dim.add(size=d)
    flat = np.asarray(values).reshape(-1)
    if dtype.base_dtype is _dt.string:
        t.string_val.extend(x if isinstance(x, bytes) else str(x).encode() for x in flat)
    else:
        append_typed_values(t, _VAL_FIELDS[dtype.base_dtype.name], flat, dtype)
    return t


def append_typed_values(t, field, flat, dt):
    """Writes the 1-D array `flat` into TensorProto `t`'s typed field (`_VAL_FIELDS`), as
    TF's make_tensor_proto does: half_val holds float16 bits (bfloat16's top 16 bits),
    the complex fields real/imaginary pairs."""
    if field == "half_val":
        bits = np.asarray(flat, np.float16).view(np.uint16) if dt.name == "float16" \
            else (np.asarray(flat, np.float32).view(np.uint32) >> 16)
        t.half_val.extend(int(x) for x in bits)
    elif field in ("scomplex_val", "dcomplex_val"):
        for x in flat:
            getattr(t, field).extend([float(x.real), float(x.imag)])
    else:
        getattr(t, field).extend(flat.tolist())


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


_NP_OF_ENUM = {1: "<f4", 2: "<f8", 3: "<i4", 4: "u1", 5: "<i2", 6: "i1", 9: "<i8", 10: "?",
               8: "<c8", 18: "<c16", 17: "<u2", 19: "<f2", 22: "<u4", 23: "<u8"}
_VALS_OF_ENUM = {1: "float_val", 2: "double_val", 3: "int_val", 4: "int_val", 5: "int_val",
                 6: "int_val", 9: "int64_val", 10: "bool_val", 17: "int_val", 22: "uint32_val",
                 23: "uint64_val", 8: "scomplex_val", 18: "dcomplex_val", 19: "half_val",
                 14: "half_val"}


def tensor_from_proto(t):
    """The NumPy array of a TensorProto (tensor_content or the typed values, the last one
    repeated to fill the shape, as TF's MakeNdarray); ValueError for a dtype or layout it
    cannot hold."""
    shape = tuple(d.size for d in t.tensor_shape.dim)
    if any(d < 0 for d in shape):
        raise ValueError(f"tensor shape {list(shape)} is not fully defined")
    count = int(np.prod(shape, dtype=np.int64))
    if t.dtype == 7:  # string
        vals = list(t.string_val)
        out = np.empty(count, dtype=object)
        if vals:
            out[:len(vals)] = vals[:count]
            out[len(vals):] = vals[-1]
        else:
            out[:] = b""
        return out.reshape(shape)
    if t.dtype == 14:  # bfloat16: flowgrad holds it as float32
        bits = np.frombuffer(t.tensor_content, "<u2") if t.tensor_content else \
            np.array(list(t.half_val), np.uint16)
        vals = (bits.astype(np.uint32) << 16).view(np.float32)
    elif t.dtype in _NP_OF_ENUM:
        np_dtype = np.dtype(_NP_OF_ENUM[t.dtype])
        if t.tensor_content:
            if len(t.tensor_content) != count * np_dtype.itemsize:
                raise ValueError(f"tensor_content has {len(t.tensor_content)} bytes for "
                                 f"{count} {np_dtype} values")
            return np.frombuffer(t.tensor_content, np_dtype).astype(np_dtype.newbyteorder("="))\
                .reshape(shape)
        field = _VALS_OF_ENUM[t.dtype]
        raw = list(getattr(t, field))
        if t.dtype == 19:
            vals = np.array(raw, np.uint16).view(np.float16)
        elif t.dtype in (8, 18):
            vals = np.array(raw[0::2], np.float64) + 1j * np.array(raw[1::2], np.float64)
            vals = vals.astype(np_dtype)
        else:
            vals = np.array(raw, dtype=np_dtype.newbyteorder("="))
    else:
        raise ValueError(f"tensor of dtype enum {t.dtype} is not supported")
    if count == 0:
        return np.zeros(shape, vals.dtype)
    if vals.size == 0:
        return np.zeros(shape, vals.dtype)
    if vals.size >= count:
        return vals[:count].reshape(shape)
    return np.concatenate([vals, np.repeat(vals[-1:], count - vals.size)]).reshape(shape)
