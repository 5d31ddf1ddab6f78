"""Race warnings: one run that writes a variable and reads it through an op with no
ordering to the write.

In TF 1.x the executor runs ready ops in any order, so such a read sees the variable
before or after the write depending on scheduling. flowgrad's schedule is fixed: creation
order, except that each such pair runs in the order TF's executor usually gives it, the op
whose inputs are ready first first, or for a close pair the one TF's ready queue runs on
its own thread (`tf_order`). When a plan is built, `check(program)`
looks for every (write, read) pair of the same variable with no path between them through
data or control edges, and warns once per plan naming both ops and the user's lines that
created them (`RaceWarning`); the policy "error" raises `RaceError` instead, "off" skips
the warning (the order is TF's either way).

What counts:
  * a write is an op that mutates the variable through its ref or resource handle
    (Assign*, Apply*, ResourceApply*, SparseApply*, Scatter*, ResourceScatter*,
    StridedSliceAssign, CountUpTo, AssignVariableOp, ...);
  * a read is an op that takes the variable's value: for a ref variable, each consumer of
    its ref (looking through Identity-like ops that only alias it, such as `w/read`), for
    a resource variable each ReadVariableOp / ResourceGather on its handle.

Policy for reads whose value cannot change the outcome by design (docs/tools.md): a read
whose every use ends in summary ops (tf.summary.histogram of the weights fetched with the
train op, the common case: TF users accept either value) or is a plain copy of the value
fetched as it is (the weights fetched with the train op) is not reported: such a fetch
reports the state, it computes nothing from it. Nor is the global step (the variable in
GraphKeys.GLOBAL_STEP): session hooks read it in the run that increments it, by design,
and TF documents the value they see as possibly stale (its pairs are still run in TF's
order: BERT's warmup reads the incremented step, as in TF). So are reads
that only test initialization (IsVariableInitialized, VarIsInitializedOp) and the shape
ops (Shape/Size/Rank) whose result never depends on the value.

Cost: linear in the plan (one pass of bit-set unions), once per plan, when the plan both
writes and reads some variable; nothing per run.
"""
from __future__ import annotations

import os
import warnings

from ..framework import op_traceback

__all__ = ["RaceError", "RaceWarning", "check", "get_policy", "set_policy"]

_WRITE_PREFIXES = ("Assign", "Apply", "ResourceApply", "SparseApply", "ResourceSparseApply",
                   "Scatter", "ResourceScatter", "StridedSliceAssign",
                   "ResourceStridedSliceAssign", "CountUpTo", "ResourceCountUpTo")
_VARIABLES = frozenset({"VariableV2", "Variable", "VarHandleOp", "TemporaryVariable"})
_NOT_READS = frozenset({"IsVariableInitialized", "VarIsInitializedOp", "Shape", "Size",
                        "Rank", "ShapeN", "VariableShape", "DestroyResourceOp",
                        "DestroyTemporaryVariable"})
_SUMMARY = frozenset({"ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummary",
                      "AudioSummaryV2", "TensorSummary", "TensorSummaryV2", "MergeSummary",
                      "WriteScalarSummary", "WriteHistogramSummary", "WriteSummary"})
_POLICIES = ("warn", "error", "off")
_default = {"policy": os.environ.get("FLOWGRAD_RACES", "warn")}


class RaceWarning(UserWarning):
    """A run reads a variable through an op unordered with a write of it in the same run."""


class RaceError(ValueError):
    """Raised instead of RaceWarning under the "error" policy."""


def set_policy(policy: str) -> str:
    """Sets what a plan with a race does: "warn" (the default; once per plan), "error"
    (the run raises RaceError before anything runs) or "off". Returns the previous policy.
    The environment variable FLOWGRAD_RACES sets the initial policy.

    >>> from flowgrad.debug import set_race_policy
    >>> old = set_race_policy("error")
    >>> set_race_policy(old)
    'error'
    """
    if policy not in _POLICIES:
        raise ValueError(f"race policy must be one of {_POLICIES}, got {policy!r}")
    old = get_policy()
    _default["policy"] = policy
    return old


def get_policy() -> str:
    p = _default["policy"]
    return p if p in _POLICIES else "warn"


def _is_write(node) -> bool:
    return node.stateful and node.type.startswith(_WRITE_PREFIXES)


def _where(node) -> str:
    tb = getattr(node.op, "_traceback", None) if node.op is not None else None
    fr = op_traceback.frames(tb)
    if not fr:
        return ""
    fn, line, _, src = fr[-1]
    return f" (created at {os.path.basename(fn)}:{line}" + (f": {src})" if src else ")")


def find_races(program, graph=None, global_step=False) -> list:
    """[(variable name, write node, read node)] of the unordered pairs in `program` (those of
    the global step too with `global_step`: they are ordered as TF's, not reported)."""
    nodes = program.nodes
    seeds = getattr(graph, "_grad_seeds", None) or {}
    var_of = {}         # value -> variable node name (the variable's ref/handle and aliases)
    writes = {}         # node index -> variable name
    for n in nodes:
        if n.type in _VARIABLES and n.outputs:
            var_of[n.outputs[0]] = n.name
    if not var_of:
        return []
    reads = {}          # node index -> set of variable names
    for i, n in enumerate(nodes):
        if not n.inputs:
            continue
        if _is_write(n) and n.inputs[0] in var_of:
            writes[i] = var_of[n.inputs[0]]
            continue
        touched = [var_of[v] for v in n.inputs if v in var_of]
        if not touched or n.type in _NOT_READS:
            continue
        if n.op_def.aliases_input and n.inputs[0] in var_of and not n.stateful and \
                n.type not in ("ReadVariableOp",):
            for v in n.outputs[:1]:         # an alias (w/read): its users are the reads
                var_of[v] = var_of[n.inputs[0]]
            continue
        reads[i] = set(touched)
    if not writes or not reads:
        return []
    if graph is not None and not global_step:   # hooks read it with the train op by design
        for gs in graph.get_collection("global_step"):
            gname = getattr(getattr(gs, "op", None), "name", None)
            writes = {i: v for i, v in writes.items() if v != gname}
    written = set(writes.values())
    reads = {i: vs & written for i, vs in reads.items() if vs & written}
    if not reads:
        return []
    reads = _drop_summary_only(program, reads)
    if not reads:
        return []
    # dependency closure over data edges (values) and control edges (graph ops)
    producer = {}
    index_of_op = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = i
        if n.op is not None:
            index_of_op[id(n.op)] = i
    bit = {}
    conds = {i for i, n in enumerate(nodes) if n.type == "Cond"}   # marked: see below
    for k, i in enumerate(sorted(set(writes) | set(reads) | conds)):
        bit[i] = 1 << k
    anc = [0] * len(nodes)      # bits of the marked nodes that are ancestors (or self)
    get_bit, get_prod, get_idx = bit.get, producer.get, index_of_op.get
    for i, n in enumerate(nodes):
        m = get_bit(i, 0)
        for v in n.inputs:
            p = get_prod(v)
            if p is not None:
                a = anc[p]
                if a:
                    m |= a
        op = n.op
        if op is not None:
            if seeds:
                after = seeds.get(op._id)
                if after is not None:       # a gradient seed: ordered after its y
                    p = get_idx(id(after))
                    if p is not None and p < i:
                        m |= anc[p]
            for c in op._control_inputs:
                p = get_idx(id(c))
                if p is not None and p < i:
                    m |= anc[p]
        anc[i] = m
    exclusive = _branch_sides(program, producer, index_of_op)
    reads_of = {}
    for r, vs in reads.items():
        for v in vs:
            reads_of.setdefault(v, []).append(r)
    out = []
    for w, var in writes.items():
        for r in reads_of.get(var, ()):
            if r < w:
                ordered = anc[w] & bit[r]
            else:
                ordered = anc[r] & bit[w]
            rn, wn = nodes[r], nodes[w]
            if _initializing(rn, wn):
                continue    # v.initialized_value() with v's initializer: same value either way
            if not ordered and not any(
                    (w in a and r in b) or (w in b and r in a)
                    # a read inside a branch, a write whose value hangs on a cond of the same
                    # predicate (TF 1.x batch norm: momentum = cond(training, m, 1.0))
                    or ((r in a or r in b) and any(c >= 0 and anc[w] & bit[c] for c in conds))
                    for a, b, conds in exclusive):
                out.append((var, nodes[w], nodes[r]))
    if out and any(n.type == "MutexLock" for n in nodes):
        inside = _sections(nodes, producer, index_of_op)
        out = [(v, wn, rn) for v, wn, rn in out
               if not inside.get(id(wn), set()) & inside.get(id(rn), set())]
    return out


def _sections(nodes, producer, index_of_op):
    """{id(node): mutex values} of the nodes inside a CriticalSection execution (after
    its MutexLock, before its ConsumeMutexLock): the mutex runs such executions one at a
    time, so a write and a read inside executions of one mutex never interleave."""
    inside = {}
    for k, n in enumerate(nodes):
        if n.type != "ConsumeMutexLock" or not n.inputs:
            continue
        lk = producer.get(n.inputs[0])
        if lk is None or not nodes[lk].inputs:
            continue
        after = {lk}
        for j in range(lk + 1, k):
            m = nodes[j]
            if any(producer.get(v) in after for v in m.inputs) or (m.op is not None and any(
                    index_of_op.get(id(c)) in after for c in m.op._control_inputs)):
                after.add(j)
        before = {k}
        want_v = set(n.inputs)
        want_op = {id(c) for c in n.op._control_inputs} if n.op is not None else set()
        for j in range(k - 1, lk, -1):
            m = nodes[j]
            if j in after and (id(m.op) in want_op or any(v in want_v for v in m.outputs)):
                before.add(j)
                want_v.update(m.inputs)
                if m.op is not None:
                    want_op.update(id(c) for c in m.op._control_inputs)
        for j in before:
            inside.setdefault(id(nodes[j]), set()).add(nodes[lk].inputs[0])
    return inside


def _initializing(rn, wn):
    """Is read node rn the cond of a variable's initialized_value() (its predicate
    IsVariableInitialized / VarIsInitializedOp of the variable, the initial value its
    other branch) and write node wn that variable's initializer (assigning that value)?"""
    r, w = rn.op, wn.op
    if rn.type != "Cond" or r is None or w is None or wn.type not in (
            "Assign", "AssignVariableOp") or len(w.inputs) < 2:
        return False
    pred = r.inputs[0].op
    return pred.type in ("IsVariableInitialized", "VarIsInitializedOp") and \
        pred.inputs[0] is w.inputs[0] and any(t is w.inputs[1] for t in r.inputs[1:])


def _branch_sides(program, producer, index_of_op):
    """[(true-only node indices, false-only node indices)] of each tf.cond in the plan:
    ops built for one branch never run in the same step as the other's in TF. Conds on
    the same predicate are taken together (tf.layers.batch_normalization with a `training`
    tensor updates its moving statistics in one cond's true branch and reads them in another
    cond's false branch: never both in one step)."""
    from ..ops.control_flow import _COND_INFO  # lazy: only plans holding a Cond need it
    by_pred = {}
    nodes = program.nodes
    for n in nodes:
        if n.type != "Cond" or n.op is None:
            continue
        info = _COND_INFO.get(n.op)
        if info is None:
            continue
        both = []
        for outs, targets in (info["true"], info["false"]):
            stack = []
            for t in outs:
                i = index_of_op.get(id(getattr(t, "op", None)))
                if i is not None:
                    stack.append(i)
            for op in targets:
                i = index_of_op.get(id(op))
                if i is not None:
                    stack.append(i)
            seen = set()
            while stack:
                i = stack.pop()
                if i in seen:
                    continue
                seen.add(i)
                m = nodes[i]
                stack.extend(producer[v] for v in m.inputs if v in producer)
                if m.op is not None:
                    stack.extend(index_of_op[id(c)] for c in m.op._control_inputs
                                 if id(c) in index_of_op)
            both.append(seen)
        pred = n.inputs[0] if n.inputs else id(n)
        t_all, f_all, conds = by_pred.setdefault(pred, (set(), set(), set()))
        t_all |= both[0]
        f_all |= both[1]
        conds.add(index_of_op[id(n.op)] if id(n.op) in index_of_op else -1)
    return [(t - f, f - t, conds) for t, f, conds in by_pred.values()]


_COPIES = frozenset({"Identity", "ReadVariableOp", "Snapshot",
                     "RefIdentity"})


def _drop_summary_only(program, reads):
    """The reads whose value reaches something other than summary ops and plain fetches of
    the value (a computation, a state change). Works backwards from the summary ops and
    the fetched copies only: linear in the part of the plan that feeds them."""
    nodes = program.nodes
    fetched = set(program.fetches)
    seeds = []
    for i, n in enumerate(nodes):
        if n.type in _SUMMARY or (n.type in _COPIES and n.outputs and
                                  not fetched.isdisjoint(n.outputs)):
            seeds.append(i)
    if not seeds:
        return reads
    producer = {}
    users = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = i
        for v in n.inputs:
            users[v] = users.get(v, 0) + 1
    left = {}           # node -> uses not yet known to be reports
    report = set()
    stack = []
    for i in seeds:
        n = nodes[i]
        if n.type in _SUMMARY or sum(users.get(v, 0) for v in n.outputs) == 0:
            report.add(i)
            stack.append(i)
    while stack:
        i = stack.pop()
        for v in nodes[i].inputs:
            p = producer.get(v)
            if p is None or p in report:
                continue
            m = nodes[p]
            # a Cond is marked stateful for its branches' sake; its own outputs are values
            # (tf.nn.zero_fraction's cond between a weight read and its summary)
            if m.stateful and m.type not in _COPIES and m.type != "Cond":
                continue
            if m.type not in _COPIES and not fetched.isdisjoint(m.outputs):
                continue
            k = left.get(p)
            if k is None:
                k = sum(users.get(o, 0) for o in m.outputs)
            k -= 1
            left[p] = k
            if k == 0:
                report.add(p)
                stack.append(p)
    return {i: vs for i, vs in reads.items() if i not in report}


def check(program, graph=None):
    """Warns (or raises, per the policy) once for `program`'s unordered write/read pairs;
    returns the program to run: `program` itself, or with each such pair in the order TF's
    executor gives it (`tf_order`)."""
    policy = get_policy()
    races = find_races(program, graph)
    steps = graph is not None and graph.get_collection("global_step")
    ordered = tf_order(program, find_races(program, graph, global_step=True) if steps
                       else races, graph) if races or steps else program
    if not races or policy == "off":
        return ordered
    lines = []
    for var, w, r in races[:10]:
        lines.append(f"  variable {var!r}: {w.type} {w.name!r}{_where(w)} and {r.type} "
                     f"{r.name!r}{_where(r)} have no ordering")
    more = f"\n  ... and {len(races) - 10} more" if len(races) > 10 else ""
    msg = ("This run writes a variable and reads it through an op with no control or data "
           "dependency between them; in TF 1.x the value read depends on scheduling "
           "(flowgrad runs first the one whose inputs are ready first, as TF's executor "
           "usually does). Add tf.control_dependencies to order them.\n" + "\n".join(lines) +
           more)
    if policy == "error":
        raise RaceError(msg)
    warnings.warn(msg, RaceWarning, stacklevel=4)
    return ordered


def _edges(nodes, seeds):
    """Per node index, the indices it must follow: its inputs' producers, its control
    inputs and, for a gradient seed, its y's op (earlier in the plan, as lowering orders
    them)."""
    producer, index_of_op = {}, {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            producer[v] = i
        if n.op is not None:
            index_of_op[id(n.op)] = i
    deps = []
    for i, n in enumerate(nodes):
        d = {producer[v] for v in n.inputs if v in producer}
        if n.op is not None:
            d.update(index_of_op[id(c)] for c in n.op._control_inputs
                     if id(c) in index_of_op)
            after = seeds.get(n.op._id) if seeds else None
            if after is not None and id(after) in index_of_op:
                d.add(index_of_op[id(after)])
        d.discard(i)
        deps.append(d)
    return deps


_ALIASES = frozenset({"Identity", "RefIdentity", "Snapshot", "Const"})   # no depth of their own
_MARGIN = 3   # depths closer than this: either order happens in TF; keep creation order


def _ancestors(deps, i):
    seen, stack = {i}, [i]
    while stack:
        for j in deps[stack.pop()]:
            if j not in seen:
                seen.add(j)
                stack.append(j)
    return seen


def _inline_first(nodes, deps, w, r):
    """(first, then) for a close pair by TF's executor's ready queue, else (None, None).
    When an op completes, TF hands its ready consumers but the last to other threads and
    runs the last (in creation order) on its own thread at once, with what it makes ready
    in turn: of a write and a read reached from their latest common ancestor through
    different consumers, all of them real kernels (no Identity-like op, which TF runs
    inline first), the one behind the last consumer runs first (BERT's `global_step + 1`
    assign, made after the learning rate's reads of the step)."""
    aw, ar = _ancestors(deps, w), _ancestors(deps, r)
    common = (aw & ar) - {w, r}
    if not common:
        return None, None
    a = max(common)   # the latest common ancestor in the plan's (topological) order
    users = [i for i, d in enumerate(deps) if a in d]
    if any(nodes[i].type in _ALIASES or nodes[i].op is None for i in users):
        return None, None
    last = max(users, key=lambda i: nodes[i].op._id)
    if last in aw and last not in ar:
        return w, r
    if last in ar and last not in aw:
        return r, w
    return None, None


def tf_order(program, races, graph=None):
    """`program` with each racy (write, read) pair in the order TF's executor gives it.

    TF 1.x runs an op as soon as its inputs are ready, so of two unordered ops the one at
    the smaller depth (the longest chain of ops from the plan's sources: a metric's value,
    `div_no_nan(total, count)`, reads the variables right away while its update waits for
    the model's forward pass) runs first, and a script printing `sess.run([acc_op, acc])`
    sees the value before the update. flowgrad's plans run in creation order, which puts
    such a read after the update. So for each pair whose depths differ by _MARGIN or more
    (an Identity alias such as `w/read` adds none) the shallower op is ordered first: the
    plan is re-sorted (every data and control edge kept, otherwise the creation order) with
    that pair as one more edge. Closer pairs (TF gives either order from run to run) keep
    the creation order; if the pairs' orders contradict each other the plan is left as
    is."""
    nodes = program.nodes
    deps = _edges(nodes, getattr(graph, "_grad_seeds", None) or {})
    depth = [0] * len(nodes)
    for i, d in enumerate(deps):
        depth[i] = (nodes[i].type not in _ALIASES) + max((depth[j] for j in d), default=0)
    index = {id(n): i for i, n in enumerate(nodes)}
    extra = {}
    for _, wn, rn in races:
        w, r = index[id(wn)], index[id(rn)]
        first, then = (r, w) if depth[r] + _MARGIN <= depth[w] else \
            (w, r) if depth[w] + _MARGIN <= depth[r] else _inline_first(nodes, deps, w, r)
        if first is not None and first > then:
            extra.setdefault(then, set()).add(first)
    if not extra:
        return program
    import heapq  # lazy: only racy plans are re-sorted
    users = [[] for _ in nodes]
    left = []
    for i, d in enumerate(deps):
        d = d | extra.get(i, set())
        left.append(len(d))
        for j in d:
            users[j].append(i)
    ready = [i for i, k in enumerate(left) if k == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for u in users[i]:
            left[u] -= 1
            if left[u] == 0:
                heapq.heappush(ready, u)
    if len(order) != len(nodes):
        return program
    return program.copy(nodes=[nodes[i] for i in order])
