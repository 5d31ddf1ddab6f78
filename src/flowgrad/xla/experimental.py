"""`tf.xla.experimental`: jit_scope and compile (TF 1.14's signatures)."""
from __future__ import annotations

import contextlib

from ..engine.framework.graph import Operation, get_default_graph
from ..engine.ops.ordering import group
from ..engine.runtime import xla as _xla

__all__ = ["compile", "jit_scope"]


def _mark(graph, start, compile_ops, scope, separate):
    for op in graph._flowgrad_operations()[start:]:
        if op not in _xla.marks:
            value = compile_ops(op) if callable(compile_ops) else compile_ops
            _xla.marks[op] = bool(value)
            _xla.scopes[op] = (scope, separate)


@contextlib.contextmanager
def jit_scope(compile_ops=True, separate_compiled_gradients=False):
    """Marks the ops created inside for XLA compilation (TF's `_XlaCompile` attr).

    `compile_ops` may be a bool or a callable taking the op (TF passes its NodeDef) and
    returning a bool; `compile_ops=False` keeps the ops on NumPy even under a global jit
    level. Each outermost jit_scope is a scope of its own (TF's `_XlaScope`
    "jit_scope_<n>"; nested ones share their outermost's): ops of different scopes never
    share a cluster. As TF's gradient code does, the gradient ops of a marked op are
    marked too, wherever tf.gradients is called, in the op's scope, or with
    `separate_compiled_gradients=True` in a scope of their own per tf.gradients call
    ("<scope>_grad_<the call's name scope>").
    """
    _xla.require_jax()
    graph = get_default_graph()
    counter = graph.__dict__.setdefault("_xla_scope_counter", [0, 0])   # count, depth
    if counter[1] == 0:
        counter[0] += 1
    scope = "jit_scope_%d" % (counter[0] - 1)
    counter[1] += 1
    start = len(graph._flowgrad_operations())
    try:
        yield
    finally:
        counter[1] -= 1
        _mark(graph, start, compile_ops, scope, bool(separate_compiled_gradients))


def compile(computation, inputs=None):  # noqa: A001 - TF's name
    """Builds `computation(*inputs)` with its ops marked for XLA, as TF 1.14's xla.compile:
    a single value comes back as a tuple of one value, None or only operations as one
    NoOp depending on them."""
    inputs = [] if inputs is None else list(inputs)
    with jit_scope():
        out = computation(*inputs)
        flat = [] if out is None else list(out) if isinstance(out, (list, tuple)) else [out]
        ops = [o for o in flat if isinstance(o, Operation)]
        if len(ops) == len(flat):
            return group(*ops)
    if ops:
        raise NotImplementedError("xla.compile: a computation returning both tensors and "
                                  "operations is not supported by flowgrad")
    if not isinstance(out, (list, tuple)):
        return (out,)
    return list(out)
