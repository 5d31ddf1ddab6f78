"""Grappler's stack push removal (TF 1.14's LoopOptimizer, on by default in a Session).

A stack whose pushes nothing in the run pops (a while loop's forward pass fetched
without its gradient, or StackPushV2s fetched alone) keeps no values: Grappler turns each
StackPush[V2] into an Identity of the pushed value (its handle a control input) when
every op reading the stack, through Identity/Enter/Switch, is a push, a close or another
stack, and the stack is not fetched. So such a run pushes past a StackV2's max_size
without TF's "overflowed its max_size" error; a run that also pops gets it.

Like grappler_division's rewrites, this changes what a run does (not its values), so
the session applies it with Grappler's other rewrites: not to graphs of fewer than
MIN_GRAPH_NODES ops, nor with loop_optimization=OFF or disable_meta_optimizer.
"""
from __future__ import annotations

import dataclasses

from ..framework.registry import OPS

_STACKS = frozenset(("Stack", "StackV2"))
_PUSHES = frozenset(("StackPush", "StackPushV2"))
_CLOSES = frozenset(("StackClose", "StackCloseV2"))
# the ops Grappler follows from a stack to its readers (GetStackPushNodesToConvert)
_THROUGH = frozenset(("Stack", "StackV2", "Enter", "RefEnter", "Switch", "RefSwitch",
                      "_SwitchN", "Identity", "RefIdentity"))


def remove_stack_pushes(program):
    """`program` with the pushes of each unpopped stack made Identities."""
    if not any(n.type in _STACKS for n in program.nodes):
        return program
    readers = {}
    for i, n in enumerate(program.nodes):
        for v in n.inputs:
            readers.setdefault(v, []).append(i)
    fetched = set(program.fetches)
    convert = set()
    for n in program.nodes:
        if n.type not in _STACKS or any(v in fetched for v in n.outputs):
            continue
        pushes, seen, todo = [], set(), list(n.outputs)
        while todo:
            for i in readers.get(todo.pop(), ()):
                if i in seen:
                    continue
                seen.add(i)
                r = program.nodes[i]
                if r.type in _PUSHES:
                    pushes.append(i)
                elif r.type in _THROUGH:
                    todo.extend(r.outputs)
                elif r.type not in _CLOSES:   # a pop (it is in the run: it has readers or
                    pushes = None             # is fetched) or anything else: left alone
                    todo = []
                    break
        if pushes:
            convert.update(pushes)
    if not convert:
        return program
    nodes = list(program.nodes)
    for i in convert:
        n = nodes[i]
        nodes[i] = dataclasses.replace(n, type="Identity", op_def=OPS["Identity"], attrs={},
                                       inputs=[n.inputs[1]], stateful=False)
    return program.copy(nodes=nodes)
