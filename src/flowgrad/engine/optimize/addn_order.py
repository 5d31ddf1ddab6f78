"""Grappler's canonical order of an AddN's inputs, as TF 1.14 runs it.

TF 1.14's arithmetic optimizer (on by default in a Session) canonicalizes every node of
a commutative op before deduplicating computations: it sorts the node's data inputs by
their names as the NodeDef writes them ("scope/op", or "scope/op:k" for output k). The
AddN kernel then sums the sorted inputs left to right, so a gradient summed from several
contributions rounds in the order of their names, not in the order tf.gradients listed
them: sigmoid_cross_entropy_with_logits' gradient adds `.../Neg_grad/Neg` first and
`.../mul_grad/Reshape` last, which moves its last bit for some logits (and so every
later step of a classifier trained on it). The names are those of the nodes Grappler's
dedup keeps (_deduped): two gradient graphs of one loss (two minimize() calls) are one
graph by then, so their AddN sorts by one graph's names.

Only AddN of three or more inputs changes values (two summands commute exactly). Like
reciprocal_div.py and convert_pow.py (values change, so every plan gets it), applied by
`grappler_division` while the arithmetic optimizer is on and the graph has at least
MIN_GRAPH_NODES ops (RewriterConfig(arithmetic_optimization=OFF) and
disable_meta_optimizer keep tf.gradients' order, as in TF). TF 1.x loop bodies live in
the main graph, so their AddNs are sorted too (the fused RNN runners sum in the same
order: lstm_loop.by_name). Not applied to a plan with checkpointed gradients' recomputations
(flowgrad's `checkpoints=`, which TF has not: a running sum in the order contributions
appear keeps its memory bound).

The AddN kernel then takes over the buffer of the first input nothing else holds and
swaps it to the front (aggregate_ops.cc; `_Buffers` models which one statically: a
fresh result that only this AddN reads, once, not fetched, no reader left that depends
on the AddN). That swap is the kernel's, so it applies with the arithmetic optimizer off
too (on tf.gradients' order): pgate2's `AddN(add_2, add_2, SigmoidGrad)` runs as
`(SigmoidGrad + add_2) + add_2`. Where it is not known (a reader that neither depends on
the AddN nor it on that reader: the executor's order; a loop body's feed; an op kind not
listed) the sorted order stays.

Before/after (inputs named b/x, a/y, c/z):

    v4 = AddN(v1, v2, v3)   ->   v4 = AddN(v2, v1, v3)
"""
from __future__ import annotations

import numpy as np

from ._util import resolve, shapes_symbolically_equal, snapshots
from .constant_folding import constant_folding
from .cse import duplicates
from .mul_by_ones import identity_muls
from .symbolic_shapes import symbolic_shapes

_SORTED = frozenset({"AddN"})
# an Identity of these stays (a variable's read turns a ref into a value; control flow)
_KEPT_IDENTITY_INPUTS = frozenset({"VariableV2", "Variable", "TemporaryVariable",
                                   "VarHandleOp", "Switch", "RefSwitch", "Merge", "Enter",
                                   "RefEnter", "Exit", "NextIteration", "While", "Cond",
                                   "WhileGrad"})


# attr of an AddN partial_split.py rewrote: per input, its graph tensor or the split's name
PARTIAL_SPLIT_ATTR = "_partial_split_inputs"


def _input_name(t) -> str:
    """The NodeDef spelling of a graph tensor as an input: "op", or "op:k" for k > 0."""
    return t.op.name if t.value_index == 0 else f"{t.op.name}:{t.value_index}"


def read_name(op, t) -> str:
    """The name `op`'s NodeDef reads its input `t` by: `_input_name(t)`, or for a tensor
    a TF 1.x while loop's body captures, the loop's Enter of it (`<first reader>/Enter`,
    recorded by ops/control_flow.while_loop)."""
    enters = getattr(op._graph, "_grappler_enter_names", None)
    name = enters.get((op._id, t.name)) if enters else None
    return _input_name(t) if name is None else name


def _is_ones(value) -> bool:
    a = np.asarray(value)
    return a.dtype != object and a.size > 0 and bool(np.all(a == 1))


def _grappler_names(program):
    """value -> the name Grappler's canonicalization sees for it, where that differs from
    its own: constant folding makes a Sum over no axes, a Reshape to the input's own shape
    and a Mul by ones (the other input of the output's shape) Identities, which the
    dependency optimizer removes, so a reader of one reads its source (an AddN of
    tf.gradients' contributions sorts `gradients/mul_grad/Mul_1` for the no-op
    `gradients/sub_grad/Reshape`, `add_1` for `gradients/mul_2_grad/Mul_1` = ones * add_1;
    not in a plan with a ref-input op, where the Mul by ones is a Snapshot, which stays:
    _util.snapshots), and so does one of tf.gradients' gate Identities.
    Not through what is fetched or has control edges. Below a feed Grappler decides on its
    symbolic shapes (symbolic_shapes.py): a Reshape to `Shape(x)` of a tensor of x's
    symbolic shape is removed (RemoveRedundantReshape), and the gradients'
    BroadcastGradientArgs of two Shapes folds where the symbols allow it
    (MaterializeBroadcastGradientArgs), so a Sum over its empty side is an Identity
    (A2C's `logits - reduce_max(logits, 1, keepdims=True)`: the AddN reads
    `gradients/sub_grad/Reshape` under the name of the gradient it reshapes)."""
    return _named(program, *_grappler_sources(program)[:2])


def _named(program, source, names):
    # a feed of a loop's gradient body that TF's frame reads under another name (its
    # gradient loop variable: `.../Merge_3_grad/Switch:1`, not tf.gradients' grad_ys_1)
    aliased = {}
    for n in program.nodes:
        op = n.op
        alias = getattr(op.graph, "_grappler_input_names", None) if op is not None else None
        if alias and len(op.inputs) == len(n.inputs):
            for v, t in zip(n.inputs, op.inputs):
                if t.name in alias:
                    aliased.setdefault(v, alias[t.name])
    # (also behind a gate Identity that reads it: compute_gradients' gate_gradients, where
    # the AddN sorts `sub_1_grad/tuple/control_dependency` under that name: kalman_scan)
    out = {v: aliased[s] if s in aliased else names[s] for v, s in source.items()
           if s in aliased or s in names}
    for v, name in aliased.items():
        out.setdefault(v, name)
    return out


def _grappler_sources(program):
    """(value -> the value Grappler's no-op removal reads in its place (_grappler_names),
    value -> its NodeDef name, the values Grappler's constant folding makes Consts)."""
    tainted = set(program.feeds)
    for n in program.nodes:
        if not tainted.isdisjoint(n.inputs):
            tainted.update(n.outputs)
    folded = constant_folding(program)
    consts = {n.outputs[0]: n.attrs["value"] for n in folded.nodes
              if n.type == "Const" and not n.inputs and n.outputs[0] not in tainted}
    fetched = set(program.fetches)
    control = set()
    for n in program.nodes:
        # (a tf.gradients gate's NoOp is gone by the second round, with its control edges)
        if n.op is not None and not _is_gate(n.op):
            control.update(id(c) for c in n.op._control_inputs)

    def shape(v):
        s = program.shapes.get(v)
        return tuple(s.as_list()) if v not in tainted and s is not None and \
            s.is_fully_defined() else None

    sym = symbolic_shapes(program)
    snap = snapshots(program)   # (a Mul by ones is then a Snapshot, which keeps its name)
    producer = {v: n for n in program.nodes for v in n.outputs}
    source = {}
    names = {}
    below_feed = None
    for n in program.nodes:
        for k, v in enumerate(n.outputs):
            names[v] = n.name if k == 0 else f"{n.name}:{k}"
        if len(n.outputs) != 1 or n.recompute or n.outputs[0] in fetched or n.op is None:
            continue
        out = n.outputs[0]
        if _is_gate_identity(n.op):
            # tf.gradients' gate Identity: the dependency optimizer removes it after the
            # first round, so the second round's canonical order reads its input's name
            source[out] = source.get(n.inputs[0], n.inputs[0])
            continue
        if n.op._control_inputs or id(n.op) in control:
            continue
        src = None
        if n.type == "Sum" and len(n.inputs) == 2 and n.inputs[1] in consts \
                and np.size(consts[n.inputs[1]]) == 0:
            src = n.inputs[0]
        elif n.type == "Sum" and len(n.inputs) == 2 and _no_reduction(n.inputs[1], producer,
                                                                     consts, sym):
            src = n.inputs[0]
        elif n.type == "Reshape" and shapes_symbolically_equal(
                sym.get(source.get(n.inputs[0], n.inputs[0])), sym.get(out)):
            src = n.inputs[0]
        elif n.type == "Identity" and n.inputs and n.inputs[0] in producer and \
                producer[n.inputs[0]].type not in _KEPT_IDENTITY_INPUTS:
            src = n.inputs[0]   # (the dependency optimizer removes a user's Identity)
        elif n.type == "Mul" and len(n.inputs) == 2 and shape(out) is not None and not snap:
            for one, other in ((1, 0), (0, 1)):
                if n.inputs[one] in consts and _is_ones(consts[n.inputs[one]]) \
                        and shape(n.inputs[other]) == shape(out):
                    src = n.inputs[other]
                    break
        if src is None and n.type == "Mul" and out in tainted and not snap:
            # below a feed: Grappler's symbolic shapes decide (a dynamic_rnn output of a
            # fed input, `sigmoid(out) * ones` read beside SigmoidGrad: mul_by_ones)
            if below_feed is None:
                below_feed = identity_muls(program)
            if out in below_feed:
                src = n.inputs[1 - below_feed[out]]
        if src is not None:
            source[out] = source.get(src, src)
    return source, names, set(consts)


def _is_gate(op):
    """Is `op` a tf.gradients gate (gate_gradients: a tuple's group_deps NoOp)?"""
    return op._id in (getattr(op._graph, "_grad_gates", None) or ())


def _is_gate_identity(op):
    """Is `op` an Identity of a tf.gradients gate (its only control input the gate)?"""
    return op.type == "Identity" and len(op._control_inputs) == 1 and \
        _is_gate(op._control_inputs[0])


def _bcast_reduce_axes(x, y):
    """BCast's grad_x_reduce_idx / grad_y_reduce_idx for two dim lists (symbols compare
    as ints); None if they do not broadcast."""
    n = max(len(x), len(y))
    x = [1] * (n - len(x)) + list(x)
    y = [1] * (n - len(y)) + list(y)
    rx, ry = [], []
    for i, (a, b) in enumerate(zip(x, y)):
        if a == b:
            if a == 1:
                rx.append(i)
                ry.append(i)
        elif a == 1:
            rx.append(i)
        elif b == 1:
            ry.append(i)
        else:
            return None
    return rx, ry


def _no_reduction(axes, producer, consts, sym):
    """Is `axes` an output of a BroadcastGradientArgs that Grappler's constant folding
    materializes (MaterializeBroadcastGradientArgs: both inputs Shapes of tensors whose
    symbolic shapes are known, or constants; dims at the same position from the front
    equal or both known, the longer shape's extra dims known) as an empty list?"""
    n = producer.get(axes)
    if n is None or n.type != "BroadcastGradientArgs" or len(n.inputs) != 2:
        return False
    shapes = []
    for v in n.inputs:
        p = producer.get(v)
        if p is not None and p.type == "Shape" and p.inputs:
            s = sym.get(p.inputs[0])
        elif v in consts:
            s = tuple(int(d) for d in np.ravel(consts[v]))
        else:
            s = None
        if s is None:
            return False
        shapes.append(s)
    a, b = shapes
    common = min(len(a), len(b))
    if any((a[i] < 0 or b[i] < 0) and a[i] != b[i] for i in range(common)):
        return False
    if any(d < 0 for d in a[common:] + b[common:]):
        return False
    axes_lists = _bcast_reduce_axes(a, b)
    return axes_lists is not None and not axes_lists[n.outputs.index(axes)]


# ops whose output is a buffer of their own (allocated, or an input's taken over)
_FRESH = frozenset({
    "Mul", "Add", "AddV2", "AddN", "Sub", "RealDiv", "Div", "Neg", "Square", "Tanh",
    "Sigmoid", "Exp", "Log", "Sqrt", "Rsqrt", "Relu", "Abs", "Sin", "Cos", "Maximum",
    "Minimum", "SquaredDifference", "Reciprocal", "MatMul", "BatchMatMul", "BiasAdd",
    "Pow", "SigmoidGrad", "TanhGrad", "ReluGrad", "Relu6Grad", "EluGrad", "SeluGrad",
    "SoftplusGrad", "SoftsignGrad", "RsqrtGrad", "SqrtGrad", "ReciprocalGrad",
    "StridedSliceGrad", "BiasAddGrad", "Snapshot", "Select", "SelectV2", "Sign", "Softmax",
    "LogSoftmax", "Softplus", "Elu", "Relu6", "Log1p", "Expm1", "ZerosLike", "OnesLike",
    "Fill", "UnsortedSegmentSum", "GatherV2", "Conv2D", "Conv2DBackpropInput",
    "Conv2DBackpropFilter", "MirrorPad", "MirrorPadGrad"})
# ops whose output shares their first input's buffer (TF's kernels set_output / CopyFrom)
_ALIAS = frozenset({"Identity", "Reshape", "ExpandDims", "Squeeze", "StopGradient",
                    "PreventGradient"})
# ops whose output TF's kernel shares with a Const or a variable (never taken over)
_HELD = frozenset({"Const", "ReadVariableOp", "HostConst"})
# ... when the output has as many elements as the input (a reduction that reduces
# nothing, a broadcast or tile to the input's own shape); otherwise a fresh buffer
_ALIAS_SAME_SIZE = frozenset({"Sum", "Mean", "Prod", "Max", "Min", "BroadcastTo", "Tile"})
_REDUCTIONS = frozenset({"Sum", "Mean", "Prod", "Max", "Min"})
# ... when every block size is 1 and nothing is padded or cropped (TF's
# SpaceToBatchOpCompute / BatchToSpaceOpCompute: no internal block dims, set_output of
# the input); otherwise a fresh buffer, of the same size or not
_SPACE_BATCH = frozenset({"SpaceToBatchND", "BatchToSpaceND"})


def moves_nothing(node, const_of):
    """Whether the SpaceToBatchND / BatchToSpaceND `node` hands its input on (True) or
    writes a fresh buffer (False); None where its block shape or paddings (crops) are not
    constants (`const_of(value)`: the value of a Const, else None)."""
    block, pads = (const_of(v) for v in node.inputs[1:3])
    if block is None or pads is None:
        return None
    return bool(np.all(np.asarray(block) == 1) and not np.any(pads))


def _size(program, v):
    s = program.shapes.get(v)
    return s.num_elements() if s is not None and s.is_fully_defined() else None


class _Buffers:
    """The references TF's executor holds to each buffer when an AddN runs, to know the
    input whose buffer the AddN kernel takes over (OpKernelContext::forward_input: not a
    Const, a variable's or a feed's, not fetched (the _Retval keeps a copy), and its
    refcount 1; what is folded is a Const). Values merged by dedup (cse.py: TF's classic
    graph optimizer and Grappler both merge them) are one buffer, and so are an op's
    output and input where TF's kernel hands the input on (Identity, Reshape, a Sum over
    nothing, also of a shape known only at run time: _reduces_nothing; a Mul by ones
    Grappler makes an Identity: _grappler_sources). The executor
    clears a node's inputs once it has run, so a reader the AddN depends on holds no
    reference any more, one that depends on the AddN surely still does, and one neither
    way is not known (the executor's order: the AddN is then left as it is)."""

    def __init__(self, program, source, consts, held_feeds=False):
        self.program = program
        nodes = program.nodes
        repl = duplicates(program, set(program.fetches), controls=True)[1]
        self.producer = producer = {}
        for i, n in enumerate(nodes):
            for v in n.outputs:
                producer[v] = i
        made_by = {v: n for n in nodes for v in n.outputs}
        parent = {}
        self.fresh = set()      # outputs of _ALIAS_SAME_SIZE ops of another size
        self._sym = None        # symbolic_shapes(program), when needed
        for n in nodes:
            if len(n.outputs) != 1 or not n.inputs:
                continue
            o = n.outputs[0]
            if o in source:
                parent[o] = source[o]
            elif n.type in _ALIAS:
                parent[o] = n.inputs[0]
            elif n.type in _REDUCTIONS and len(n.inputs) == 2 and \
                    self._reduces_nothing(n, made_by, repl):
                parent[o] = n.inputs[0]
            elif n.type in _ALIAS_SAME_SIZE:
                size = _size(program, o)
                if size is not None and size == _size(program, n.inputs[0]):
                    parent[o] = n.inputs[0]
                elif size is not None and _size(program, n.inputs[0]) is not None:
                    self.fresh.add(o)
                elif n.type in _REDUCTIONS and len(n.inputs) == 2 and \
                        self._reduces_known(n, made_by):
                    self.fresh.add(o)
            elif n.type in _SPACE_BATCH and len(n.inputs) == 3:
                same = moves_nothing(n, lambda v: made_by[v].attrs.get("value")
                                     if v in made_by and made_by[v].type == "Const" else None)
                if same:
                    parent[o] = n.inputs[0]
                elif same is not None:
                    self.fresh.add(o)
        self.repl, self.parent, self.consts = repl, parent, consts
        self.held_feeds = held_feeds
        self._root = {}
        self.readers = {}      # buffer -> indices of the nodes reading it, one per input
        self.value_readers = {}
        for i, n in enumerate(nodes):
            for v in n.inputs:
                self.value_readers.setdefault(v, []).append(i)
            if n.outputs and n.outputs[0] in repl:
                continue        # (merged away: TF does not run it)
            for v in n.inputs:
                self.readers.setdefault(self.root(v), []).append(i)
        self.fetched = {self.root(v) for v in program.fetches}
        self.op_index = {id(n.op): i for i, n in enumerate(nodes) if n.op is not None}

    def _reduces_nothing(self, n, made_by, repl):
        """Does the reduction `n` keep every element whatever the shapes fed (ReductionOp
        then hands its input's buffer on: the "reduces nothing" CopyFrom, also where it
        reduces only axes of size 1)? Its axes are an output k of a
        BroadcastGradientArgs(sx, sy) that broadcasts nothing into input k's tensor t
        (tf.gradients' `Sum(grad * y, rx)`, the data of t's rank): sx and sy are one
        shape (`Shape(q)` twice, merged by dedup: the gradient of `q * q`, whose two Sums
        then share one Mul's buffer), or the other one is known all ones of a rank no
        greater than t's (`q * 0.7`). (An empty constant: _grappler_sources.)"""
        b = made_by.get(n.inputs[1])
        if b is None or b.type != "BroadcastGradientArgs" or len(b.inputs) != 2:
            return False
        k = b.outputs.index(n.inputs[1])
        mine, other = (resolve(repl, v) for v in (b.inputs[k], b.inputs[1 - k]))
        if mine == other:
            return True
        shape_of = made_by.get(mine)
        if shape_of is None or shape_of.type != "Shape" or not shape_of.inputs:
            return False
        rank = self._rank(shape_of.inputs[0])
        if rank is None or self._rank(n.inputs[0]) != rank:
            return False
        dims = self._static_ints(other, made_by)
        return dims is not None and len(dims) <= rank and all(d == 1 for d in dims)

    def _reduces_known(self, n, made_by):
        """Does the reduction `n` (its shapes known only symbolically: a fed batch) reduce
        an axis of a known size above 1, so that TF's ReductionOp allocates its output?
        Its axes are an output of a BroadcastGradientArgs of two Shapes whose symbolic
        shapes broadcast (tf.gradients' `Sum(grad * y, ry)` of `x * y`, y of shape [?, 6,
        1] against x's [?, 6, 4])."""
        b = made_by.get(n.inputs[1])
        if b is None or b.type != "BroadcastGradientArgs" or len(b.inputs) != 2:
            return False
        if self._sym is None:
            self._sym = symbolic_shapes(self.program)
        shapes = []
        for v in b.inputs:
            p = made_by.get(v)
            s = self._sym.get(p.inputs[0]) if p is not None and p.type == "Shape" and \
                p.inputs else None
            if s is None:
                return False
            shapes.append(s)
        axes = _bcast_reduce_axes(*shapes)
        if axes is None:
            return False
        rank = max(len(s) for s in shapes)
        dims = self._sym.get(n.inputs[0])
        if dims is None:
            # (not modelled, a StridedSliceGrad's product: the gradient has the
            # broadcast shape, where the other side's dim is known)
            x, y = ([1] * (rank - len(s)) + list(s) for s in shapes)
            dims = [a if b == 1 else b for a, b in zip(x, y)]
        return len(dims) == rank and any(
            dims[i] > 1 for i in axes[b.outputs.index(n.inputs[1])])

    def _rank(self, v):
        s = self.program.shapes.get(v)
        return s.ndims if s is not None else None

    def _static_ints(self, v, made_by):
        """The value of a shape vector known at build time (a Const's, or a Shape of a
        tensor of a fully defined static shape), else None."""
        n = made_by.get(v)
        if n is None:
            return None
        if n.type == "Const" and v not in self.program.feeds:
            return [int(d) for d in np.ravel(n.attrs["value"])]
        if n.type == "Shape" and n.inputs:
            s = self.program.shapes.get(n.inputs[0])
            if s is not None and s.is_fully_defined():
                return s.as_list()
        return None

    def root(self, v):
        r = self._root.get(v)
        if r is None:
            r, seen = v, set()
            while r not in seen:
                seen.add(r)
                r = resolve(self.repl, r)
                r = self.parent.get(r, r)
            self._root[v] = r
        return r

    def _control(self, n):
        return [self.op_index[id(c)] for c in getattr(n.op, "_control_inputs", ())
                if id(c) in self.op_index]

    def ancestors(self, i):
        nodes, out, stack = self.program.nodes, set(), [i]
        while stack:
            j = stack.pop()
            n = nodes[j]
            for k in [self.producer[v] for v in n.inputs if v in self.producer] + \
                    self._control(n):
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out

    def descendants(self, i):
        nodes = self.program.nodes
        ctrl_out = getattr(self, "_ctrl_out", None)
        if ctrl_out is None:
            ctrl_out = self._ctrl_out = {}
            for j, n in enumerate(nodes):
                for k in self._control(n):
                    ctrl_out.setdefault(k, []).append(j)
        out, stack = set(), [i]
        while stack:
            j = stack.pop()
            nxt = [k for v in nodes[j].outputs for k in self.value_readers.get(v, ())]
            for k in nxt + ctrl_out.get(j, []):
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out

    def forwarded(self, i, vs):
        """The position of the input of the AddN `nodes[i]` reading `vs` that TF's kernel
        forwards (the first whose buffer it can take over), or None where that is not
        known (or no input is)."""
        roots = [self.root(v) for v in vs]
        anc = desc = None
        for k, r in enumerate(roots):
            if roots.count(r) > 1 or r in self.fetched:
                continue                    # (two references; a _Retval's copy)
            p = self.producer.get(r)
            if r in self.program.feeds:
                if self.held_feeds:
                    continue
                return None
            if p is None:
                return None
            node = self.program.nodes[p]
            if r in self.consts or r in self.program.persistent and (
                    node.stateful or node.type in _HELD):
                continue                    # a Const's (folded ones too), a variable's
            if self.program.nodes[p].type not in _FRESH and r not in self.fresh:
                return None
            others = [j for j in self.readers.get(r, ()) if j != i]
            if others and anc is None:
                anc, desc = self.ancestors(i), self.descendants(i)
            state = True
            for j in others:
                if j in anc:
                    continue
                if j in desc:
                    state = False
                    break
                state = None
            if state is None:
                return None
            if state:
                return k
        return None


def _deduped(program, source):
    """{value: the value Grappler's dedup merges it into}, once the no-ops of
    _grappler_sources are gone: a node reading a tf.gradients gate Identity (or a no-op)
    reads its source, as in Grappler's second round, so the nodes of two gradient graphs
    of one loss (two minimize() calls: `gradients/.../Neg_grad/Neg` and
    `gradients_1/.../Neg_grad/Neg`, each reading its own graph's gate) are one node, as
    Grappler's fixpoint dedup makes them (the gates' NoOps and Identities merged first)."""
    if not source:
        return {}
    nodes = [n.with_inputs([source.get(v, v) for v in n.inputs])
             if not source.keys().isdisjoint(n.inputs) else n for n in program.nodes]
    return duplicates(program.copy(nodes=nodes), set(program.fetches), controls=True)[1]


def _sort_name(v, t, renamed, graph_names, consts, source, merged):
    """The name Grappler's second round sorts the AddN input `v` (graph tensor `t`) by:
    its no-op source's (_grappler_names), or where `t` is a tf.gradients gate Identity
    the plan no longer runs (a chain of them: `x - y`'s gradient of fully defined equal
    shapes is the incoming gate's tensor itself), the name of the node the plan reads,
    as the dependency optimizer removes the Identities; else `t`'s own. Not where the
    value is constant (`consts`): Grappler's constant folding, before the dependency
    optimizer, makes the gate Identity itself a Const of its own name (wide & deep's two
    sigmoid_cross_entropy losses: the AddN reads `.../mul_grad/tuple/control_dependency`
    last, though the plan reads the other gradients' merged `gradients/.../mul_grad/Mul`).
    A value dedup merges (`merged`: _deduped) carries its representative's name: Grappler
    rewires every reader of a duplicate to one node, so the AddN of a second gradient
    graph of one loss reads one graph's names only (TF's optimized graph of two
    minimize() calls: one AddN of `gradients_1/.../Neg_grad/Neg`, `.../Select_1_grad/
    Select_1`, `.../Select_grad/Select`, `.../mul_grad/Mul`, in that order), not the
    first graph's for the tensors behind its gates and its own for `Neg_grad/Neg`, which
    then sorted last."""
    name = renamed.get(v)
    if name is not None:
        s = source.get(v)
        r = resolve(merged, s) if s is not None else s
        return graph_names.get(r, name) if r != s else name
    if v in consts:
        return _input_name(t)
    r = resolve(merged, v)
    if r != v or t.op.type == "Identity" and _is_gate_identity(t.op) or \
            _through_no_ops(t, graph_names.get(v)):
        name = graph_names.get(r)
    return name if name is not None else _input_name(t)


# ops an earlier pass may have removed between an AddN and what the plan reads in their place
# (Grappler's no-ops: an Identity, a Reshape to the same shape, a Sum over no axes, a Mul by
# ones, which constant folding makes Identities and the dependency optimizer removes)
_NO_OP_TYPES = frozenset({"Identity", "Reshape", "Sum", "Mul"})


def _through_no_ops(t, name, depth=8) -> bool:
    """Does the graph tensor `t` read the tensor named `name` through ops of _NO_OP_TYPES
    only? (minimize_broadcasts' second round removed them already: the AddN of PixelCNN++'s
    log_sum_exp gradient reads `gradients/Exp_2_grad/mul` for `gradients/sub_10_grad/
    Reshape` of `Sum(.., BroadcastGradientArgs)` over no axes, and sorts by that name as
    TF's second round does.)"""
    if name is None or _input_name(t) == name:
        return False
    stack = [(t, 0)]
    while stack:
        x, d = stack.pop()
        if _input_name(x) == name:
            return True
        if d < depth and x.op.type in _NO_OP_TYPES and x.op.inputs:
            ins = x.op.inputs if x.op.type == "Mul" else x.op.inputs[:1]
            stack.extend((y, d + 1) for y in ins)
    return False


def canonical_addn(program, held_feeds=False, arithmetic=True, folding=True):
    """`program` with each AddN of 3+ inputs reading them sorted by their graph names (as
    Grappler sees them once its no-ops are gone), then with the input whose buffer TF's
    AddN kernel takes over swapped to the front (it sums from that one: `AddN(add_2,
    add_2, SigmoidGrad)` runs as `(SigmoidGrad + add_2) + add_2`; _Buffers). `held_feeds`:
    the feeds are a Session.run's, whose call frame holds a copy (never taken over);
    otherwise (a loop body's or cond branch's plan) not known. Without the arithmetic
    optimizer (`arithmetic=False`) the order is tf.gradients' (no sort) and only the
    kernel's swap applies; without Grappler's constant folding (`folding`) a Mul by ones
    stays a Mul. (TF's classic graph optimizer, on whatever Grappler does, still merges
    common subexpressions, `b * a` with `a * b`, and folds constant subgraphs.)"""
    if any(n.recompute for n in program.nodes):
        return program
    if not any(n.type in _SORTED and len(n.inputs) > 2 for n in program.nodes):
        return program
    source, graph_names, consts = _grappler_sources(program)
    renamed = _named(program, source, graph_names) if arithmetic else {}
    if not folding:
        kind = {v: n.type for n in program.nodes for v in n.outputs}
        source = {v: s for v, s in source.items() if kind.get(v) != "Mul"}
    merged = _deduped(program, source) if arithmetic else {}
    buffers = None
    nodes, changed = [], False
    for i, n in enumerate(program.nodes):
        op = n.op
        # (an AddN constant folding split: its graph inputs, the split's name for its own)
        tensors = n.attrs.get(PARTIAL_SPLIT_ATTR) or (op.inputs if op is not None else ())
        if n.type in _SORTED and len(n.inputs) > 2 and op is not None and \
                len(tensors) == len(n.inputs):
            order = list(range(len(n.inputs)))
            if arithmetic:
                names = [t if isinstance(t, str) else
                         _sort_name(v, t, renamed, graph_names, consts, source, merged)
                         for v, t in zip(n.inputs, tensors)]
                order.sort(key=names.__getitem__)
            if buffers is None:
                buffers = _Buffers(program, source, consts, held_feeds)
            k = buffers.forwarded(i, [n.inputs[j] for j in order])
            if k:
                order[0], order[k] = order[k], order[0]
            if order != list(range(len(n.inputs))):
                n = n.with_inputs([n.inputs[j] for j in order])
                changed = True
        nodes.append(n)
    return program.copy(nodes=nodes) if changed else program
