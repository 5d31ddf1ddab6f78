"""TF 1.14's control-flow contexts (CondContext, WhileContext) of a graph, for the
`cond_context` / `while_context` collections and their CondContextDef / WhileContextDef protos.

flowgrad keeps one Cond / While op per tf.cond / tf.while_loop (docs/design.md "Control
flow"); the contexts describe the TF nodes its GraphDef writes for them. They are read off
that GraphDef with the rules TF's control_flow_ops.py builds them by:
- a cond is its Switch(pred, pred), the pivots `switch_t` / `switch_f` (its outputs 1 / 0)
  and `pred_id` (an Identity of pred): two contexts, `<scope>/cond_text` (branch 1) and
  `<scope>/cond_text_1` (branch 0); a while loop is the Enter nodes of one frame;
- an op belongs to the context of its data inputs (with none, of its control inputs; the
  outermost one when they differ: a gradient op reads a branch's tensor from outside), a
  Switch on a cond's pred_id to the branch whose output it gives (a gradient's `cond_grad`
  Switch and Merge to the outside), a cond's Merge to the cond's outer context, an Exit's
  output to the loop's outer context;
- values: the outputs of a context's ops (a cond's also in every context around it),
  pred_id and the pivot, and each tensor read from outside (CondContext.AddValue: its
  Switch output; WhileContext.AddValue: its Enter), through each enclosing context;
  external_values: the tensor read from outside -> what the context reads it through;
- tf.gradients of a loop adds to the forward context (TF's AddForwardLoopCounter /
  AddForwardAccumulator): the counter Const `f_count` (AddName), its loop nodes, the
  stacks' Enters and pushes. Gradient loops are not in the collection.
"""
from __future__ import annotations

import re

from .graph import get_default_graph
from .graph_def_lower import LoopPlan, _loop_info
from .registry import op_defs

_GRAD_COUNT = re.compile(r"(^|/)f_count(_\d+)?$")


def _split(i):
    name, _, port = i.partition(":")
    return name, int(port or 0)


def _full(i):
    return i if ":" in i else i + ":0"


def _tname(name, port=0):
    return f"{name}:{port}"


class _Ctx:
    """A context read off a GraphDef: CondContext (branch set) or WhileContext."""

    def __init__(self, name, outer, kind):
        self.name, self.outer, self.kind = name, outer, kind
        self.values, self.external = set(), {}
        self.nested = []
        if outer is not None:
            outer.nested.append(self)

    def depth(self):
        d, c = 0, self.outer
        while c is not None:
            d, c = d + 1, c.outer
        return d

    def chain(self):
        c = self
        while c is not None:
            yield c
            c = c.outer


class _Analysis:
    def __init__(self, nodes, loops=None):
        self.nodes = list(nodes)
        self.by_name = {n.name: n for n in self.nodes}
        self.loops = loops or {}
        self.ctx = {}          # node name -> its context (None: the graph's)
        self.contexts = []     # every context, in the order TF makes them
        self.conds = {}        # root Switch name -> (pred_id, [t_ctx, f_ctx], scope)
        self.pred_ids = {}     # pred_id node name -> root Switch name
        self.frames = {}       # frame name -> while context
        self.consumers = {}    # node name -> [(consumer, port)]
        for n in self.nodes:
            for i in n.input:
                if not i.startswith("^"):
                    src, port = _split(i)
                    self.consumers.setdefault(src, []).append((n, port))
        self._find_conds()
        self._assign()

    # -- structure --------------------------------------------------------------------
    def _find_conds(self):
        for n in self.nodes:
            if n.op not in ("Switch", "RefSwitch") or len(n.input) < 2 or \
                    n.input[0] != n.input[1]:
                continue
            scope = n.name.rsplit("/", 1)[0] if "/" in n.name else ""
            pre = scope + "/" if scope else ""
            piv = {p: next((c for c, q in self.consumers.get(n.name, ())
                            if c.op == "Identity" and q == p), None) for p in (0, 1)}
            pid = self.by_name.get(pre + "pred_id")
            if piv[0] is None or piv[1] is None or pid is None or \
                    pid.input[:1] != [n.input[0]]:
                continue
            self.conds[n.name] = (pid.name, piv, scope)
            self.pred_ids[pid.name] = n.name

    def _outctx(self, name):
        n = self.by_name.get(name)
        c = self.ctx.get(name)
        if n is not None and n.op in ("Exit", "RefExit") and c is not None:
            return c.outer
        return c

    def _pick(self, ctxs):
        ctxs = list(dict.fromkeys(ctxs))
        if not ctxs:
            return None
        if len(ctxs) == 1:
            return ctxs[0]
        return min(ctxs, key=lambda c: -1 if c is None else c.depth())

    def _order(self):
        """The nodes, inputs first (a NextIteration's edge into a Merge not counted)."""
        idx = {n.name: k for k, n in enumerate(self.nodes)}
        done, out = set(), []
        for n in self.nodes:
            stack = [(n, False)]
            while stack:
                m, ready = stack.pop()
                if m.name in done:
                    continue
                if ready:
                    done.add(m.name)
                    out.append(m)
                    continue
                stack.append((m, True))
                for i in reversed(m.input):
                    src = _split(i.lstrip("^"))[0]
                    s = self.by_name.get(src)
                    if s is None or src in done or (
                            m.op in ("Merge", "RefMerge") and
                            s.op in ("NextIteration", "RefNextIteration")):
                        continue
                    if idx.get(src, -1) >= 0:
                        stack.append((s, False))
        return out

    def _assign(self):
        for n in self._order():
            self.ctx[n.name] = self._context_of(n)

    def _context_of(self, n):
        data = [_split(i) for i in n.input if not i.startswith("^")]
        ctrl = [i[1:] for i in n.input if i.startswith("^")]
        if n.op in ("Enter", "RefEnter"):
            frame = n.attr["frame_name"].s.decode()
            w = self.frames.get(frame)
            src = self.by_name.get(data[0][0]) if data else None
            grad = src is not None and src.op in ("Exit", "RefExit") and \
                bool(_GRAD_COUNT.search(src.name))
            if w is None:
                w = _Ctx(frame, self._outctx(data[0][0]) if data else None, "while")
                w.grad = False
                self.frames[frame] = w
                self.contexts.append(w)
            w.grad = w.grad or grad   # a gradient loop: its counter reads the forward's
            return w
        if n.name in self.conds:
            return self._outctx(n.input[0].split(":")[0])
        for root, (pid, piv, scope) in self.conds.items():
            if n.name in (piv[0].name, piv[1].name):
                return self._branch_ctx(root, 1 if n is piv[1] else 0)
        if n.op in ("Switch", "RefSwitch") and len(data) == 2 and data[1][0] in self.pred_ids:
            root = self.pred_ids[data[1][0]]
            if not self._in_scope(n, data[1][0]):
                # a gradient's: made where tf.gradients builds (the graph's context), or, in a
                # loop, on the forward side (ControlFlowState.ZerosLike: the cond's outer one)
                outer = self.ctx.get(root)
                return outer if outer is not None and any(
                    k.kind == "while" for k in outer.chain()) else None
            ports = {p for _, p in self.consumers.get(n.name, ())}
            if len(ports) == 1:
                return self._branch_ctx(root, ports.pop())
        if n.op in ("Merge", "RefMerge"):
            srcs = [self.by_name.get(s) for s, _ in data]
            if any(s is not None and s.op in ("NextIteration", "RefNextIteration")
                   for s in srcs):
                return self._outctx(data[0][0])
            ctxs = [self._outctx(s) for s, _ in data]
            for root in self.conds:
                br = getattr(self, "_branches", {}).get(root)
                if br and set(ctxs) <= set(br):
                    return br[0].outer
        ctxs = [self._outctx(s) for s, _ in data] if data else \
            [self._outctx(c) for c in ctrl]
        c = self._pick(ctxs)
        while c is not None and c.kind == "cond" and not self._fits(n, c):
            c = c.outer
        return c

    def _in_scope(self, n, pred_id):
        """A Switch TF's cond made (AddValue, _ProcessOutputTensor) is in the cond's name
        scope or the scope of the accumulator push reading it (AddForwardAccumulator); a
        gradient's (cond_grad, the zeros of a branch's Switch) is not."""
        scope = self.conds[self.pred_ids[pred_id]][2]
        if not scope or n.name.startswith(scope + "/"):
            return True
        owner = self.by_name.get(n.name.rsplit("/", 1)[0])
        return owner is not None and owner.op == "StackPushV2"

    def _fits(self, n, c):
        """Whether op `n`, reading a tensor of cond branch `c`, is built in it: TF builds a
        branch's ops in the cond's name scope, its accumulators' pushes too; a gradient op
        reading a branch's tensor from outside (zeros_like of an output) is outside."""
        if n.op == "StackPushV2" or n.name.startswith(c.scope + "/"):
            return True
        # (a loop gradient's Shape / Size / Rank of a forward value moves into the value's
        # context, WhileContext.AddOp, and is accumulated there)
        return n.op in ("Shape", "Size", "Rank") and any(
            c.op == "StackPushV2" for c, _ in self.consumers.get(n.name, ()))

    def _branch_ctx(self, root, branch):
        if not hasattr(self, "_branches"):
            self._branches = {}
        br = self._branches.get(root)
        if br is None:
            pid, piv, scope = self.conds[root]
            outer = self.ctx.get(root)
            pre = scope + "/" if scope else ""
            br = []
            for b, suffix in ((1, ""), (0, "_1")):
                c = _Ctx(pre + "cond_text" + suffix, outer, "cond")
                c.scope = scope
                c.pred, c.pivot, c.branch = _tname(pid), _tname(piv[b].name), b
                c.values.update((c.pred, c.pivot))
                c.external[c.pred] = c.pred
                br.append(c)
                self.contexts.append(c)
            br.reverse()   # [branch 0, branch 1]
            self._branches[root] = br
        return br[branch]

    # -- values -------------------------------------------------------------------------
    def _resolved_by(self, t, ctx):
        """(original tensor, what `ctx` reads it through) for a Switch / Enter made for `ctx`."""
        name, port = _split(t)
        n = self.by_name.get(name)
        if n is None or self.ctx.get(name) is not ctx:
            return None
        if ctx.kind == "cond" and n.op in ("Switch", "RefSwitch") and \
                name not in self.conds and _full(n.input[1]) == ctx.pred:
            return _full(n.input[0])
        if ctx.kind == "while" and n.op in ("Enter", "RefEnter") and \
                n.attr["is_constant"].b:
            return _full(n.input[0])
        return None

    def _original(self, t, ctx):
        """The tensor `t` (read in `ctx`'s outer context) stands for: outer resolutions
        undone."""
        c = ctx.outer
        while c is not None:
            r = self._resolved_by(t, c)
            if r is not None:
                src = self.by_name.get(r.split(":")[0])
                if ctx.kind == "cond" and src is not None and src.op == "StackV2":
                    break   # (a branch's accumulator push reads the Enter itself: TF's
                    # AddForwardAccumulator in a cond in a loop)
                t = r
            c = c.outer
        return t

    def fill(self):
        for n in self.nodes:
            c = self.ctx.get(n.name)
            if c is None:
                continue
            outs = self._outputs(n)
            if c.kind == "cond":
                src = self._resolved_by(_tname(n.name, 0), c) \
                    if n.op in ("Switch", "RefSwitch") else None
                if src is not None and not self._output_switch(n, c):
                    outs = [_tname(n.name, c.branch)]
                for k in c.chain():
                    k.values.update(outs)
                if src is not None:
                    self._add_external(c, src, outs[-1] if len(outs) == 1 else
                                       _tname(n.name, c.branch))
            else:
                c.values.update(outs)
                if n.op in ("Enter", "RefEnter"):
                    if n.attr["is_constant"].b:
                        self._add_external(c, n.input[0], _tname(n.name))
                    elif _GRAD_COUNT.search(n.input[0].split(":")[0]):
                        c.values.add(n.input[0] if ":" in n.input[0] else
                                     _tname(n.input[0]))
                if n.op in ("Exit", "RefExit") and c.outer is not None:
                    c.outer.values.add(_tname(n.name))

    def _output_switch(self, n, c):
        """TF's _ProcessOutputTensor Switch (a branch returning an outside tensor): made in
        the cond's scope, every output the branch's."""
        scope = self.conds[self.pred_ids[n.input[1].split(":")[0]]][2]
        return (n.name.rsplit("/", 1)[0] if "/" in n.name else "") == scope

    def _add_external(self, c, t, via):
        t = t if ":" in t else _tname(t)
        orig = self._original(t, c)
        c.values.add(orig)
        if orig != t and c.kind == "cond":
            c.values.add(t)
            c.external[t] = t
        c.external[orig] = via

    @staticmethod
    def _outputs(n):
        return [_tname(n.name, p) for p in range(_n_outputs(n))]


def _n_outputs(n):
    """The number of outputs of NodeDef `n` (its OpDef's output args and its attrs)."""
    d = op_defs().get(n.op)
    if d is None:
        return 1
    k = 0
    for _, _, _, number_attr, type_list_attr, _ in d["out"]:
        if number_attr:
            k += n.attr[number_attr].i
        elif type_list_attr:
            k += len(n.attr[type_list_attr].list.type)
        else:
            k += 1
    return k


def analyze(graph_def, loops=None):
    """The top-level contexts of `graph_def` (cond ones, while ones), each a _Ctx with its
    nested contexts; `loops`: frame name -> dict(back_prop, swap_memory, max_iter) of the
    graph's While ops."""
    a = _Analysis(graph_def.node, loops)
    a.fill()
    for w in a.frames.values():
        _loop_fields(a, w, (loops or {}).get(w.name, {}))
    top = [c for c in a.contexts if c.outer is None and not getattr(c, "grad", False)]
    conds = sorted((c for c in top if c.kind == "cond"),
                   key=lambda c: (a.contexts.index(c) // 2, -c.branch))
    return conds, [c for c in top if c.kind == "while"]


def _loop_fields(a, w, info):
    enters = [n for n in a.nodes if n.op in ("Enter", "RefEnter") and a.ctx.get(n.name) is w]
    w.loop_enters = [_tname(n.name) for n in enters if not n.attr["is_constant"].b]
    w.parallel_iterations = enters[0].attr["parallel_iterations"].i if enters else 10
    w.loop_exits = [_tname(n.name) for n in a.nodes
                    if n.op in ("Exit", "RefExit") and a.ctx.get(n.name) is w]
    first = w.loop_enters[0].split(":")[0] if w.loop_enters else None
    merge = next((c for c, _ in a.consumers.get(first, ()) if c.op in ("Merge", "RefMerge")),
                 None)
    w.pivot_for_pred = _tname(merge.name) if merge is not None else ""
    sw = next((c for c, _ in a.consumers.get(merge.name, ())
               if c.op in ("Switch", "RefSwitch")), None) if merge is not None else None
    w.pivot = sw.input[1] if sw is not None else ""
    w.pivot = w.pivot if ":" in w.pivot or not w.pivot else _tname(w.pivot)
    body = next((c for c, p in a.consumers.get(sw.name, ())
                 if c.op == "Identity" and p == 1), None) if sw is not None else None
    w.pivot_for_body = _tname(body.name) if body is not None else ""
    w.back_prop = info.get("back_prop", True)
    w.swap_memory = info.get("swap_memory", False)
    w.max_iter = info.get("max_iter")


def to_proto(c, pb, export_scope=None):
    """The CondContextDef / WhileContextDef of `c` (control_flow_pb2 module `pb`)."""
    strip = _stripper(export_scope)
    if c.kind == "cond":
        d = pb.CondContextDef(context_name=strip(c.name), pred_name=strip(c.pred),
                              pivot_name=strip(c.pivot), branch=c.branch)
    else:
        d = pb.WhileContextDef(
            context_name=strip(c.name), parallel_iterations=c.parallel_iterations,
            back_prop=c.back_prop, swap_memory=c.swap_memory,
            pivot_for_pred_name=strip(c.pivot_for_pred),
            pivot_for_body_name=strip(c.pivot_for_body), pivot_name=strip(c.pivot))
        if c.max_iter:
            d.maximum_iterations_name = strip(c.max_iter)
        d.loop_exit_names.extend(strip(x) for x in c.loop_exits)
        d.loop_enter_names.extend(strip(x) for x in c.loop_enters)
    d.values_def.values.extend(strip(v) for v in sorted(c.values))
    for k, v in c.external.items():
        d.values_def.external_values[strip(k)] = strip(v)
    for nested in c.nested:
        if getattr(nested, "grad", False):
            continue
        nd = d.nested_contexts.add()
        (nd.cond_ctxt if nested.kind == "cond" else nd.while_ctxt).CopyFrom(
            to_proto(nested, pb))
    return d


def _stripper(export_scope):
    if not export_scope:
        return lambda s: s
    scope = export_scope.rstrip("/")
    pat = re.compile(r"([\^]|loc:@|^)" + re.escape(scope) + r"[\/]+(.*)")
    return lambda s: pat.sub(r"\1\2", s, count=1)


# ---------------------------------------------------------------------------------------
# The collections' objects
# ---------------------------------------------------------------------------------------
def _graph_contexts(graph):
    """{context name: _Ctx} of `graph`'s GraphDef, read again once the graph changed."""
    from .graph_def import graph_to_graph_def  # lazy: needs the optional protos
    key = len(graph._ops)
    cache = getattr(graph, "_cf_ctx_cache", None)
    if cache is not None and cache[0] == key:
        return cache[1]
    loops = {}   # frame name -> what the GraphDef does not say: the While ops' arguments
    for op in graph._flowgrad_operations():
        info = _loop_info(op) if op._type == "While" else None
        if info is not None and "max_iter" in info:
            loops[LoopPlan._names(op)[1]] = {k: info[k] for k in
                                             ("back_prop", "swap_memory", "max_iter")}
    for w in graph.get_collection(WHILE_CONTEXT):   # (imported: from their protos)
        if isinstance(w, WhileContext) and w._proto is not None:
            loops[w.name] = {"back_prop": w.back_prop, "swap_memory": w.swap_memory,
                             "max_iter": w._max_iter}
    a = _Analysis(graph_to_graph_def(graph).node, loops)
    a.fill()
    for w in a.frames.values():
        _loop_fields(a, w, loops.get(w.name, {}))
    found = {c.name: c for c in a.contexts if not getattr(c, "grad", False)}
    graph._cf_ctx_cache = (key, found)
    return found


COND_CONTEXT, WHILE_CONTEXT = "cond_context", "while_context"


class _Context:
    """A context of the graph's control flow: what TF's ControlFlowContext of the same
    name records, read off the graph's GraphDef when asked (so gradients added since show)."""

    def __init__(self, graph, name, proto=None):
        self._graph, self._name, self._proto = graph, name, proto

    @property
    def name(self):
        return self._name

    @property
    def outer_context(self):
        return None   # (the collections hold the outermost contexts only, as TF)

    def _ctx(self):
        c = _graph_contexts(self._graph).get(self._name)
        if c is None:
            raise ValueError(f"the graph holds no nodes of control-flow context {self._name}")
        return c

    def _tensor(self, name):
        return self._graph.get_tensor_by_name(name) if name else None

    def to_proto(self, export_scope=None):
        """TF's CondContextDef / WhileContextDef of this context; None outside
        `export_scope` (as TF)."""
        if export_scope is not None and not self._name.startswith(export_scope):
            return None
        if self._proto is not None and self._name not in _graph_contexts(self._graph):
            return self._proto   # (read from a meta graph whose nodes it does not describe)
        return to_proto(self._ctx(), _pb(), export_scope)

    def __str__(self):
        return self._name


class CondContext(_Context):
    """TF 1.14's CondContext: one branch (`branch` 1: true, 0: false) of a tf.cond."""

    def __init__(self, graph, name, branch, proto=None):
        super().__init__(graph, name, proto)
        self._branch = branch

    @property
    def branch(self):
        return self._branch

    @property
    def pred(self):
        return self._tensor(self._ctx().pred)

    @property
    def pivot(self):
        return self._tensor(self._ctx().pivot)

    @property
    def back_prop(self):
        return False

    @property
    def grad_state(self):
        return None

    def GetControlPivot(self):
        return self.pivot

    def IsCondContext(self):
        return True

    def IsWhileContext(self):
        return False

    def GetWhileContext(self):
        return None

    @staticmethod
    def from_proto(context_def, import_scope=None):
        """The CondContext a CondContextDef describes, in the default graph."""
        return CondContext(get_default_graph(), _prepend(context_def.context_name, import_scope),
                           context_def.branch, context_def)


class WhileContext(_Context):
    """TF 1.14's WhileContext: the frame of a tf.while_loop."""

    def __init__(self, graph, name, parallel_iterations=10, back_prop=True,
                 swap_memory=False, maximum_iterations=None, proto=None):
        super().__init__(graph, name, proto)
        self._parallel = parallel_iterations
        self.back_prop, self.swap_memory = bool(back_prop), bool(swap_memory)
        self._max_iter = maximum_iterations   # its tensor's name

    @property
    def parallel_iterations(self):
        return self._parallel

    @property
    def maximum_iterations(self):
        return self._tensor(self._max_iter)

    @property
    def pivot(self):
        return self._tensor(self._ctx().pivot)

    @property
    def loop_enters(self):
        return [self._tensor(n) for n in self._ctx().loop_enters]

    @property
    def loop_exits(self):
        return [self._tensor(n) for n in self._ctx().loop_exits]

    @property
    def grad_state(self):
        return None

    def GetControlPivot(self):
        return self._tensor(self._ctx().pivot_for_body)

    def IsCondContext(self):
        return False

    def IsWhileContext(self):
        return True

    def GetWhileContext(self):
        return self

    @staticmethod
    def from_proto(context_def, import_scope=None):
        """The WhileContext a WhileContextDef describes, in the default graph."""
        return WhileContext(
            get_default_graph(), _prepend(context_def.context_name, import_scope),
            context_def.parallel_iterations, context_def.back_prop, context_def.swap_memory,
            _prepend(context_def.maximum_iterations_name, import_scope) or None, context_def)


def _prepend(name, scope):
    return f"{scope}/{name}" if scope and name else name


_PROTOS = []   # what loads the control_flow_pb2 module, given by the layer above


def use_protos(load):
    """`load()`: the module of TF's CondContextDef / WhileContextDef classes (flowgrad.protos'
    control_flow_pb2: flowgrad/train/cf_context_kinds.py)."""
    _PROTOS[:] = [load]


def _pb():
    if not _PROTOS:
        raise ImportError("CondContextDef / WhileContextDef need flowgrad.protos "
                          "(import flowgrad.train)")
    return _PROTOS[0]()
