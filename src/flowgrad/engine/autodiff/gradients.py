"""`tf.gradients`: reverse-mode differentiation that adds gradient ops to the graph.

The gradient subgraph is TF 1.14's, op for op (names, counts, creation order), so that
GraphDefs, checkpoints and the seed2 of later random ops match TF's: the walk is TF's
(ops reached from the xs over differentiable tensors, kept to the ys' ancestors so the
cost does not grow with the rest of the graph; a FIFO queue from the ys; output
gradients summed with AddN when an op leaves the queue), and every rule builds the
gradient of every differentiable input, as TF's rules do (`wants_grad` is all of
them). What no fetch needs is pruned when a plan is made (runtime/ir.py: lower skips
pure gradients only a gate_gradients tuple reads) and the shape arithmetic TF runs
(Shape, BroadcastGradientArgs, reduced_shape) is folded by the plan's passes.
"""
from __future__ import annotations

import contextlib
import enum
import gc
import threading
from collections import deque

from ..framework import branches as _branches
from ..framework import dtypes as _dt
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.engine_view import engine_side
from ..framework.grad_state import (body_walk, counting_gates, get_wanted,  # noqa: F401
                                    loop_reached_outputs,
                                    mark_two_terms, mark_zero_fill,
                                    note_gradients_call,
                                    set_between,
                                    set_wanted, take_concat_slices, take_two_terms,
                                    wants_grad)  # re-exported
from ..framework.graph import Operation, Tensor, get_default_graph
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import get_gradient_function
from ..framework.tensor_shape import TensorShape
from ..ops.cast import cast
from ..ops.construction import fill, zeros, zeros_like
from ..ops.construction import range as _range
from ..ops.elementwise import multiply
from ..ops.joining import concat
from ..ops.ordering import tuple as _tuple
from ..ops.reductions import accumulate_n, add_n, reduce_sum
from ..ops.shape import identity, shape, stop_gradient
from ..ops.tensor_array import zero_grad as zero_grad_array
from ..runtime.xla._core import marks as _xla_marks, scopes as _xla_scopes
from .checkpointing import Recomputer
from .control_flow_state import ControlFlowState, current as _current_state
from .control_flow_state import register_loop_body  # noqa: F401  (re-exported)
from ..framework import graph_records as _records


class UnconnectedGradients(enum.Enum):
    """What `gradients` returns for an x that no y depends on."""
    NONE = "none"
    ZERO = "zero"


class AggregationMethod:
    """How several gradient contributions to one tensor are summed."""
    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


# Counters of the last `gradients` call in this thread (for tests and tools):
# ancestors / between ops visited, gradient rules called, ops created.
last_stats = threading.local()


def _differentiable(t):
    return t._dtype._diff


def _as_list(x):
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def _as_x_tensor(x, i):
    """xs as TF converts them (as_ref: a variable's ref tensor; Python values to constants)."""
    if isinstance(x, (Tensor, IndexedSlices)):
        return x
    ref = getattr(x, "_ref", None)
    if callable(ref):
        return ref()
    if x is None:
        # TF reads the None's `.op` (a y's in _DefaultGradYs, an x's for from_ops)
        raise AttributeError("'NoneType' object has no attribute 'op'")
    if isinstance(x, Operation):
        raise TypeError(f"Can't convert Operation '{x.name}' to Tensor (target dtype=None, "
                        f"name='x_{i}', as_ref=True)")
    return convert_to_tensor(x, name="x")


def _as_y_tensor(y, i):
    """ys as TF converts them (Variables to their value, Python values to constants)."""
    if isinstance(y, (Tensor, IndexedSlices)):
        return y
    if y is None:
        # TF reads the None's `.op` (a y's in _DefaultGradYs, an x's for from_ops)
        raise AttributeError("'NoneType' object has no attribute 'op'")
    if isinstance(y, Operation):
        raise TypeError(f"Can't convert Operation '{y.name}' to Tensor (target dtype=None, "
                        f"name='y_{i}', as_ref=False)")
    return convert_to_tensor(y, name="y")


# the errors TF 1.14's gradient walk raises with the gradient ops it built so far left in
# the graph (tf.gradients keeps them; any other error rolls the graph back)
_TF_WALK_ERRORS = (LookupError, ValueError, TypeError)


@engine_side
def gradients(ys, xs, grad_ys=None, name: str | None = "gradients",
              colocate_gradients_with_ops: bool = False, gate_gradients: bool = False,
              aggregation_method: int | None = None, stop_gradients=None,
              unconnected_gradients=UnconnectedGradients.NONE,
              checkpoints=None) -> list[Tensor | IndexedSlices | None]:
    """Symbolic derivatives of the sum of `ys` with respect to each of `xs`.

    Args:
      ys: a Tensor or list of Tensors to differentiate.
      xs: a Tensor, Variable or list of them.
      grad_ys: optional weights for each y (same shapes as ys); default ones.
      name: the name scope of the gradient ops ("gradients").
      gate_gradients: if True, each op's input gradients are grouped (tuple).
      aggregation_method: an `AggregationMethod` constant.
      stop_gradients: tensors treated as constants.
      unconnected_gradients: NONE returns None for unconnected xs, ZERO zeros.
      checkpoints: flowgrad extension, gradient checkpointing: None, 'memory',
        'speed', 'auto' or a list of tensors (see autodiff/checkpointing.py).
    Returns:
      A list with one gradient (Tensor, IndexedSlices or None) per x.
    Raises:
      LookupError: an op on the path has no registered gradient.
      TypeError: a complex y without grad_ys, a grad_y of the wrong dtype.
      ValueError: mismatched lengths or graphs.

    >>> x = tf.Variable(3.0)
    >>> g = tf.gradients(x ** 2, x)
    >>> with tf.Session() as sess:
    ...     sess.run(x.initializer)
    ...     print(sess.run(g))
    [6.0]
    """
    try:
        unconnected_gradients = UnconnectedGradients(unconnected_gradients)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: "
                         f"{unconnected_gradients!r}") from None
    ys_in = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs_in = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    grad_ys = _as_list(grad_ys) if grad_ys is not None else [None] * len(ys_in)
    graph = _graph_of_args(ys_in + xs_in + grad_ys + _as_list(stop_gradients))
    # Everything below builds ops; a failure other than TF's own errors (_TF_WALK_ERRORS)
    # removes them all again
    token = graph._begin_transaction() if graph._name_journal is None else None
    first = len(graph._ops)
    # Every object built here stays alive: pausing the cyclic GC saves up to 40% on
    # large graphs (each full collection would walk the whole graph again).
    gc_was_on = token is not None and gc.isenabled()
    if gc_was_on:
        gc.disable()
    colocating, _colocating.on = _colocating.on, bool(colocate_gradients_with_ops)
    caller = graph._name_stack
    try:
        with graph.as_default(), graph.name_scope(name or "gradients"):
            graph.unique_name("uid")  # TF's gradient_uid takes this name
            ys = [_as_y_tensor(y, i) for i, y in enumerate(ys_in)]
            xs = [_as_x_tensor(x, i) for i, x in enumerate(xs_in)]
            if len(grad_ys) != len(ys_in):   # TF's _DefaultGradYs, in the name scope
                raise ValueError(f"Passed {len(grad_ys)} grad_ys for {len(ys_in)} ys")
            stop = [_as_x_tensor(s, i) for i, s in enumerate(_as_list(stop_gradients))]
            _common_graph(ys, xs, [g for g in grad_ys if isinstance(g, Tensor)] + stop)
            state = ControlFlowState(graph, ys, xs, top=token is not None)
            if state.refused:
                _refuse_loop_x(*state.refused[0])
            with state.running(graph):
                out = _gradients(graph, ys, xs, grad_ys, gate_gradients,
                                 aggregation_method, stop, unconnected_gradients,
                                 state, checkpoints, outer=token is not None)
            if state.outer is None:
                state.post_process(graph, caller)
            if body_walk() is None:   # (the GraphDef writer replays TF's walk order)
                note_gradients_call(graph, graph._name_stack, xs, ys)
    except BaseException as e:
        # (an op without a gradient, LookupError: TF 1.14 raises when its walk reaches it,
        # leaving the gradient ops built before: the seeds' Shape, grad_ys_0, Fill and the
        # rules run; so do a gradient function returning the wrong count, ValueError, and
        # an error of the ops a rule builds (a grad_ys of the wrong shape: ValueError,
        # TypeError); KeyError and IndexError are bugs, rolled back)
        if token is not None and type(e) not in _TF_WALK_ERRORS:
            graph._rollback(token)
        raise
    finally:
        _colocating.on = colocating
        if token is not None:
            graph._end_transaction(token)
        if gc_was_on:
            gc.enable()
    if unconnected_gradients is UnconnectedGradients.ZERO and None in out:
        # TF's _GetGrad, after its name scope: zeros in the caller's ("zeros_like"), float32
        # for a resource handle
        with graph.as_default():
            out = [g if g is not None else zeros_like(
                x, dtype=_dt.float32 if x.dtype is _dt.resource else None)
                for g, x in zip(out, xs)]
    last_stats.ops_created = len(graph._ops) - first
    return out


def _graph_of_args(values):
    """The graph of the first graph element among `values` (default graph if none)."""
    for v in values:
        if isinstance(v, (Tensor, Operation, IndexedSlices)):
            return v.graph
        ref = getattr(v, "_ref", None)
        if callable(ref):
            return ref().graph
    return get_default_graph()


def _common_graph(ys, xs, others):
    first = None
    for t in ys + xs + others:
        if first is None:
            first = t
        elif t.graph is not first.graph:
            raise ValueError(f"{t} must be from the same graph as {first}.")
    return first.graph if first is not None else get_default_graph()


_cond_reach = []   # the conds' reached-outputs test (ops/control_flow registers it)


def register_cond_reach(fn) -> None:
    """Registers `fn(op, is_reached)`: the outputs of Cond op `op` a gradients() walk
    reaches when `is_reached(t)` says which tensors from outside its branches it reaches
    (None: a cond not known)."""
    _cond_reach[:] = [fn]


def _cond_reached_outputs(op, is_reached):
    return _cond_reach[0](op, is_reached) if _cond_reach else None


def _refuse_loop_x(x, loop):
    raise NotImplementedError(
        f"tf.gradients with respect to {x.name!r}, a tensor made in the body of "
        f"tf.while_loop {loop.name!r}: in loops nested in a tf.cond or in a tf.cond "
        f"nested in a loop or cond, or from an enclosing loop's body")


def loop_body_xs(graph) -> set:
    """Inside a top-level gradients() on `graph`: its xs made in tf.while_loop bodies."""
    state = _current_state(graph)
    return state.body_xs() if state is not None else set()


def inner_xs(graph) -> dict:
    """Inside a Cond's or While's gradient rule on `graph`: {x: None} for the xs of
    gradients() in its branches or body (the rule sets each one's gradient), else {}."""
    state = _current_state(graph)
    return (state.rule_xs if state is not None else None) or {}


def _branch_router(graph, ys, xs, state, outer=False):
    """`route(op)`: the op a gradient walk visits for `op`: itself, or the tf.cond whose
    branch holds it when the walk starts outside that cond (framework/branches.py), so
    that gradients reaching a branch from outside run only in the taken branch. None when
    the graph has no cond branches. `outer`: a gradients() call not made by a gradient
    rule (whose xs in a cond's branch are routed to the cond)."""
    given = _branches.take_transparent()
    if not graph._branch_of:
        return None
    # the conds holding the xs (and by default the ys) are walked as plain ops
    transparent = set(given) if given is not None else set()
    # (a rule's gradients() call, a loop body's, keeps the conds of its xs too)
    ys_conds = {c for y in ys for c in _branches.chain(y._op)} if outer else None
    # (in a Cond rule's branch gradients(), an x of the outer call there keeps the conds
    # nested in that branch: their rules give its gradient, as TF's walk does)
    # (a loop body's gradients() call: the xs of the outer call in a cond of the body go
    # to that cond's rule as well)
    routed = state.routed_xs() if given is not None or body_walk() is not None else {}
    for t in xs if given is not None else ys + xs:
        if any(t is x for x in routed):
            continue
        # (a y in a V1Frames region, a script's Merge, is differentiated through the
        # region's gradient: its members have no rules of their own; an x in a tf.cond's
        # branch, outside the ys' conds, through the cond's gradient: _cond_grad gives
        # its gradient as TF's walk from the Merges does)
        is_x = any(t is x for x in xs)
        transparent.update(c for c in _branches.chain(t._op)
                           if (c._type != "V1Frames" or is_x) and (
                               given is not None or ys_conds is None or
                               c._type != "Cond" or c in ys_conds))
    memo = {}
    owner = _branches.owner

    def route(op):
        r = memo.get(op)
        if r is None:
            e = owner(op, transparent)
            r = memo[op] = op if e is None else e[0]
        return r
    return route


def _gradients(graph, ys, xs, grad_ys, gate_gradients, aggregation_method, stop,
               unconnected, state, checkpoints=None, outer=False):
    """TF 1.14's walk (gradients_util._GradientsHelper), so that the gradient ops, their
    names and their creation order are TF's: ops reachable from the xs over
    differentiable edges; of those, the ones a walk from the ys over all inputs meets
    (between); a FIFO queue of ops whose consumers are all done, starting at the ys.
    Each op's output gradients are summed when it leaves the queue; its rule is called
    for every input (as TF's rules compute them all; a plan prunes what is not used)."""
    xs_t = [x.values if isinstance(x, IndexedSlices) else x for x in xs]
    ys_t = [y.values if isinstance(y, IndexedSlices) else y for y in ys]
    stop_ops = {t._op for t in stop}
    route = _branch_router(graph, ys_t, xs_t, state, outer)
    to_ops = [y._op for y in ys_t]
    from_ops = [x._op for x in xs_t]

    # 1. Ops reachable from the xs over differentiable tensors (TF's _MarkReachedOps), kept
    # to the ys' ancestors: only those can be between, so the cost does not grow with the
    # rest of the graph.
    ancestors = set()
    stack = list(to_ops)
    while stack:
        op = stack.pop()
        if op not in ancestors:
            ancestors.add(op)
            stack.extend(t._op for t in op._inputs)
    reached = set()
    # (a loop's outputs are TF's separate Exits: each reached on its own)
    loops = {}
    in_loops = state.loop_xs
    queue = deque(op for op in from_ops + list(in_loops) if op in ancestors)
    xs_set = set(from_ops)
    while queue:
        op = queue.popleft()
        if op._type == "While" and op not in xs_set:
            outs = loop_reached_outputs(op, lambda t: t._op in reached and t._dtype._diff and (
                t._op not in loops or t in loops[t._op]))
            if outs is not None:
                new = outs - loops.get(op, set())
                if op in reached and not new:
                    continue
                reached.add(op)
                loops[op] = loops.get(op, set()) | outs
                for t in new:
                    queue.extend(c for c in t._consumers if c in ancestors)
                continue
        if op not in reached:
            reached.add(op)
            for t in op._outputs:
                if t._dtype._diff:
                    queue.extend(c for c in t._consumers if c in ancestors)

    def carries(t):   # is t reached (an output of a reached op; of a loop, one reached)
        outs = loops.get(t._op)
        return outs is None or t in outs
    reachable_to = {op for op in to_ops if op in reached}

    # 2. Between: the reached ops met walking back from the ys over every input.
    between = set()
    between_list = []
    queue = deque(y._op for y in ys_t if carries(y))
    while queue:
        op = queue.popleft()
        if op in reached:
            between.add(op)
            between_list.append(op)
            reached.discard(op)
            queue.extend(t._op for t in op._inputs if carries(t))
    if route is not None and checkpoints is None and (body_walk() is not None or any(
            op._type in _FRAMED or op in graph._branch_of for op in between_list) or
            any(route(x._op) is not x._op for x in xs_t) or state.cond_xs):
        # a tf.cond (or a loop, which may hold one) lies between the ys and the xs, or this
        # is a loop body's gradient: the walk that routes branches. Otherwise this walk is
        # TF's (the same FIFO order), whatever conds the graph holds elsewhere.
        return _gradients_routed(graph, ys_t, xs_t, grad_ys, gate_gradients,
                                 aggregation_method, stop_ops, unconnected, route, state)
    pending = dict.fromkeys(between, 0)
    for op in between_list:
        for t in op._inputs:
            if t._op in between and carries(t):
                pending[t._op] += 1
    # TF's _StopOps: xs none of whose inputs wait for a gradient, and stop_gradients.
    stopped = {op for op in from_ops
               if not any(pending.get(t._op, 0) > 0 for t in op._inputs)}
    stopped.update(t._op for t in stop)
    recompute = None
    if checkpoints is not None:
        recompute = Recomputer(graph, between, xs_t, ys_t, checkpoints)

    # 3. Seed the ys.
    contrib = {}   # Tensor -> list of gradient contributions
    for i, (y, gy) in enumerate(zip(ys_t, _converted_grad_ys(grad_ys))):
        with _colocated(graph, y._op):   # TF's _DefaultGradYs
            gy = _seed(y, gy, i)
        contrib.setdefault(y, []).append(gy)

    exits = state.maybe_create(graph, to_ops, between, carries)
    ready = deque()
    seen = set()
    for op in to_ops:
        if pending.get(op, 0) == 0 and op not in seen and op in reachable_to:
            seen.add(op)
            ready.append(op)
    state.process_unused_loop_exits(graph, pending, seen, contrib, ready)
    # TF checks the method where it aggregates an op's output gradients: only when some
    # op lies between the ys and the xs (an unconnected call returns Nones unchecked).
    if ready and aggregation_method not in _AGGREGATION_METHODS:
        raise ValueError(f"Invalid aggregation_method specified {aggregation_method}.")
    rules_called = 0
    walk = body_walk()   # in a loop body's gradient the xs' gradient sums are recorded
    prev_wanted = get_wanted()
    prev_between = set_between(lambda t: t._op in between and carries(t), gate_gradients)
    try:
        while ready:
            op = ready.popleft()
            if op in exits and op not in between:   # an unused Exit given zeros (an x
                if op not in stopped:                # keeps them: no rule)
                    exits[op].exit_grad(graph, op, contrib)
                continue
            in_grads = None
            with _colocated(graph, op):   # colocate_gradients_with_ops: sums and rule
                agg = (len(graph._ops), graph._last_id)   # its output gradients' sums
                if op in stopped and walk is not None:
                    out_grads = _aggregated_xs(graph, contrib, op, aggregation_method, walk)
                else:
                    out_grads = [_aggregated(contrib, t, aggregation_method)
                                 for t in op._outputs]
                    if op in loops:
                        _unused_exit_ys(op, out_grads, loops, contrib, aggregation_method)
                if op not in stopped and any(g is not None for g in out_grads):
                    wanted = {i for i, t in enumerate(op._inputs) if t._dtype._diff and (
                        op._type != "While" or carries(t))}
                    mine = in_loops.get(op)   # (its rule sets the gradients of these xs)
                    with state.rule(mine):
                        in_grads = _call_grad(graph, op if recompute is None else
                                              recompute.view(op), out_grads, wanted,
                                              gate_gradients, agg)
                    rules_called += 1
                    for x, g in (mine or {}).items():
                        if g is not None:
                            contrib.setdefault(x, []).append(g)
            for i, t in enumerate(op._inputs):
                if in_grads is not None and t._dtype._diff:
                    g = in_grads[i]
                    if g is not None:
                        if type(g) is Tensor and g._shape._dims != t._shape._dims:
                            _check_grad_shape(op, i, t, g)
                        contrib.setdefault(t, []).append(g)
                        _to_unused_exit(t, g, loops, between, contrib)
                p = pending.get(t._op) if carries(t) else None
                if p is not None:
                    pending[t._op] = p - 1
                    if p == 1 and t._op in exits:   # (waits for its loop's other Exits)
                        exits[t._op].ready(graph, t._op, contrib, ready)
                    elif p == 1:
                        ready.append(t._op)
    finally:
        set_wanted(prev_wanted)
        set_between(*prev_between)

    last_stats.ancestors = len(ancestors)
    last_stats.between = len(between)
    last_stats.rules_called = rules_called
    return [_aggregated(contrib, x, aggregation_method) for x in xs_t]


def _to_unused_exit(t, g, loops, between, contrib):
    """Gradient g of t, the Exit (an Identity) of an output of a loop between the ys and
    the xs that TF's walk did not reach: TF's unused Exit keeps the gradient its consumer
    gave it (ProcessUnusedLoopExits), so the loop's output gets it."""
    o = t._op
    if o._type != "Identity" or o in between or not o._inputs:
        return
    s = o._inputs[0]
    outs = loops.get(s._op)
    if outs is not None and s not in outs and s._op in between:
        contrib.setdefault(s, []).append(g)


class _ExitYs:
    """The gradients given to a y that is the Exit of a loop output TF's walk did not
    reach: _call_grad sums them with the output's zeros (TF's ZerosLikeForExit beside the
    y's gradient, an AddN)."""
    __slots__ = ("grads", "method")

    def __init__(self, grads, method):
        self.grads, self.method = grads, method


def _unused_exit_ys(op, out_grads, loops, contrib, method):
    """Marks the outputs of loop `op` TF's walk did not reach whose Exits are ys (_ExitYs)."""
    for i, t in enumerate(op._outputs):
        if out_grads[i] is not None or t in loops[op] or not t._dtype._diff:
            continue
        for e in t._consumers:
            if e._type == "Identity" and e._outputs[0] in contrib:
                out_grads[i] = _ExitYs(list(contrib[e._outputs[0]]), method)
                break


def _gradients_routed(graph, ys_t, xs_t, grad_ys, gate_gradients, aggregation_method,
                      stop_ops, unconnected, route, state):
    """`_gradients` on a graph with tf.cond branches: the same walk, where an edge from a
    tensor of a branch visits the cond (`route`), whose rule gets those tensors' gradients
    (framework/branches.py `get_internal_grads`); no gradient checkpointing here. The
    queue is TF's FIFO too: a variable read by an L2 penalty and by a layer under a
    `training` cond gets [penalty, layer] gradients in that order, as TF's AddN sums
    them (the order changes the float32 sum)."""
    ancestors = set()
    stack = [route(y._op) for y in ys_t]
    while stack:
        op = stack.pop()
        if op in ancestors:
            continue
        ancestors.add(op)
        if op in stop_ops:
            continue
        for t in op._inputs:
            if t._dtype._diff:
                r = route(t._op)
                if r not in ancestors:
                    stack.append(r)
    # ops between: the ancestors that depend on an x (found over inputs, as a cond's
    # branch tensors are read by ops that do not consume its outputs)
    xs_ops = {route(x._op) for x in xs_t}
    # a cond -> the xs in its branches, a loop -> those in its body (its rule gives their
    # gradients)
    inner_xs = {loop: dict(xs) for loop, xs in state.loop_xs.items()}
    for x in xs_t:
        r = route(x._op)
        if r is not x._op and r._type == "Cond" and not any(x in v for v in inner_xs.values()):
            inner_xs.setdefault(r, {})[x] = None
    for c, xs in state.cond_xs.items():   # (xs in a loop in a cond's branch)
        inner_xs.setdefault(route(c), {}).update(xs)
    reach = {}
    loops = {}   # a loop -> its outputs reached (TF's Exits, each reached on its own)
    conds = {}   # a cond -> its outputs reached (TF's Merges, each reached on its own)

    def carries(t):   # is t reached (an output of a reached op; of a loop or cond, one
        outs = loops.get(t._op)   # reached)
        if outs is None:
            outs = conds.get(t._op)
        return outs is None or t in outs

    def hits(t, q):
        return reach[q] and (q not in stop_ops or q in xs_ops) and carries(t)
    for root in ancestors:
        if root in reach:
            continue
        stack = [root]
        while stack:
            op = stack[-1]
            if op in reach:
                stack.pop()
                continue
            if op in xs_ops and op not in inner_xs:
                reach[op] = True
                stack.pop()
                continue
            todo = []
            hit = False
            for t in op._inputs:
                if not t._dtype._diff:
                    continue
                q = route(t._op)
                if q not in ancestors or q is op:
                    continue
                r = reach.get(q)
                if r is None:
                    todo.append(q)
                elif hits(t, q):
                    hit = True
            if op._type == "While" and not todo:   # (all its inputs known)
                outs = loop_reached_outputs(op, lambda t: t._dtype._diff and (
                    route(t._op) in reach and hits(t, route(t._op))))
                if outs is not None:
                    loops[op] = outs
                    hit = bool(outs)
            if op._type == "Cond" and not todo:   # (all its inputs known)
                mine = inner_xs.get(op, ())
                outs = _cond_reached_outputs(op, lambda t: t in mine or t._dtype._diff and (
                    route(t._op) in reach and hits(t, route(t._op))))
                if outs is not None:
                    conds[op] = outs
                hit = hit or op in inner_xs
            if not todo or (hit and op._type not in ("While", "Cond")):
                reach[op] = hit
                stack.pop()
            else:
                stack.extend(todo)
    between = {op for op, r in reach.items() if r}
    if loops or conds:   # the ops between met walking back from the ys over reached
        # tensors only
        kept = set()
        stack = [route(y._op) for y in ys_t if carries(y)]
        while stack:
            op = stack.pop()
            if op in kept or op not in between:
                continue
            kept.add(op)
            if op in stop_ops:
                continue
            stack.extend(route(t._op) for t in op._inputs if t._dtype._diff and carries(t))
        between = kept
    stopped = {op for op in stop_ops if op in between}
    pending = dict.fromkeys(between, 0)
    for op in between:
        if op in stopped:
            continue
        for t in op._inputs:
            if t._dtype._diff and carries(t):
                r = route(t._op)
                if r in pending and r is not op:
                    pending[r] += 1
    # TF's _StopOps: an x (not one of a branch) none of whose inputs waits for a gradient
    # gets its gradient summed but no rule called (a BiasAdd x: no BiasAddGrad)
    stopped.update(op for op in (x._op for x in xs_t) if route(op) is op and op in between
                   and not any(pending.get(route(t._op), 0) > 0 for t in op._inputs
                               if t._dtype._diff and carries(t)))
    contrib = {}
    internal = {}   # cond -> tensors of its branches with gradients
    for i, (y, gy) in enumerate(zip(ys_t, _converted_grad_ys(grad_ys))):
        with _colocated(graph, y._op):   # TF's _DefaultGradYs
            gy = _seed(y, gy, i)
        contrib.setdefault(y, []).append(gy)
        r = route(y._op)
        if r is not y._op:
            internal.setdefault(r, {})[y] = None
    state.maybe_create(graph, [route(y._op) for y in ys_t], between, carries, route)
    ready = deque()
    for y in ys_t:
        op = route(y._op)
        if op in between and pending[op] == 0 and op not in ready:
            ready.append(op)
    if ready and aggregation_method not in _AGGREGATION_METHODS:
        raise ValueError(f"Invalid aggregation_method specified {aggregation_method}.")
    rules_called = 0
    walk = body_walk()   # in a loop body's gradient the xs' gradient sums are recorded
    prev_wanted = get_wanted()
    prev_between = set_between(lambda t: route(t._op) in between and carries(t),
                               gate_gradients)
    try:
        while ready:
            op = ready.popleft()
            in_grads = None
            with _colocated(graph, op):   # colocate_gradients_with_ops: sums and rule
                agg = (len(graph._ops), graph._last_id)   # its output gradients' sums
                if op in stopped and walk is not None:
                    out_grads = _aggregated_xs(graph, contrib, op, aggregation_method, walk)
                else:
                    out_grads = [_aggregated(contrib, t, aggregation_method)
                                 for t in op._outputs]
                    if op in loops:
                        _unused_exit_ys(op, out_grads, loops, contrib, aggregation_method)
                inner = {t: _aggregated(contrib, t, aggregation_method)
                         for t in internal.get(op, ())}
                inner = {t: g for t, g in inner.items() if g is not None}
                call = op not in stopped and (any(g is not None for g in out_grads) or inner)
                if call:
                    # as TF, an op's rule builds the gradients of all its inputs (a cond or
                    # loop: only of those on a path to the xs, as TF's Switches / Enters)
                    wanted = {i for i, t in enumerate(op._inputs) if t._dtype._diff and (
                        op.type not in _FRAMED or route(t._op) in between and carries(t))}
                    mine = inner_xs.get(op)
                    if wanted or mine:
                        _branches.set_internal_grads(inner)
                        try:
                            with state.rule(mine):
                                in_grads = _call_grad(graph, op, out_grads, wanted,
                                                      gate_gradients, agg)
                        finally:
                            _branches.set_internal_grads(None)
                        rules_called += 1
                        for x, g in (mine or {}).items():
                            if g is not None:
                                contrib.setdefault(x, []).append(g)
            for i, t in enumerate(op._inputs):
                r = route(t._op)
                if in_grads is not None and loops and r not in pending and r is t._op and \
                        in_grads[i] is not None and op not in stopped:
                    _to_unused_exit(t, in_grads[i], loops, between, contrib)
                if r not in pending or r is op or not t._dtype._diff or op in stopped:
                    continue
                # (an output of a cond TF's walk did not reach: its Merge takes no gradient)
                if in_grads is not None and (t._op not in conds or carries(t)):
                    g = in_grads[i]
                    if g is not None:
                        if type(g) is Tensor and g._shape._dims != t._shape._dims:
                            _check_grad_shape(op, i, t, g)
                        contrib.setdefault(t, []).append(g)
                        if r is not t._op:
                            internal.setdefault(r, {})[t] = None
                if not carries(t):   # (an output of a loop TF's walk did not reach: not
                    continue         # waited for)
                p = pending[r] - 1
                pending[r] = p
                if p == 0:
                    ready.append(r)
    finally:
        set_wanted(prev_wanted)
        set_between(*prev_between)
    last_stats.ancestors = len(ancestors)
    last_stats.between = len(between)
    last_stats.rules_called = rules_called
    return [_aggregated(contrib, x, aggregation_method) for x in xs_t]


def _check_grad_shape(op, i, t, g):
    """TF's check of a rule's gradient against its input: the input's static shape is set
    on it, ValueError where they are incompatible (a resource handle's is not checked)."""
    if t._dtype is _dt.resource:
        return
    if not t._shape.is_compatible_with(g._shape):
        raise ValueError(
            "Incompatible shapes between op input and calculated input gradient.  Forward "
            f"operation: {op.name}.  Input index: {i}. Original input shape: {t.shape}.  "
            f"Calculated input gradient shape: {g.shape}")
    g.set_shape(t._shape)


_AGGREGATION_METHODS = (None, AggregationMethod.ADD_N, AggregationMethod.EXPERIMENTAL_TREE,
                        AggregationMethod.EXPERIMENTAL_ACCUMULATE_N)


def _converted_grad_ys(grad_ys):
    """The given grad_ys as tensors, all converted before any seed is built (TF's
    convert_n_to_tensor_or_indexed_slices(grad_ys, name="grad_y"): grad_y_<i>)."""
    return [gy if gy is None or isinstance(gy, (Tensor, IndexedSlices)) else
            convert_to_tensor(gy, name=f"grad_y_{i}") for i, gy in enumerate(grad_ys)]


def _seed(y, gy, i):
    if gy is None:
        if y.dtype.is_complex:
            raise TypeError(f"Gradients of complex tensors must set grad_ys (y.dtype = "
                            f"{y.dtype!r})")
        # TF's Shape, grad_ys_<i>, Fill (constant-folded at run time when y's shape is known)
        seed = fill(shape(y), constant(1, dtype=y.dtype.base_dtype,
                                                            name=f"grad_ys_{i}"))
        # The seed is computed "after y" (TF's Shape(y) when y's shape is unknown): the
        # race check (runtime/races.py) orders y before the gradient through this edge.
        seeds = getattr(y.graph, "_grad_seeds", None)
        if seeds is None:
            seeds = y.graph._grad_seeds = {}
        seeds[seed.op._id] = y.op
        return seed
    if isinstance(gy, IndexedSlices):
        return gy
    # TF's _DefaultGradYs checks only the kinds of dtype; a grad_y of another shape or
    # float width fails (or broadcasts) in the rules that use it, as TF's
    yd, gd = y.dtype.base_dtype, gy.dtype.base_dtype
    if yd.is_floating or yd.is_integer:
        if not gd.is_floating and not gd.is_integer:
            raise TypeError(f"Gradient type {gd.name} generated for real or integer-valued "
                            f"tensor {y} with type {yd.name} must be real or integer")
    elif yd.is_complex:
        if not gd.is_complex:
            raise TypeError(f"Gradient type {gd.name} generated for complex-valued tensor "
                            f"{y} with type {yd.name} must be real")
    elif yd is _dt.variant:
        if gd is not _dt.variant:
            raise TypeError(f"Gradient type {gd.name} generated for variant tensor {y} "
                            f"with type {yd.name} must be variant")
    elif yd is _dt.resource:
        if gd is _dt.resource:
            raise TypeError(f"Input gradient {gy} for resource tensor {y} should not be a "
                            f"resource")
    else:
        raise TypeError(f"Tensor {y} with type {yd.name} must be numeric to obtain a "
                        f"default gradient")
    return identity(gy, name=f"grad_ys_{i}")  # TF's _DefaultGradYs


def _framed_outside(op):
    """Is `op` a loop outside every loop and cond (TF's ZerosLikeForExit without an outer
    gradient state)?"""
    return op._type == "While" and body_walk() is None and not _branches.chain(op)


def _unused_zeros(op, i):
    """The zeros gradient of op's output i no gradient reached: TF's ZerosLikeForExit for an
    exit of a loop outside every loop and cond (a fully known shape gives tf.zeros, a
    Const; a TensorArray flow, TF's float, an empty gradient array written as its 0.0) or
    of a loop in a loop's body (a fully known shape: tf.zeros in the outer gradient
    frame); another op of a loop's body with a fully known shape gets a Const (TF's
    ControlFlowState.ZerosLike); else zeros_like."""
    t = op._outputs[i]
    if _framed_outside(op):
        if t.dtype.base_dtype is _dt.variant:
            return zero_grad_array(name="zeros")
        if t.shape.is_fully_defined():
            return zeros(t.shape.as_list(), t.dtype.base_dtype)
    elif op._type == "While" and t.dtype.base_dtype is not _dt.variant and \
            t.shape.is_fully_defined():
        # (a loop in a loop's body: TF's zeros made in the outer gradient frame; a loop
        # in a cond outside loops: the cond's context has no while context, TF's
        # ZerosLikeForExit has no outer gradient state either)
        return zeros(t.shape.as_list(), t.dtype.base_dtype)
    elif body_walk() is not None and op._type != "While" and \
            t.dtype.base_dtype is not _dt.variant and t.shape.is_fully_defined():
        # (an op of a loop's body: TF's ControlFlowState.ZerosLike, a Const of the known
        # shape made in the gradient frame, so the forward value is not stacked)
        return constant(0, t.dtype.base_dtype, t.shape.as_list())
    elif body_walk() is not None and op._type != "While" and \
            t.dtype.base_dtype is not _dt.variant and not _branches.chain(op):
        # (one of a shape not fully known: TF's zeros of its Shape, which the forward
        # frame computes and pushes (the lowering's moved Shape), not of the value)
        return zeros(shape(t), t.dtype.base_dtype)
    return zeros_like(t, optimize=False)


# array ops whose flow is flowgrad's first input and TF's last (TensorArrayWriteV3...)
_FLOW_LAST = frozenset(("TensorArrayWriteV3", "TensorArrayScatterV3", "TensorArraySplitV3"))

# TF's Operation._original_op: the op whose gradient rule (and gate) made an op, as TF's
# gradients set it (`with graph._original_op(op)`); tf.contrib.copy_graph copies it first
_original_ops = _records.GraphRecords("_original_ops")


def original_op(op):
    """The op whose gradient made `op` (TF's `op._original_op`), or None."""
    return _original_ops.get(op)


def _call_grad(graph, op, out_grads, wanted, gate_gradients, agg=None):
    grad_fn = get_gradient_function(op)
    if grad_fn is None:
        return None
    for i, g in enumerate(out_grads):
        if type(g) is _ExitYs:
            out_grads[i] = _aggregate(g.grads + [_unused_zeros(op, i)], g.method,
                                      op._outputs[i])
            continue
        # as TF; a TensorArray flow (variant) without a gradient stays None: its rules
        # read that as an empty gradient array; a cond's outputs are TF's separate Merges
        if g is None and op._outputs[i]._dtype._diff and op.type != "Cond" and (
                op._outputs[i]._dtype._base is not _dt.variant or _framed_outside(op)):
            out_grads[i] = _unused_zeros(op, i)
            mark_zero_fill(out_grads[i])
    old_stack = graph._name_stack
    set_wanted(wanted)
    try:
        graph._name_stack = graph.unique_name(op._name + "_grad")
        first, first_id = len(graph._ops), graph._last_id
        in_grads = grad_fn(op, *out_grads)
        # TF's _MaybeCompile: a jit_scope op's gradient compiles too (a recomputed view
        # of an op is not itself marked)
        if len(_xla_marks) and isinstance(op, Operation) and _xla_marks.get(op):
            scope, separate = _xla_scopes.get(op, (None, False))
            if separate:     # TF: "<scope>_grad_<the gradient's name scope>"
                scope = f"{scope}_grad_" + old_stack.rstrip("/").replace("/", "_")
            for o in graph._ops[first:]:
                if o not in _xla_marks:
                    _xla_marks[o] = True
                    _xla_scopes[o] = (scope, separate)
        if isinstance(in_grads, (Tensor, IndexedSlices)) or in_grads is None:
            in_grads = [in_grads]
        in_grads = list(in_grads)
        if len(in_grads) != len(op._inputs):
            raise ValueError(f"Num gradients {len(in_grads)} generated for op {op} do "
                             f"not match num inputs {len(op._inputs)}")
        given = sum(1 for g in in_grads if g is not None)
        walk = body_walk()
        # a loop body's gradient under a gated call is gated as TF's (its tuples are in
        # TF's gradient frame); a loop's gradient is not (TF's are its Enters' Exits)
        multi = given > 1 and op._type != "While"
        gate = multi and (gate_gradients or (walk is not None and walk.gate))
        if walk is None and multi and not gate_gradients and counting_gates():
            graph._last_id += 1 + given   # TF's tuple (a cond branch's gradient, gated)
            # (its gradients, which the cond gradient's writer gates as TF's tuple)
            graph.__dict__.setdefault("_branch_gated", {})[op] = in_grads
        if gate:
            marked = [isinstance(g, Tensor) and take_two_terms(g) for g in in_grads]
            # TF's gate is built with no device and no colocation (whatever encloses it)
            # (in TF's input order: an array op's flow, flowgrad's first input, is its last)
            last = op._type in _FLOW_LAST
            with graph.device(None), graph.colocate_with(None, ignore_existing=True):
                in_grads = _tuple(in_grads[1:] + in_grads[:1] if last else in_grads)
            if last:
                in_grads = in_grads[-1:] + in_grads[:-1]
            for g, m in zip(in_grads, marked):
                if m:
                    mark_two_terms(g)
            # The gate (tuple/group_deps) orders the input gradients, as TF's; a plan
            # computes no pure gradient only the gate reads (runtime/ir.py: lower).
            gated = next(g for g in in_grads if g is not None)
            gates = getattr(graph, "_grad_gates", None)
            if gates is None:
                gates = graph._grad_gates = set()
            gates.update(c._id for c in (gated.values if isinstance(gated, IndexedSlices)
                                         else gated)._op._control_inputs
                         if c._type == "NoOp" and c._name.endswith("tuple/group_deps"))
        for o in graph._ops[first:]:
            _original_ops.setdefault(o, op)   # (an inner rule's ops keep their own)
        if walk is not None:
            if agg is not None:   # the sums of op's output gradients count as its own
                first, first_id = agg
            walk.made[op] = (graph._ops[first:], graph._last_id - first_id)
    finally:
        graph._name_stack = old_stack
        set_wanted(None)
    # (TF checks no gradient's dtype against its input's: a rule's float64 gradient of a
    # float32 input flows on, failing only in the op that mixes them)
    return in_grads


_FRAMED = frozenset(("Cond", "While", "WhileGrad", "V1Frames"))   # (TF-written loops)


def _aggregated(contrib, t, method):
    """The summed gradient of `t` (built once; later calls reuse it)."""
    grads = contrib.get(t)
    if not grads:
        return None
    if len(grads) == 1 and isinstance(grads[0], Tensor) and take_two_terms(grads[0]):
        grads[0]._op._graph._last_id += 1   # TF's AddN of the two terms
    if len(grads) > 1:
        contrib[t] = grads = [_aggregate(grads, method, t)]
    return grads[0]


def _aggregated_xs(graph, contrib, op, method, walk):
    """The summed gradients of the outputs of stopped op `op` in a loop body's gradient, each
    sum's ops and counter move kept in walk.x_sums (TF sums a capture's only when it is on
    a path to the xs)."""
    out = []
    for t in op._outputs:
        mark = (len(graph._ops), graph._last_id)
        out.append(_aggregated(contrib, t, method))
        if graph._last_id != mark[1]:
            walk.x_sums[t] = (graph._ops[mark[0]:], graph._last_id - mark[1])
    return out


def _aggregate(grads, method, t):
    if not grads:
        return None
    if len(grads) == 1:
        return grads[0]
    if any(isinstance(g, IndexedSlices) for g in grads):
        return _aggregate_indexed_slices(grads)
    if method == AggregationMethod.EXPERIMENTAL_ACCUMULATE_N and len(grads) > 2 and \
            _accumulator_shape(grads).is_fully_defined():
        return accumulate_n(grads)
    if method in (AggregationMethod.EXPERIMENTAL_TREE,
                  AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
        # TF's pairwise sums, in a scope named after the op ("w/read_gradient_sum/AddN")
        graph = t._op._graph
        with graph.name_scope(t._op._name + "_gradient_sum"):
            total = grads[0]
            for g in grads[1:]:
                total = add_n([total, g])
        return total
    return _multi_device_add_n(grads)


def _multi_device_add_n(grads):
    """TF's _MultiDeviceAddN: the gradients grouped by device (sorted by device string);
    each group summed colocated with its first gradient's op (ignoring the colocation and
    device scopes around), then the groups' sums summed where the walk is. In a loop
    body's gradient (flowgrad's own graph, written as TF's frames under other names) the
    sum is not colocated: its _class would name ops the written GraphDef lacks."""
    if body_walk() is not None:
        return add_n(grads)
    by_device = {}
    for g in grads:
        by_device.setdefault(g.device, []).append(g)
    graph = grads[0].graph
    summands = []
    for dev in sorted(by_device):
        group = by_device[dev]
        with graph.colocate_with(group[0]._op, ignore_existing=True):
            summands.append(add_n(group))
    return add_n(summands)


class _Colocating(threading.local):
    on = False   # the running tf.gradients call's colocate_gradients_with_ops


_colocating = _Colocating()


def _colocated(graph, op):
    """TF's _maybe_colocate_with: colocate_with(op) under colocate_gradients_with_ops."""
    return graph.colocate_with(op) if _colocating.on else contextlib.nullcontext()


def _accumulator_shape(grads):
    """TF's _AccumulatorShape: the merged static shape of the contributions."""
    out = TensorShape(None)
    for g in grads:
        out = out.merge_with(g.shape)
    return out


def _aggregate_indexed_slices(grads):
    """TF's rule: every contribution becomes IndexedSlices (a dense one with indices
    range(rows)), kept in arrival order; values and indices are concatenated, not
    deduplicated; int32 indices are cast to int64 when the contributions mix them."""
    slices = [g if isinstance(g, IndexedSlices) else dense_to_indexed_slices(g)
              for g in grads if g is not None]
    for s in slices:   # TF's one concat takes a cond's two Switches' gradients too
        if take_concat_slices(s):
            s.values._op._graph._last_id -= 4
    int32 = [s for s in slices if s.indices.dtype.base_dtype is _dt.int32]
    if int32 and len(int32) != len(slices):
        slices = [IndexedSlices(s.values, cast(s.indices, _dt.int64), s.dense_shape)
                  if s.indices.dtype.base_dtype is _dt.int32 else s for s in slices]
    values = concat([s.values for s in slices], 0)
    indices = concat([s.indices for s in slices], 0)
    return IndexedSlices(values, indices, slices[0].dense_shape)


def dense_to_indexed_slices(tensor: Tensor) -> IndexedSlices:
    """A dense Tensor as IndexedSlices(tensor, range(rows), shape(tensor)), as TF aggregates.

    Args:
      tensor: a Tensor of rank >= 1.
    Returns:
      A tf.IndexedSlices.
    """
    x_shape = shape(tensor)
    return IndexedSlices(tensor, _range(0, x_shape[0]), x_shape)


def _hessian_vector_product(ys, xs, v):
    """TF 1.14's gradients_impl._hessian_vector_product: the gradients of the products of
    the first gradients with stop_gradient(v) (Mul, StopGradient; no name scope).

    Args:
      ys: the function(s) to differentiate.
      xs: a list of tensors.
      v: a list of tensors shaped like xs.
    Returns:
      A list of H·v, one per x.
    Raises:
      ValueError: xs and v of different lengths.
    """
    if len(v) != len(xs):
        raise ValueError("xs and v must have the same length.")
    grads = gradients(ys, xs)
    products = [multiply(g, stop_gradient(vi)) for g, vi in zip(grads, v) if g is not None]
    return gradients(products, xs)


def hessian_vector_product(ys, xs, v,
                           name: str = "hessian_vector_product") -> list[Tensor | None]:
    """H·v for the Hessian of sum(ys) w.r.t. xs, with two backward passes.

    Args:
      ys: the function(s) to differentiate.
      xs: list of tensors/variables.
      v: list of tensors shaped like xs.
    Returns:
      A list of H·v, one per x.
    """
    xs = _as_list(xs)
    v = _as_list(v)
    if len(v) != len(xs):
        raise ValueError(f"xs and v must have the same length ({len(xs)} vs {len(v)})")
    with get_default_graph().name_scope(name):
        grads = gradients(ys, xs)
        terms = [reduce_sum(multiply(g, convert_to_tensor(vi, dtype=g.dtype)))
                 for g, vi in zip(grads, v) if g is not None]
        if not terms:
            return [None] * len(xs)
        total = add_n(terms) if len(terms) > 1 else terms[0]
        return gradients(total, xs)

