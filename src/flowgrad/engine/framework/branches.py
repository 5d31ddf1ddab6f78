"""Which tf.cond branch an op belongs to, and the value of a branch that did not run.

TF 1.x runs a cond's branch ops only when their branch is taken: a tensor of the
untaken branch is "dead", and so is every op that reads it, up to the Merge. flowgrad
keeps the branch ops in the user's graph too (ops/control_flow.py), and one Cond op runs
the taken branch's sub-plan. Ops outside the cond that read a tensor of a branch (the
gradient cond reading the forward values, a summary built in a branch and merged
outside) get it from the Cond op, as an extra output the plan adds (runtime/ir.py
`lower`): the untaken branch's values are `DEAD`. Gradient walks treat the tensors of a
branch as outputs of its Cond op (autodiff/gradients.py), so a gradient that reaches one
from outside goes through the cond's gradient rule, which runs only the taken branch.

`graph._branch_of` maps an op to (Cond op, branch): 0 true, 1 false, for the innermost
cond whose branch holds it; a Cond op nested in another's branch maps to the outer one.
"""
from __future__ import annotations

import threading

from . import errors


class _Dead:
    """The value of a tensor of a tf.cond branch that did not run (TF's dead tensor)."""

    __slots__ = ()

    def __repr__(self):
        return "<value of a tf.cond branch that did not run>"

    def __array__(self, *args, **kwargs):
        raise dead_error()

    def __bool__(self):
        raise dead_error()

    def __getattr__(self, name):   # a kernel reading it (x.shape, x.astype, ...)
        if name.startswith("__"):
            raise AttributeError(name)
        raise dead_error()


DEAD = _Dead()


def dead_error(node=None, op=None):
    """TF's error when a dead tensor is fetched or read outside its cond."""
    return errors.InvalidArgumentError(node, op, "Retval[0] does not have value")


def set_branch(op, cond_op, branch: int) -> None:
    """Records that `op` was built in `branch` of `cond_op` (an inner cond's record wins)."""
    table = op._graph._branch_of
    if op not in table:
        table[op] = (cond_op, branch)


def chain(op) -> list:
    """The conds whose branches hold `op`, innermost first."""
    table = op._graph._branch_of
    out = []
    e = table.get(op)
    while e is not None:
        out.append(e[0])
        e = table.get(e[0])
    return out


def owner(op, transparent=()):
    """(cond, branch) of the outermost tf.cond not in `transparent` whose branch holds
    `op`, else None. Conds enclosing a transparent one must be transparent too."""
    table = op._graph._branch_of
    best = None
    e = table.get(op)
    while e is not None and e[0] not in transparent:
        best = e
        e = table.get(e[0])
    return best


def branch_in(op, cond_op):
    """Which branch of `cond_op` holds `op` (through nested conds), else None."""
    table = op._graph._branch_of
    e = table.get(op)
    while e is not None:
        if e[0] is cond_op:
            return e[1]
        e = table.get(e[0])
    return None


# A gradient rule's context, set by the code that calls `gradients` or a rule:
# `transparent`: the conds whose branch ops the next gradients() call walks as ordinary
# ops (those of the cond being differentiated); `internal`: the gradients that reached
# tensors of a Cond's branches from outside, for its rule.
_state = threading.local()


def set_transparent(conds) -> None:
    """The next `gradients` call walks the branches of `conds` (a set) as plain ops."""
    _state.transparent = conds


def take_transparent():
    """The set given by `set_transparent` (cleared: nested calls choose their own)."""
    t = getattr(_state, "transparent", None)
    _state.transparent = None
    return t


def set_internal_grads(grads) -> None:
    """{tensor of a branch: its gradient} for the Cond rule about to run (or None)."""
    _state.internal = grads


def get_internal_grads() -> dict:
    """Inside a Cond's gradient rule: gradients reaching its branches' tensors."""
    return getattr(_state, "internal", None) or {}
