"""In-place assigns: `Assign(ref, f(ref, c))` computes f straight into the variable;
block-wise updates: `AssignSub(ref, chain)` runs the chain and the update row block by
row block (see `block_updates` below).

An optimizer's update of a slot by a factor (Adam's sparse path: `m * beta1` assigned
to m, then the gradient's rows scatter-added; Adagrad-style decays) runs as an
elementwise ufunc that allocates a buffer the size of the variable, then Assign copies
it into the variable's buffer: two passes over memory and an allocation where one pass
does (measured, 10000 x 256 float32: 6.5 ms for Adam's two slots' Mul+Assign pairs and
its update, 4.3 with the pairs in place). The fusion pass (fusion.py, RewriterConfig's
remapping switch) ends with this rewrite: it replaces such a pair by one node at
the Assign's position that calls the same ufunc with `out=` the variable's buffer.

The values are the same bits: the same ufunc on the same operands (an elementwise
ufunc whose output is exactly one of its inputs reads each element before writing
it). The pair is rewritten only when
- the ufunc node is a plain one-output ufunc (fusion.py's test), not stateful, not a
  recomputed copy, its output read by the Assign alone and not fetched;
- every operand that is (a view of) mutable state is the assigned variable itself, read
  through Identity only (same buffer, same layout), so no operand overlaps the buffer
  in a shifted way;
- no node between the two may write state (the operands are what the ufunc read).
A buffer of a million elements or more is done in row blocks shared with an intra-op
thread when the plan's budget has one (threads.run_blocks). At run time the kernel falls
back to the Assign's own (compute, then copy) whenever the variable's buffer is missing
or its shape or dtype is not the result's, so initialization, validate_shape=False
reshapes and the Assign's errors are unchanged.

Before/after (m: a [10000, 256] float32 variable):

    v2 = Mul(v0, v1)              (v0: m's VariableV2 output, v1: beta1)
    v3 = Assign(v0, v2)    ->     v3 = Assign[Mul](v0, v0, v1)
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..framework import threads as _threads
from ..framework.registry import OpDef
from ._util import (mutable_values, mutating_prefix, producers, reader_indices,
                    static_shape)

_DEFS: dict = {}   # (Assign's OpDef, ufunc) -> the fused OpDef


def _ufunc(n):
    """The node's kernel when it is a plain one-output elementwise ufunc (as fusion.py)."""
    od = n.op_def
    k = od.kernel
    if isinstance(k, np.ufunc) and od.bind is None and od.props.get("elementwise") and \
            not n.attrs and k.nout == 1 and k.nin == len(n.inputs) and len(n.outputs) == 1:
        return k
    return None


def _root(prod, v):
    """The value v is an Identity chain of (itself if none)."""
    while v in prod and prod[v][1].type == "Identity" and len(prod[v][1].inputs) == 1:
        v = prod[v][1].inputs[0]
    return v


_SAME_BUFFER = frozenset({"Identity", "Assign", "AssignAdd", "AssignSub", "ScatterAdd",
                          "ScatterSub", "ScatterUpdate", "ScatterMul", "ScatterDiv",
                          "ScatterMax", "ScatterMin"})


def _var_key(prod, v):
    """The storage name of the variable whose whole buffer v is (through ops that return
    their ref input as is), else None."""
    while v in prod:
        n = prod[v][1]
        if n.type in ("VariableV2", "Variable"):
            return n.attrs.get("shared_name") or n.name
        if n.type not in _SAME_BUFFER or not n.inputs or n.outputs[0] != v:
            return None
        v = n.inputs[0]
    return None


def _fused_def(assign_def, ufunc):
    key = (id(assign_def), ufunc)
    od = _DEFS.get(key)
    if od is not None:
        return od
    plain = assign_def.bind

    def bind(node, ctx):
        assign = plain(node, ctx)
        store = ctx.variables
        name = _name_of(node)

        def assign_into(ref, *ins):
            buf = store.get(name)
            if buf is not None and isinstance(buf, np.ndarray):
                arrs = [np.asarray(x) for x in ins]
                if all(a.dtype == buf.dtype for a in arrs) and \
                        np.broadcast_shapes(*(a.shape for a in arrs)) == buf.shape:
                    cut = _row_cuts(buf, arrs) if buf.size >= _MIN_ROWS_ELEMENTS and \
                        _threads.spare_threads() else None
                    if cut is None:
                        ufunc(*arrs, out=buf)
                        return buf
                    step = max(1, _BLOCK // (buf.size // buf.shape[0]))

                    def block(k):   # one pass, shared with an intra-op thread
                        lo, hi = k * step, (k + 1) * step
                        ufunc(*[a[lo:hi] if c else a for a, c in zip(arrs, cut)],
                              out=buf[lo:hi])
                    _threads.run_blocks(block, -(-buf.shape[0] // step))
                    return buf
            return assign(ref, ufunc(*ins))
        return assign_into

    od = _DEFS[key] = OpDef(f"Assign[{ufunc.__name__}]", infer=None, bind=bind,
                            stateful=True, props={"fused": ["Assign", ufunc.__name__]})
    return od


def _name_of(node):
    from ..ops.state import _var_name  # lazy: optimize/ is below ops/ at import time
    return _var_name(node)


def inplace_assign(program, options=None):
    nodes = program.nodes
    if not any(n.type == "Assign" for n in nodes):
        return program
    prod, readers = producers(nodes), reader_indices(nodes)
    fetched = set(program.fetches)
    mut = None
    pref = mutating_prefix(nodes)
    drop, new = set(), {}
    for i, n in enumerate(nodes):
        if n.type != "Assign" or n.op is None or len(n.inputs) != 2 or n.recompute:
            continue
        ref, val = n.inputs
        hit = prod.get(val)
        if hit is None:
            continue
        j, p = hit
        ufunc = None if p.stateful or p.recompute else _ufunc(p)
        if ufunc is None or readers.get(val) != {i} or val in fetched or \
                val in program.persistent or pref[i] - pref[j + 1]:
            continue
        if mut is None:   # a fed Placeholder is no state
            mut = mutable_values(program) - {v for m in nodes if m.type == "Placeholder"
                                             for v in m.outputs}
        target = _root(prod, ref)
        if any(x in mut and _root(prod, x) != target for x in p.inputs):
            continue
        drop.add(j)
        new[i] = dataclasses.replace(n, type=f"Assign[{p.type}]",
                                     op_def=_fused_def(n.op_def, ufunc),
                                     inputs=[ref] + list(p.inputs), inplace_input=None)
    if not new:
        return program
    out = [new.get(i, n) for i, n in enumerate(nodes) if i not in drop]
    return program.copy(nodes=out)


# -- block-wise updates ---------------------------------------------------------------------
# `AssignSub(ref, F(..., G(...), ...))` (Adam's `var -= lr * m / (sqrt(v) + eps)`: G the
# fused Sqrt+Add, F the fused Mul+RealDiv) makes G's and F's results in full-size buffers
# and reads them back: three passes over memory. Run block by block (row blocks of
# `_BLOCK` elements), G, F and the update work on a block that stays in cache (measured,
# 10000 x 256 float32: 4.3 -> 2.9 ms for Adam's in-place slots and update). The kernels
# are the nodes' own, called on row blocks of their operands: the same ufuncs per element,
# restricted to operations that are exact per element (IEEE add, subtract, multiply,
# divide, sqrt, ...), so the bits are the plain update's. The blocks are shared by the
# caller and a second thread when the plan's thread budget has one (threads.run_blocks).
_BLOCK = 1 << 16
_MIN_ROWS_ELEMENTS = 1 << 20   # below this the whole-array kernels are as fast
_EXACT = frozenset({"Add", "AddV2", "Sub", "Mul", "RealDiv", "Sqrt", "Neg", "Square",
                    "Maximum", "Minimum", "Abs"})
_UPDATES = {"AssignSub": np.subtract, "AssignAdd": np.add}


def _row_cuts(buf, arrs):
    """Per operand: True to take its rows lo:hi with the buffer's, False to pass it whole
    (it broadcasts over the rows); None if neither (an operand of other rows)."""
    rows, cut = buf.shape[0], []
    for a in arrs:
        if a.ndim == buf.ndim and a.shape[0] == rows:
            cut.append(True)
        elif a.ndim < buf.ndim or a.shape[0] == 1:
            cut.append(False)
        else:
            return None
    return cut


def _exact(n):
    types = n.op_def.props.get("fused") if n.type.startswith("Fused[") else [n.type]
    return bool(types) and all(t in _EXACT for t in types) and not n.stateful and \
        not n.recompute and len(n.outputs) == 1 and n.op_def.bind is None and not n.attrs


def _block_def(update_def, ufunc, g_pos, f_args):
    """The node's kernel: run(ref, *ext) with G reading ext[g_pos] (None: no G) and F
    reading `f_args` (ext positions, or -1 for G's result)."""
    plain = update_def.bind

    def bind(node, ctx):
        kg = node.op_def.props["kernels"][0]
        kf = node.op_def.props["kernels"][1]
        update = plain(node, ctx)

        def whole(ext):
            d = kg(*[ext[k] for k in g_pos]) if g_pos is not None else None
            return kf(*[d if k < 0 else ext[k] for k in f_args])

        def run(ref, *ext):
            buf = ref
            if type(buf) is not np.ndarray or buf.ndim == 0 or buf.size < _MIN_ROWS_ELEMENTS:
                return update(ref, whole(ext))
            rows = buf.shape[0]
            # (a scalar operand, e.g. Adam's `lr` computed from 0-d values, is a NumPy
            # scalar: it broadcasts over every block)
            if any(not isinstance(a, (np.ndarray, np.generic)) or a.dtype != buf.dtype
                   for a in ext):
                return update(ref, whole(ext))
            cut = _row_cuts(buf, ext)
            if cut is None or \
                    np.broadcast_shapes(buf.shape, *(a.shape for a in ext)) != buf.shape:
                return update(ref, whole(ext))
            step = max(1, _BLOCK // (buf.size // rows))

            def block(k):
                lo, hi = k * step, (k + 1) * step
                blk = buf[lo:hi]
                ufunc(blk, whole([a[lo:hi] if c else a for a, c in zip(ext, cut)]), out=blk)
            _threads.run_blocks(block, -(-rows // step))
            return buf
        return run
    return bind


def block_updates(program):
    """`AssignSub`/`AssignAdd` of an exact elementwise chain (and one chain feeding it)
    as one block-wise node at the update's position."""
    nodes = program.nodes
    if not any(n.type in _UPDATES for n in nodes):
        return program
    prod, readers = producers(nodes), reader_indices(nodes)
    fetched = set(program.fetches)
    pref = mutating_prefix(nodes)
    mut = None
    drop, new = set(), {}

    def single(v, reader):
        hit = prod.get(v)
        if hit is None or readers.get(v) != {reader} or v in fetched or \
                v in program.persistent or not _exact(hit[1]):
            return None
        return hit

    for i, n in enumerate(nodes):
        if n.type not in _UPDATES or n.op is None or len(n.inputs) != 2 or n.recompute or \
                n.attrs.get("use_locking"):
            continue
        ref, val = n.inputs
        hf = single(val, i)
        if hf is None:
            continue
        jf, f = hf
        g_at, hg = None, None
        full = static_shape(program, val)
        for k, v in enumerate(f.inputs):   # G: a full-size chain read by F alone
            hg = single(v, jf)
            if hg is not None and f.inputs.count(v) == 1 and full and \
                    static_shape(program, v) == full:
                g_at = k
                break
            hg = None
        first = hg[0] if hg is not None else jf
        if pref[i] - pref[first + 1]:
            continue
        ext = []

        def pos(v):
            if v not in ext:
                ext.append(v)
            return ext.index(v)
        g_pos = [pos(v) for v in hg[1].inputs] if hg is not None else None
        f_args = [-1 if k == g_at else pos(v) for k, v in enumerate(f.inputs)]
        if mut is None:
            mut = mutable_values(program) - {v for m in nodes if m.type == "Placeholder"
                                             for v in m.outputs}
        # another variable's buffer is other memory; the updated one is read whole-buffer
        # (Identity, ScatterAdd, ... return it as is): both are read row by row unshifted
        if any(x in mut and _var_key(prod, x) is None for x in ext + [ref]):
            continue
        kg = hg[1].op_def.kernel if hg is not None else None
        od = OpDef(f"{n.type}[block]", infer=None,
                   bind=_block_def(n.op_def, _UPDATES[n.type], g_pos, f_args), stateful=True,
                   props={"kernels": (kg, f.op_def.kernel),
                          "fused": ([hg[1].type] if hg else []) + [f.type, n.type]})
        drop.update([jf] + ([hg[0]] if hg is not None else []))
        new[i] = dataclasses.replace(n, type=f"{n.type}[{'+'.join(od.props['fused'][:-1])}]",
                                     op_def=od, inputs=[ref] + ext, inplace_input=None)
    if not new:
        return program
    return program.copy(nodes=[new.get(i, n) for i, n in enumerate(nodes) if i not in drop])
