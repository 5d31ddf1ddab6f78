"""The plan IR: a private, immutable-by-convention copy of the pruned subgraph.

Values are small integers. A `Node` reads values and defines values; nodes are
kept in execution order, so an optimizer pass that keeps relative order keeps
every data and control dependency of the user's graph.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from ..framework.branches import chain as branch_chain
from ..framework.branches import owner as branch_owner
from ..framework.engine_view import engine_side


@dataclass
class Node:
    type: str
    op_def: object
    attrs: dict
    inputs: list            # value ids read
    outputs: list           # value ids defined
    name: str               # the user's op name (for errors and profiles)
    op: object = None       # the graph Operation it came from (None if synthesized)
    stateful: bool = False
    # set by the memory planner: the input position whose buffer the kernel may reuse
    inplace_input: int | None = None
    # a gradient-checkpointing recomputation copy: passes never merge or fold it
    recompute: bool = False

    def with_scratch(self, j):
        """A copy whose kernel may overwrite input j (`inplace_input`): the memory plan found
        it read last by this node, a fresh array nobody else holds."""
        new = object.__new__(Node)
        new.__dict__.update(self.__dict__)
        new.inplace_input = j
        return new

    def with_inputs(self, inputs):
        """A copy reading `inputs` (much cheaper than dataclasses.replace)."""
        new = object.__new__(Node)
        new.__dict__.update(self.__dict__)
        new.inputs = inputs
        return new


@dataclass
class Program:
    nodes: list
    feeds: list             # value ids bound from the feed list, in order
    fetches: list           # value ids returned, in order
    dtypes: dict            # value id -> DType
    shapes: dict            # value id -> TensorShape (static)
    persistent: set = field(default_factory=set)   # values that alias state/consts/feeds
    next_value: int = 0
    # value id -> how many nodes TF runs that read it and this plan does not (the pure
    # gradients only a gate_gradients tuple reads): Grappler counts them as readers
    unseen_reads: dict = field(default_factory=dict)
    # the part of `unseen_reads` Grappler still counts in its second round (a loop body's
    # stack pushes TF runs for the loop's gradient; the gated gradients are gone by then)
    lasting_reads: dict = field(default_factory=dict)

    def new_value(self, dtype=None, shape=None):
        v = self.next_value
        self.next_value += 1
        if dtype is not None:
            self.dtypes[v] = dtype
        if shape is not None:
            self.shapes[v] = shape
        return v

    def copy(self, nodes=None, fetches=None):
        """A new Program (passes never change their input); dtype/shape maps are shared,
        as value ids are never reused."""
        return Program(list(self.nodes if nodes is None else nodes), list(self.feeds),
                       list(self.fetches if fetches is None else fetches), self.dtypes,
                       self.shapes, set(self.persistent), self.next_value,
                       self.unseen_reads, self.lasting_reads)

    def dump(self) -> str:
        """A readable listing: `v3 = Mul(v1, v2)  # name`."""
        lines = ["feeds: " + ", ".join(f"v{v}" for v in self.feeds)]
        for n in self.nodes:
            outs = ", ".join(f"v{v}" for v in n.outputs) or "_"
            ins = ", ".join(f"v{v}" for v in n.inputs)
            extra = ""
            if n.type == "Const" and not n.inputs:
                val = n.attrs.get("value")
                if np.size(val) <= 4:
                    extra = f" = {np.asarray(val).tolist()!r}"
            elif n.recompute:
                extra = " (recompute)"
            lines.append(f"{outs} = {n.type}({ins})  # {n.name}{extra}")
        lines.append("fetches: " + ", ".join(f"v{v}" for v in self.fetches))
        return "\n".join(lines)


@engine_side
def lower(graph, fetch_tensors, target_ops, feed_tensors, satisfied=frozenset(), context=None):
    """Prunes `graph` to what the fetches and targets need and lowers it to a Program.

    Traversal stops at fed tensors: an op runs only if one of its outputs that
    is not fed is needed, or it is a target, or a needed op depends on it by a
    control edge (a control edge to an op whose outputs are all fed is satisfied
    by the feed, and so is one to an op in `satisfied`: ops a distributed run has
    already run elsewhere in this step).

    `context` is the Cond op whose branch this plan runs (None: not a branch). An op
    built in the branch of a cond that the plan holds whole (framework/branches.py) is
    not run by the plan: the Cond node gives the tensors the plan reads as extra outputs
    (its taken branch computes them), as TF runs only the taken branch's ops.
    """
    fed = set(feed_tensors)          # Tensors hash by identity
    needed = {}
    branch_of = graph._branch_of
    if branch_of:
        transparent = set(branch_chain(context)) | {context} if context is not None else ()
        extras = {}      # Cond op id -> {tensor: None} it gives as extra outputs
        xtargets = {}    # region op id -> {op: None} of its members it must run
        hold = {}        # op -> the Cond op that runs it (None: the plan runs it)

        def runner(op):
            r = hold.get(op, False)
            if r is False:
                e = branch_owner(op, transparent)
                r = hold[op] = None if e is None else e[0]
            return r
    else:
        runner = None
    stack = []
    for t in fetch_tensors:
        if t not in fed:
            stack.append(t._op)
    stack += list(target_ops)
    if runner is not None:
        stack = [_routed(op, runner, extras, t, xtargets) for op, t in
                 zip(stack, [t for t in fetch_tensors if t not in fed] +
                     [None] * len(target_ops))]
    # tf.gradients' gates (gate_gradients: tuple/group_deps) only order the gradients of
    # one op's inputs: a pure gradient nothing else reads is not computed (TF computes
    # it); when it is computed for another reader, the gate still orders it.
    gates = getattr(graph, "_grad_gates", None) or ()
    ungated = []
    while stack:
        op = stack.pop()
        if op._id in needed:
            continue
        needed[op._id] = op
        for t in op._inputs:
            if t not in fed and t._op._id not in needed:
                stack.append(t._op if runner is None else _routed(t._op, runner, extras, t))
        gate = op._id in gates
        for c in op._control_inputs:
            if gate and not c._def.stateful:
                ungated.append(c)
                continue
            # an op whose outputs are all fed is replaced by the feed, as in TF
            if c._id not in needed and not (c._outputs and all(o in fed for o in c._outputs)) \
                    and c not in satisfied:
                stack.append(c if runner is None else _routed(c, runner, extras, None, xtargets))
    order = _schedule(needed, graph._backward_edges, runner)

    prog = Program([], [], [], {}, {})
    dtypes, shapes, persistent, nodes = prog.dtypes, prog.shapes, prog.persistent, prog.nodes
    value_of = {}
    nv = 0
    for t in feed_tensors:
        dtypes[nv] = t._dtype.base_dtype
        shapes[nv] = t._shape
        value_of[t] = nv
        prog.feeds.append(nv)
        persistent.add(nv)
        nv += 1
    recomputed = getattr(graph, "_recomputed_ops", None) or ()
    new_node = Node
    for op in order:
        ins = [value_of[t] for t in op._inputs]
        outs = []
        for t in op._outputs:
            dtypes[nv] = t._dtype._base
            shapes[nv] = t._shape
            if not fed or t not in fed:    # a fed output is computed but never read
                value_of[t] = nv
            outs.append(nv)
            nv += 1
        od = op._def
        attrs = op._attrs
        more = extras.get(op._id) if runner is not None else None
        if more:
            more = tuple(sorted(more, key=lambda t: (t._op._id, t._value_index)))
            attrs = dict(attrs, _extras=more)
            for t in more:
                dtypes[nv] = t._dtype._base
                shapes[nv] = t._shape
                value_of[t] = nv
                outs.append(nv)
                nv += 1
        more_t = xtargets.get(op._id) if runner is not None else None
        if more_t:   # (frame regions of imported TF control flow run members they hold)
            attrs = dict(attrs, _extra_targets=tuple(sorted(more_t, key=lambda o: o._id)))
        nodes.append(new_node(op._type, od, attrs, ins, outs, op._name, op, od.stateful,
                              None, op._id in recomputed))
        if od.stateful or od.props.get("constant"):
            persistent.update(outs)
        elif od.aliases_input and ins and ins[0] in persistent:
            persistent.add(outs[0])
    prog.next_value = nv
    prog.fetches = [value_of[t] for t in fetch_tensors]
    if ungated and runner is None:
        prog.unseen_reads = _unseen_reads(ungated, needed, fed, value_of)
    return prog


def _unseen_reads(ungated, needed, fed, value_of):
    """{value id: count} of the plan's values read by the ops TF runs for a gate and
    the plan does not (`ungated` and what they need), one count per reading op."""
    seen = set()
    stack = [c for c in ungated if c._id not in needed]
    out = {}
    while stack:
        op = stack.pop()
        if op._id in seen or op._id in needed:
            continue
        seen.add(op._id)
        for t in set(op._inputs):
            if t._op._id in needed:
                v = value_of.get(t)
                if v is not None:
                    out[v] = out.get(v, 0) + 1
            elif t not in fed:
                stack.append(t._op)
        stack.extend(c for c in op._control_inputs if c._id not in needed)
    return out


def _routed(op, runner, extras, tensor, xtargets=None):
    """The op the plan runs to get `tensor` (of `op`; None for a control edge or a target):
    `op`, or the Cond whose branch holds it (which then gives `tensor` as an extra, or
    runs `op` as an extra target)."""
    cond = runner(op)
    if cond is None:
        return op
    if tensor is not None:
        extras.setdefault(cond._id, {})[tensor] = None
    elif xtargets is not None:
        xtargets.setdefault(cond._id, {})[op] = None
    return cond


def _schedule(needed, backward_edges, runner=None):
    """Creation order among ready ops: sorting by id, unless edges point backwards or go
    through a Cond (an op built in a branch before its Cond may read its extras)."""
    if not backward_edges and runner is None:
        return [needed[i] for i in sorted(needed)]
    indeg = {}
    users = {}

    def dep(op):
        if runner is None:
            return op._id
        r = runner(op)
        return op._id if r is None else r._id
    for i, op in needed.items():
        deps = {dep(t._op) for t in op._inputs} | {dep(c) for c in op._control_inputs}
        deps = {d for d in deps if d in needed and d != i}
        indeg[i] = len(deps)
        for d in deps:
            users.setdefault(d, []).append(i)
    ready = [i for i, n in indeg.items() if n == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        i = heapq.heappop(ready)
        out.append(needed[i])
        for u in users.get(i, ()):
            indeg[u] -= 1
            if indeg[u] == 0:
                heapq.heappush(ready, u)
    if len(out) != len(needed):
        raise ValueError("Graph has a cycle through control dependencies")
    return out
