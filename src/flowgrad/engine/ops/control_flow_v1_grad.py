"""Gradients through TF 1.x's own control flow imported from a GraphDef/MetaGraph.

A V1Frames op (control_flow_v1.py) runs an imported region's Switch/Merge/Enter/Exit/
NextIteration dataflow. Its gradient is one V1FramesGrad op: it takes the record of every
live firing (op, tag (frame, iteration), inputs, results) the forward V1Frames op kept in
this run (what TF's stacks hold: nothing runs twice, so a stateful op in the region runs
once) — or, when the forward did not run in this run, runs the region recording it — then
walks that record backwards, as TF's control_flow_grad.py routes gradients:
- Switch: the gradient of whichever output was taken goes to its data input (TF's Merge
  of the two output gradients);
- Merge: to the input it forwarded (TF's Switch on the Merge's value_index);
- Enter / Exit / NextIteration: to the input at the tag it was read at (TF's Exit /
  Enter / NextIteration of the gradient frame); a loop invariant (constant Enter) sums
  its gradients over every iteration (TF's accumulating Merge), as does a captured
  tensor;
- any other op: its registered gradient rule, built once per op on placeholders and run
  at each tag it fired at, with the inputs and results of that firing (what TF's
  gradient loop pops from its stacks).
The op's inputs are the region's captures and the gradients of the region's tensors read
outside (framework/branches.py gives them to the rule); its outputs are the captures'
gradients. A TensorArray's flow differentiates as flowgrad's arrays do (tensor_array.py):
its gradient is a gradient array, summed where TF sums its gradient flows; stack ops (in
TF-written gradient graphs) have no gradient, as in TF.
"""
from __future__ import annotations

import threading

import numpy as _np

from ..framework import branches as _branches
from ..framework import dtypes as _dt
from ..framework.constant_op import convert_to_tensor
from ..framework.grad_state import set_wanted, wants_grad
from ..framework.graph import Graph
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import GRADIENTS, get_gradient_function, register_op
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import lower
from . import control_flow_v1 as _v1
from . import tensor_array as _ta
from ..framework import graph_records as _records

__all__ = []

_PASS = _v1.FRAME_OPS | {"Identity", "RefIdentity"}
_GRAD_INFO = _records.GraphRecords("_GRAD_INFO")   # V1FramesGrad op -> {"region", ...}


def _diff(t):
    d = t.dtype.base_dtype
    return d.is_floating or d.is_complex or (d is _dt.variant and _is_flow(t))


def _is_flow(t):
    """Whether variant `t` is a TensorArray's flow (its gradient is a gradient array)."""
    for _ in range(10000):
        op = t._op
        if op.type.startswith("TensorArray"):
            return True
        if op.type not in _PASS or not op._inputs:
            return False
        t = op._inputs[0]
    return False


def _zeros(v):
    """The zero gradient of value `v`: an empty gradient array for a TensorArray."""
    if isinstance(v, _ta.TensorArrayValue):
        return _ta._grad_value({}, 0)
    return _np.zeros_like(_np.asarray(v))


def _as_grad(g, like):
    if isinstance(g, _ta.TensorArrayValue) or isinstance(like, _ta.TensorArrayValue):
        return g
    return _np.asarray(g, dtype=_np.asarray(like).dtype)


def _frames_grad(op, *grads):
    """The rule of V1Frames: one V1FramesGrad op (module docstring)."""
    info = _v1._regions(op._graph)[op]
    members = set(info["members"])
    seeds = [(t, g) for t, g in _branches.get_internal_grads().items()
             if t._op in members and g is not None]
    needed = _v1._needed(info["members"], [t for t, _ in seeds], [])
    caps = info["captures"]
    for i, c in enumerate(caps):
        if c.dtype.base_dtype is _dt.resource and wants_grad(i) and any(
                c in m._inputs and m.type == "ReadVariableOp" for m in needed):
            raise NotImplementedError(
                "tf.gradients through TF's own control flow imported from a GraphDef/"
                f"MetaGraph to a resource variable read inside it ({c.name}) is not supported")
    want = tuple(i for i, c in enumerate(caps) if _diff(c) and wants_grad(i))
    if not seeds or not want:
        return [None] * len(caps)
    values = [convert_to_tensor(g) if isinstance(g, IndexedSlices) else g for _, g in seeds]
    graph = op._graph
    # `seeds` names the region's tensors differentiated, so that the op read back from a
    # MetaGraph finds its region again (the region's ops are TF's, imported with it)
    gop = graph._create_op("V1FramesGrad", list(caps) + values,
                           {"n_caps": len(caps), "want": want,
                            "seeds": tuple(t.name for t, _ in seeds)}, "V1FramesGrad")
    _GRAD_INFO[gop] = {"region": op, "seeds": [t for t, _ in seeds], "want": want}
    out = [None] * len(caps)
    for k, i in enumerate(want):
        out[i] = gop._outputs[k]
    return out


def _grad_infer(inputs, attrs):
    n = attrs["n_caps"]
    return [(inputs[i].dtype.base_dtype, inputs[i].shape) for i in attrs["want"] if i < n]


def scratch_rule(op):
    """Member op `op`'s gradient rule built on placeholders in a scratch graph: (graph,
    input placeholders, the op's twin on them, output-gradient placeholders, [input
    gradient tensor or None]); IndexedSlices gradients are made dense."""
    g = Graph()
    with g.as_default():
        phs = [g._create_op("Placeholder", [], {"dtype": t.dtype.base_dtype,
                                                "shape": t.shape}, f"in{i}")._outputs[0]
               for i, t in enumerate(op._inputs)]
        twin = g._create_op(op.type, phs, dict(op._attrs), "op")
        gphs = [g._create_op("Placeholder", [], {"dtype": t.dtype.base_dtype,
                                                 "shape": t.shape}, f"g{k}")._outputs[0]
                for k, t in enumerate(twin._outputs)]
        wanted = {i for i, t in enumerate(op._inputs) if _diff(t)}
        rule = get_gradient_function(twin) if wanted else None
        set_wanted(wanted)
        try:
            ins = rule(twin, *gphs) if rule is not None else None
        finally:
            set_wanted(None)
        if ins is None:
            ins = [None] * len(phs)
        elif not isinstance(ins, (list, tuple)):
            ins = [ins]
        ins = [None if (gi is None or i not in wanted) else
               convert_to_tensor(gi) if isinstance(gi, IndexedSlices) else gi
               for i, gi in enumerate(ins)]
    return g, phs, twin, gphs, ins


class _GradKernel:
    """The gradient rule of one member op, built on placeholders in a scratch graph:
    `(inputs, results, output gradients) -> input gradients` (None where none)."""

    def __init__(self, op, ctx):
        self.n_in = len(op._inputs)
        self.index, self.comp = [], None
        if not any(_diff(t) and not t.dtype.is_ref_dtype for t in op._inputs) or \
                GRADIENTS.get(op.type, False) is None:
            return   # nothing to differentiate (a variable's update, a counter, ...)
        g, phs, twin, gphs, ins = scratch_rule(op)
        self.index = [i for i, gi in enumerate(ins) if gi is not None]
        fetches = [ins[i] for i in self.index]
        feeds = phs + list(twin._outputs) + gphs
        self.comp = CompiledProgram(lower(g, fetches, [], feeds), ctx, inplace=False) \
            if fetches else None
        self.n_in = len(phs)

    def __call__(self, args, res, gouts):
        out = [None] * self.n_in
        if self.comp is None:
            return out
        feeds = list(args) + list(res) + [
            g if g is not None else _zeros(r) for g, r in zip(gouts, res)]
        for i, v in zip(self.index, self.comp.interpret(feeds)):
            out[i] = v
        return out


def _emit_tag(o, tag):
    typ = o.type
    if typ in _v1._ENTERS:
        return tag + ((o._attrs.get("frame_name", ""), 0),)
    if typ in _v1._EXITS:
        return tag[:-1]
    if typ in _v1._NEXTS:
        return tag[:-1] + ((tag[-1][0], tag[-1][1] + 1),)
    return tag


def _add(acc, key, g):
    if g is None:
        return
    old = acc.get(key)
    acc[key] = g if old is None else old + g


def _cannot_run(gop, why):
    return NotImplementedError(
        f"{gop.name}: this V1FramesGrad op read from a GraphDef/MetaGraph cannot run ({why}); "
        "build the gradients again with tf.gradients after importing the forward graph")


def _read_back(gop):
    """The region and seeds of a V1FramesGrad op imported with the TF graph it
    differentiates (its `seeds` attr names them; an import scope is tried as a prefix)."""
    names = list(gop._attrs.get("seeds") or ())
    if not names:
        raise _cannot_run(gop, "it names no region tensors: written by an older flowgrad")
    graph = gop._graph
    parts = gop.name.split("/")
    for k in range(len(parts)):
        prefix = "/".join(parts[:k]) + "/" if k else ""
        try:
            seeds = [graph.get_tensor_by_name(prefix + n) for n in names]
        except (KeyError, ValueError):
            continue
        regions = {_v1.region_of(t._op) for t in seeds}
        if len(regions) == 1 and None not in regions:
            return {"region": regions.pop(), "seeds": seeds,
                    "want": tuple(int(i) for i in gop._attrs["want"])}
    raise _cannot_run(gop, f"the imported graph has no TF control flow holding {names[0]}")


def _grad_bind(node, ctx):
    gop = node.op
    info = _GRAD_INFO.get(gop)
    if info is None:   # read back from a GraphDef/MetaGraph: its region is found again
        info = _GRAD_INFO[gop] = _read_back(gop)
    region = info["region"]
    rinfo = _v1._regions(region._graph)[region]
    taped = _v1.bound_frames(ctx).get(region)
    if taped is not None:   # the forward of this plan keeps its firings for this op
        taped["on"] = True
    seeds, want = info["seeds"], info["want"]
    caps = list(gop._inputs[:gop._attrs["n_caps"]])
    run_ops = _v1._needed(rinfo["members"], seeds, [])
    inside = set(run_ops)
    cap_set = set(caps)
    for o in run_ops:
        for t in o._inputs:
            if t._op not in inside and t not in cap_set:
                raise _cannot_run(gop, f"{o.name} reads {t.name}, which is not one of its "
                                       "inputs")
    kernels = {o: _v1._Kernel(o, region, ctx) for o in run_ops if o.type not in _v1.FRAME_OPS}
    capture_pos = {t: i for i, t in enumerate(caps)}
    rpos = {t: i for i, t in enumerate(rinfo["captures"])}
    fwd_pos = [rpos.get(t, -1) for t in caps]   # where the forward run has each capture
    if -1 in fwd_pos:
        fwd_pos = None   # never reused: the region runs here
    consumers = {}
    readers = {}
    for o in run_ops:
        for t in dict.fromkeys(o._inputs):
            if t._op in inside:
                consumers.setdefault(t._op, [])
                if o not in consumers[t._op]:
                    consumers[t._op].append(o)
                readers[t] = readers.get(t, 0) + 1
        for c in o._control_inputs:
            if c in inside and o not in consumers.setdefault(c, []):
                consumers[c].append(o)
    const_enter = {o for o in run_ops if o.type in _v1._ENTERS and o._attrs.get("is_constant")}
    grad_kernels = {}
    n = len(caps)
    stash = _v1.tape_stash(ctx)

    def run(*args):
        cap_vals, seed_vals = args[:n], args[n:]
        kept = stash.pop((region, threading.get_ident()), None)
        if kept is not None and fwd_pos is not None and kept[1].issuperset(run_ops) and all(
                kept[0][i] is v for i, v in zip(fwd_pos, cap_vals)):
            tape = kept[2]   # this run's forward firings: nothing runs twice
        else:   # the forward region did not run in this run: it runs here
            tape = []
            _v1._execute(run_ops, kernels, consumers, const_enter, capture_pos, cap_vals,
                         list(seeds), readers, tape=tape)
        acc = {(t, ()): g if isinstance(g, _ta.TensorArrayValue) else _np.asarray(g)
               for t, g in zip(seeds, seed_vals)}
        cap_grads = {}

        def add_in(t, tag, g):
            if g is None or not _diff(t):
                return
            if t._op not in inside:
                _add(cap_grads, t, g)
            else:
                _add(acc, (t, _v1._inv_tag(tag) if t._op in const_enter else tag), g)

        for o, tag, a, res in reversed(tape):
            et = _emit_tag(o, tag)
            gouts = [acc.pop((t, et), None) for t in o._outputs]
            if all(g is None for g in gouts):
                continue
            typ = o.type
            if typ in _v1._SWITCHES:
                live = [g for g in gouts if g is not None]
                add_in(o._inputs[0], tag, live[0] if len(live) == 1 else live[0] + live[1])
            elif typ in _v1._MERGES:
                add_in(o._inputs[a], tag, gouts[0])
            elif typ in _v1._ENTERS or typ in _v1._EXITS or typ in _v1._NEXTS:
                add_in(o._inputs[0], tag, gouts[0])
            elif typ in _v1.FRAME_OPS:
                continue
            else:
                k = grad_kernels.get(o)
                if k is None:
                    k = grad_kernels[o] = _GradKernel(o, ctx)
                try:
                    ins = k(a, res, gouts)
                except Exception as e:  # noqa: BLE001 - the failing op's OpError
                    raise k.comp.translate_error(e) from None
                for t, g in zip(o._inputs, ins):
                    add_in(t, tag, g)
        out = []
        for i in want:
            c = caps[i]
            g = cap_grads.get(c)
            if g is None:
                g = _zeros(cap_vals[i])
            out.append(_as_grad(g, cap_vals[i]))
        return out[0] if len(out) == 1 else tuple(out)
    return run


register_op("V1FramesGrad", infer=_grad_infer, bind=_grad_bind, grad=None, stateful=True)
GRADIENTS["V1Frames"] = _frames_grad
