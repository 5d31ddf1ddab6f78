"""TF 1.14's ControlFlowState (control_flow_state.py) for one `tf.gradients` call: which
while loops' gradients the call builds and the GradLoopStates it makes.

TF makes one ControlFlowState per gradients() call (MaybeCreateControlFlowState) with a
GradLoopState per forward loop one of whose Exits is between the ys and the xs, in its
walk list's order, and its walk asks it for the loop of an Exit (GetGradState), the Exits
no op between reads (ProcessUnusedLoopExits) and their zeros (ZerosLikeForExit).
flowgrad's walk is recursive: a loop's or a cond's gradient rule calls gradients() on the
body or branch, so the state of the call whose rule runs is the `outer` of that call's.
The walk (autodiff/gradients.py) passes its state explicitly; the loop and cond rules
(ops/control_flow.py), which TF's reach theirs through the op's control flow context,
read the state of the call running on the graph (`current`).

The state answers:
- `loop_xs`: the xs of a top-level call made in tf.while_loop bodies ({While: {x: None}}):
  TF's walk reaches the loop's Exits from them and builds its gradient; the loop's rule
  gives their gradients (tensors of the gradient frame, not fetchable);
- `grad_loops`: the loops the top-level call builds the gradient of for such xs, kept
  through the calls its rules make (they get no Exit-only GradLoopState);
- `rule_xs`: the xs handed to the loop or cond rule running now (it writes back their
  gradients), and `routed_xs`, those a rule's own gradients() call in a cond branch keeps
  routed to the conds nested in the branch;
- `states` / `grad_state(exit_op)`: the GradLoopStates of the loops one of whose Exits
  only is between (their gradient stops there: TF's counters, no WhileGrad).
"""
from __future__ import annotations

import contextlib
from collections import deque

from ..framework import branches as _branches
from ..framework.grad_state import body_walk, note_exit_state
from ..framework.indexed_slices import IndexedSlices
from ..ops.construction import zeros, zeros_like

_loop_of = []   # the While op whose body holds an op (ops/control_flow registers it)


def register_loop_body(fn) -> None:
    """Registers `fn(op)`: the tf.while_loop (While op) whose body holds `op`, else None."""
    _loop_of[:] = [fn]


def current(graph):
    """The ControlFlowState of the gradients() call running on `graph`, or None."""
    return graph.__dict__.get("_grad_flow")


class ControlFlowState:
    """The control flow state of one gradients() call (see the module docstring)."""
    __slots__ = ("outer", "loop_xs", "cond_xs", "refused", "grad_loops", "rule_xs", "states",
                 "exits", "post")

    def __init__(self, graph, ys, xs, top):
        """`top`: a call no gradient rule made (its own transaction)."""
        self.outer = current(graph)
        walk = body_walk()
        self.cond_xs = {}
        self.refused = []   # (x, its loop) of the xs whose gradient flowgrad cannot build
        if top and walk is None:
            self.loop_xs = _loop_xs(ys, xs, cond_xs=self.cond_xs, refused=self.refused)
        elif self.outer is not None and self.outer.rule_xs:
            # (a loop body's or a cond branch's gradient: the xs its rule was handed made
            # in a loop there go to that loop's rule)
            routed = self.outer.rule_xs
            self.loop_xs = _loop_xs(ys, [x for x in xs if x in routed],
                                    walk.members if walk is not None else None,
                                    rule_conds=self.cond_xs)
        else:
            self.loop_xs = {}
        self.grad_loops = set(self.loop_xs) | {
            _loop_of[0](x._op) for xs in self.cond_xs.values() for x in xs} if top else \
            self.outer.grad_loops if self.outer is not None else set()
        self.rule_xs = None
        self.states = {}   # forward loop -> its GradLoopState (TF's order)
        self.exits = {}    # an Exit of those loops -> its state
        self.post = []   # what PostProcessing does at the end of the call (post_process)

    @contextlib.contextmanager
    def running(self, graph):
        """The call runs: the rules its walk calls read this state (`current`)."""
        prev = graph.__dict__.get("_grad_flow")
        graph._grad_flow = self
        try:
            yield self
        finally:
            if prev is None:   # (the graph is left as it was)
                del graph.__dict__["_grad_flow"]
            else:
                graph._grad_flow = prev

    def at_end(self, fn) -> None:
        """Runs `fn()` when the top-level gradients() call holding this one ends (TF's
        ControlFlowState.PostProcessing, one per top-level call)."""
        top = self
        while top.outer is not None:
            top = top.outer
        top.post.append(fn)

    def post_process(self, graph, scope) -> None:
        """TF's PostProcessing, after the call's walk: the `at_end` functions, run in the
        caller's name scope `scope` (TF's ops made there are named outside the call's)."""
        saved, graph._name_stack = graph._name_stack, scope
        try:
            for fn in self.post:
                fn()
        finally:
            graph._name_stack = saved

    @contextlib.contextmanager
    def rule(self, xs):
        """A loop or cond rule runs, given `xs` ({x: None}, or None) whose gradients it sets."""
        prev, self.rule_xs = self.rule_xs, xs
        try:
            yield
        finally:
            self.rule_xs = prev

    def body_xs(self) -> set:
        """The call's xs made in tf.while_loop bodies (also those of a loop in a cond)."""
        return {x for d in (self.loop_xs, self.cond_xs) for xs in d.values() for x in xs}

    def routed_xs(self) -> dict:
        """In a rule's gradients() call: the xs the outer call handed that rule."""
        return (self.outer.rule_xs or {}) if self.outer is not None else {}

    def maybe_create(self, graph, to_ops, between, carries, route=None):
        """TF's MaybeCreateControlFlowState: a GradLoopState (18 counter nodes, in the walk
        list's order) for each loop one of whose Exits is between the ys and the xs, made
        after the ys' seeds. A loop between gets its counters with its WhileGrad; here those
        of a loop whose Exit only is between (an x: its gradient stops there), which
        flowgrad runs no op for (the GraphDef writer writes the nodes: note_exit_state).
        Returns {Exit op: its state}."""
        if body_walk() is not None:   # (a loop body's gradient: its nested loops' WhileGrads)
            return self.exits
        loops, seen, queue = [], set(), deque(to_ops)
        while queue:   # TF's walk list: from the ys over every input, between ops only
            op = queue.popleft()
            if op in seen or op not in between:
                continue
            seen.add(op)
            w = exit_loop(op)
            # (not a loop an x is made in: its gradient is built, counters with it)
            if w is not None and w not in between and w not in loops and \
                    w not in self.grad_loops:
                loops.append(w)
            queue.extend(t._op if route is None else route(t._op)
                         for t in op._inputs if carries(t))
        for w in loops:
            after = graph._ops[-1]
            names = []
            for n in _STATE_NAMES:   # (Add/y, GreaterEqual/Enter: in their scope's name)
                if "/" in n:
                    n = names[-1].rsplit("/", 1)[-1] + n[n.index("/"):]
                names.append(graph.unique_name(n))
            graph._last_id += len(names)
            note_exit_state(graph, after, w, names)
            state = self.states[w] = GradLoopState(w)
            self.exits.update(dict.fromkeys(state.exits, state))
        return self.exits

    def grad_state(self, op):
        """TF's GetGradState: the GradLoopState of Exit `op`, or None."""
        return self.exits.get(op)

    def process_unused_loop_exits(self, graph, pending, to_ops, contrib, ready):
        """TF's ProcessUnusedLoopExits: the Exits no op between reads."""
        for state in self.states.values():
            state.unused_at_start(graph, pending, to_ops, contrib, ready)


# TF's GradLoopState counters in the order it names them (AddForwardLoopCounter: f_count,
# its Enter, Merge, Switch, the Add's scope and its `1`, NextIteration, Exit;
# AddBackpropLoopCounter: b_count, its Enter, Merge, GreaterEqual's scope and the Enter of
# the `1`, LoopCond, Switch, Sub, NextIteration, Exit)
_STATE_NAMES = ("f_count", "f_count", "Merge", "Switch", "Add", "Add/y", "NextIteration",
                "f_count", "b_count", "b_count", "Merge", "GreaterEqual",
                "GreaterEqual/Enter", "b_count", "Switch", "Sub", "NextIteration", "b_count")


def exit_loop(op):
    """The While op whose TF Exit `op` is (a tf.while_loop output's Identity), or None."""
    if op._type != "Identity" or not op._inputs or op._inputs[0]._op._type != "While":
        return None
    return op._inputs[0]._op if op._name.rsplit("/", 1)[-1].startswith("Exit") else None


def _loop_xs(ys, xs, members=None, cond_xs=None, refused=None, rule_conds=None) -> dict:
    """{While op: {x: None}} for the xs made in a tf.while_loop body, differentiated from
    outside that loop: TF 1.14's walk reaches the loop's Exits from them and builds its
    gradient; the x's gradient is a tensor of the gradient frame (not fetchable). The
    loop is the outermost one holding x (a loop nested in its body gets x from the body's
    gradient: `members`, the ops of the body whose gradient this is, hold the loop). A
    top-level call's x in a loop in a tf.cond outside loops goes to the cond's rule
    (`cond_xs`: {Cond op: {x: None}}), whose branch gradient hands it to the loop's; an x
    in a tf.cond of a loop body (outside conds) goes to the loop's rule, whose body
    gradient hands it to the cond's; so does an x in a loop in such a cond: the body
    gradient hands it to the cond's rule (`rule_conds`: {Cond op: {x: None}} of a rule's
    call), whose branch gradient hands it to the inner loop's. Not a loop nested in a
    loop in a tf.cond, in nested conds: those (x, loop) go to `refused`."""
    if not _loop_of:
        return {}
    loop_of = _loop_of[0]
    ys_loops = {loop_of(y._op) for y in ys}
    out = {}
    for x in xs:
        if isinstance(x, IndexedSlices):
            continue
        loop = loop_of(x._op)
        if loop is None or loop in ys_loops:
            continue
        chain = [loop]
        while members is None or not _member(chain[-1], members):
            up = loop_of(chain[-1])
            if up is None:
                break
            chain.append(up)
        if members is not None and not _member(chain[-1], members):
            continue   # (x of the loop whose body this is: a plain x)
        loop = chain[-1]
        graph = loop._graph
        conds = _branches.chain(loop)
        if cond_xs is None:   # (a rule's call: the top-level call checked x)
            if rule_conds is not None and len(conds) == 1 and \
                    not any(conds[0] in _branches.chain(y._op) for y in ys):
                # (a loop body's gradient, x in a loop in a cond of the body: to the
                # cond's rule, whose branch gradient hands it to the loop's)
                rule_conds.setdefault(conds[0], {})[x] = None
            else:
                out.setdefault(loop, {})[x] = None
            continue
        if len(chain) == 1 and len(conds) == 1 and x._op not in graph._branch_of and \
                loop_of(conds[0]) is None and \
                not any(conds[0] in _branches.chain(y._op) for y in ys):
            cond_xs.setdefault(conds[0], {})[x] = None
            continue
        inner = _branches.chain(chain[0])
        if len(chain) == 2 and len(inner) == 1 and x._op not in graph._branch_of and \
                loop_of(inner[0]) is chain[1] and chain[1] not in graph._branch_of and \
                chain[1] not in ys_loops:
            out.setdefault(loop, {})[x] = None   # (a loop in a cond of a loop body)
            continue
        if any(w in graph._branch_of or w in ys_loops for w in chain):
            refused.append((x, loop))   # (not supported: gradients() raises)
            continue
        out.setdefault(loop, {})[x] = None
    return out


def _member(op, members) -> bool:
    """Is `op` one of loop body ops `members`, or in a cond's branch there?"""
    return op in members or any(c in members for c in _branches.chain(op))


class GradLoopState:
    """TF's GradLoopState bookkeeping of the Exits of a loop maybe_create made counters
    for: an Exit whose consumers are done waits until every Exit of its loop is
    (deferred_exits); then, if one has a gradient, the unused ones of a float type get
    zeros (ZerosLikeForExit: a Const zeros of a fully known shape, else a ZerosLike) and
    their rule, _ExitGrad, enters them into the gradient frame (b_exit), a node flowgrad
    runs nothing for (the GraphDef writer writes it: note_exit_state)."""
    __slots__ = ("loop", "exits", "count", "deferred", "unused")

    def __init__(self, loop):
        self.loop = loop
        self.exits = [c for t in loop._outputs for c in t._consumers if exit_loop(c) is loop]
        self.count, self.deferred, self.unused = len(self.exits), [], []

    def unused_at_start(self, graph, pending, to_ops, contrib, ready):
        """ProcessUnusedLoopExits: the Exits no op between reads."""
        for e in self.exits:
            if pending.get(e, 0) == 0:
                self.count -= 1
                if e not in to_ops:
                    self.unused.append(e)
                if self.count == 0:
                    self._zeros(graph, contrib, ready)

    def ready(self, graph, e, contrib, ready):
        self.count -= 1
        self.deferred.append(e)
        if self.count:
            return
        given = [d for d in self.deferred if any(t in contrib for t in d._outputs)]
        self.unused += [d for d in self.deferred if d not in given]
        ready.extend(given)
        if given:
            self._zeros(graph, contrib, ready)

    def _zeros(self, graph, contrib, ready):
        for e in self.unused:
            t = e._outputs[0]
            if t._dtype._diff:
                contrib.setdefault(t, []).append(
                    zeros(t.shape.as_list(), t.dtype.base_dtype)
                    if t.shape.is_fully_defined() else zeros_like(t))
                ready.append(e)

    def exit_grad(self, graph, e, contrib):
        """_ExitGrad of unused Exit `e`: its zeros entered into the gradient frame."""
        g = contrib[e._outputs[0]][0]
        outer = graph._name_stack
        try:
            graph._name_stack = graph.unique_name(e._name + "_grad")
            name = graph.unique_name("b_exit")
        finally:
            graph._name_stack = outer
        graph._last_id += 1
        note_exit_state(graph, graph._ops[-1], self.loop, (name, g, outer))
