"""Constant folding: evaluate at plan-compile time what needs no feed and no state.

A node is folded when it is pure (not stateful, not a recomputation copy, no
`bind` other than a pure one: Select's, which only names the node in errors, or
one passing the node's attrs and dtype to the kernel), Grappler folds its type
(not Sparse*, not *Quantized*, no string constant input), and every input is a
constant; the shape ops Shape/Size/Rank/ShapeN fold as soon as their inputs'
static shapes are fully known (whatever the input is: a feed, a variable, an
intermediate). Folding cascades, so BroadcastGradientArgs and DynamicStitch of
folded shapes fold too. Folded values larger than `MAX_BYTES` stay unfolded
(they would live as long as the plan). A kernel that raises at compile time is
left alone: the error surfaces at run, as without the pass.

A plan compile evaluates each constant subgraph once (`fold_cache`): the Grappler
rewrites fold the program to look at its constants (mul_by_ones.zero_muls, the
push-down, reciprocal_div, ...) and the plan's first run and its second tier would
evaluate them again. Inside `fold_cache()` a node folded once is not run again while
it is the same Node reading the same input objects (a rewritten node or input is
evaluated afresh), and `fold_cached` gives the plan those values as Consts: the same
kernel's output on the same inputs, so values and bits are unchanged (TF's Grappler
folds them once too, and its run reads the folded Const).

Before/after, for `tf.reduce_sum(x * 2.0)` with x a [2, 3] placeholder:

    v1 = Shape(v0)               ->  v1 = Const()
    v3 = BroadcastGradientArgs(v1, v2) ->  v3, v4 = Const(), Const()
"""
from __future__ import annotations

import contextlib
import contextvars

import numpy as np

from ..framework.registry import OPS
from ..runtime.ir import Node
from ._util import static_shape, unfoldable_type
from .complex_kernels import complex_kernels

MAX_BYTES = 1 << 20
SHAPE_OPS = frozenset({"Shape", "Size", "Rank", "ShapeN"})


def _dummy(program, v):
    shape = static_shape(program, v)
    if shape is None:
        return None
    dt = program.dtypes.get(v)
    npdt = getattr(dt, "as_numpy_dtype", None) if dt is not None else None
    try:
        return np.broadcast_to(np.zeros((), dtype=npdt or np.float32), shape)
    except TypeError:
        return np.broadcast_to(np.zeros((), dtype=object), shape)


def _grappler_keeps(program, n, known):
    """Grappler's IsFoldable refusals for pure ops: an op named Sparse* or *Quantized*, and
    one reading a string constant. What follows such a node is no constant either, so
    value-changing rewrites keyed on constants (reciprocal_div.py, convert_pow.py) see TF's
    graph: in safe_embedding_lookup_sparse a weighted mean's denominator comes out of
    SparseFillEmptyRows, so TF divides exactly where a folded one would multiply by the
    reciprocal (tests/pprobe_scripts/safe_embedding_sparse.py)."""
    if unfoldable_type(n.type):
        return True
    return any(v in known and getattr(program.dtypes.get(v), "name", None) == "string"
               for v in n.inputs)


# id(node) -> (node, args, outputs) of the nodes folded in this plan compile (None: none)
_CACHE = contextvars.ContextVar("flowgrad_fold_cache", default=None)


@contextlib.contextmanager
def fold_cache():
    """Within it (one plan's compile), constant_folding evaluates each node once: see the
    module docstring. Nested uses share the outer cache."""
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def _cached(cache, n, args):
    """The outputs folded for node `n` on these very input objects, or None."""
    hit = cache.get(id(n))
    if hit is None or hit[0] is not n or len(hit[1]) != len(args) or \
            any(a is not b for a, b in zip(hit[1], args)):
        return None
    return hit[2]


def constant_folding(program, options=None):
    return _fold(program, evaluate=True)


def fold_cached(program):
    """`program` with the nodes this compile has folded (fold_cache) made Consts of their
    folded values; nothing is evaluated (the same program outside a fold_cache, or if
    none is folded)."""
    if not _CACHE.get():
        return program
    return _fold(program, evaluate=False)


def _fold(program, evaluate):
    cache = _CACHE.get()
    program = complex_kernels(program)   # complex nodes fold with TF's complex kernels
    const_def = OPS["Const"]
    known = {}          # value -> constant value
    nodes = []
    changed = False
    for n in program.nodes:
        if n.type == "Const" and not n.inputs:
            known[n.outputs[0]] = n.attrs["value"]
            nodes.append(n)
            continue
        od = n.op_def
        pure_bind = getattr(od.bind, "pure", False)
        if n.stateful or n.recompute or (od.bind is not None and not pure_bind) or \
                (od.kernel is None and not pure_bind) or not n.outputs or \
                _grappler_keeps(program, n, known):
            nodes.append(n)
            continue
        shape_op = n.type in SHAPE_OPS and not all(v in known for v in n.inputs)
        if shape_op:
            args = [known[v] if v in known else _dummy(program, v) for v in n.inputs]
        else:
            args = [known.get(v, known) for v in n.inputs]
            if any(a is known for a in args):
                nodes.append(n)
                continue
        if any(a is None for a in args):
            nodes.append(n)
            continue
        outs = None if cache is None or shape_op else _cached(cache, n, args)
        if outs is None:
            if not evaluate:
                nodes.append(n)
                continue
            try:
                with np.errstate(all="ignore"):
                    res = od.bind(n, None)(*args) if pure_bind else od.kernel(*args, **n.attrs)
            except Exception:  # noqa: BLE001 - leave it to fail at run, as without folding
                nodes.append(n)
                continue
            outs = res if len(n.outputs) > 1 else (res,)
            if len(outs) != len(n.outputs) or \
                    any(np.asarray(o).nbytes > MAX_BYTES for o in outs):
                nodes.append(n)
                continue
            if cache is not None and not shape_op:
                cache[id(n)] = (n, tuple(args), tuple(outs))
        for v, val in zip(n.outputs, outs):
            known[v] = val
            nodes.append(Node("Const", const_def, {"value": val, "dtype": program.dtypes.get(v)},
                              [], [v], n.name, None, False))
        changed = True
    if not changed:
        return program
    out = program.copy(nodes=nodes)
    for n in nodes:
        if n.type == "Const":
            out.persistent.update(n.outputs)
    return out
