"""flowgrad Graph → TF `GraphDef` protobuf (`Graph.as_graph_def`, TensorBoard, write_graph).

Each op becomes a NodeDef: name, op type, inputs (`name:i`, `^ctrl`), device
and attrs mapped to AttrValue (DType → type, shapes → shape, NumPy arrays →
tensor, ints/floats/bools/strings and lists of them). Colocation becomes TF's
`_class: ["loc:@op"]`, and `add_shapes` adds `_output_shapes`. Needs the
`summary` extra (the protobuf classes come from the tensorboard package).
"""
from __future__ import annotations

import numpy as np

from . import dtypes as _dt
from .proto import pb, shape_proto, tensor_proto
from .tensor_shape import TensorShape

__all__ = ["graph_to_graph_def"]

_SHAPE_ATTRS = {"shape", "element_shape", "output_shape", "_output_shapes", "shapes",
                "output_shapes", "_shapes"}
_PRODUCER = 38  # TF 1.14's GraphDef version


def _is_shape_like(v):
    return v is None or (isinstance(v, (tuple, list))
                         and all(d is None or (isinstance(d, (int, np.integer))
                                               and not isinstance(d, bool)) for d in v))


def _attr_value(key, v, p):
    """An AttrValue for a flowgrad attr value, or None to leave the attr out."""
    av = p.attr_value_pb2.AttrValue()
    if isinstance(v, _dt.DType):
        av.type = v.base_dtype.as_datatype_enum
    elif isinstance(v, TensorShape):
        av.shape.CopyFrom(shape_proto(v.as_list() if v.ndims is not None else None))
    elif key in _SHAPE_ATTRS and _is_shape_like(v):
        av.shape.CopyFrom(shape_proto(None if v is None else tuple(v)))
    elif isinstance(v, (bool, np.bool_)):
        av.b = bool(v)
    elif isinstance(v, (int, np.integer)):
        av.i = int(v)
    elif isinstance(v, (float, np.floating)):
        av.f = float(v)
    elif isinstance(v, str):
        av.s = v.encode()
    elif isinstance(v, bytes):
        av.s = v
    elif isinstance(v, np.ndarray):
        av.tensor.CopyFrom(tensor_proto(v))
    elif isinstance(v, (tuple, list)):
        items = list(v)
        lst = av.list
        lst.SetInParent()
        if key in _SHAPE_ATTRS and all(_is_shape_like(x) or isinstance(x, TensorShape)
                                       for x in items):
            for x in items:
                dims = x.as_list() if isinstance(x, TensorShape) and x.ndims is not None \
                    else (None if isinstance(x, TensorShape) or x is None else tuple(x))
                lst.shape.add().CopyFrom(shape_proto(dims))
        elif all(isinstance(x, _dt.DType) for x in items):
            lst.type.extend(x.base_dtype.as_datatype_enum for x in items)
        elif all(isinstance(x, (bool, np.bool_)) for x in items):
            lst.b.extend(bool(x) for x in items)
        elif all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in items):
            lst.i.extend(int(x) for x in items)
        elif all(isinstance(x, (float, int, np.floating, np.integer)) for x in items):
            lst.f.extend(float(x) for x in items)
        elif all(isinstance(x, (str, bytes)) for x in items):
            lst.s.extend(x.encode() if isinstance(x, str) else x for x in items)
        else:
            av.ClearField("list")
            av.s = repr(v).encode()
    elif v is None:
        return None
    else:
        av.s = repr(v).encode()
    return av


def graph_to_graph_def(graph, add_shapes=False):
    """The GraphDef proto of `graph` (ImportError naming the `summary` extra without it)."""
    p = pb()
    gd = p.graph_pb2.GraphDef()
    gd.versions.producer = _PRODUCER
    for op in graph.get_operations():
        node = gd.node.add()
        node.name = op.name
        node.op = op.type
        node.input.extend(t._as_node_def_input() for t in op._inputs)
        node.input.extend("^" + c.name for c in op._control_inputs)
        if op.device:
            node.device = op.device
        for k, v in op._attrs.items():
            av = _attr_value(k, v, p)
            if av is not None:
                node.attr[k].CopyFrom(av)
        if op._colocation:
            node.attr["_class"].list.s.extend(b"loc:@" + c.encode() for c in op._colocation)
        if add_shapes:
            lst = node.attr["_output_shapes"].list
            lst.SetInParent()
            for t in op.outputs:
                s = t.shape
                lst.shape.add().CopyFrom(shape_proto(s.as_list() if s.ndims is not None
                                                     else None))
    return gd
