"""`tf.test.assert_equal_graph_def` (TF 1.14's test_util.assert_equal_graph_def_v1 over the
C++ EqualGraphDef, core/util/equal_graph_def.cc): nodes matched by name, then per node
the op, device, inputs ("x" equals "x:0"; control inputs as a set) and attrs (those
starting with "_" ignored); the first difference is the AssertionError's message, with
values summarized as TF's SummarizeAttrValue / SummarizeNodeDef print them. Where TF
walks a hash map (several differing attrs, several unexpected nodes) flowgrad reports the
first by name (TF's pick is unspecified).
"""
from __future__ import annotations

import re

from ..engine.framework.node_summary import summarize_attr_value as _attr
from ..engine.framework.node_summary import summarize_node_def as _node
from ..engine.framework.proto import pb
from ..ops.tensor_util import make_ndarray

__all__ = ["assert_equal_graph_def"]

_SHARDED_SAVE_OP_PATTERN = "_temp_[0-9a-z]{32}/part"
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
