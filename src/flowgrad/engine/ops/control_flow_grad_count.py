"""How many ops TF 1.14's gradient of a tf.while_loop makes (control_flow_ops.GradLoopState),
so a WhileGrad advances the graph's op counter as TF's gradient frame would (graph-seeded
random ops made later depend on the counter; flowgrad keeps its single WhileGrad op).

TF's frame: the forward iteration counter f_count (Const, Enter, Merge, Switch, Add and its
Const, NextIteration, Exit) and the backward one b_count (Const, Enter, Merge,
GreaterEqual and its Enter, LoopCond, Switch, Sub, NextIteration, Exit); per float loop
variable Enter (b_exit), Merge (b_switch), Switch, NextIteration and Exit; per forward
value the gradient reads a stack (Const max_size, StackV2, Enter, StackPushV2 in the
forward frame; StackPopV2 and Enter in the gradient frame) and one ControlTrigger b_sync
per frame; a forward Const read is cloned, an outside tensor read is entered (once per
gradient frame: an enclosing frame's Enter serves the loops in its body); each
captured tensor's gradient is summed in an accumulator loop (b_acc Const, or Shape and
zeros when its shape is not fully known, then Enter, Merge, Switch, Add, NextIteration,
Exit); an unused float output gets zeros (one Const, or ZerosLike). A Shape, Size or
Rank of a forward value is made in the forward frame and its value stacked.
A loop in a cond's branch (of an enclosing loop's body, or outside every loop): each stack's
handle is switched into every cond holding the loop or an enclosing loop, its pop switched
once on the innermost cond's predicate (popped, or entered when it comes from outside every
loop), that predicate entered into the gradient frame once; the enclosing frame's stack of
the loop's count, and of the values it reads from the enclosing body, likewise.
As TF's between: a loop variable is differentiated only when its value depends on the xs
(reached_vars) and reaches a gradient (live_vars); a capture's gradients are summed, and a
cond capture in the body switched, only when the capture is on a path from the xs.
"""
from __future__ import annotations

from ..framework import branches as _branches
from ..framework import dtypes as _dt
from ..framework.graph_def_lower import LOOPVAR_INITS, TA_GRAD_FORWARD, ta_grad_forward
from ..framework.grad_state import depends_on_xs, loop_reached_outputs

_F_COUNT, _B_COUNT = 8, 10
_PER_VAR = 5
# a gradient array op in the body enters the forward array's handle (and, for a write,
# its flow) into the gradient frame
_ARRAY_ENTERS = {"TensorArrayGradRead": 1, "TensorArrayGradGather": 1,
                 "TensorArrayGradWrite": 2, "TensorArrayGradScatter": 2}
_ARRAY_READS = ("TensorArrayGradRead", "TensorArrayGradGather")
_ARRAY_WHOLE = ("TensorArrayGradGather", "TensorArrayGradScatter")
_SHAPE_OPS = ("Shape", "Size", "Rank")


def _forward(seeds, members):
    """(the body ops that depend on tensors `seeds`, the tensors they and the seeds give),
    along backpropagatable tensors only, as TF's _MarkReachedOps: a bool or integer output
    (a comparison's, an argmax's) carries no path (a loop whose ys depend on the xs only
    through one gives None)."""
    reached = set(seeds)
    done, changed = set(), True
    while changed:
        changed = False
        for o in members:
            if o._type == "While" and (o not in done or changed):
                # (a nested loop: each of its outputs reached on its own, as TF's Exits)
                outs = loop_reached_outputs(o, reached.__contains__)
                if outs is not None:
                    if outs - reached:
                        reached.update(outs)
                        changed = True
                    if outs:
                        done.add(o)
                    continue
            if o not in done and any(t in reached for t in o._inputs):
                done.add(o)
                reached.update(t for t in o._outputs if t._dtype._diff)
                changed = True
    return done, reached


def forward_values(seeds, members):
    """The tensors of body ops `members` on a backpropagatable path from tensors `seeds`
    (the seeds included)."""
    return _forward(seeds, members)[1]


def _not_between(lvars, caps, members, reached_vars, outer):
    """The body ops TF does not differentiate: those that depend on no loop variable TF
    differentiates and no capture that depends on the xs of gradients()."""
    seeds = {lvars[i] for i in reached_vars} | {c for c in caps if on_path(c, outer)}
    return set(members) - _forward(seeds, members)[0]


def between_values(lvars, caps, members, reached, outer, body_xs=()):
    """The body's values on a path from the xs of gradients() (from the loop variables TF
    differentiates, `reached`, the captures that depend on the xs and the xs made in the
    body, `body_xs`), the captures among them."""
    seeds = {lvars[i] for i in reached} | {c for c in caps if on_path(c, outer)} | set(body_xs)
    return _forward(seeds, members)[1]


def on_path(c, walk):
    """Does cond capture c depend on the xs of gradients()? In a loop body's gradient (whose
    own xs are all the loop's variables and captures): is it on a path from the outer
    call's xs."""
    if walk is not None and walk.values is not None and (
            c._op in walk.members or c in walk.captures):
        return c in walk.values
    return depends_on_xs(c)


def reached_vars(lvars, inits, outs, caps, members, diff, outer, body_xs=()):
    """The indices of the float loop variables TF differentiates (their Switches are on a
    path from the xs): those whose initial value depends on the xs of gradients(), and
    those whose body result depends on such a variable, on a capture that does or on an x
    made in the body, `body_xs` (to a fixed point)."""
    reached = {i for i, (v, t) in enumerate(zip(lvars, inits)) if diff(v) and on_path(t, outer)}
    xcaps = {c for c in caps if on_path(c, outer)} | set(body_xs)
    while True:
        given = _forward({lvars[i] for i in reached} | xcaps, members)[1]
        new = {i for i, (v, b) in enumerate(zip(lvars, outs))
               if i not in reached and diff(v) and b in given}
        if not new:
            return reached
        reached |= new


def _array_level(o, members, levels):
    """Where the forward array of gradient array op o was made: 0 in this loop's body, i
    in the i-th enclosing loop's, -1 outside every loop, None when not known."""
    flow = TA_GRAD_FORWARD.get(o)
    for _ in range(10000):   # back along the array's flows to the op that made it
        if flow is None:
            return None
        op = flow._op
        if op.type == "LoopVar":
            if _member(op, members):
                return 0 if op not in LOOPVAR_INITS else _init_level(op, members, levels)
            flow = LOOPVAR_INITS.get(op)
        elif op.type.startswith("TensorArray") and op.type != "TensorArrayV3" and \
                op._inputs and op._inputs[0].dtype.base_dtype is _dt.variant:
            flow = op._inputs[0]
        else:
            break
    else:
        return None
    if _member(op, members):
        return 0
    return next((i for i, lw in enumerate(levels, 1) if _member(op, lw.members)), -1)


def _init_level(var, members, levels):
    """The level of the array a loop variable of this loop carries in: where it was made."""
    init = LOOPVAR_INITS[var]
    op = init._op
    while op.type.startswith("TensorArray") and op.type != "TensorArrayV3" and op._inputs \
            and op._inputs[0].dtype.base_dtype is _dt.variant:
        op = op._inputs[0]._op
    return next((i for i, lw in enumerate(levels, 1) if _member(op, lw.members)), -1)


def _member(op, members):
    """Is op a body op of the loop, or one in a branch of a cond of its body?"""
    return op in members or any(c in members for c in _branches.chain(op))


def not_tf_ops(lvars, caps, diff_caps, members, diff, walk):
    """(the ops flowgrad built for a loop body's gradient that TF's walk does not make, how
    far they moved the op counter): the gradient ops of the body ops TF does not
    differentiate (_not_between: in a cond's branch flowgrad's body gradient also reaches
    the captures off the path, an RNN's input array's read) and the sums of the gradients
    of the captures and loop variables TF does not sum."""
    skip, moved = set(), 0
    for o in _not_between(lvars, caps, members, walk.reached, walk.outer):
        made = walk.made.get(o)
        if made is not None:
            skip.update(made[0])
            moved += made[1]
    # TF sums a capture's gradients only when its Enter is between the ys and the xs, a
    # loop variable's only when its Switch is
    unsummed = [caps[k] for k in diff_caps if not on_path(caps[k], walk.outer)] + \
        [v for i, v in enumerate(lvars) if diff(v) and i not in walk.reached]
    for t in unsummed:
        sums = walk.x_sums.get(t)
        if sums is not None:
            skip.update(sums[0])
            moved += sums[1]
    return skip, moved


def tf_grad_ops(lvars, caps, diff_caps, unconnected, members, grad_ops, moved, gys, diff,
                unused_outs, walk, sliced=None, block_values=(), block_entered=()):
    """TF's op count for one loop gradient; grad_ops: the ops flowgrad built for the body's
    gradient (moving the counter by `moved`; walk.made: which body op's rule made which),
    gys: its gradient loop variables (the Identity ops gradients() puts on them are not
    TF's). Made in control_dependencies blocks, the gated Merge gradients' NoOps and the
    cloned Consts (input-less in the frame) each get an Identity per block control input
    (`block_values`: their first outputs), entered into the frame once
    (`block_entered`: those entered already; Graph._frame_block_note)."""
    gate = walk.gate
    skip, unmoved = not_tf_ops(lvars, caps, diff_caps, members, diff, walk)
    moved -= unmoved
    grad_ops = [o for o in grad_ops if o not in skip]
    gys = set(gys)
    grad_ys = [o for o in grad_ops if o.type == "Identity" and o._inputs[0] in gys]
    stacked, cloned, entered, guarded, array_enters = set(), set(), set(), set(), set()
    levels, w = [], walk.outer   # the enclosing loops' walks, innermost first
    while w is not None:
        levels.append(w)
        w = w.outer
    depth = 1 + len(levels)
    outer_stacked = [set() for _ in levels]
    # the gradient of a loop in the body is counted by its own walk (its reads included)
    # (one in a cond's branch too: its WhileGrad reads the forward loop's inputs, TF's
    # gradient frame does not)
    nested = set()
    for o, made in walk.made.items():
        if o.type == "While" and _member(o, members):
            nested.update(made[0])
    cap_set = set(caps)
    # TF makes a Shape / Size / Rank of a forward value in the forward frame: the gradient
    # pops its value
    # (one of a value in a cond of the body too: TF moves it to the cond's forward context)
    forward = {o for o in grad_ops if o.type in _SHAPE_OPS and o._inputs and
               (_member(o._inputs[0]._op, members) or o._inputs[0] in cap_set)}
    own = set(grad_ops) - forward
    # (this loop in a cond's branch of the enclosing body: how many of its conds hold it)
    guards = sum(1 for c in walk.conds if _member(c, levels[0].members)) if levels else 0
    n = 0
    for o in grad_ops:
        if o in forward:
            continue
        inputs = o._inputs
        if o.type in _ARRAY_READS:   # the forward value only gives the shape
            inputs = inputs[:2]
        if o in nested or o in walk.dead_zeros:   # (a dead branch's zeros: _dead_zeros)
            continue
        if o.type == "Cond":   # a cond gradient's: its branches' ops read the values
            inputs = inputs[:1]
        k = _ARRAY_ENTERS.get(o.type, 0)
        # where the forward array was made: a read's forward op gives its handle
        where = _array_level(o, members, levels) if k else None
        if where is None:   # unknown (a write): gathered / scattered in the body, made
            where = 0 if o.type in _ARRAY_WHOLE else (1 if levels else -1)   # there
        in_cond = walk.cond_ops.get(o)
        fw = ta_grad_forward(o) if where == 0 else None
        if fw is not None:   # made in this body: its handle (and flow) stacked, once per
            # value (and cond branch: TF's stack of the branch's Switch of it)
            for t in fw:
                if t is not None:
                    (stacked if in_cond is None else guarded).add(
                        (t, None) if in_cond is None else (t, in_cond, None))
            walk.pops = True
        elif where == 0:
            n += k * (4 + 2 * depth)
            walk.pops = True
        elif where > 0:   # made in an enclosing body: stacked there, the pop entered
            n += k * (4 + 2 * (depth - where) + where)
            levels[where - 1].pops = True
            if where == 1 and guards:   # (switched into this loop's conds, as below)
                n += k * (guards + levels[0].all_conds + 1)
        else:   # made outside every loop: entered frame by frame, its handle (and flow)
            # once (TF's gradient context enters a value once, for every op reading it)
            fw = ta_grad_forward(o)
            if fw is not None:   # (the handle, and the forward flow a write's reads)
                new = [t for t in fw if t is not None and t not in array_enters]
                k = len(new)
                array_enters.update(new)
            n += k * depth
        for t in inputs:
            if t._op in own or t in gys:
                continue
            # a forward value read in a cond of the body: TF stacks the cond's value, a
            # stack guarded by Switches (a loop invariant is entered as elsewhere)
            # (each branch reads its own Switch of a value; each cond its own pred_id)
            kept = stacked if in_cond is None else guarded
            pred_of = o if o.type == "Cond" else None
            key = (t, pred_of) if in_cond is None else (t, in_cond, pred_of)
            # (a cond's pred_id is made in the body, whatever its predicate: stacked; a
            # predicate from outside every loop that a nested loop's count pop entered:
            # that Enter)
            if pred_of is not None and t in walk.entered_preds:
                continue
            if pred_of is not None or t._op in forward:
                kept.add(key)
            elif _member(t._op, members):
                if t._op.type == "Const":
                    cloned.add(t)
                else:
                    kept.add(key)
            elif t in cap_set or t._op.type != "LoopVar":
                level = next((i for i, lw in enumerate(levels) if _member(t._op, lw.members)),
                             None)
                if level is None:
                    entered.add(t)
                elif t._op.type == "Const":
                    cloned.add(t)
                else:
                    outer_stacked[level].add(t)
    n += _F_COUNT + _B_COUNT
    # gated (gate_gradients): each variable's Merge gradient is a tuple (a NoOp group and an
    # Identity per input)
    # a variable whose value reaches no gradient (its Switch is not between the ys and the
    # xs) gets its gradient Enter (b_exit) only
    n_live = sum(1 for i, v in enumerate(lvars) if diff(v) and i in walk.live)
    n += (_PER_VAR + (3 if gate else 0)) * n_live
    if walk.back_prop:   # (a back_prop=False loop's _ExitGrad makes none)
        n += sum(1 for v in lvars if diff(v)) - n_live
    n += moved - len(grad_ys)
    # a stack's Const, StackV2, push and pop, its handle entered frame by frame on both
    # sides; one ControlTrigger b_sync per gradient frame that pops; a tensor from outside
    # every loop is entered frame by frame (once per frame: an enclosing frame's Enter of
    # it serves the loops in its body too)
    n += (4 + 2 * depth) * len(stacked) + len(cloned)
    for frame in [walk] + levels:
        n += len(entered - frame.outside_entered)
        frame.outside_entered |= entered
    # a loop in a cond's branch: each stack's handle switched into the branch (into each
    # cond holding the loop or an enclosing loop) on the forward side, its pop switched on
    # the innermost cond's predicate, that predicate entered into the gradient frame once
    # (a stack pushed in a cond of the body: switched into the branches on the forward
    # side only, its pop switched on the inner cond's popped predicate)
    held = walk.all_conds
    if (stacked or guarded) and held:
        n += (held + 1) * len(stacked) + held * len(guarded)
        if not walk.pred_entered:
            n += 1
            walk.pred_entered = True
    # a stack pushed in a cond: a Switch on each side, one ControlTrigger f_sync per frame
    # (its push switched into each cond of the body that holds the value's cond, too)
    n += sum(6 + 2 * depth + sum(1 for c in _branches.chain(cond) if _member(c, members))
             for _, (cond, _b), _p in guarded)
    if guarded and not walk.fsync:
        n += 1
        walk.fsync = True
    # (pops order before b_sync only when iterations run in parallel; an inner loop's
    # count always orders before its enclosing frame's)
    n += 1 if (stacked or guarded or walk.pops) and walk.parallel > 1 or walk.inner else 0
    for i, vals in enumerate(outer_stacked, 1):   # kept by an enclosing loop's frame, its
        if vals:                                  # pop entered into this one
            n += (4 + 2 * (depth - i) + i) * len(vals)
            levels[i - 1].pops = True
            if i == 1 and guards:   # (the value's Switch into the cond is stacked, as below)
                n += (guards + levels[0].all_conds + 1) * len(vals)
    if levels:   # the enclosing frame stacks this loop's iteration count
        n += 4 + 2 * (depth - 1)
        levels[0].pops = levels[0].inner = True
        # (the enclosing loop in a cond's branch: the handle switched into it, the pop
        # switched on its predicate entered into the enclosing frame; pushed in a cond of
        # the enclosing body: switched into each of its conds there, the pop switched on
        # the innermost one's popped predicate, the frame's f_sync)
        held = guards + levels[0].all_conds
        if held:
            n += held + 1
        if guards:
            if not levels[0].fsync:
                n += 1
                levels[0].fsync = True
            # (the innermost cond's predicate from outside every loop: entered frame by
            # frame, not stacked; the cond's gradient switches on it too)
            cond = walk.conds[0]
            pred = cond._inputs[0]
            if pred not in levels[0].entered_preds and not any(
                    _member(pred._op, lw.members) for lw in levels):
                levels[0].entered_preds.add(pred)
                n += len(levels)
        elif held and not levels[0].pred_entered:
            n += 1
            levels[0].pred_entered = True
    # (a Shape of a capture for an accumulator's zeros: made in the enclosing frame and
    # stacked; when this loop is in a cond's branch there, of the capture's Switch into it;
    # switched as the count's stack is)
    shape_stack = 0
    if levels:
        held = guards + levels[0].all_conds
        shape_stack = 4 + 2 * (depth - 1) + (held + 1 if held else 0)
    for k in diff_caps:   # TF sums the gradients of the captures that depend on the xs
        if k in unconnected or not on_path(caps[k], walk.outer):
            continue
        if sliced and k in sliced:
            n += _sliced_acc(*sliced[k])
            shapes = (not sliced[k][0]) + (sliced[k][1] is False)
        else:
            n += 7 if caps[k].shape.is_fully_defined() else 9
            shapes = not caps[k].shape.is_fully_defined()
        if shapes and shape_stack:
            n += shapes * shape_stack
            levels[0].pops = True
    n += unused_outs
    lone = len(cloned) + (n_live if gate else 0)
    if lone and block_values:
        n += lone * len(block_values) + sum(1 for v in block_values if v not in block_entered)
    return n


def _sliced_acc(values_known, shape_known):
    """TF's accumulator of an IndexedSlices gradient (AddBackpropIndexedSlicesAccumulator):
    the values' zeros (a Const, or Shape, StridedSlice and its 3 Consts, a concat of 3 and
    Fill and its Const), the indices' Const, the dense shape's (a Const, or Shape and
    ZerosLike), then per part Enter, Merge, Switch, NextIteration and Exit, a concat of the
    indices and of the values (ConcatV2 and its axis each) and a Maximum of the shapes."""
    n = (1 if values_known else 10) + 1 + 4
    parts = 2
    if shape_known is not None:
        n += (1 if shape_known else 2) + 1
        parts = 3
    return n + 5 * parts


def tf_cond_grad_ops(op, caps, moves, given_outs, gate, walk, sliced=None, slices_in=None):
    """TF's op count for the gradient of one tf.cond (its Merges and Switches): a Switch
    (cond_grad) per output gradient (gated: a NoOp and two Identities), each branch's
    gradient ops (moves: per branch, how far its gradients() moved the counter and which
    captures it reached), per captured input reached in a branch a Merge of its gradient
    and the dead branch's zeros (the AddN of a capture's two: grad_state.mark_two_terms);
    sliced: per capture, the shapes known of its merged IndexedSlices (or None), slices_in:
    in how many branches its gradient is IndexedSlices."""
    n = given_outs * (4 if gate else 1)
    n += moves[0][0] + moves[1][0]
    # (in a loop body, the conds of the body that hold this one)
    guards = 0 if walk is None else \
        sum(1 for c in _branches.chain(op) if _member(c, walk.members))
    for i, c in enumerate(caps):
        if on_path(c, walk):   # TF's Switch of c is between the ys and the xs
            n += sum(1 + _dead_zeros(c, walk, guards) for b in (0, 1) if moves[b][1][i])
            if sliced and sliced[i] is not None:
                # IndexedSlices: a Merge per part (indices, values, dense shape), the dead
                # branch's zeros made slices (Shape, StridedSlice and its 3 Consts, Range
                # and its 2 Consts), for each branch whose gradient of c (its own Switch's)
                # is slices
                n += ((2 if sliced[i][1] is not None else 1) + 8) * max(1, slices_in[i])
                if walk is not None:
                    walk.sliced[c] = sliced[i]
    return n


def _dead_zeros(c, walk, guards=0):
    """TF's zeros for the untaken output of a cond's Switch: outside a loop Switch,
    Identity, Shape and zeros (Const, Fill); in a loop a Const switched on the stacked
    predicate, or the Shape stacked when not fully known (its push switched into each of
    the `guards` conds of the body that hold the cond)."""
    if walk is None:
        return 5
    if c.shape.is_fully_defined():
        return 2
    depth, w = 1, walk.outer
    while w is not None:
        depth, w = depth + 1, w.outer
    n = 9 + 2 * depth + guards
    if not walk.fsync:
        n += 1
        walk.fsync = True
    walk.pops = True
    return n


def live_vars(lvars, outs, members, given, diff):
    """The loop variables whose values reach a gradient: those whose exit has one, and
    those whose value the body's result of a live variable reads (to a fixed point) along
    backpropagatable tensors (TF's between ops: a comparison's bool output ends a path)."""
    def reads(t):   # the loop variables body result t depends on
        found, seen, stack = set(), set(), [t._op]
        while stack:
            o = stack.pop()
            if o in seen or o not in members:
                continue
            seen.add(o)
            if o.type == "LoopVar":
                found.add(o)
            stack.extend(i._op for i in o._inputs if i._dtype._diff)
        return found
    index = {v._op: i for i, v in enumerate(lvars)}
    live = {i for i, (v, g) in enumerate(zip(lvars, given)) if g and diff(v)}
    todo = list(live)
    while todo:
        for o in reads(outs[todo.pop()]):
            i = index.get(o)
            if i is not None and i not in live and diff(lvars[i]):
                live.add(i)
                todo.append(i)
    return live
