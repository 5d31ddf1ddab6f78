"""TF 1.14's SummarizeAttrValue / SummarizeNodeDef (core/framework/attr_value_util.cc,
node_def_util.cc): attr values and a NodeDef in one line, as TF's messages print them
(tensors as Tensor::DebugString, their first 3 values)."""
from __future__ import annotations

import math

import numpy as np

from .errors import c_escape
from .proto import pb, tensor_from_proto

__all__ = ["summarize_attr_value", "summarize_node_def"]

# DataType enums TF 1.14's Tensor::SummarizeValue prints values of: half, float, double,
# the integers, bool and string.
_SUMMARIZED = frozenset({1, 2, 3, 4, 5, 6, 7, 9, 10, 17, 19, 22, 23})
_MAX_LIST = 15   # TF 1.14's kMaxListSummarySize: a longer list keeps 5 + "..." + 5


def _special(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return None


def _float(v) -> str:
    """TF's FloatToBuffer: %.6g, or %.9g when that does not read back as the float."""
    f = np.float32(v)
    special = _special(float(f))
    if special:
        return special
    s = "%.6g" % f
    return s if np.float32(s) == f else "%.9g" % f


def _double(v) -> str:
    """TF's DoubleToBuffer: %.15g, or %.17g when that does not read back as the double."""
    v = float(v)
    special = _special(v)
    if special:
        return special
    s = "%.15g" % v
    return s if float(s) == v else "%.17g" % v


def _string(raw) -> str:
    escaped = c_escape(raw if isinstance(raw, bytes) else str(raw))
    if len(escaped) >= 80:
        return '"%s...%s"' % (escaped[:10], escaped[-10:])
    return '"%s"' % escaped


def _shape(shape_proto) -> str:
    if shape_proto.unknown_rank:
        return "<unknown>"
    return "[" + ",".join("?" if d.size < 0 else str(d.size) for d in shape_proto.dim) + "]"


def _element(x, kind) -> str:
    if kind == "float32" or kind == "float16":
        return _float(x)
    if kind == "float64":
        return _double(x)
    if kind == "bool":
        return "1" if x else "0"
    if kind == "object":
        return c_escape(x if isinstance(x, bytes) else str(x))
    return str(int(x))


def _one_dim(dim, shape, limit, flat, kind, pos, out):
    if pos[0] >= limit:
        return
    count = shape[dim]
    if dim == len(shape) - 1:
        for i in range(count):
            if pos[0] >= limit:
                if dim != 0 and i < count:
                    out.append("...")
                return
            if i > 0:
                out.append(" ")
            out.append(_element(flat[pos[0]], kind))
            pos[0] += 1
        return
    for _ in range(count):
        opened = False
        if pos[0] < limit:
            out.append("[")
            opened = True
        _one_dim(dim + 1, shape, limit, flat, kind, pos, out)
        if pos[0] < limit or opened:
            out.append("]")


def _tensor(tensor_proto) -> str:
    """TF's Tensor::DebugString: type, shape, the first 3 values (TF 1.14 prints "?" for
    each value of a type its SummarizeValue has no case for: complex, bfloat16,
    quantized)."""
    type_name = pb().types_pb2.DataType.Name(tensor_proto.dtype)[3:].lower()  # DataTypeString
    shape = [d.size for d in tensor_proto.tensor_shape.dim]
    count = int(np.prod(shape, dtype=np.int64))
    limit = min(3, count)
    if tensor_proto.dtype not in _SUMMARIZED:
        values = " ".join(["?"] * limit)
    else:
        arr = tensor_from_proto(tensor_proto)
        kind = arr.dtype.name
        flat = arr.reshape(-1)
        out = []
        if arr.ndim == 0:
            out = [_element(x, kind) for x in flat[:limit]]
            out = [" ".join(out)]
        else:
            _one_dim(0, arr.shape, limit, flat, kind, [0], out)
        values = "".join(out)
    values += "..." if count > limit else ""
    return "Tensor<type: %s shape: [%s] values: %s>" % (
        type_name, ",".join(str(d) for d in shape), values)


def _func(func) -> str:
    """TF's SummarizeFunc: the name, then its attrs sorted."""
    attrs = sorted("%s=%s" % (k, summarize_attr_value(v)) for k, v in func.attr.items())
    return "%s[%s]" % (func.name, ", ".join(attrs))


def _type(t) -> str:
    return pb().types_pb2.DataType.Name(t)


def summarize_attr_value(value) -> str:
    """TF's SummarizeAttrValue."""
    case = value.WhichOneof("value")
    if case == "s":
        return _string(value.s)
    if case == "i":
        return str(value.i)
    if case == "f":
        return _float(value.f)
    if case == "b":
        return "true" if value.b else "false"
    if case == "type":
        return _type(value.type)
    if case == "shape":
        return _shape(value.shape)
    if case == "tensor":
        return _tensor(value.tensor)
    if case == "placeholder":
        return "$" + value.placeholder
    if case == "list":
        lst = value.list
        if lst.s:
            items = [_string(x) for x in lst.s]
        elif lst.i:
            items = [str(x) for x in lst.i]
        elif lst.f:
            items = [_float(x) for x in lst.f]
        elif lst.b:
            items = ["true" if x else "false" for x in lst.b]
        elif lst.type:
            items = [_type(x) for x in lst.type]
        elif lst.shape:
            items = [_shape(x) for x in lst.shape]
        elif lst.tensor:
            items = [_tensor(x) for x in lst.tensor]
        elif lst.func:
            items = [_func(x) for x in lst.func]
        else:
            items = []
        if len(items) >= _MAX_LIST:
            items = items[:5] + ["..."] + items[-5:]
        return "[" + ", ".join(items) + "]"
    if case == "func":
        return _func(value.func)
    return "<Unknown AttrValue type>"


def summarize_node_def(node) -> str:
    """TF's SummarizeNodeDef of a NodeDef proto: `{{node <name>}} = <op>[<attrs>](<inputs>)`,
    the attrs sorted, then the device."""
    attrs = ["%s=%s" % (k, summarize_attr_value(node.attr[k])) for k in sorted(node.attr)]
    if node.device:
        attrs.append('_device="%s"' % node.device)
    return "{{node %s}} = %s[%s](%s)" % (node.name, node.op, ", ".join(attrs),
                                         ", ".join(node.input))
