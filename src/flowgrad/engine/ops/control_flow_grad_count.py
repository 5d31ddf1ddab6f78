"""How many ops TF 1.14's gradient of a tf.while_loop makes (control_flow_ops.GradLoopState),
so a WhileGrad advances the graph's op counter as TF's gradient frame would (graph-seeded
random ops made later depend on the counter; flowgrad keeps its single WhileGrad op).

TF's frame: the forward iteration counter f_count (Const, Enter, Merge, Switch, Add and its
Const, NextIteration, Exit) and the backward one b_count (Const, Enter, Merge,
GreaterEqual and its Enter, LoopCond, Switch, Sub, NextIteration, Exit); per float loop
variable Enter (b_exit), Merge (b_switch), Switch, NextIteration and Exit; per forward
value the gradient reads a stack (Const max_size, StackV2, Enter, StackPushV2 in the
forward frame; StackPopV2 and Enter in the gradient frame) and one ControlTrigger b_sync
per frame; a forward Const read is cloned, an outside tensor read is entered; each
captured tensor's gradient is summed in an accumulator loop (b_acc Const, or Shape and
zeros when its shape is not fully known, then Enter, Merge, Switch, Add, NextIteration,
Exit); an unused float output gets zeros (one Const, or ZerosLike). A Shape, Size or
Rank of a forward value is made in the forward frame and its value stacked.
"""
from __future__ import annotations

from ..framework.grad_state import depends_on_xs

_F_COUNT, _B_COUNT = 8, 10
_PER_VAR, _PER_STACK = 5, 6
# a gradient array op in the body enters the forward array's handle (and, for a write,
# its flow) into the gradient frame
_ARRAY_ENTERS = {"TensorArrayGradRead": 1, "TensorArrayGradGather": 1,
                 "TensorArrayGradWrite": 2, "TensorArrayGradScatter": 2}
_ARRAY_READS = ("TensorArrayGradRead", "TensorArrayGradGather")
_SHAPE_OPS = ("Shape", "Size", "Rank")


def _not_between(lvars, caps, members, diff):
    """The body ops TF does not differentiate: those that depend on no float loop variable
    and no capture that depends on the xs of gradients()."""
    reached = {v for v in lvars if diff(v)} | {c for c in caps if depends_on_xs(c)}
    done, changed = set(), True
    while changed:
        changed = False
        for o in members:
            if o not in done and any(t in reached for t in o._inputs):
                done.add(o)
                reached.update(o._outputs)
                changed = True
    return set(members) - done


def tf_grad_ops(lvars, caps, diff_caps, unconnected, members, grad_ops, moved, gys, diff,
                unused_outs, walk):
    """TF's op count for one loop gradient; grad_ops: the ops flowgrad built for the body's
    gradient (moving the counter by `moved`; walk.made: which body op's rule made which),
    gys: its gradient loop variables (the Identity ops gradients() puts on them are not
    TF's)."""
    gate = walk.gate
    skip = set()
    for o in _not_between(lvars, caps, members, diff):
        made = walk.made.get(o)
        if made is not None:
            skip.update(made[0])
            moved -= made[1]
    grad_ops = [o for o in grad_ops if o not in skip]
    gys = set(gys)
    grad_ys = [o for o in grad_ops if o.type == "Identity" and o._inputs[0] in gys]
    stacked, cloned, entered = set(), set(), set()
    cap_set = set(caps)
    # TF makes a Shape / Size / Rank of a forward value in the forward frame: the gradient
    # pops its value
    forward = {o for o in grad_ops if o.type in _SHAPE_OPS and o._inputs and
               (o._inputs[0]._op in members or o._inputs[0] in cap_set)}
    own = set(grad_ops) - forward
    n = 0
    for o in grad_ops:
        if o in forward:
            continue
        inputs = o._inputs
        if o.type in _ARRAY_READS:   # the forward value only gives the shape
            inputs = inputs[:2]
        n += _ARRAY_ENTERS.get(o.type, 0)
        for t in inputs:
            if t._op in own or t in gys:
                continue
            if t._op in forward:
                stacked.add(t)
            elif t._op in members:
                (cloned if t._op.type == "Const" else stacked).add(t)
            elif t in cap_set or t._op.type != "LoopVar":
                entered.add(t)
    n += _F_COUNT + _B_COUNT
    # gated (gate_gradients): each variable's Merge gradient is a tuple (a NoOp group and an
    # Identity per input)
    n += (_PER_VAR + (3 if gate else 0)) * sum(1 for v in lvars if diff(v))
    n += moved - len(grad_ys)
    n += _PER_STACK * len(stacked) + (1 if stacked else 0) + len(cloned) + len(entered)
    for k in diff_caps:   # TF sums the gradients of the captures that depend on the xs
        if k in unconnected or not depends_on_xs(caps[k]):
            continue
        n += 7 if caps[k].shape.is_fully_defined() else 9
    n += unused_outs
    return n
