"""The op list TF 1.14's graph would hold: get_operations() of a graph with flowgrad's
functional control flow.

flowgrad builds tf.cond and tf.while_loop as single Cond / While ops (the branch and body
ops are ordinary ops of the graph; ops/control_flow.py), TensorArrays as one op per
call, and a few other calls (decode_image, tf.print, report_uninitialized_variables) as
one op where TF builds several. TF's graph holds the dataflow form instead: Switch,
Merge, Enter, Exit, NextIteration, LoopCond, the stacks of loop gradients, the
TensorArray gradients, the nodes of decode_image's conds. as_graph_def() already writes
that form, node for node as TF 1.14 (graph_def_lower.py, graph_def_lower_grad.py).

For such a graph, `Graph.get_operations()` lists the GraphDef's nodes in its order, when
they are TF's form throughout (every cond in TF's own layout, every node an op TF has; not
yet a cond's gradient, nor a loop gradient flowgrad keeps as its own op: such a graph lists
flowgrad's own ops, as before): a node with the name and type of one of the graph's ops
is that op; any other is a `TFNode`, a read-only view of the NodeDef (name, type, inputs,
outputs with dtypes and the GraphDef's shapes, attrs, device), which flowgrad does not
run. Building a TFNode's
op on top of it, or fetching it, raises NotImplementedError naming the node. The list is
rebuilt when the graph changes (one GraphDef export: 27 ms of CPU for a 3-layer LSTM
training graph of 761 nodes, 49 ms the first time) and kept until the next change (the
next call: 55 us); a graph without such ops lists its own ops (7 us), as before.
"""
from __future__ import annotations

from . import dtypes as _dt
from . import graph as _graph
from .engine_view import engine_side
from .graph import Operation, Tensor
from .graph_def import attr_from_node, graph_to_graph_def, node_def_text
from .registry import op_defs
from .tensor_shape import TensorShape

__all__ = ["TFNode", "TFNodeTensor", "tf_view", "unsupported"]

class TFNodeTensor(Tensor):
    """An output of a TFNode: name, dtype and the GraphDef's static shape."""
    __slots__ = ()


class TFNode(Operation):
    """One node of TF's form of the graph that flowgrad's graph holds inside another op
    (a Cond's Switch and Merge, a While's Enter, Merge, Switch, Exit...): readable as TF's
    Operation, not run."""
    __slots__ = ("_node",)

    def __init__(self, graph, node):
        self._graph = graph
        self._name = node.name
        self._type = node.op
        self._def = None
        self._attrs = {}
        self._id = -1
        self._control_outputs = []
        self._colocation = None
        self._grad_type = None
        self._inputs = ()
        self._control_inputs = []
        self._reset(node)

    def _reset(self, node):
        self._node = node
        self._device = node.device
        dtypes = _output_dtypes(node)
        shapes = list(node.attr["_output_shapes"].list.shape) if "_output_shapes" in node.attr \
            else []
        self._outputs = [TFNodeTensor(self, i, d, _shape(shapes[i]) if i < len(shapes)
                                      else TensorShape(None)) for i, d in enumerate(dtypes)]

    @property
    def node_def(self):
        node = type(self._node)()
        node.CopyFrom(self._node)
        node.attr.pop("_output_shapes", None)
        return node

    def get_attr(self, name):
        if name == "_output_shapes":
            raise ValueError(f"Operation '{self._name}' has no attr named '{name}'.")
        return attr_from_node(self, name, self._node)

    def _set_attr(self, name, value):
        raise unsupported(self, "Setting an attr of")

    def _add_control_inputs(self, ops):
        raise unsupported(self, "Adding a control input to")

    def __str__(self):
        return node_def_text(self.node_def)


def unsupported(op, what):
    return NotImplementedError(
        f"{what} '{op.name}' (a {op.type} node of TF's form of tf.cond / tf.while_loop, "
        "listed by get_operations()): flowgrad runs that control flow as one op, and its "
        "TF nodes are read-only views of the GraphDef.")


def _shape(proto):
    if proto.unknown_rank:
        return TensorShape(None)
    return TensorShape([d.size if d.size >= 0 else None for d in proto.dim])


_FORWARDS = frozenset(("Switch", "RefSwitch", "Enter", "RefEnter", "Exit", "RefExit",
                       "NextIteration", "RefNextIteration", "LoopCond", "Identity",
                       "RefIdentity", "Merge", "RefMerge"))


_HANDLES = frozenset(("TensorArrayV3", "TensorArrayGradV3", "StackV2"))


def _infer_shapes(op):
    """TF's shape functions of the frame ops a lowering wrote without shapes: the first
    input's shape (a loop's Merge: its Enter's, as TF sets it before the back edge); a
    Const's value's, a stack's or TensorArray gradient's handle a 2-vector (its flow a
    scalar), a stack push its element's."""
    if op._type == "Const" and "value" in op._node.attr:
        op._outputs[0]._shape = _shape(op._node.attr["value"].tensor.tensor_shape)
        return
    if op._type in _HANDLES:
        op._outputs[0]._shape = TensorShape([2])
        for t in op._outputs[1:]:
            t._shape = TensorShape([])
        return
    if op._type == "StackPushV2" and len(op._inputs) > 1:
        op._outputs[0]._shape = op._inputs[1]._shape
        return
    if op._type not in _FORWARDS:
        return
    src = op._inputs[0]
    shape = src._shape
    if src._value_index == 0 and src._op._type in _HANDLES:
        shape = TensorShape([2])   # TF's TensorArray and stack handles are 2-vectors
    for i, t in enumerate(op._outputs):
        t._shape = TensorShape([]) if i == 1 and op._type.endswith("Merge") else shape


def _output_dtypes(node):
    """The dtypes of a node's outputs, from TF 1.14's OpDef of its type and its attrs."""
    od = op_defs().get(node.op)
    if od is None:
        return []
    out = []
    for _name, enum, type_attr, number_attr, list_attr, is_ref in od["out"]:
        if list_attr:
            types = [_dt.as_dtype(t) for t in node.attr[list_attr].list.type]
        else:
            dt = _dt.as_dtype(enum if enum else node.attr[type_attr].type)
            types = [dt] * (node.attr[number_attr].i if number_attr else 1)
        out.extend(t._as_ref if is_ref else t for t in types)
    return out


def _control_inputs(node, by_name, pos):
    """The ops of `node`'s control inputs in TF's order: those it was created with
    (ToGraphDef writes them sorted), then those added later, whose nodes come after it, in
    their order (a loop's pushes, control_flow_ops' AddForwardAccumulator, on the forward
    counter's NextIteration)."""
    ctrl = [by_name[name[1:]] for name in node.input
            if name.startswith("^") and name[1:] in by_name]
    if len(ctrl) > 1:
        at = pos[node.name]
        late = sorted((c for c in ctrl if pos[c.name] > at), key=lambda c: pos[c.name])
        ctrl = [c for c in ctrl if pos[c.name] < at] + late
    return ctrl


def tf_control_inputs(op):
    """TF 1.14's control inputs of flowgrad's own `op` where they differ from those flowgrad
    runs it with (an op of a tf.cond branch with no inputs: TF gives it the branch's pivot,
    switch_t / switch_f, as CondContext._AddOpInternal does; the GraphDef writes it), or
    None."""
    return tf_view(op._graph)[2].get(op) if op._graph._tf_view else None


@engine_side
def tf_view(graph):
    """(ops, {name: op}, {own op: its control inputs where TF's differ}, {own op: its
    inputs where TF's differ}, {own tensor: its consumers where TF's differ}) of TF's form
    of `graph`, rebuilt when the graph changed."""
    cached = graph._tf_view_cache
    if cached is not None and cached[0] == graph._version:
        return cached[1:]
    report = {}
    gd = graph_to_graph_def(graph, add_shapes=True, report=report)
    if not report["tf_form"]:   # a cond in flowgrad's generic layout, or an op TF lacks:
        ops = graph._flowgrad_operations()   # flowgrad's own ops, not half of TF's
        graph._tf_view_cache = (graph._version, ops, {}, {}, {}, {})
        return ops, {}, {}, {}, {}
    old = cached[2] if cached is not None else {}
    own = graph._ops_by_name
    renames = report["renames"]   # (an own op the lowering renamed is not the node that
    ops, by_name, fresh = [], {}, []   # took its name: scan's in-loop gradients/AddN_2)
    unwritten = report["unwritten"]   # (nor one it left out: a cond gradient's tuple)
    for node in gd.node:
        op = own.get(node.name)
        if op is None or op._type != node.op or node.name in unwritten or \
                renames.get(node.name, node.name) != node.name:
            prev = old.get(node.name)
            if type(prev) is TFNode and prev._type == node.op:
                op = prev          # the same node object while the graph grows
                op._reset(node)
            else:
                op = TFNode(graph, node)
            fresh.append(op)
        ops.append(op)
        by_name[node.name] = op
    pos = {node.name: i for i, node in enumerate(gd.node)}
    fresh_ids = {id(op) for op in fresh}
    ctrl_of = {}   # own ops whose TF control inputs differ from flowgrad's (a branch
    ins_of = {}    # op with no inputs: TF's pivot, switch_t/_f) and inputs (a branch op
    consumers = {}   # reading a tensor from outside: TF's Switch of it); TF's consumers
    for node, op in zip(gd.node, ops):
        ins = _data_inputs(node, by_name)
        for t in ins:
            consumers.setdefault(t, []).append(op)
        if id(op) in fresh_ids:
            op._inputs, op._control_inputs = ins, _control_inputs(node, by_name, pos)
            if "_output_shapes" not in node.attr and (ins or op._type == "Const"):
                _infer_shapes(op)
            continue
        own = op._inputs
        if len(ins) == len(own):   # (a tensor of the same name is the one flowgrad built:
            ins = tuple(o if o.name == t.name else t   # a cond's result)
                        for o, t in zip(own, ins))
        if ins != own:
            ins_of[op] = ins
        if any(name.startswith("^") for name in node.input):
            ctrl = _control_inputs(node, by_name, pos)
            if [c.name for c in ctrl] != [c.name for c in op._control_inputs]:
                ctrl_of[op] = ctrl
    cons_of = {}   # own tensors whose TF consumers differ from flowgrad's
    for op in ops:
        fresh_op = id(op) in fresh_ids
        for t in op._outputs:
            got = consumers.get(t, [])
            if fresh_op:
                t._consumers = got
            elif got != t._consumers:
                cons_of[t] = got
    graph._tf_view_cache = (graph._version, ops, by_name, ctrl_of, ins_of, cons_of)
    return ops, by_name, ctrl_of, ins_of, cons_of


def _data_inputs(node, by_name):
    """The tensors of TF's form of the graph that `node` reads, in its order."""
    ins = []
    for name in node.input:
        if name.startswith("^"):
            continue
        base, _, port = name.partition(":")
        src = by_name.get(base)
        if src is not None and int(port or 0) < len(src._outputs):
            ins.append(src._outputs[int(port or 0)])
    return tuple(ins)


def tf_inputs(op):
    """TF 1.14's inputs of flowgrad's own `op` where they differ from those flowgrad runs
    it with (an op of a tf.cond branch reading a tensor made outside the branch: TF's
    Switch of it, CondContext._ProcessOutputTensor; the GraphDef writes it), or None."""
    return tf_view(op._graph)[3].get(op)


def tf_consumers(t):
    """TF 1.14's consumers of flowgrad's own tensor `t` where they differ from flowgrad's
    (a tensor a cond branch reads: the branch's Switch of it; a tensor of an op whose
    node is a TFNode, such as a cond's result: that node's), or None."""
    _ops, by_name, _ctrl, _ins, cons_of = tf_view(t._op._graph)
    got = cons_of.get(t)
    node = by_name.get(t._op._name)
    if got is None and type(node) is TFNode and t._value_index < len(node._outputs):
        got = node._outputs[t._value_index]._consumers
    return got


_graph.TF_VIEW.update(view=tf_view, unsupported=unsupported, control_inputs=tf_control_inputs,
                      inputs=tf_inputs, consumers=tf_consumers)
