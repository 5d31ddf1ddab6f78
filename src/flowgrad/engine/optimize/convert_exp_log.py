"""Grappler's ConvertExpm1Stage and ConvertLog1pStage: Sub(Exp(x), 1) -> Expm1(x) and
Log(Add(x, 1)) (or Add(1, x)) -> Log1p(x), as TF 1.14's arithmetic optimizer runs them
(also through Identity ops: a distribution's `concentration` is one).

The constant must hold only ones (any float or complex type), have a fully known shape,
and broadcast to x's shape without changing it. For float32 the Expm1 and Log1p kernels
(libm's expm1f and log1pf) round differently from Exp then Sub (Log after Add), so
`concentration - 1.` of a Dirichlet or Gamma whose concentration is `tf.exp(var)` gives
Expm1's bits in TF. Constant folding runs first: an x that folds to a constant keeps the
plain ops' value, as does a fed constant (read through a PlaceholderWithDefault).
Applied by `grappler_division` with convert_pow.py; then its LogSoftmaxStage
(log_softmax): Log(Softmax(x)) -> LogSoftmax(x).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework.registry import OPS
from .constant_folding import constant_folding
from .convert_pow import _keeps_shape
from .cse import common_subexpression_elimination

_ADDS = frozenset({"Add", "AddV2"})


def _all_ones(value):
    v = np.asarray(value)
    return v.dtype.kind in "fc" and bool(np.all(v == 1))


def convert_exp_log(program):
    """`program` with each Sub(Exp(x), ones) an Expm1(x) and each Log(Add(x, ones)) a
    Log1p(x) (the Exp and Add stay for their other readers)."""
    made = {v: n for n in program.nodes for v in n.outputs}
    if not any(n.type in ("Sub", "Log") for n in program.nodes) or \
            not any(n.type == "Exp" or n.type in _ADDS for n in program.nodes):
        return program
    tainted = set()
    for n in program.nodes:
        if n.type == "PlaceholderWithDefault" or any(v in tainted for v in n.inputs):
            tainted.update(n.outputs)
    # the values Grappler knows as constants (folding is exact); the rewrite itself is of
    # the given nodes, so an Exp of a PlaceholderWithDefault (folded here, not in TF) is kept
    consts = {n.outputs[0]: n.attrs["value"] for n in constant_folding(program).nodes
              if n.type == "Const" and not n.inputs and n.outputs[0] not in tainted}

    def one(v, x):   # v a constant of ones that leaves x's shape as it is
        return (v in consts and x not in consts and _all_ones(consts[v])
                and _keeps_shape(program, x, np.shape(consts[v])))

    def producer(v):   # through Identity ops (TF's dependency optimizer removes them, and
        src = made.get(v)   # the meta-optimizer's second round rewrites what they hid)
        while src is not None and src.type == "Identity" and src.inputs:
            src = made.get(src.inputs[0])
        return src

    nodes, changed = [], False
    for n in program.nodes:
        src = producer(n.inputs[0]) if n.inputs and not n.recompute else None
        x = None
        if n.type == "Sub" and src is not None and src.type == "Exp" and \
                one(n.inputs[1], src.inputs[0]):
            x, op = src.inputs[0], "Expm1"
        elif n.type == "Log" and src is not None and src.type in _ADDS:
            a, b = src.inputs
            if one(b, a):
                x, op = a, "Log1p"
            elif one(a, b):
                x, op = b, "Log1p"
        if x is not None:
            nodes.append(dataclasses.replace(n, type=op, op_def=OPS[op], attrs={}, inputs=[x]))
            changed = True
        else:
            nodes.append(n)
    # folded as Grappler's constant folding leaves the graph before this stage
    return constant_folding(program.copy(nodes=nodes)) if changed else program


def log_softmax(program):
    """Grappler's LogSoftmaxStage: Log(Softmax(x)) -> LogSoftmax(x) when the Softmax's value
    (and each Identity between them: TF's dependency optimizer removes those) is read by
    that Log alone, after Grappler's CSE merged equal Softmax ops, and not fetched (TF's
    preserve set); the Softmax stays for nothing to read (TF makes it an Identity). For
    float32 LogSoftmax's kernel (x - max - log(sum(exp)))
    rounds otherwise than Log of Softmax's quotient: `tfd.Categorical(probs=tf.nn.softmax(
    logits)).logits` (its Log of the probs) gives LogSoftmax's bits in TF."""
    if not any(n.type == "Log" for n in program.nodes) or \
            not any(n.type == "Softmax" for n in program.nodes):
        return program
    given = program
    # exact: Grappler dedups before its stages, so two equal Softmax ops are one, read twice
    program = common_subexpression_elimination(program)
    made = {v: n for n in program.nodes for v in n.outputs}
    uses = {}
    for n in program.nodes:
        for v in n.inputs:
            uses[v] = uses.get(v, 0) + 1
    fetched = set(program.fetches)

    def only_use(v):
        return uses.get(v, 0) == 1 and v not in fetched

    nodes, changed = [], False
    for n in program.nodes:
        src = None
        if n.type == "Log" and len(n.inputs) == 1 and not n.recompute and only_use(n.inputs[0]):
            src = made.get(n.inputs[0])
            while src is not None and src.type == "Identity" and len(src.inputs) == 1 and \
                    only_use(src.inputs[0]):
                src = made.get(src.inputs[0])
        if src is not None and src.type == "Softmax" and len(src.inputs) == 1 and \
                not src.recompute:
            nodes.append(dataclasses.replace(n, type="LogSoftmax", op_def=OPS["LogSoftmax"],
                                             attrs={}, inputs=[src.inputs[0]]))
            changed = True
        else:
            nodes.append(n)
    return program.copy(nodes=nodes) if changed else given
