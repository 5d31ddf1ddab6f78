"""The gradient tapes recording now (tf.GradientTape's tape, TF 1.14's eager/tape.py and
the C++ GradientTape it drives), kept beside the graph: the graph hands every op it adds
to `record`, as TF 1.14's generated op wrappers call `record_gradient` in graph mode too.

A tape maps each tensor it tracks to the op that made it (None: watched by the user) and
keeps the ops it recorded in order. An op is recorded when one of its inputs is tracked
and of a trainable dtype (float, complex, resource, variant). The backward pass that
reads a tape is engine/autodiff/tape_grad.py.
"""
from __future__ import annotations

import contextlib
import threading

from . import dtypes as _dt

_TRAINABLE = frozenset(d for d in (_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64,
                                   _dt.complex64, _dt.complex128, _dt.resource, _dt.variant))

_local = threading.local()


def _stack() -> list:
    s = getattr(_local, "stack", None)
    if s is None:
        s = _local.stack = []
    return s


class Tape:
    """One tape: what it tracks and the ops it recorded (TF's GradientTape<...>)."""

    def __init__(self, persistent: bool, watch_accessed_variables: bool):
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables
        self.tensor_tape = {}    # Tensor -> Operation that made it, or None (watched)
        self.op_tape = {}        # Operation -> True, in recording order
        self.variables = []      # watched variables, in the order first watched
        self._var_ids = set()

    def watch(self, tensor) -> None:
        self.tensor_tape.setdefault(tensor, None)

    def watch_variable(self, variable) -> None:
        if id(variable) not in self._var_ids:
            self._var_ids.add(id(variable))
            self.variables.append(variable)
        self.watch(variable.handle)

    def watched_variables(self) -> tuple:
        # TF 1.14 keeps them in a set ordered by their handle tensors' ids: the order the
        # variables were created in, not the order they were read
        return tuple(sorted(self.variables, key=lambda v: v.handle.op._id))

    def should_record(self, inputs) -> bool:
        tracked = self.tensor_tape
        return any(t in tracked and t._dtype.base_dtype in _TRAINABLE for t in inputs)

    def record(self, op) -> None:
        if self.should_record(op._inputs):
            self.op_tape[op] = True
            for t in op._outputs:
                self.tensor_tape[t] = op


def active() -> list:
    """The tapes recording now, innermost last."""
    return _stack()


def push(tape: Tape) -> None:
    _stack().append(tape)


def pop(tape: Tape) -> None:
    s = _stack()
    for i in range(len(s) - 1, -1, -1):
        if s[i] is tape:
            del s[i]
            return


def record(op) -> None:
    """Records `op` on every tape recording now (Graph._add_op calls this)."""
    for tape in _stack():
        tape.record(op)


def variable_accessed(variable) -> None:
    """A trainable resource variable was read: tapes that watch accessed variables watch it
    (TF's tape.variable_accessed)."""
    if not getattr(variable, "trainable", False):
        return
    for tape in _stack():
        if tape.watch_accessed_variables:
            tape.watch_variable(variable)


@contextlib.contextmanager
def stop_recording():
    """No tape records inside (TF's tape.stop_recording, which init_scope also enters)."""
    s = _stack()
    saved = list(s)
    del s[:]
    try:
        yield
    finally:
        s[:] = saved
