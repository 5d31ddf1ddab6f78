"""TF 1.14's numerics module: `tf.add_check_numerics_ops` (and `tf.check_numerics`, whose op
CheckNumerics lives in engine/ops/shape.py beside Identity)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Operation, colocate_with, get_default_graph, name_scope
from ..engine.ops.ordering import group
from ..engine.ops.shape import check_numerics
from .control_flow_ops import with_dependencies

__all__ = ["add_check_numerics_ops", "check_numerics", "verify_tensor_all_finite"]

_CHECKED = (_dt.float16, _dt.float32, _dt.float64)
# flowgrad's own control flow ops (a graph listing them, not TF's Switch / Merge / Enter /
# Exit form: get_operations()), and TF's nodes that are only ever made in a context
_CONTROL_FLOW = frozenset({"Cond", "While", "WhileGrad", "LoopVar"})
_IN_CONTEXT = frozenset({"Switch", "RefSwitch", "Enter", "RefEnter", "NextIteration",
                         "RefNextIteration", "LoopCond"})


def add_check_numerics_ops() -> Operation:
    """A `group` of CheckNumerics ops, one per float16/32/64 output of every op in the default
    graph (message "op_name:index"), each control-dependent on the one before, as TF 1.14
    chains them; running it fails at the first non-finite tensor.

    As TF, it walks get_operations() in order and raises ValueError at the first float
    output of an op inside a tf.cond branch or a tf.while_loop frame, the CheckNumerics
    made before it left in the graph.

    >>> x = tf.placeholder(tf.float32, name="x")
    >>> y = tf.log(x)
    >>> check = tf.add_check_numerics_ops()
    >>> check.name, [op.name for op in check.control_inputs]
    ('group_deps', ['CheckNumerics_1'])
    >>> tf.Session().run([y, check], {x: 1.0})  # with x = -1.0: "Log:0 : Tensor had NaN values"
    [0.0, None]
    """
    graph = get_default_graph()
    ops = graph.get_operations()
    in_context = _in_control_flow(graph, ops)
    check_op = []
    for op in ops:
        for out in op.outputs:
            if not out.dtype._is_ref and out.dtype.base_dtype in _CHECKED:
                if op in in_context:
                    raise ValueError("`tf.add_check_numerics_ops() is not compatible "
                                     "with TensorFlow control flow operations such as "
                                     "`tf.cond()` or `tf.while_loop()`.")
                with graph.control_dependencies(check_op):
                    check_op = [check_numerics(out, message=f"{op.name}:{out.value_index}")]
    return group(*check_op)


def _in_control_flow(graph, ops) -> set:
    """The ops of `ops` (get_operations()) that TF 1.14 made in a control flow context
    (op._get_control_flow_context() not None): a tf.cond branch's ops (graph._branch_of)
    and the Switches of the values it reads; a while frame's nodes, from its first Enter to
    its last Exit (an Exit reads a Switch of a Merge of an Enter of its frame)."""
    by_name = {op.name: op for op in ops}

    def first_input(op):
        if op is None:
            return None
        names = [n for n in op.node_def.input if not n.startswith("^")]
        return by_name.get(names[0].split(":")[0]) if names else None

    def frame(op):
        return op.get_attr("frame_name") if op is not None and \
            op.type in ("Enter", "RefEnter") else None

    first, last = {}, {}
    for i, op in enumerate(ops):
        if op.type in ("Enter", "RefEnter"):
            first.setdefault(frame(op), i)
        elif op.type in ("Exit", "RefExit"):
            last[frame(first_input(first_input(first_input(op))))] = i
    spans = [(first[f], last.get(f, len(ops) - 1)) for f in first]
    return {op for i, op in enumerate(ops)
            if op in graph._branch_of or op.type in _IN_CONTEXT or op.type in _CONTROL_FLOW
            or any(a <= i <= b for a, b in spans)}


def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None):
    """`t` (or `x`), after a CheckNumerics of it with `msg` (or `message`): running it
    fails with InvalidArgumentError when `t` has a NaN or an Inf (TF's `VerifyFinite`)."""
    x = _one_of("x", x, "t", t)
    message = _one_of("message", message, "msg", msg)
    with name_scope(name, "VerifyFinite", [x]):
        x = convert_to_tensor(x, name="x")
        with colocate_with(x):
            check = check_numerics(x, message=message)
            return with_dependencies([check], x)


def _one_of(new, new_value, old, old_value):
    """TF's deprecated_argument_lookup."""
    if new_value is not None:
        if old_value is not None:
            raise ValueError("Cannot specify both '%s' and '%s'" % (old, new))
        return new_value
    return old_value
