"""Which inputs of the op whose gradient rule is running need a gradient.

`gradients()` sets the set before calling a rule; rules ask `wants_grad(i)`
to skip building gradients that nothing will read. It lives in the engine's
core so that op modules can ask without importing autodiff.
"""
from __future__ import annotations

import threading
import weakref

_state = threading.local()
# gradients TF 1.14 gives as two terms where flowgrad gives one (a tf.cond capture's two
# branch gradients, one Merge each): summed alone, they still count TF's AddN
_TWO_TERMS: weakref.WeakSet = weakref.WeakSet()


_ZERO_FILLS: weakref.WeakSet = weakref.WeakSet()
_CONCAT_SLICES: weakref.WeakSet = weakref.WeakSet()
# graph -> [(name scope, xs' op names, ys' op names)] of its tf.gradients calls (the
# GraphDef writer replays TF's walk for the node order: graph_def_grad_order.py)
_CALLS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# graph -> {op: [(While op, TF's node names)]}: the GradLoopStates a tf.gradients call made
# right after op for loops whose Exit only is between its ys and xs (note_exit_state)
_EXIT_STATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def note_gradients_call(graph, scope, xs, ys) -> None:
    """Records a finished top-level tf.gradients call of `graph` (its scope, xs, ys)."""
    _CALLS.setdefault(graph, []).append(
        (scope, [x.op.name for x in xs], [y.op.name for y in ys]))   # (IndexedSlices too)


def note_exit_state(graph, after, loop, names) -> None:
    """Records that a tf.gradients call made TF's GradLoopState counters (`names`: its 18
    nodes' names, in TF's order) of While `loop` right after op `after` (the GraphDef
    writer writes them there); or, `names` (name, zeros, call scope), the b_exit Enter of
    an unused Exit's zeros."""
    _EXIT_STATES.setdefault(graph, {}).setdefault(after, []).append((loop, names))


def exit_states(graph) -> dict:
    """{op: [(While op, names)]} note_exit_state recorded for `graph`."""
    return _EXIT_STATES.get(graph, {})


def gradients_calls(graph) -> list:
    """The calls note_gradients_call recorded for `graph`, in order."""
    return _CALLS.get(graph, [])


def mark_zero_fill(t) -> None:
    """Records that gradients() made `t`, zeros for an output no gradient reached."""
    _ZERO_FILLS.add(t)


def is_zero_fill(t) -> bool:
    """Is `t` zeros gradients() made for an output no gradient reached?"""
    return t in _ZERO_FILLS


def mark_two_terms(t) -> None:
    """Records that TF sums gradient `t` from two terms (see _TWO_TERMS)."""
    _TWO_TERMS.add(t)


def take_two_terms(t) -> bool:
    """Was gradient `t` marked by mark_two_terms? (the mark is used once)"""
    if t in _TWO_TERMS:
        _TWO_TERMS.discard(t)
        return True
    return False


def mark_concat_slices(s) -> None:
    """Records that IndexedSlices `s` concatenates two gradients TF gives separately (a
    tf.cond capture's two Switches): summed with others, TF's one concat takes them."""
    _CONCAT_SLICES.add(s)


def take_concat_slices(s) -> bool:
    """Was IndexedSlices `s` marked by mark_concat_slices? (the mark is used once)"""
    if s in _CONCAT_SLICES:
        _CONCAT_SLICES.discard(s)
        return True
    return False


def wants_grad(index: int) -> bool:
    """Inside a gradient rule: does input `index` of the op need a gradient?

    Rules call this to skip building gradients nothing will read (TF builds
    them and leaves them dangling). Outside `gradients`, always True.
    """
    wanted = getattr(_state, "wanted", None)
    return True if wanted is None else index in wanted


def get_wanted():
    """The set of wanted input indices now in force (None outside a rule)."""
    return getattr(_state, "wanted", None)


def set_wanted(wanted) -> None:
    """Sets the wanted input indices (None: every input) for the rule about to run."""
    _state.wanted = wanted



def set_between(pred, gate=False):
    """Sets the running `gradients` call's test of a tensor depending on its xs (None:
    none running) and its gate_gradients; returns the previous pair."""
    prev = (getattr(_state, "between", None), getattr(_state, "gate", False))
    _state.between, _state.gate = pred, gate
    return prev


_loop_reach = []   # the loops' reached-outputs test (ops/control_flow registers it)


def register_loop_reach(fn) -> None:
    """Registers `fn(op, is_reached)`: the outputs of While op `op` a gradients() walk
    reaches when `is_reached(t)` says which of its inputs it reaches (None: unknown)."""
    _loop_reach[:] = [fn]


def loop_reached_outputs(op, is_reached):
    """The registered loop reach test (None when none is registered or op is unknown)."""
    return _loop_reach[0](op, is_reached) if _loop_reach else None


def depends_on_xs(t) -> bool:
    """Inside `gradients`: does tensor t depend on the xs (does TF differentiate through
    it)? Outside, always True."""
    pred = getattr(_state, "between", None)
    return True if pred is None else pred(t)


def gating() -> bool:
    """Inside `gradients`: its gate_gradients (TF gates the loop body's gradients too), or
    counting_gates()."""
    return getattr(_state, "gate", False) or counting_gates()


def counting_gates() -> bool:
    """Inside a cond branch's gradient under a gated call: flowgrad's gradient stays
    ungated, the op counter moves over TF's tuples (a NoOp, an Identity per gradient)."""
    return getattr(_state, "count_gates", False)


def set_counting_gates(flag: bool) -> bool:
    """Sets counting_gates(); returns the previous value."""
    prev = getattr(_state, "count_gates", False)
    _state.count_gates = flag
    return prev



class BodyWalk:
    """A loop body's gradient being built for a loop gradient: whether the enclosing call
    gates (the body's gradient rules are gated by TF's tuples, as TF's) and, per
    forward op, the ops its gradient rule made and how far they moved the op counter;
    for a loop in a loop body, the enclosing loop's walk (`outer`) and body ops
    (`members`), whether TF's gradient frame of this loop pops a value (`pops`) and has
    its f_sync (`fsync`); the sums of the gradients of the xs' ops (`x_sums`: TF sums a
    capture's only when it is on a path to the xs of the enclosing gradients())."""

    def __init__(self, gate, outer=None, members=frozenset()):
        self.gate = gate
        self.made = {}
        self.outer = outer
        self.members = members
        self.pops = False
        self.inner = False   # a loop in its body (whose count orders before b_sync)
        self.parallel = 10   # the loop's parallel_iterations
        self.in_cond = 0   # how many cond branches hold the loop
        self.conds = ()   # the conds whose branches hold the loop, innermost first
        self.all_conds = 0   # ... and those holding the enclosing loops: how many
        self.pred_entered = False   # a cond's predicate entered into its gradient frame
        self.outside_entered = set()   # tensors from outside every loop entered (Enter)
        self.entered_preds = set()   # predicates from outside every loop entered (not stacked)
        self.fsync = False
        self.live = set()   # the indices of the loop variables whose values reach a gradient
        self.reached = set()   # ... and of those whose values depend on the xs
        self.back_prop = True   # tf.while_loop(back_prop=...): False, no gradient but the counters
        self.values = None   # the body's values (captures included) that depend on the xs
        self.captures = frozenset()   # the loop's captures
        self.sliced = {}   # capture -> shapes known of the IndexedSlices a body cond merged
        self.cond_ops = {}   # op built in a branch of a cond's gradient -> (cond, branch)
        self.dead_zeros = set()   # ops made for a cond gradient's untaken branch's zeros
        self.x_sums = {}   # an x's output -> (ops, counter moved) of its gradients' sum


def body_walk():
    """The BodyWalk now being built (None outside a loop body's gradient)."""
    return getattr(_state, "body_walk", None)


def set_body_walk(walk):
    """Sets body_walk(); returns the previous one."""
    prev = getattr(_state, "body_walk", None)
    _state.body_walk = walk
    return prev
