"""The nodes of a tf.gradients call through loops in TF 1.14's creation order.

flowgrad builds a loop's gradient as one WhileGrad op (its body's gradient built at once)
and graph_def_lower_grad.py writes it as TF's frame in one block; TF 1.14 makes those
nodes one by one as its gradient walk (gradients_util._GradientsHelper) meets the forward
ops, so a GraphDef's node order (and get_operations()) differs. `tf_order` replays TF's
walk on the written GraphDef, whose nodes already carry TF's names:

- _PendingCount: the forward nodes reached from the xs over float edges, those between
  them and the ys, each loop's GradLoopState (its f_count and b_count nodes; for a loop
  nested in a loop, between them, the stack its parent pushes its count on: Const, f_acc,
  Enters, StackPushV2, StackPopV2, its Enters, the parent's b_sync) made as the walk list
  meets the loop's first Exit, every Exit of such a loop between, the pending counts; the
  ys' grad_ys nodes come first;
- the FIFO queue from the ys: an Exit waits until every exit of its loop is ready
  (deferred_exits; unused ones get their zeros then), a loop Switch is ready at its first
  gradient (and again at its last), every other op when all its consumers are done;
- an op leaving the queue first sums its output gradients (TF's AddN: the AddN whose
  inputs come from the gradients of one forward tensor's readers), then its rule makes
  its nodes `<op>_grad/...` (the second visit of a loop Switch `<op>_grad_1/...`), each
  op followed by the nodes TF's loop state makes lazily for its inputs (a forward value's
  stack: Const, f_acc, Enter, StackPushV2, StackPopV2, its Enter; a b_sync; an outside
  tensor's Enter; in a nested frame each Enter followed by the next frame's); a forward
  constant the writer copies into the frame is the rule's own (first); a capture's
  accumulator in TF's order (b_acc Const, Enter, Merge, Switch, Add, NextIteration, Exit).

The AddNs of the gradients scope are numbered in that order, as TF's unique names; so are
the loops' counters (TF makes a loop's GradLoopState as the walk list meets its first Exit)
and the nodes of a cond Switch's ZerosLikeOutsideLoop (Identity, Shape, zeros). The
result is None (the written order is kept) when the walk does not place every node of the
call (a layout it does not know): no node, input or attr changes.
"""
from __future__ import annotations

import re
from collections import defaultdict, deque

from . import dtypes as _dt
from .registry import op_defs

__all__ = ["b_sync_names", "block_enter_names", "enter_names", "stack_names", "tf_order"]

_COUNTS = re.compile(r"^(f_count|b_count|Merge|Switch|Add|NextIteration|GreaterEqual|Sub)"
                     r"(_\d+)?(/y|/Enter|/Identity(?:_\d+)?(?:/(?:Ref)?Enter(?:_\d+)?)?)?$")
_SUMS = re.compile(r"^(AddN|zeros|zeros_like)(_\d+)?$")
# (tf.zeros of 1000 elements or more: a Fill of its shape and value, made before it)
_FILL_PARTS = re.compile(r"^(zeros(?:_\d+)?)/(shape_as_tensor|Const)$")
# (an AddN of a loop body's gradient: flowgrad names it in the body gradient's scope)
_BODY_SUM = re.compile(r"(^|/)gradients(_\d+)?/AddN(_\d+)?$")
# (TF's zeros of an unused exit of a loop in a loop body, a Const made in the outer
# gradient frame: flowgrad names it in the outer body gradient's scope)
_BODY_ZEROS = re.compile(r"/gradients(_\d+)?/zeros(_\d+)?$")
_GRAD_YS = re.compile(r"^(Shape|grad_ys|Fill|Const)(_\d+)?$")
_GRAD_SCOPE = re.compile(r"_grad(?:_(\d+))?/")
_HELPER = re.compile(r"^(Const|f_acc|Enter|StackPushV2|StackPopV2|b_sync|f_sync|Switch)"
                     r"(?:_(\d+))?(/Enter(?:_\d+)?|/Switch(?:_\d+)?)?$")
# (a nested loop's count stack, made in the call's scope: its Const, f_acc, Enters, ...)
_COUNT_STACK = re.compile(r"^(Const|f_acc|Enter|StackPushV2|StackPopV2|b_sync)(?:_\d+)?"
                          r"(/Enter(?:_\d+)?)?$")
# (a value pushed in a cond's branch: the stack switched in on the forward pred_id, the
# f_sync waiting for the push; popped through a Switch on the popped predicate)
# (a loop in a cond's branch: the handle switched into the cond before its Enter, f_acc's
# Switch; popped through a Switch of its Enter on the entered pred_id)
_HELPER_RANK = ("Const", "f_acc", "f_acc/Switch", "Enter", "StackPushV2", "StackPushV2/Switch",
                "f_sync", "Switch", "Switch/Enter", "StackPopV2", "StackPopV2/Enter", "b_sync")
# (TF's ZerosLike of a cond Switch's dead output in a gradient frame: a Const and its
# Switch on the popped predicate in the call's scope, made before the Switch's rule)
_LOOP_ZEROS = re.compile(r"^(Const|Switch)(_\d+)?$")
_ACC_RANK = ("b_acc", "b_acc_1", "b_acc_2", "Switch", "Add", "NextIteration", "b_acc_3")
# (an accumulator of a shape not fully known: zeros of the value's Shape, then its Enter)
_ACC_SHAPED_RANK = ("Shape", "zeros", "b_acc", "b_acc_1", "Switch", "Add", "NextIteration",
                    "b_acc_2")

# (an IndexedSlices accumulator, AddBackpropIndexedSlicesAccumulator: the initial values,
# the indices', values' and dense shape's Enters, Merges and Switches, the ConcatV2s, the
# Maximum, the NextIterations and the Exits; the values' zeros a Const, or made of the
# capture's Shape; zeros/Const, a helper of zeros, is put right before it)
_SLICED_RANK = ("b_acc", "Const", "Const_1") + tuple(f"b_acc_{i}" for i in range(1, 7)) + (
    "Switch", "Switch_1", "Switch_2", "concat/axis", "concat", "concat_1/axis", "concat_1",
    "Maximum", "NextIteration", "NextIteration_1", "NextIteration_2", "b_acc_7", "b_acc_8",
    "b_acc_9")
_SLICED_SHAPED_RANK = (
    "Shape", "strided_slice/stack", "strided_slice/stack_1", "strided_slice/stack_2",
    "strided_slice", "concat/values_0", "concat/axis", "concat", "zeros",
    "Const", "Const_1") + tuple(f"b_acc{'_%d' % i if i else ''}" for i in range(6)) + (
    "Switch", "Switch_1", "Switch_2", "concat_1/axis", "concat_1", "concat_2/axis",
    "concat_2", "Maximum", "NextIteration", "NextIteration_1", "NextIteration_2", "b_acc_6",
    "b_acc_7", "b_acc_8")

# (a dense shape of a shape not fully known: its zeros_like of the capture's Shape)
_SLICED_RANKS = (_SLICED_RANK, _SLICED_SHAPED_RANK) + tuple(
    acc[:acc.index("Const_1")] + (shape, "zeros_like") + acc[acc.index("Const_1") + 1:]
    for acc, shape in ((_SLICED_RANK, "Shape"), (_SLICED_SHAPED_RANK, "Shape_1")))


def _loop_zeros(grad, prefix, by):
    """{name: the Merge reading it}, in TF's order, of the nodes of `grad` (the call's
    nodes) that are TF's zeros of a cond Switch's dead output in a gradient frame, read by
    one <Switch>_grad/cond_grad Merge: a Switch <prefix>Switch_k of a <prefix>Const_k; of
    a shape not fully known, the Switch and Shape of the forward value, its stack (Const,
    f_acc, Enter, StackPushV2), the pop's Switch, its Enter, the pop and the zeros
    (zeros/Const, zeros: a Fill)."""
    out = {}
    readers = defaultdict(list)
    for n in grad:
        for src, _ in n.srcs:
            readers[src].append(n)
    for n in grad:
        rest = n.name[len(prefix):]
        if n.op != "Fill" or not _SUMS.match(rest) or len(n.srcs) != 2:
            continue
        merge = readers[n.name]
        if sorted(m.op for m in merge) == ["Merge", "Shape"] and all(
                re.search(r"_grad/cond_grad/(Merge|Shape)$", m.name) for m in merge):
            merge = [m for m in merge if m.op == "Merge"]   # (merged with slices, as below)
        elif len(merge) != 1 or merge[0].op != "Merge" or \
                not merge[0].name.endswith("_grad/cond_grad"):
            continue
        chain = _shape_stack(n, prefix, by, readers)
        for c in chain or ():   # (the frame's f_sync: after the first push waited for)
            out.setdefault(c, merge[0].name)
    for n in grad:
        rest = n.name[len(prefix):]
        if n.op != "Switch" or not _LOOP_ZEROS.match(rest) or not n.srcs:
            continue
        src = n.srcs[0][0]
        if not src.startswith(prefix) or by[src].op != "Const" or \
                not _LOOP_ZEROS.match(src[len(prefix):]):
            continue
        readers = [m for m in grad if any(s == n.name for s, _ in m.srcs)]
        if len(readers) == 1 and readers[0].op == "Merge" and \
                readers[0].name.endswith("_grad/cond_grad"):
            out[src] = readers[0].name
            out[n.name] = readers[0].name
        # (merged with slices: the values' Merge and the Shape of the zeros made slices)
        elif sorted(m.op for m in readers) == ["Merge", "Shape"] and all(
                re.search(r"_grad/cond_grad/(Merge|Shape)$", m.name) for m in readers):
            merge = next(m.name for m in readers if m.op == "Merge")
            out[src] = merge
            out[n.name] = merge
    return out


def _shape_stack(zeros, prefix, by, readers):
    """The nodes, in TF's order, of zeros `zeros` (a Fill in the call's scope) of a
    shape popped from a stack the forward frame pushed it on (ControlFlowState.ZerosLike
    of a shape not fully known: _loop_zeros), else None."""
    def mine(name, op):
        return name if name.startswith(prefix) and by[name].op == op else None
    pop = mine(zeros.srcs[0][0], "StackPopV2")
    const = mine(zeros.srcs[1][0], "Const")
    psw = pop and mine(by[pop].srcs[0][0], "Switch")
    penters = []   # (in a nested frame: an Enter per frame, the outermost first)
    src = psw and by[psw].srcs[0][0]
    while src and mine(src, "Enter"):
        penters.insert(0, src)
        src = by[src].srcs[0][0]
    acc = penters and mine(src, "StackV2")
    size = acc and mine(by[acc].srcs[0][0], "Const")
    fenter = acc and next((r.name for r in readers[acc] if r.op == "Enter" and
                           r.name != penters[0]), None)
    fenters = [fenter] if fenter else []
    while fenters:
        nxt = [r.name for r in readers[fenters[-1]] if r.op == "Enter"]
        if len(nxt) != 1:
            break
        fenters.append(nxt[0])
    # (a nested cond's: the handle switched into each enclosing cond before the push)
    pushsw, last = [], fenters[-1] if fenters else None
    while last:
        nxt = [r.name for r in readers[last] if r.op == "Switch"]
        if len(nxt) != 1:
            break
        pushsw.append(nxt[0])
        last = nxt[0]
    push = last and next((r.name for r in readers[last] if r.op == "StackPushV2"), None)
    shape = push and mine(by[push].srcs[1][0], "Shape")
    fsw = shape and mine(by[shape].srcs[0][0], "Switch")
    if not fsw or len(readers[acc]) != 2:
        return None
    # (the frame's f_sync in the call's scope, when no push in a cond's branch made it
    # first: made with the first push in the cond's outer context)
    sync = [n.name for n in by.values() if n.op == "ControlTrigger" and push in n.deps and
            re.fullmatch(r"f_sync(_\d+)?", n.name[len(prefix):])]
    return [fsw, shape, size, acc, *fenters, push, *pushsw, *sync, psw, *penters, pop,
            const, zeros.name]


def _outer_zeros(grad, prefix, by):
    """{name: the Merge reading it} of the nodes of `grad` (the call's) that are TF's
    ZerosLikeOutsideLoop of a cond Switch's dead output (outside loops): a Switch
    <prefix>Switch_k of the forward value on the cond's pred_id, an Identity of its other
    output, a Shape of it, zeros/Const waiting for the Identity, and the zeros (Fill), read
    by one <Switch>_grad/cond_grad Merge (an IndexedSlices': <Switch>_grad/cond_grad/Merge,
    its values'; a resource handle's: a VariableShape waiting for the Identity); in TF's
    order, made before the Merge."""
    out = {}
    for m in grad:
        if m.op != "Merge" or not m.name.endswith(("_grad/cond_grad", "_grad/cond_grad/Merge")):
            continue
        for src, _ in m.srcs:
            z = by.get(src)
            if z is None or z.op != "Fill" or not re.fullmatch(
                    r"zeros(_\d+)?", src[len(prefix):]) or len(z.srcs) != 2:
                continue
            shape, const = by.get(z.srcs[0][0]), by.get(z.srcs[1][0])
            if shape is None or const is None or shape.op not in ("Shape", "VariableShape") or \
                    const.name != src + "/Const" or const.srcs or not shape.srcs:
                continue
            # (its pivot: the Identity it waits for; a block's control inputs beside it)
            idents = [by[d] for d in const.deps if d in by and by[d].op == "Identity" and
                      d.startswith(prefix)]
            ident = idents[0] if len(idents) == 1 else None
            sw = by.get(shape.srcs[0][0])
            if ident is None or sw is None or ident.op != "Identity" or sw.op != "Switch" or \
                    not ident.srcs or ident.srcs[0] != shape.srcs[0] or \
                    not all(n.name.startswith(prefix) and "/" not in n.name[len(prefix):]
                            for n in (shape, ident, sw)):
                continue
            for n in (sw.name, ident.name, shape.name, const.name, src):
                out[n] = m.name
    return out


def _zeros_numbered(out, outer_zeros, prefix, counters):
    """{node: TF's name} numbering the Identities of ZerosLikeOutsideLoop chains
    (`outer_zeros`) in TF's order `out` among themselves, as TF's unique names; their
    Shapes, zeros (with their Consts) and Switches too when the call holds no loop (else they are
    numbered with the loop zeros' Switches, Shapes and zeros: _late_renumbered)."""
    def num(name):
        hit = re.search(r"_(\d+)$", name)
        return int(hit.group(1)) if hit else 0
    renames = {}
    kinds = ["Identity"] + ([] if counters else ["Shape", "zeros", "Switch"])
    for kind in kinds:
        pat = re.compile(re.escape(prefix + kind) + r"(_\d+)?")
        # (a Shape is numbered with the call's other Shapes made in its scope: a gather's
        # params shape, `gradients/Shape_<k>`, made after the cond's zeros in TF's walk)
        names = [n.name for n in out if (n.name in outer_zeros or kind == "Shape" and
                                         outer_zeros) and pat.fullmatch(n.name)]
        for old, new in zip(names, sorted(names, key=num)):
            if old != new:
                renames[old] = new
                if kind == "zeros":
                    renames[old + "/Const"] = new + "/Const"
    return renames


def _body_zeros_numbered(out, prefix, zeros, others):
    """{node: TF's name} for the zeros of the nested loops' unused exits (named in a body
    gradient's scope) and the call's own zeros, when the former exist: TF's unique names
    gradients/zeros, zeros_1, ... in TF's order `out` (left as they are when the call's
    zeros are not numbered 0, 1, ... or some are a ZerosLikeOutsideLoop's)."""
    pat = re.compile(re.escape(prefix) + r"zeros(?:_(\d+))?")
    own = [n.name for n in out if pat.fullmatch(n.name)]
    nested = [n.name for n in out if n.name in zeros and n.op == "Const" and
              not n.name.startswith(prefix + "zeros") and _BODY_ZEROS.search(n.name)]
    if not nested or set(own) & others or sorted(
            int(pat.fullmatch(x).group(1) or 0) for x in own) != list(range(len(own))):
        return {}
    renames = {}
    for k, name in enumerate(n.name for n in out if n.name in own or n.name in nested):
        new = prefix + _sfx("zeros", k)
        if new != name:
            renames[name] = new
            for part in ("/shape_as_tensor", "/Const"):   # (a Fill's)
                if name + part in {n.name for n in out}:
                    renames[name + part] = new + part
    return renames


def _sfx(base, k):
    return base if k == 0 else f"{base}_{k}"


def _counter_names(i):
    """TF's names of the i-th GradLoopState's f_count then b_count nodes, in order."""
    return [_sfx("f_count", 3 * i), _sfx("f_count", 3 * i + 1), _sfx("Merge", 2 * i),
            _sfx("Switch", 2 * i), _sfx("Add", i) + "/y", _sfx("Add", i),
            _sfx("NextIteration", 2 * i), _sfx("f_count", 3 * i + 2),
            _sfx("b_count", 4 * i), _sfx("b_count", 4 * i + 1), _sfx("Merge", 2 * i + 1),
            _sfx("GreaterEqual", i), _sfx("GreaterEqual", i) + "/Enter",
            _sfx("b_count", 4 * i + 2), _sfx("Switch", 2 * i + 1), _sfx("Sub", i),
            _sfx("NextIteration", 2 * i + 1), _sfx("b_count", 4 * i + 3)]


def _split(inp):
    name, _, idx = inp.partition(":")
    return name, int(idx) if idx else 0


def _float_output(node, i):
    """Is output i of `node` one TF backpropagates (float, complex, resource, variant)?"""
    od = op_defs().get(node.op)
    if od is None:
        return True
    types = []
    for _n, enum, type_attr, number_attr, list_attr, _ref in od["out"]:
        if list_attr:
            types += [_dt.as_dtype(t) for t in node.attr[list_attr].list.type]
        else:
            try:
                d = _dt.as_dtype(enum if enum else node.attr[type_attr].type)
            except (TypeError, ValueError):   # (an attr the node lacks)
                return True
            types += [d] * (node.attr[number_attr].i if number_attr else 1)
    if i >= len(types):
        return False
    d = types[i].base_dtype
    return d.is_floating or d.is_complex or d in (_dt.resource, _dt.variant)


class _Node:
    """A NodeDef's name, op and inputs read once (a proto's fields are slow to read)."""
    __slots__ = ("node", "name", "op", "srcs", "deps", "attr")

    def __init__(self, node):
        self.node, self.name, self.op, self.attr = node, node.name, node.op, node.attr
        self.srcs, self.deps = [], []   # (data inputs: (node, output)), every input's node
        for i in node.input:
            if i[0] == "^":
                self.deps.append(i[1:])
            else:
                t = _split(i)
                self.srcs.append(t)
                self.deps.append(t[0])


class _Forward:
    """The forward nodes (not the call's): data inputs, consumers, loops."""

    def __init__(self, nodes, by):
        self.by = by
        names = {n.name for n in nodes}
        self.ins = {n.name: [t for t in n.srcs if t[0] in names] for n in nodes}
        self.cons, self.outs = defaultdict(list), defaultdict(set)
        for n in nodes:
            for t in self.ins[n.name]:
                self.cons[t].append(n.name)
                self.outs[t[0]].add(t[1])
        frame, parent = {}, {}
        for n in nodes:   # each node's frame (the GraphDef is in creation order)
            ins = self.ins[n.name]
            if n.op == "Enter":
                frame[n.name] = n.attr["frame_name"].s.decode()
                parent.setdefault(frame[n.name], frame.get(ins[0][0]) if ins else None)
            elif n.op == "Exit":
                frame[n.name] = parent.get(frame.get(ins[0][0])) if ins else None
            else:
                frame[n.name] = next((frame[s] for s, _ in ins if frame.get(s)), None)
        self.frame = frame
        self.loop_of = {n.name: frame.get(self.ins[n.name][0][0]) for n in nodes
                        if n.op == "Exit" and self.ins[n.name]}
        self.exits = defaultdict(list)
        for e, fr in self.loop_of.items():
            self.exits[fr].append(e)
        self.enters = defaultdict(list)
        for n in nodes:
            if n.op == "Enter" and not n.attr["is_constant"].b:
                self.enters[frame[n.name]].append(n.name)

    def loop_switch(self, name):
        n = self.by[name]
        return n.op == "Switch" and len(self.ins[name]) > 1 and \
            self.by[self.ins[name][1][0]].op == "LoopCond"


def _helper_of(name, members):
    """The op of `members` whose lazily made node `name` is (shortest prefix), or None."""
    cut = name.find("/")
    while cut >= 0:
        if name[:cut] in members and _HELPER.match(name[cut + 1:]):
            return name[:cut]
        cut = name.find("/", cut + 1)
    return None


def _group_order(group, by):
    """The nodes of one rule's call in TF's order (see the module docstring)."""
    members = set(group)
    helper = {n: _helper_of(n, members) for n in group}
    first = _scope_stack(group, by, helper)
    ops = [n for n in group if helper[n] is None and n not in first]
    helpers = defaultdict(list)
    for n in group:
        if helper[n] is not None:
            helpers[helper[n]].append(n)
    # a node written after a group-mate reading it: the copy of a forward constant
    read, late = set(), []
    for p in ops:
        if p in read:
            late.append(p)
        read.update(src for src, _ in by[p].srcs)
    ops = late + [p for p in ops if p not in late]
    # (a rule's Shape and Shape_1 in the order TF made them, one moved into the forward
    # frame's cond branch, written there first, included)
    slots = [i for i, p in enumerate(ops) if _SHAPE_NAME.search(p)]
    for i, p in zip(slots, sorted((ops[i] for i in slots), key=_shape_num)):
        ops[i] = p
    for acc in (_ACC_RANK, _ACC_SHAPED_RANK):
        if sorted(p.rsplit("/", 1)[1] for p in ops) == sorted(acc):
            ops.sort(key=lambda p, acc=acc: acc.index(p.rsplit("/", 1)[1]))
    for acc in _SLICED_RANKS:
        if sorted(p.rsplit("_grad/", 1)[-1] for p in ops) == sorted(acc):
            ops.sort(key=lambda p, acc=acc: acc.index(p.rsplit("_grad/", 1)[-1]))
    where = {n: i for i, n in enumerate(group)}
    # (a value of the rule the stack pushes, made before it: the Shape of a nested frame's
    # accumulator, AddBackpropAccumulator)
    pushed = {by[h].srcs[1][0] for h in first if by[h].op == "StackPushV2" and
              len(by[h].srcs) > 1}
    out = [p for p in ops if p in pushed]
    ops = [p for p in ops if p not in pushed]
    out += sorted(first, key=lambda h: (_HELPER_RANK.index(_kind(first[h])), where[h]))
    for p in ops:
        # an input the rule made before the op under its name (tf.zeros' value: zeros/Const)
        srcs = {src for src, _ in by[p].srcs}
        made = [h for h in helpers.get(p, ()) if h in srcs and where[h] < where[p]]
        out += made + [p]

        # (an outside tensor's Enter the op reads among its pops: TF's AddValue made as the
        # rule reads its inputs in order, between the stacks of the inputs around it)
        ins = [src for src, _ in by[p].srcs]
        slot = {}
        for h in helpers.get(p, ()):
            m = _HELPER.match(h[len(p) + 1:])
            if by[h].op == "StackPopV2" and m.group(1) == "StackPopV2" and h in ins:
                slot[ins.index(h)] = int(m.group(2) or 0)
        outside, readers_of = {}, defaultdict(list)
        for n in group:
            for src, _ in by[n].srcs:
                readers_of[src].append(n)
        if slot and all(by[h].op != "StackPopV2" or h in ins for h in helpers.get(p, ())):
            for h in helpers.get(p, ()):
                if h in ins and (by[h].op == "Enter" and by[h].srcs and by[h].srcs[0][0]
                                 not in members or by[h].op == "Const"):   # (a forward
                    # constant the rule reads: cloned in the gradient frame, GetRealValue)
                    i = ins.index(h)
                    outside[h] = min((k for j, k in slot.items() if j > i), default=1 << 30), i

        def rank(h, p=p):
            if h in outside:
                return outside[h][0], -1, outside[h][1], where[h]
            depth, own = 0, where[h]
            while by[h].op == "Enter" and by[h].srcs[0][0] in members and \
                    by[by[h].srcs[0][0]].op == "Enter":   # (an Enter into a nested frame)
                h, depth = by[h].srcs[0][0], depth + 1
            src = by[h].srcs[0][0] if by[h].op == "Enter" and by[h].srcs else None
            if src in members and by[src].op == "StackPopV2" and \
                    _HELPER.match(src[len(p) + 1:]):   # (a pop entered into a nested
                # frame: TF's AddValue there, right after the pop)
                num = int(_HELPER.match(src[len(p) + 1:]).group(2) or 0)
                return num, _HELPER_RANK.index("StackPopV2/Enter"), depth + 100, own
            m = _HELPER.match(h[len(p) + 1:])
            kind = m.group(1) + ("/Switch" if (m.group(3) or "").startswith("/Switch")
                                 else "/Enter" if m.group(3) else "")
            num = int(m.group(2) or 0)
            if kind == "Const" and by[h].op == "Const":   # (a stack's size: its number)
                acc = [r for r in readers_of.get(h, ()) if by[r].op == "StackV2"]
                hit = acc and re.fullmatch(r"f_acc(?:_(\d+))?", acc[0][len(p) + 1:])
                num = int(hit.group(1) or 0) if hit else num
            if kind == "Enter" and src in members and by[src].op == "StackV2":
                hit = re.fullmatch(r"f_acc(?:_(\d+))?", src[len(p) + 1:])
                num = int(hit.group(1) or 0) if hit else num   # (its stack's number:
                # an Enter of a pop into a nested frame took one before it)
            if kind in ("Switch", "Switch/Enter"):   # (numbered among the op's Switches:
                sw = by[h if kind == "Switch" else h.rsplit("/", 1)[0]]   # its stack's)
                if kind == "Switch" and by[sw.srcs[0][0]].op == "StackV2":
                    kind = "f_acc/Switch"
                acc = _stack_of(sw.name, by)
                if acc is not None:
                    hit = re.fullmatch(r"f_acc(?:_(\d+))?", acc.rsplit("/", 1)[-1])
                    num = int(hit.group(1) or 0) if hit else num
            return num, _HELPER_RANK.index(kind), depth, own
        out += sorted((h for h in helpers.get(p, ()) if h not in made), key=rank)
    return _block_idents_placed(out, by)


_SHAPE_NAME = re.compile(r"_grad/Shape(?:_(\d+))?$")


def _shape_num(name):
    m = _SHAPE_NAME.search(name)
    return (name[:m.start()], int(m.group(1) or 0))


def _stack_of(name, by):
    """The StackV2 node `name` reads through Enters and Switches (its first input), or
    None."""
    for _ in range(16):
        n = by.get(name)
        if n is None or not n.srcs:
            return None
        name = n.srcs[0][0]
        if by.get(name) is not None and by[name].op == "StackV2":
            return name
        if by.get(name) is None or by[name].op not in ("Enter", "Switch"):
            return None
    return None


def _is_block_ident(n, by):
    """Whether node `n` is TF's Identity of a block's control input in a gradient frame
    (WhileContext._AddOpInternal): an Identity reading an Enter of a value from outside."""
    return by[n].op == "Identity" and len(by[n].srcs) == 1 and len(by[n].deps) == 2 and \
        re.fullmatch(r"Identity(_\d+)?", n.rsplit("/", 1)[-1]) is not None and \
        by[n].srcs[0][0] in by and by[by[n].srcs[0][0]].op in ("Enter", "RefEnter") and \
        by[by[n].srcs[0][0]].attr["is_constant"].b


def _block_idents_placed(out, by):
    """`out` with each block Identity (and the Enter named after it) right after the first
    node waiting for it: TF makes it as that op is added to the frame."""
    idents = [n for n in out if _is_block_ident(n, by)]
    if not idents:
        return out
    ids = set(idents)
    enters = {n: by[n].srcs[0][0] for n in idents}
    moved = ids | {e for n, e in enters.items() if e == n + "/" + e.rsplit("/", 1)[1]}
    rest = [n for n in out if n not in moved]
    res = []
    for n in rest:
        res.append(n)
        waits = [d for d in by[n].deps if d in ids and d not in by[n].srcs]
        for d in sorted(waits, key=out.index):
            ids.discard(d)
            res.append(d)
            if enters[d] in moved:
                res.append(enters[d])
    for d in idents:   # (waited for by no node of the group: where they were)
        if d in ids:
            res.append(d)
            if enters[d] in moved:
                res.append(enters[d])
    return res


def _kind(rest):
    m = _HELPER.match(rest)
    return m.group(1) + ("/Switch" if (m.group(3) or "").startswith("/Switch") else
                         "/Enter" if m.group(3) else "")


def _scope_stack(group, by, helper):
    """The nodes of a stack a rule makes in its own scope before its ops (TF's
    GetRealValue of a cond's predicate in _MergeGrad: <Merge>_grad/f_acc, ...)."""
    accs = [n for n in group if by[n].op == "StackV2" and helper[n] is None and
            n.rsplit("/", 1)[1].startswith("f_acc")]
    out = {}   # node -> its name in the scope
    for acc in accs:
        scope = acc.rsplit("/", 1)[0] + "/"
        for n in sorted(group, key=lambda n: helper[n] is not None):   # (a helper's: after)
            rest = n[len(scope):] if n.startswith(scope) else None
            if rest is None or not _HELPER.match(rest) or (
                    helper[n] is not None and helper[n] not in out):
                continue
            if by[n].op in _STACK_OPS or n == by[acc].srcs[0][0] or (
                    by[n].op == "Switch" and _stack_of(n, by) == acc) or (
                    helper[n] in out and by[n].op == "Enter"):   # (a nested cond's
                out[n] = rest   # predicate: pushed and popped through Switches)
    return out


_STACK_OPS = frozenset(("StackV2", "StackPushV2", "StackPopV2", "Enter", "ControlTrigger"))


def _count_stack_order(count, members, by):
    """The nodes of `members` (count stacks made in the call's scope) that push forward
    count `count` (a nested loop's, TF's AddForwardAccumulator then
    AddBackpropAccumulatedValue): Const, f_acc, its Enters frame by frame, StackPushV2,
    StackPopV2, its Enters, then the parent's b_sync if the pop made it."""
    push = next((n for n in members if by[n].op == "StackPushV2" and
                 by[n].srcs[1][0] == count), None)
    if push is None:
        return []
    enters = []
    src = by[push].srcs[0][0]
    while by[src].op == "Enter":
        enters.insert(0, src)
        src = by[src].srcs[0][0]
    acc = src
    pops = [n for n in members if by[n].op == "StackPopV2"]
    out = [by[acc].srcs[0][0], acc] + enters + [push]
    for pop in pops:
        chain, src = [], by[pop].srcs[0][0]
        while by[src].op == "Enter":
            chain.insert(0, src)
            src = by[src].srcs[0][0]
        if src == acc:
            out += [pop] + chain
            out += [n for n in members if by[n].op == "ControlTrigger" and
                    pop in by[n].deps]
    return [n for n in out if n in members]


def _sliced_sums(grad, prefix, by, in_grad):
    """TF's _AggregateIndexedSlicesGradients in the call's scope: ({ConcatV2: the nodes
    made for its dense inputs (_as_indexed_slices: Shape, strided_slice, range)},
    {ConcatV2 or such a node: the sum's nodes it reads there, its axis included}); the
    ConcatV2s of indices and values sum IndexedSlices gradients of one forward tensor."""
    pre, parts = {}, {}
    for n in grad:
        rest = n.name[len(prefix):]
        if n.op != "ConcatV2" or not re.fullmatch(r"concat(_\d+)?", rest):
            continue
        mine, todo = [], [src for src, _ in n.srcs]
        while todo:
            x = todo.pop()
            r = x[len(prefix):]
            if x not in in_grad or "_grad" in r or x in mine or _COUNTS.match(r) or \
                    not re.match(r"(concat(_\d+)?/axis|Shape|strided_slice|range)(_\d+)?"
                                 r"(/|$)", r):
                continue
            mine.append(x)
            todo.extend(src for src, _ in by[x].srcs)
        if not any(m == n.name + "/axis" for m in mine):
            continue
        where = {m.name: i for i, m in enumerate(grad)}
        pre[n.name] = sorted((m for m in mine if not m.endswith("/axis")), key=where.get)
        parts[n.name] = mine
        for m in mine:
            parts[m] = [m]
    return pre, parts


def _summed(sums, by, f, owner_of, groups, between, agg_parts=None):
    """{AddN: the forward op whose output's gradients it sums}: the one output of an op all
    its inputs' rules differentiate (through ops whose rule passes a gradient on with no
    node: Identity, NextIteration, an Add of equal shapes); a ConcatV2 of slices' parts too
    (agg_parts: the nodes it reads that are no rule's: its axis, the dense ones' range)."""
    def passes(op):
        return op in between and (op, 0) not in groups
    out = {}
    agg_parts = agg_parts or {}
    for s in sums:
        if by[s].op != "AddN" and s not in agg_parts:
            continue
        common = None
        for src, _ in by[s].srcs:
            if src in agg_parts:
                continue
            o = owner_of.get(src)
            if o is None:
                common = None
                break
            seen, todo = set(), [o[0]]
            while todo:
                for src, _ in f.ins[todo.pop()]:
                    if src not in seen:
                        seen.add(src)
                        if passes(src):
                            todo.append(src)
            common = seen if common is None else common & seen
        if common:
            common = {c for c in common if _float_output(by[c], 0)}
            common = {c for c in common if not any(
                passes(d) and c in {src for src, _ in f.ins[d]} for d in common)}
        if common and len(common) > 1:
            # (a sum read by a cond Switch's gradient Merge, <Switch>_grad/cond_grad: the
            # gradients of that Switch's output)
            merges = [n.name for n in by.values() if n.op == "Merge" and
                      any(src == s for src, _ in n.srcs)]
            common = {c for c in common if any(m.endswith(f"/{c}_grad/cond_grad")
                                               for m in merges)} or common
        if common and len(common) == 1:
            out[s] = next(iter(common))
    return out


def tf_order(nodes, prefix, xs, ys, later_calls=()):
    """(nodes in TF's order, {node: TF's name} of its AddNs, counters and zeros) for the
    GraphDef nodes `nodes` of a graph whose tf.gradients call made the nodes named
    `prefix`... (xs, ys: the names of
    its xs' and ys' ops; later_calls: the prefixes of the graph's later calls, whose nodes
    come after); None where the walk does not place every node of the call."""
    protos = nodes
    nodes = [_Node(n) for n in protos]
    by = {n.name: n for n in nodes}
    grad = [n for n in nodes if n.name.startswith(prefix)]
    in_grad = {n.name for n in grad}
    first = next((i for i, n in enumerate(nodes) if n.name in in_grad), None)
    if first is None:   # (a call whose nodes were taken out again)
        return None
    last = max(i for i, n in enumerate(nodes) if n.name in in_grad)
    before, fwd, after = [], [], []
    later = set(in_grad)
    for i, n in enumerate(nodes):   # forward nodes; those made after the call (read it, or
        if n.name in in_grad:       # written after its last node: an optimizer's)
            continue
        if i > last or any(d in later for d in n.deps) or n.name.startswith(later_calls):
            later.add(n.name)
            after.append(n)
        elif i > first and n.name.startswith(prefix[:-1]):   # (nmt/gradients_1/...)
            return None   # (a node of an unknown gradients call among this one's)
        else:
            before.append(n)
        if n.name not in later:
            fwd.append(n)
    if not all(x in by and x not in in_grad for x in xs + ys):
        return None
    f = _Forward(fwd, by)
    # the call's nodes: grad_ys, loop counters, sums, and per (forward op, visit) groups
    counters, sums, grad_ys, groups = {}, [], [], defaultdict(list)
    parts = defaultdict(list)
    fwd_names = set(f.ins)
    count_stacks = set()   # (a nested loop's count stack and its parent's b_sync)
    stack_consts = {n.srcs[0][0] for n in grad if n.op == "StackV2" and
                    _COUNT_STACK.match(n.name[len(prefix):])}
    loop_zeros = _loop_zeros(grad, prefix, by)
    outer_zeros = _outer_zeros(grad, prefix, by)
    agg_pre, agg_parts = _sliced_sums(grad, prefix, by, in_grad)
    for n in grad:
        rest = n.name[len(prefix):]
        if n.name in agg_pre:   # (an IndexedSlices sum: its ConcatV2s)
            sums.append(n.name)
            parts[n.name] = [x for x in agg_parts[n.name] if x.endswith("/axis")]
            continue
        if n.name in loop_zeros or n.name in outer_zeros or n.name in agg_parts:
            continue
        if "_grad" not in rest and _COUNTS.match(rest):
            counters[rest] = n.name
        elif _SUMS.match(rest) or (n.op == "AddN" and _BODY_SUM.search(rest)) or (
                n.op == "Const" and "/" in rest and _BODY_ZEROS.search(rest)):
            sums.append(n.name)
        elif _FILL_PARTS.match(rest):
            parts[prefix + _FILL_PARTS.match(rest).group(1)].append(n.name)
        elif _COUNT_STACK.match(rest) and (n.op in _STACK_OPS or n.name in stack_consts):
            count_stacks.add(n.name)
        elif _GRAD_YS.match(rest):
            grad_ys.append(n.name)
        else:
            owner = None
            for m in reversed(list(_GRAD_SCOPE.finditer(rest))):
                if rest[:m.start()] in fwd_names:
                    owner = (rest[:m.start()], int(m.group(1) or 0))
                    break
            if owner is None:
                return None
            groups[owner].append(n.name)
    owner_of = {m: o for o, ms in groups.items() for m in ms}
    readers = defaultdict(list)
    for n in grad:
        for src, _ in n.srcs:
            readers[src].append(n.name)
    # (TF's ControlFlowState.ZerosLike of a body op's unused output of a known shape: a
    # Const in the call's scope, made right before the op's rule; one its rule does not
    # read (LSTMBlockCell's i, cs, f, o, ci, co): written right before the rule's nodes)
    unread, at = {}, {n.name: i for i, n in enumerate(grad)}
    for s in [s for s in grad_ys if by[s].op == "Const"]:
        if readers[s]:
            if all(f.frame.get(owner_of.get(r, ("",))[0]) for r in readers[s]):
                grad_ys.remove(s)
                sums.append(s)
            continue
        nxt = next((n for n in grad[at[s] + 1:] if not (n.op == "Const" and not readers[n.name]
                                                         and n.name in grad_ys)), None)
        if by[s].deps and nxt is not None and f.frame.get(owner_of.get(nxt.name, ("",))[0]):
            grad_ys.remove(s)
            sums.append(s)
            unread[s] = owner_of[nxt.name]
    read_by = {s: next((owner_of[c] for c in readers[s] if c in owner_of), None)
               for s in sums}
    out, placed = [], set()

    def put(name):
        if name not in placed:
            for p in parts.get(name, ()):
                put(p)
            placed.add(name)
            out.append(by[name].node)
    for n in grad_ys:
        put(n)
    # _PendingCount
    reached, q = set(), deque(xs)
    while q:
        op = q.popleft()
        if op not in reached:
            reached.add(op)
            for i in sorted(f.outs[op]):
                if _float_output(by[op], i):
                    q.extend(f.cons[(op, i)])
    reachable_to = {op for op in ys if op in reached}
    between, walk = set(), []
    q = deque(ys)
    while q:
        op = q.popleft()
        if op in reached:
            between.add(op)
            walk.append(op)
            reached.discard(op)
            q.extend(src for src, _ in f.ins[op])
    states, counter_renames = {}, {}
    # each counter set's forward frame (its f_count Switch reads the loop's LoopCond): TF
    # numbers the sets in the order the walk meets the loops, which is renamed to
    set_of, i = {}, 0
    while _sfx("f_count", 3 * i) in counters:
        sw = counters.get(_sfx("Switch", 2 * i))
        if sw is not None and len(by[sw].srcs) > 1:
            set_of.setdefault(f.frame.get(by[sw].srcs[1][0]), i)
        i += 1
    k = 0
    while k < len(walk):   # MaybeCreateControlFlowState
        op = walk[k]
        k += 1
        fr = f.loop_of.get(op)
        if by[op].op == "Exit" and fr not in states:
            names = _counter_names(set_of.get(fr, len(states)))
            if set_of.get(fr, len(states)) != len(states):
                if any(key.startswith(_sfx("Add", set_of[fr]) + "/Identity")
                       for key in counters):
                    return None   # (a block's Identities of its `1`: not renamed here)
                for c, tf_name in zip(names, _counter_names(len(states))):
                    if c in counters:
                        counter_renames[counters[c]] = prefix + tf_name
            for c in names[:8]:   # the forward count
                if c in counters:
                    put(counters[c])
                if c.endswith("/y"):   # (made in blocks: its `1`'s Identities, Enters)
                    for key, name in counters.items():
                        if key.startswith(c[:-1] + "Identity"):
                            put(name)
            if names[7] in counters:   # a nested loop's: pushed by its parent, popped
                for n in _count_stack_order(counters[names[7]], count_stacks, by):
                    put(n)
            for c in names[8:]:   # the backward count
                if c in counters:
                    put(counters[c])
            # (a parent's b_sync no pop made, parallel_iterations 1: the nested loop's
            # final count makes it, waited for by it)
            mine = {counters[c] for c in names[8:] if c in counters}
            for n in sorted(count_stacks):
                if by[n].op == "ControlTrigger" and mine & set(by[n].deps) and not any(
                        d in by and by[d].op == "StackPopV2" for d in by[n].deps):
                    put(n)
            states[fr] = {"pending": len(f.exits[fr]), "deferred": [], "unused": []}
            for e in f.exits[fr]:
                if e not in between:
                    between.add(e)
                    walk.append(e)
    pending = defaultdict(int)
    for op in walk:
        for src, _ in f.ins[op]:
            if src in between:
                pending[src] += 1

    zeros = {s for s in sums if s[len(prefix):].startswith("zeros") or
             (by[s].op == "Const" and _BODY_ZEROS.search(s))}

    def b_exit(e):   # the Exit's gradient Enter, and whether zeros feed it
        g = groups.get((e, 0), [])
        return g, bool(g) and by[g[0]].srcs[0][0] in zeros

    def zeros_for(e):
        for n in b_exit(e)[0]:
            src = by[n].srcs[0][0]
            if src in zeros:
                put(src)
    queue, to_ops = deque(), set()
    for op in ys:
        if pending[op] == 0 and op not in to_ops and op in reachable_to:
            to_ops.add(op)
            queue.append(op)
    flush = []
    for fr, st in states.items():   # ProcessUnusedLoopExits
        for e in f.exits[fr]:
            if pending[e] == 0:
                st["pending"] -= 1
                if e not in to_ops:
                    st["unused"].append(e)
                if st["pending"] == 0:
                    flush += st["unused"]
        for e in f.enters[fr]:
            if pending[e] == 0:
                pending[e] = 1
    for e in flush:
        zeros_for(e)
        queue.append(e)
    summed = _summed(sums, by, f, owner_of, groups, between, agg_parts)
    sums_of, before_group = defaultdict(list), defaultdict(list)
    for s, x in summed.items():
        sums_of[x].append(s)
    for s, o in read_by.items():   # zeros_like of an output no gradient reached, ...
        if s not in summed and o is not None:
            before_group[o].append(s)
        elif s not in summed and by[s].op == "ZerosLike" and not readers[s] and \
                (by[s].srcs[0][0], 0) in groups:   # (one its op's rule does not read:
            before_group[(by[s].srcs[0][0], 0)].append(s)   # SparseSoftmaxCrossEntropy's)
    for s, o in unread.items():
        before_group[o].append(s)
    zeros_before = defaultdict(list)
    for name, merge in loop_zeros.items():
        if merge in owner_of:
            zeros_before[owner_of[merge]].append(name)
    for name, merge in outer_zeros.items():   # (in its order: Switch, ..., zeros)
        if merge in owner_of:
            zeros_before[owner_of[merge]].append(name)
    visits = defaultdict(int)
    while queue:
        op = queue.popleft()
        for s in sums_of[op]:   # (_AggregateIndexedSlicesGradients: the dense gradients
            for x in agg_pre.get(s, ()):   # as slices first, then the concats)
                put(x)
        for s in sums_of[op]:
            put(s)
        for z in zeros_before.get((op, visits[op]), ()):
            put(z)
        group = groups.get((op, visits[op]))
        if group:
            for s in before_group[(op, visits[op])]:
                put(s)
            visits[op] += 1
            for n in _group_order(group, by):
                put(n)
        for src, _ in f.ins[op]:   # _UpdatePendingAndEnqueueReady
            pending[src] -= 1
            ready = pending[src] == 0 or (pending[src] > 0 and f.loop_switch(src))
            if not ready:
                continue
            if by[src].op != "Exit":
                queue.append(src)
                continue
            st = states[f.loop_of[src]]
            st["deferred"].append(src)
            st["pending"] -= 1
            if st["pending"] == 0:
                used = False
                for y in st["deferred"]:
                    if b_exit(y)[0] and not b_exit(y)[1]:
                        used = True
                        queue.append(y)
                    else:
                        st["unused"].append(y)
                for y in st["unused"]:
                    if used:
                        zeros_for(y)
                    queue.append(y)
    if len(placed) != len(grad):
        return None
    # a sum of two gradients reads them in the order TF's rules made them (_SetGrad's);
    # the same bits either way (a sum of more keeps flowgrad's order: its value's)
    pos = {n.name: i for i, n in enumerate(out)}
    for n in out:
        ins = list(n.input)
        if n.op == "AddN" and n.name in read_by and len(ins) == 2 and \
                all(i[0] != "^" and _split(i)[0] in owner_of for i in ins) and \
                pos[_split(ins[1])[0]] < pos[_split(ins[0])[0]]:
            del n.input[:]
            n.input.extend(ins[::-1])
    renames, n_sums = dict(counter_renames), 0
    renames.update(_zeros_numbered(out, outer_zeros, prefix, counters))
    renames.update(_body_zeros_numbered(out, prefix, zeros, set(outer_zeros) | set(loop_zeros)))
    for n in out:
        if n.op == "AddN" and n.name in read_by:
            new = prefix + _sfx("AddN", n_sums)
            n_sums += 1
            if new != n.name:
                renames[n.name] = new
    taken = set(by) - set(renames)
    if any(v in taken for v in renames.values()):
        return None
    return [n.node for n in before] + out + [n.node for n in after], renames


def _enter_firsts(nodes, prefix, by, pos):
    """(position, name, TF's base name) of the gradient frames' Enters of a value from
    outside the call (<reader>/Enter, a constant Enter): TF's GetRealValue makes it when
    its first reader in TF's order is made, in that reader's scope; a Enter read by
    nodes of two frames or by no gradient op keeps its name."""
    readers = defaultdict(list)
    for n in nodes:
        for i in n.input:
            if i[0] != "^":
                readers[_split(i)[0]].append(n.name)
    out = []
    for n in nodes:
        if n.op != "Enter" or not n.name.startswith(prefix) or \
                not n.name.endswith("/Enter") or not n.attr["is_constant"].b or \
                len(n.input) != 1 or n.input[0].startswith(prefix):
            continue
        mine = [r for r in readers[n.name] if r.startswith(prefix) and by[r].op != "Enter"]
        if not mine or any(by[r].op == "Enter" for r in readers[n.name]):
            continue
        first = min(mine, key=pos.get)
        if first + "/Enter" != n.name:
            out.append((pos[first], n.name, first + "/Enter"))
    return out


def b_sync_names(nodes, prefix):
    """{name: TF's name} of the b_sync ControlTriggers of the gradients call `prefix`...
    in `nodes` (in TF's order): TF makes a gradient frame's b_sync at its first pop, in
    that pop's name scope (a nested loop's count pop: the call's scope), names unique in
    that order. A b_sync waiting for anything but pops and a nested frame's Exit keeps
    its name."""
    by = {n.name: n for n in nodes}
    pos = {n.name: i for i, n in enumerate(nodes)}
    firsts = []
    for n in nodes:
        kind = n.name.rsplit("/", 1)[-1][:6]
        if n.op != "ControlTrigger" or not n.name.startswith(prefix) or \
                kind not in ("b_sync", "f_sync"):
            continue
        deps = [i[1:] for i in n.input if i.startswith("^")]
        # (a frame's f_sync: made at its first push in a cond's branch, its scope's)
        stack = "StackPopV2" if kind == "b_sync" else "StackPushV2"
        pops = [d for d in deps if d in by and by[d].op == stack]
        if not pops or any(by[d].op not in (stack, "Exit") for d in deps if d in by):
            continue
        first = min(pops, key=pos.get)
        firsts.append((pos[first], n.name, first.rsplit("/", 1)[0] + "/" + kind))
    firsts += _enter_firsts(nodes, prefix, by, pos)
    taken = set(by) - {name for _, name, _ in firsts}
    out = {}
    for _, name, base in sorted(firsts):
        new, i = base, 0
        while new in taken:
            i += 1
            new = f"{base}_{i}"
        taken.add(new)
        if new != name:
            out[name] = new
    return out


_STACK_PART = re.compile(r"^(Const|f_acc|Enter|StackPushV2|StackPopV2)(?:_\d+)?(/.*)?$")


def stack_names(nodes, prefix):
    """{name: TF's name} of the stacks of the gradients call `prefix`... in `nodes` (in
    TF's order) whose forward value two gradient ops read: TF's loop state makes the stack
    (Const, f_acc, Enter, StackPushV2, StackPopV2, its Enter) at the first reader its walk
    meets, in that reader's name scope; the writer named it after flowgrad's first. Names
    unique in that scope; a stack read by one op keeps its name."""
    by = {n.name: n for n in nodes}
    pos = {n.name: i for i, n in enumerate(nodes)}
    readers = defaultdict(list)
    for n in nodes:
        for i in n.input:
            if not i.startswith("^"):
                readers[i.split(":")[0]].append(n.name)
    moves = []
    for n in nodes:
        if n.op != "StackPopV2" or not n.name.startswith(prefix):
            continue
        scope = n.name.rsplit("/", 1)[0]
        rs = sorted(set(readers[n.name]), key=pos.get)
        if len(rs) < 2 or scope not in rs or rs[0] == scope:
            continue
        enter = by.get(n.input[0].split(":")[0])
        acc = by.get(enter.input[0].split(":")[0]) if enter is not None else None
        while acc is not None and acc.op == "Enter":   # (nested frames: Enter of Enter)
            acc = by.get(acc.input[0].split(":")[0])
        if acc is None or acc.op != "StackV2" or acc.name.rsplit("/", 1)[0] != scope:
            return {}
        group = [acc.name, acc.input[0].split(":")[0], n.name]
        front = [acc.name]
        while front:   # the Enters of the accumulator (and theirs), the push, the pop's Enter
            x = front.pop()
            for r in readers[x]:
                if by[r].op in ("Enter", "StackPushV2") and r not in group:
                    group.append(r)
                    front.append(r)
        if any(not g.startswith(scope + "/") or not _STACK_PART.match(g[len(scope) + 1:])
               for g in group):
            return {}
        moves.append((pos[rs[0]], scope, rs[0], sorted(group, key=pos.get)))
    out = {}
    if not moves:
        return out
    taken = set(by) - {g for m in moves for g in m[3]}
    for _, old, new, group in sorted(moves):
        heads = {}   # old first-level name -> new
        for g in group:
            rest = g[len(old) + 1:]
            head, _, tail = rest.partition("/")
            if head not in heads:
                base = new + "/" + _STACK_PART.match(head).group(1)
                name, i = base, 0
                while name in taken:
                    i += 1
                    name = f"{base}_{i}"
                taken.add(name)
                heads[head] = name
            if tail:   # (the pop's Enter(s): under the pop's new name)
                base = heads[head] + "/" + re.sub(r"_\d+$", "", tail)
                name, i = base, 0
                while name in taken:
                    i += 1
                    name = f"{base}_{i}"
                taken.add(name)
                out[g] = name
            else:
                out[g] = heads[head]
    return {k: v for k, v in out.items() if k != v}


def block_enter_names(nodes, prefix):
    """{name: TF's name} of the Enters of the gradients call `prefix`... in `nodes` (in
    TF's order) that hold a block's control input for a gradient frame's Identities of it:
    TF makes the Enter after the first Identity its walk makes, named after it."""
    by = {n.name: _Node(n) for n in nodes}
    readers = defaultdict(list)
    for n in nodes:
        for i in n.input:
            if not i.startswith("^"):
                readers[i.split(":")[0]].append(n.name)
    out = {}
    for n in nodes:
        if n.op not in ("Enter", "RefEnter") or not n.name.startswith(prefix):
            continue
        rs = readers[n.name]
        head, _, kind = n.name.rpartition("/")
        if not rs or head not in rs or not all(_is_block_ident(r, by) for r in rs):
            continue
        if rs[0] != head:
            out[n.name] = rs[0] + "/" + kind
    return out


_ENTER = re.compile(r"^(.*_grad/[^/]+)/(Enter|Const)(?:_(\d+))?$")


def enter_names(nodes, prefix):
    """{name: TF's name} of the Enters and Consts a gradient op of the call `prefix`... in
    `nodes` (in TF's order) reads, named in its scope: its stacks' Enters and Consts, the
    Enters of the outside tensors it reads (LSTMBlockCellGrad's weights among its pops)
    and its clones of forward constants, numbered as TF's loop state makes them, in the
    order the rule reads its inputs. Only where every such Enter enters a stack or a
    forward tensor, every Const is a stack's size or read by the op, and their numbers
    are 0..n-1."""
    by = {n.name: n for n in nodes}
    readers = defaultdict(set)
    for n in nodes:
        for i in n.input:
            readers[i.lstrip("^").split(":")[0]].add(n.name)
    scopes = defaultdict(list)
    for n in nodes:
        m = _ENTER.match(n.name) if n.name.startswith(prefix) else None
        if m is not None and n.op == m.group(2) and m.group(1) in by:
            scopes[m.group(1), n.op].append((n.name, int(m.group(3) or 0)))

    def fits(e, kind, scope):
        if kind == "Const":
            return bool(readers[e]) and all(r == scope or by[r].op == "StackV2"
                                            for r in readers[e])
        src = by.get(by[e].input[0].split(":")[0]) if by[e].input else None
        return src is not None and (src.op == "StackV2" or not src.name.startswith(prefix))
    out = {}
    for (scope, kind), found in scopes.items():
        if sorted(k for _, k in found) != list(range(len(found))) or not all(
                fits(e, kind, scope) for e, _ in found):
            continue
        for k, (e, _) in enumerate(found):
            new = scope + "/" + kind + ("_%d" % k if k else "")
            if new != e:
                out[e] = new
    return out
