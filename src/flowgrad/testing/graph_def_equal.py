"""`tf.test.assert_equal_graph_def` (TF 1.14's test_util.assert_equal_graph_def_v1 over the
C++ EqualGraphDef, core/util/equal_graph_def.cc): nodes matched by name, then per node
the op, device, inputs ("x" equals "x:0"; control inputs as a set) and attrs (those
starting with "_" ignored); the first difference is the AssertionError's message, with
values summarized as TF's SummarizeAttrValue / SummarizeNodeDef print them. Where TF
walks a hash map (several differing attrs, several unexpected nodes) flowgrad reports the
first by name (TF's pick is unspecified).
"""
from __future__ import annotations

import math
import re

import numpy as np

from ..engine.framework.proto import pb
from ..engine.framework.errors import c_escape
from ..ops.tensor_util import make_ndarray

__all__ = ["assert_equal_graph_def"]

_SHARDED_SAVE_OP_PATTERN = "_temp_[0-9a-z]{32}/part"
_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string",
               "bool": "bool"}


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
    """TF's Tensor::DebugString: type, shape, the first 3 values."""
    arr = make_ndarray(tensor_proto)
    kind = arr.dtype.name
    if arr.dtype.kind == "c":
        values = "?"
    elif kind not in _TYPE_NAMES and arr.dtype.kind not in "iu":
        raise NotImplementedError(f"assert_equal_graph_def: summarizing a {kind} tensor")
    else:
        flat = arr.reshape(-1)
        limit = min(3, flat.size)
        out = []
        if arr.ndim == 0:
            out = [_element(x, kind) for x in flat[:limit]]
            out = [" ".join(out)]
        else:
            _one_dim(0, arr.shape, limit, flat, kind, [0], out)
        values = "".join(out) + ("..." if flat.size > limit else "")
    type_name = _TYPE_NAMES.get(kind, kind)
    return "Tensor<type: %s shape: [%s] values: %s>" % (
        type_name, ",".join(str(d) for d in arr.shape), values)


def _type(t) -> str:
    return pb().types_pb2.DataType.Name(t)


def _attr(value) -> str:
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
            raise NotImplementedError("assert_equal_graph_def: summarizing a func list attr")
        else:
            items = []
        return "[" + ", ".join(items) + "]"
    if case is None:
        return "<Unknown AttrValue type>"
    raise NotImplementedError(f"assert_equal_graph_def: summarizing a {case} attr")


def _node(node) -> str:
    """TF's SummarizeNodeDef."""
    attrs = ["%s=%s" % (k, _attr(node.attr[k])) for k in sorted(node.attr)]
    if node.device:
        attrs.append('_device="%s"' % node.device)
    return "{{node %s}} = %s[%s](%s)" % (node.name, node.op, ", ".join(attrs),
                                         ", ".join(node.input))


def _attr_equal(a, b) -> bool:
    if a.SerializeToString(deterministic=True) == b.SerializeToString(deterministic=True):
        return True
    if a.WhichOneof("value") == "tensor" and b.WhichOneof("value") == "tensor":
        x, y = make_ndarray(a.tensor), make_ndarray(b.tensor)
        return x.dtype == y.dtype and x.shape == y.shape and (
            x.tobytes() == y.tobytes() if x.dtype != object else x.tolist() == y.tolist())
    return False


def _node_diff(actual, expected):
    name = actual.name
    if actual.op != expected.op:
        return "Node named '%s' has op '%s' that is not expected '%s'" % (
            name, actual.op, expected.op)
    if actual.device != expected.device:
        return "Node named '%s' has device '%s' that is not expected '%s'" % (
            name, actual.device, expected.device)
    if len(actual.input) != len(expected.input):
        return "Node named '%s' has inputs '%s' that don't match expected '%s'" % (
            name, ", ".join(actual.input), ", ".join(expected.input))
    first_control = len(actual.input)
    for i, (a, e) in enumerate(zip(actual.input, expected.input)):
        if a.startswith("^"):
            first_control = i
            break
        if a != e and a != e + ":0" and a + ":0" != e:
            return "Node named '%s' has input %d '%s' that doesn't match expected '%s'" % (
                name, i, a, e)
    actual_control = set(actual.input[first_control:])
    for e in sorted(set(expected.input[first_control:])):
        if e not in actual_control:
            return "Node named '%s' missing expected control input '%s'" % (name, e)
        actual_control.discard(e)
    if actual_control:
        return "Node named '%s' has unexpected control input '%s'" % (
            name, sorted(actual_control)[0])
    actual_attrs = {k for k in actual.attr if not k.startswith("_")}
    for k in sorted(expected.attr):
        if k.startswith("_"):
            continue
        if k not in actual_attrs:
            return "Node named '%s' missing expected attr '%s' with value: %s" % (
                name, k, _attr(expected.attr[k]))
        actual_attrs.discard(k)
        if not _attr_equal(expected.attr[k], actual.attr[k]):
            return ("Node named '%s' has attr '%s' with value: %s that does not match "
                    "expected: %s" % (name, k, _attr(actual.attr[k]),
                                      _attr(expected.attr[k])))
    if actual_attrs:
        k = sorted(actual_attrs)[0]
        return "Node named '%s' has unexpected attr '%s' with value: %s" % (
            name, k, _attr(actual.attr[k]))
    return None


def _graph_diff(actual, expected):
    index = {n.name: n for n in actual.node}
    for e in expected.node:
        a = index.pop(e.name, None)
        if a is None:
            return "Did not find expected node '%s'" % _node(e)
        diff = _node_diff(a, e)
        if diff:
            return diff
    if index:
        return "Found unexpected node '%s'" % _node(index[sorted(index)[0]])
    return None


def _strip_checkpoint_v2_randomized(graph_def):
    # as TF 1.14 under Python 3: the pattern is matched against str(bytes) ("b'...'"),
    # so no attr is ever removed
    for node in graph_def.node:
        delete = []
        for key in node.attr:
            t = node.attr[key].tensor
            if t and len(t.string_val) == 1:
                s = t.string_val[0]
                if s and re.match(_SHARDED_SAVE_OP_PATTERN, str(s)):
                    delete.append(key)
        for key in delete:
            del node.attr[key]


def assert_equal_graph_def(actual, expected, checkpoint_v2=False):
    """AssertionError naming the first difference between two GraphDefs (TypeError when
    one is not a GraphDef)."""
    graph_def = pb().graph_pb2.GraphDef
    if not isinstance(actual, graph_def):
        raise TypeError("Expected tf.GraphDef for actual, got %s" % type(actual).__name__)
    if not isinstance(expected, graph_def):
        raise TypeError("Expected tf.GraphDef for expected, got %s" % type(expected).__name__)
    if checkpoint_v2:
        _strip_checkpoint_v2_randomized(actual)
        _strip_checkpoint_v2_randomized(expected)
    diff = _graph_diff(actual, expected)
    if diff:
        raise AssertionError(diff)
