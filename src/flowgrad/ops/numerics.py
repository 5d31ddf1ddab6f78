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
# flowgrad's control flow ops: TF refuses ops inside a cond/while context; flowgrad builds
# the branches in the outer graph, so any of these in the graph is refused.
_CONTROL_FLOW = frozenset({"Cond", "While", "WhileGrad", "LoopVar"})


def add_check_numerics_ops() -> Operation:
    """A `group` of CheckNumerics ops, one per float16/32/64 output of every op in the default
    graph (message "op_name:index"), each control-dependent on the one before, as TF 1.14
    chains them; running it fails at the first non-finite tensor.

    >>> x = tf.placeholder(tf.float32, name="x")
    >>> y = tf.log(x)
    >>> check = tf.add_check_numerics_ops()
    >>> check.name, [op.name for op in check.control_inputs]
    ('group_deps', ['CheckNumerics_1'])
    >>> tf.Session().run([y, check], {x: 1.0})  # with x = -1.0: "Log:0 : Tensor had NaN values"
    [0.0, None]
    """
    graph = get_default_graph()
    ops = graph._flowgrad_operations()
    if any(op.type in _CONTROL_FLOW for op in ops):
        raise ValueError("`tf.add_check_numerics_ops() is not compatible with TensorFlow "
                         "control flow operations such as `tf.cond()` or `tf.while_loop()`.")
    check_op = []
    for op in ops:
        for out in op.outputs:
            if not out.dtype._is_ref and out.dtype.base_dtype in _CHECKED:
                with graph.control_dependencies(check_op):
                    check_op = [check_numerics(out, message=f"{op.name}:{out.value_index}")]
    return group(*check_op)


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
