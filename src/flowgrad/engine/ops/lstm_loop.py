"""A fused runner for tf.while_loop bodies that are one LSTM step (dynamic_rnn over
BasicLSTMCell's math, LSTMCell with or without peepholes, cell_clip, num_proj and
proj_clip, LSTMBlockCell), a
MultiRNNCell of such steps, or GRUCell steps (one, or a MultiRNNCell of them: run by
engine/ops/gru_loop.py), each with or without sequence_length; forward and backward.

The body of such a loop is ~20 ops per iteration and its gradient ~25; run op by op
(even as a compiled plan) a small LSTM spends its time calling kernels, not computing.
When the body's lowered program is exactly this pattern (no other op):

    x     = TensorArrayReadV3(x_ta, t)                  x_ta: a capture, t: a loop var
    z     = BiasAdd(MatMul(ConcatV2(x, h, 1), W), b)    W, b: captures, h: a loop var
    i, j, f, o = Split(1, z, num_split=4)
    c'    = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)
    h'    = tanh(c') * sigmoid(o)
    out'  = TensorArrayWriteV3(out, t, h')              out: a loop var
    t' = t + 1, and any other counter k' = k + 1

(LSTMCell's options: i + w_i * c and (f + forget_bias) + w_f * c before their sigmoids,
o + w_o * c' after c', c' = clip_by_value(c', -cell_clip, cell_clip), h' = m @ W_proj,
clipped by proj_clip: the state h is then num_proj wide;
MultiRNNCell: layer l's concat reads layer l-1's h' instead of x, and the layers run
one after the other over all steps; sequence_length: out' = Select(t >= len, zeros, h')
and each state var Select(t >= len, old, new), dynamic_rnn's copy-through; GRUCell:
h' = u * h + (1 - u) * tanh(BiasAdd(MatMul(concat(x, r * h), Wc), bc)) with r, u the
halves of sigmoid(BiasAdd(MatMul(concat(x, h), Wg), bg))),
the While op runs the iterations with a handful of NumPy calls each, into buffers
allocated once for all of them, and WhileGrad walks them back with the gates kept
from the forward pass (nothing recomputed, no activation copied). Every call is one the
plain loop's kernels make, on the same operands and in the same order (the step's
ConcatV2 and MatMul through threads.matmul, the Sigmoid kernel's formula, SigmoidGrad's
dy (y (1 - y)), TanhGrad's dy (1 - y^2), both MatMuls of the gradient, the captures'
gradients summed over the iterations last to first as WhileGrad sums them), so the
values are the plain loop's bit for bit (tests/test_lstm_loop.py).

Keras's LSTM / GRU loops are matched by engine/ops/keras_loop.py (registered here).
Anything else (other activations, dropout, a MultiRNNCell mixing LSTMs and GRUs,
other dtypes, a loop that runs no iteration, a TensorArray read the plain loop would
reject) runs the ordinary sub-plans: `match` returns None, or the runner returns None at
run time before it has changed anything and the caller runs the plain loop.
"""
from __future__ import annotations

import contextlib
import itertools

import numpy as np

from ..framework import gemm as _gemm
from ..framework import threads as _threads
from ..runtime.backends.numpy import bind_kernel
from ..runtime.ir import lower
from . import eigen_math as _eigen_math
from . import elementwise as _elementwise
from . import linalg as _linalg
from .tensor_array import _GRAD_META, TensorArrayValue, _put


_NO_LANE = contextlib.nullcontext()
_LANE_MIN = 1 << 20   # multiply-adds of one step's kernel gradient below which no side lane
_DX_CHUNK = 8         # steps whose input gradients are one product (with a side lane)
# gates below this many elements take the Sigmoid's numerator by np.where (fewer calls),
# larger ones by arithmetic (no branch per element); both give the same bits
SIGMOID_WHERE_MAX = 4096


def _const_value(node, ctx):
    try:
        return np.asarray(bind_kernel(node, ctx)())
    except Exception:  # noqa: BLE001 - a const we cannot evaluate: no match
        return None


# other fused loop kinds (engine/ops/keras_loop.py): matchers tried after this module's,
# and each kind's (forward, backward) run-time functions
_MATCHERS = []
_KINDS = {}


def register(matcher, kinds):
    """Adds a matcher (graph, info, ctx) -> roles or None (or none: roles this module's
    matcher gives), and the run-time functions
    forward(runner, args, clear) / backward(runner, args, kept, diff_caps) of the kinds
    its roles name."""
    if matcher is not None:
        _MATCHERS.append(matcher)
    _KINDS.update(kinds)


def match(graph, info, ctx):
    """The roles of a loop's vars and captures if its body is one LSTM step, else None."""
    try:
        roles = _match(graph, info, ctx)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        roles = None
    for other in _MATCHERS:
        if roles is not None:
            break
        roles = other(graph, info, ctx)
    return roles


def _match(graph, info, ctx):
    lvars, caps = info["vars"], info["captures"]
    n = len(lvars)
    feeds = list(lvars) + list(caps)
    prog = lower(graph, list(info["body"]), [], feeds)
    if len(prog.fetches) != n:
        return None
    feed_pos = {}
    for k, v in enumerate(prog.feeds):
        feed_pos.setdefault(v, k)
    prod = {}
    for nd in prog.nodes:
        for k, v in enumerate(nd.outputs):
            prod[v] = (nd, k)
    used = set()

    def res(v):   # through Identity nodes
        while v in prod and prod[v][0].type == "Identity":
            used.add(id(prod[v][0]))
            v = prod[v][0].inputs[0]
        return v

    def node(v, typ):
        v = res(v)
        nd = prod.get(v)
        if nd is None or nd[0].type != typ:
            raise ValueError(typ)
        used.add(id(nd[0]))
        return nd[0], nd[1]

    def const(v):
        nd, _ = node(v, "Const")
        val = _const_value(nd, ctx)
        if val is None:
            raise ValueError("const")
        return val

    def feed(v):
        v = res(v)
        if v not in feed_pos:
            raise ValueError("feed")
        return feed_pos[v]

    def unary(v, typ):
        nd, _ = node(v, typ)
        if nd.attrs and set(nd.attrs) - {"T"}:
            raise ValueError(typ)
        return nd.inputs[0]

    def pair(v, typ):
        nd, _ = node(v, typ)
        return nd.inputs[0], nd.inputs[1]

    def either(a, b, fn_a, fn_b):
        """fn_a(a) and fn_b(b), or fn_a(b) and fn_b(a) (commutative ops)."""
        try:
            return fn_a(a), fn_b(b)
        except ValueError:
            return fn_a(b), fn_b(a)

    writes = [nd for nd in prog.nodes if nd.type == "TensorArrayWriteV3"]
    if len(writes) != 1:
        return None
    wr = writes[0]
    used.add(id(wr))
    k_out = feed(wr.inputs[0])
    k_t = feed(wr.inputs[1])
    if k_out >= n or k_t >= n or res(prog.fetches[k_out]) != wr.outputs[0]:
        return None
    # with sequence_length (dynamic_rnn's _rnn_step): out = Select(t >= len, zeros, h'),
    # and the state vars Select(t >= len, c, c') and Select(t >= len, h, h')
    written = wr.inputs[2]
    seq = None
    if prod.get(res(written), (None,))[0] is not None and \
            prod[res(written)][0].type == "Select":
        sel, _ = node(written, "Select")
        ge, _ = node(sel.inputs[0], "GreaterEqual")
        if feed(ge.inputs[0]) != k_t:
            return None
        seq = {"cond": res(sel.inputs[0]), "len": feed(ge.inputs[1]),
               "zero": feed(sel.inputs[1])}
        written = sel.inputs[2]
    def peep(v, c_v):
        """(the gate's pre-activation, the peephole weight's feed) of v = g + w * c
        (LSTMCell's use_peepholes), else (v, None)."""
        nd = prod.get(res(v))
        if nd is None or nd[0].type != "Add":
            return v, None
        p, q = nd[0].inputs
        for g_v, mul in ((p, q), (q, p)):
            mn = prod.get(res(mul))
            if mn is None or mn[0].type != "Mul":
                continue
            a, b = mn[0].inputs
            for w_v, cv in ((a, b), (b, a)):
                if res(cv) == res(c_v) and res(w_v) in feed_pos and feed_pos[res(w_v)] >= n:
                    used.add(id(nd[0]))
                    used.add(id(mn[0]))
                    return g_v, feed_pos[res(w_v)]
        return v, None

    def clip(v):
        """(t, (lo, hi)) of v = Maximum(Minimum(t, hi), lo) (clip_by_value with constant
        scalar bounds), else (v, None)."""
        nd = prod.get(res(v))
        if nd is None or nd[0].type != "Maximum":
            return v, None
        mn = prod.get(res(nd[0].inputs[0]))
        if mn is None or mn[0].type != "Minimum":
            return v, None
        lo, hi = const(nd[0].inputs[1]), const(mn[0].inputs[1])
        if np.ndim(lo) or np.ndim(hi):
            raise ValueError("clip bounds")
        used.add(id(nd[0]))
        used.add(id(mn[0]))
        return mn[0].inputs[0], (lo, hi)

    def keep_term(v):   # c * sigmoid(f + fb [+ w_f * c])
        x, y = pair(v, "Mul")
        k_c, fadd = either(x, y, feed, lambda u: unary(u, "Sigmoid"))
        root = prod.get(res(fadd))
        fadd, k_wf = peep(fadd, x if feed_pos.get(res(x)) == k_c else y)
        p, q = pair(fadd, "Add")
        f_v, fb = either(p, q, lambda u: u, const)
        if np.ndim(fb) != 0:
            raise ValueError("forget bias")
        return k_c, f_v, fb, k_wf, root[0].name if k_wf is not None else None

    def new_term(v):    # sigmoid(i [+ w_i * c]) * tanh(j)
        x, y = pair(v, "Mul")
        return either(x, y, lambda u: unary(u, "Sigmoid"), lambda u: unary(u, "Tanh"))

    def lstm_step(h_new):
        """One LSTM step ending in h_new: its roles, and the value its concat reads first
        (the step's input). LSTMCell's options: peepholes (w_i/f/o_diag), cell_clip,
        num_proj (h' = m @ W_proj) and proj_clip."""
        v, pclip = clip(h_new)
        k_wp = None
        mmp = prod.get(res(v))
        if mmp is not None and mmp[0].type == "MatMul":   # the projection
            mp = mmp[0]
            if mp.attrs.get("transpose_a") or mp.attrs.get("transpose_b"):
                raise ValueError("transpose")
            k_wp = feed(mp.inputs[1])
            used.add(id(mp))
            v = mp.inputs[0]
        elif pclip is not None:
            raise ValueError("proj_clip without a projection")
        a, b = pair(v, "Mul")   # m = tanh(c') * sigmoid(o [+ w_o * c'])
        c_new, o_pre = either(a, b, lambda u: unary(u, "Tanh"), lambda u: unary(u, "Sigmoid"))
        o_v, k_wo = peep(o_pre, c_new)
        c_raw, cclip = clip(c_new)
        m1, m2 = pair(c_raw, "Add")
        (k_c, f_v, fb, k_wf, f_root), (i_pre, j_v) = either(m1, m2, keep_term, new_term)
        i_v, k_wi = peep(i_pre, prog.feeds[k_c])
        if (k_wi is None) != (k_wf is None) or (k_wi is None) != (k_wo is None):
            raise ValueError("peepholes")
        sp, _ = node(i_v, "Split")
        if sp.attrs.get("num_split") != 4 or [res(v) for v in (i_v, j_v, f_v, o_v)] != \
                list(sp.outputs):
            raise ValueError("split")
        if int(const(sp.inputs[0])) not in (1, -1):
            raise ValueError("split axis")
        ba, _ = node(sp.inputs[1], "BiasAdd")
        if ba.attrs.get("data_format", "NHWC") not in ("NHWC", b"NHWC"):
            raise ValueError("data_format")
        k_b = feed(ba.inputs[1])
        mm, _ = node(ba.inputs[0], "MatMul")
        if mm.attrs.get("transpose_a") or mm.attrs.get("transpose_b"):
            raise ValueError("transpose")
        k_w = feed(mm.inputs[1])
        cc, _ = node(mm.inputs[0], "ConcatV2")
        if len(cc.inputs) != 3 or int(const(cc.inputs[2])) not in (1, -1):
            raise ValueError("concat")
        k_h = feed(cc.inputs[1])
        extra = [k for k in (k_wi, k_wf, k_wo, k_wp) if k is not None]
        if not (k_w >= n and k_b >= n and k_c < n and k_h < n and min(extra + [n]) >= n):
            raise ValueError("roles")
        return {"c": k_c, "h": k_h, "w": k_w, "b": k_b, "fb": fb, "c_new": res(c_new),
                "h_new": res(h_new), "wi": k_wi, "wf": k_wf, "wo": k_wo, "wp": k_wp,
                "cclip": cclip, "pclip": pclip, "f_root": f_root}, cc.inputs[0]

    def gru_step(h_new):
        """GRUCell's step, as built: h' = u * h + (1 - u) * tanh(BiasAdd(MatMul(
        concat(x, r * h), Wc), bc)), r, u = split(sigmoid(BiasAdd(MatMul(concat(x, h),
        Wg), bg)), 2)."""
        keep, new = pair(h_new, "Add")
        u_v, hk = pair(keep, "Mul")
        k_h = feed(hk)
        sub, cand = pair(new, "Mul")
        one_v, u_v2 = pair(sub, "Sub")
        if res(u_v2) != res(u_v) or const(one_v).ndim or float(const(one_v)) != 1.0:
            raise ValueError("1 - u")
        cb, _ = node(unary(cand, "Tanh"), "BiasAdd")
        mc, _ = node(cb.inputs[0], "MatMul")
        cc2, _ = node(mc.inputs[0], "ConcatV2")
        r_v, hr = pair(cc2.inputs[1], "Mul")
        if feed(hr) != k_h:
            raise ValueError("r * h")
        sp, _ = node(r_v, "Split")
        if sp.attrs.get("num_split") != 2 or [res(r_v), res(u_v)] != list(sp.outputs) or \
                int(const(sp.inputs[0])) not in (1, -1):
            raise ValueError("split")
        gb, _ = node(unary(sp.inputs[1], "Sigmoid"), "BiasAdd")
        mg, _ = node(gb.inputs[0], "MatMul")
        cc1, _ = node(mg.inputs[0], "ConcatV2")
        if feed(cc1.inputs[1]) != k_h or res(cc1.inputs[0]) != res(cc2.inputs[0]):
            raise ValueError("inputs")
        for nd in (cb, gb):
            if nd.attrs.get("data_format", "NHWC") not in ("NHWC", b"NHWC"):
                raise ValueError("data_format")
        for nd in (mc, mg):
            if nd.attrs.get("transpose_a") or nd.attrs.get("transpose_b"):
                raise ValueError("transpose")
        for nd in (cc1, cc2):
            if len(nd.inputs) != 3 or int(const(nd.inputs[2])) not in (1, -1):
                raise ValueError("concat")
        layer = {"h": k_h, "wg": feed(mg.inputs[1]), "bg": feed(gb.inputs[1]),
                 "wc": feed(mc.inputs[1]), "bc": feed(cb.inputs[1]), "h_new": res(h_new)}
        if not (k_h < n and min(layer["wg"], layer["bg"], layer["wc"], layer["bc"]) >= n):
            raise ValueError("roles")
        return layer, cc1.inputs[0]

    # MultiRNNCell: layer l's input is layer l-1's h'; the first reads the input array
    layers = []
    v = written
    kind = "lstm"
    before = set(used)
    try:
        while True:
            layer, v = lstm_step(v)
            layers.insert(0, layer)
            nd = prod.get(res(v))
            if nd is not None and nd[0].type == "TensorArrayReadV3":
                break
            if len(layers) > 64:
                return None
    except ValueError:
        used.clear()
        used.update(before)
        kind = "gru"   # a GRUCell, or a MultiRNNCell of them (engine/ops/gru_loop.py)
        layers = []
        v = written
        while True:
            layer, v = gru_step(v)
            layers.insert(0, layer)
            nd = prod.get(res(v))
            if nd is not None and nd[0].type == "TensorArrayReadV3":
                break
            if len(layers) > 64:
                return None
    rd, _ = node(v, "TensorArrayReadV3")
    k_x = feed(rd.inputs[0])
    if feed(rd.inputs[1]) != k_t or k_x < n:
        return None
    if kind == "gru":
        state = [layer["h"] for layer in layers]
        weights = [layer[k] for layer in layers for k in ("wg", "bg", "wc", "bc")]
        pairs = [[(layer["h"], layer["h_new"])] for layer in layers]
    else:
        state = [k for layer in layers for k in (layer["c"], layer["h"])]
        weights = [k for layer in layers for k in (layer["w"], layer["b"], layer["wi"],
                                                   layer["wf"], layer["wo"], layer["wp"])
                   if k is not None]
        pairs = [[(layer["c"], layer["c_new"]), (layer["h"], layer["h_new"])]
                 for layer in layers]
    if len(set(state)) != len(state) or len(set(weights)) != len(weights):
        return None
    for pl in pairs:
        for k, new in pl:
            if seq is None:
                if res(prog.fetches[k]) != new:
                    return None
                continue
            sel, _ = node(prog.fetches[k], "Select")
            if res(sel.inputs[0]) != seq["cond"] or feed(sel.inputs[1]) != k or \
                    res(sel.inputs[2]) != new:
                return None
    if seq is not None and not (seq["len"] >= n and seq["zero"] >= n):
        return None
    # every other loop var is a counter: v' = v + 1 (the time var t among them)
    counters = {}
    for k in range(n):
        if k == k_out or k in state:
            continue
        p, q = pair(prog.fetches[k], "Add")
        kk, one = either(p, q, feed, const)
        if kk != k or np.ndim(one) != 0 or one != 1:
            return None
        addn = prod[res(prog.fetches[k])][0]
        counters[k] = (addn.op_def.kernel, one)
    if k_t not in counters:
        return None
    # no op of the body is left out of the pattern
    for nd in prog.nodes:
        if id(nd) not in used and nd.type != "Const":
            return None
        if nd.stateful and nd.type not in ("TensorArrayReadV3", "TensorArrayWriteV3"):
            return None
    # the condition reads only counters and captures
    cprog = lower(graph, [info["cond"]], [], feeds)
    if any(nd.stateful for nd in cprog.nodes):   # the runner may evaluate it ahead
        return None
    read = {v for nd in cprog.nodes for v in nd.inputs} | set(cprog.fetches)
    for k, v in enumerate(cprog.feeds):
        if k < n and k not in counters and v in read:
            return None
    for layer in layers:
        layer.pop("c_new", None)
        layer.pop("h_new", None)
    return {"n": n, "t": k_t, "out": k_out, "x": k_x, "layers": layers, "kind": kind,
            "counters": counters, "bounds": _bounds(cprog, n, ctx), "seq": seq}


def _bounds(cprog, n, ctx):
    """A condition that is a conjunction of `counter < bound` (bound: a capture or a
    constant) as [(counter position, ("cap", position) or ("const", value))]; else None
    (the condition is then run at every iteration)."""
    prod = {v: nd for nd in cprog.nodes for v in nd.outputs}
    pos = {v: k for k, v in enumerate(cprog.feeds)}
    out = []

    def walk(v):
        nd = prod.get(v)
        if nd is None:
            raise ValueError("feed")
        if nd.type == "Identity":
            return walk(nd.inputs[0])
        if nd.type == "LogicalAnd":
            walk(nd.inputs[0])
            walk(nd.inputs[1])
            return
        if nd.type != "Less":
            raise ValueError(nd.type)
        a, b = nd.inputs
        if pos.get(a, n) >= n:
            raise ValueError("counter")
        if b in pos and pos[b] >= n:
            out.append((pos[a], ("cap", pos[b] - n)))
        elif b in prod and prod[b].type == "Const":
            val = _const_value(prod[b], ctx)
            if val is None or val.ndim:
                raise ValueError("bound")
            out.append((pos[a], ("const", int(val))))
        else:
            raise ValueError("bound")
    try:
        if len(cprog.fetches) != 1:
            return None
        walk(cprog.fetches[0])
    except ValueError:
        return None
    return out


def by_name(run):
    """Whether the plain gradient body sums its AddN inputs sorted by their names
    (Grappler's arithmetic optimizer, on by default: optimize/addn_order.py), else in
    tf.gradients' order."""
    options = run.grad[3] if run.grad is not None else {}
    return options.get("arithmetic", True) and options.get("addn_order", True)


def _c_prev_grad(keep, d_i, d_f, copy, sort):
    """The gradient into c (the previous step's cell state) with peepholes: AddN of its
    consumers' gradients, the Select's copy-through, the forget term (mul_1), w_f * c
    (mul), w_i * c (mul_2) in the order the gradient pass collects them, or `sort`ed by
    name (copy, mul_1, mul_2, mul)."""
    terms = ([copy] if copy is not None else []) + ([keep, d_i, d_f] if sort else
                                                    [keep, d_f, d_i])
    out = np.add(terms[0], terms[1])
    for t in terms[2:]:
        np.add(out, t, out=out)
    return out


class Runner:
    """Runs a matched loop: `forward(args)` for While, `backward(args, kept)` for
    WhileGrad. Each returns None (before changing any state) where the plain loop
    must run instead."""

    def __init__(self, roles, cond_plan, run_sub, rewritten=frozenset()):
        """`rewritten`: the names of the Add roots that Grappler's AddOpsRewrite regrouped
        in the plain loop's body (optimize/add_ops_rewrite.py): a layer whose peephole
        `(f + forget_bias) + w_f * c` is one of them adds `forget_bias + (f + w_f * c)`,
        as the plain loop does."""
        self.r = roles
        self.cond_plan = cond_plan
        self.run_sub = run_sub
        self.late_fb = [lr.get("f_root") in rewritten for lr in roles.get("layers", ())]
        self.grad = None   # WhileGrad's (graph, gradient tensors, feeds, options), set by its bind

    @staticmethod
    def _write_out(ota, ts, o_all, bsz, hid, xs, m, replay):
        """The output TensorArray's elements and size, written as the plain loop writes
        them (None where a write would fail: the plain loop raises it, naming its op);
        the input array's reads are marked done (clear_after_read)."""
        elems = dict(ota.elems)
        size = ota.size
        om = ota.meta
        if not elems and not om.grad and ts[0] >= 0 and (om.dynamic or ts[-1] < size) and \
                (not om.identical or om.shape in (None, (bsz, hid))):
            # an empty array written at increasing indices: every write is valid
            if om.identical:
                om.shape = (bsz, hid)
            elems = dict(zip(ts, o_all))
            size = max(size, ts[-1] + 1)
        else:
            try:
                for s, t in enumerate(ts):
                    size = _put(ota, elems, t, o_all[s], size)
            except Exception:  # noqa: BLE001 - the plain loop raises it, naming its op
                return None
        if not replay:
            for t, x in zip(ts, xs):
                m.cleared.add((id(x), t))
        return elems, size

    def _inputs(self, xta, ts, bsz, dx, dt, clear):
        """The input array's elements at the steps `ts` (None where the plain loop's read
        would fail), and whether reads replay (no clearing)."""
        m = xta.meta
        replay = not clear or not m.clear
        xs = []
        for t in ts:
            x = xta.elems.get(t)
            if x is None or t < 0 or t >= xta.size or not isinstance(x, np.ndarray) or \
                    x.shape != (bsz, dx) or x.dtype != dt:
                return None
            if not replay and (id(x), t) in m.cleared:
                return None
            xs.append(x)
        return xs, replay

    def _steps(self, vals, caps):
        """The time counter's value at each iteration (the condition run on the counters),
        and the loop vars with the counters' final values."""
        r = self.r
        counters = r["counters"]
        vals = list(vals)
        if r["bounds"] is not None:   # counter < bound: the count is known up front
            steps = None
            for k, (kind, ref) in r["bounds"]:
                v, bound = vals[k], caps[ref] if kind == "cap" else ref
                if np.ndim(v) or np.ndim(bound) or np.asarray(v).dtype.kind not in "iu" or \
                        np.asarray(bound).dtype.kind not in "iu":
                    steps = None
                    break
                left = max(0, int(bound) - int(v))
                steps = left if steps is None else min(steps, left)
            if steps is not None:
                t0 = int(vals[r["t"]])
                seq = list(range(t0, t0 + steps))
                if steps:
                    for k, (add, one) in counters.items():
                        vals[k] = add(vals[k], np.asarray(steps, np.asarray(one).dtype))
                return seq, vals
        seq = []
        while True:
            (go,) = self.run_sub(self.cond_plan, tuple(vals) + caps)
            if not go:
                break
            seq.append(int(vals[r["t"]]))
            for k, (add, one) in counters.items():
                vals[k] = add(vals[k], one)
        return seq, vals

    def forward(self, args, clear=True):
        if self.r["kind"] in _KINDS:
            return _KINDS[self.r["kind"]][0](self, args, clear)
        r = self.r
        n = r["n"]
        vals, caps = list(args[:n]), tuple(args[n:])
        xta, ota = caps[r["x"] - n], vals[r["out"]]
        if not (isinstance(xta, TensorArrayValue) and isinstance(ota, TensorArrayValue)):
            return None
        # each layer's weights and state; layer l reads layer l-1's h' (MultiRNNCell)
        ls = []
        dt = bsz = None
        din = None
        for lr in r["layers"]:
            w, b, c, h = caps[lr["w"] - n], caps[lr["b"] - n], vals[lr["c"]], vals[lr["h"]]
            opt = {k: (caps[lr[k] - n] if lr[k] is not None else None)
                   for k in ("wi", "wf", "wo", "wp")}
            arrs = [w, b, c, h] + [a for a in opt.values() if a is not None]
            if not all(isinstance(a, np.ndarray) for a in arrs):
                return None
            dt = w.dtype if dt is None else dt
            if dt not in (np.float32, np.float64) or any(a.dtype != dt for a in arrs):
                return None
            if w.ndim != 2 or b.ndim != 1 or c.ndim != 2 or h.ndim != 2 or \
                    h.shape[0] != c.shape[0]:
                return None
            bsz = c.shape[0] if bsz is None else bsz
            hid = c.shape[1]
            hp = h.shape[1]   # num_proj (or num_units)
            dx = w.shape[0] - hp
            if c.shape[0] != bsz or dx < 0 or w.shape[1] != 4 * hid or \
                    b.shape[0] != 4 * hid or (din is not None and dx != din):
                return None
            if (opt["wp"] is None and hp != hid) or \
                    (opt["wp"] is not None and opt["wp"].shape != (hid, hp)):
                return None
            if opt["wp"] is not None and hp == 1:
                # (a projection to one value: its MatMuls have one output column, Eigen's
                # gemv in the plain loop's kernels)
                return None
            if any(opt[k] is not None and opt[k].shape != (hid,) for k in ("wi", "wf", "wo")):
                return None
            clips = [None if lr[k] is None else (lr[k][0].astype(dt), lr[k][1].astype(dt))
                     for k in ("cclip", "pclip")]
            ls.append((w, b, c, h, hid, dx, lr["fb"].astype(dt), hp, opt, clips))
            din = hp
        hid_top = ls[-1][7]
        seq = r["seq"]
        if seq is not None:
            lens, zero = caps[seq["len"] - n], caps[seq["zero"] - n]
            if not (isinstance(lens, np.ndarray) and lens.shape == (bsz,) and
                    lens.dtype.kind in "iu" and isinstance(zero, np.ndarray) and
                    zero.shape == (bsz, hid_top) and zero.dtype == dt):
                return None
        ts, final = self._steps(vals, caps)
        steps = len(ts)
        if not steps:
            return None
        m = xta.meta
        got = self._inputs(xta, ts, bsz, ls[0][5], dt, clear)
        if got is None:
            return None
        xs, replay = got
        # every kernel call is the plain loop's (ConcatV2, MatMul's kernel (loop_product),
        # BiasAdd, the Add of forget_bias, the peepholes' Mul and Add, the Sigmoid kernel's
        # formula, Tanh, Mul, Add, clip_by_value's Minimum and Maximum, the projection's
        # MatMul, the Selects) on the same operands, so the values are the plain loop's bit
        # for bit; what is saved is the per-op dispatch, TensorArray bookkeeping and buffers
        matmul = _linalg.loop_product
        one = dt.type(1)
        absolute, negative, exp, add, divide, less, tanh, multiply, where = (
            np.abs, np.negative, np.exp, np.add, np.divide, np.less, _eigen_math.tanh_out,
            np.multiply, np.where)
        greater_equal = np.greater_equal
        f32 = dt == np.float32
        eig = dt in (np.float32, np.float64)   # the Sigmoid kernel is Eigen's logistic

        def sigmoid(z, g, tmp, d, neg):
            # as the Sigmoid kernel (float64, float16): 1/(1+e) where z >= 0, else
            # e/(1+e), e = exp(-|z|);
            # the numerator e*(z < 0) + (z >= 0) is exactly e or 1 (e <= 1 is finite; the
            # bools cast to 0 and 1): no branch per element (np.where on the gates' random
            # signs mispredicts: 106 of 147 us per 32 x 1024 float32 step)
            absolute(z, out=tmp)
            exp(negative(tmp, out=tmp), out=tmp)
            add(tmp, one, out=d)
            if z.size < SIGMOID_WHERE_MAX:   # small: fewer calls win (3.2 vs 3.9 us at 1 x 128)
                divide(where(less(z, 0, out=neg), tmp, one), d, out=g)
                return
            multiply(tmp, less(z, 0, out=neg), out=g)
            add(g, greater_equal(z, 0, out=neg), out=g)
            divide(g, d, out=g)

        m_all = None
        if seq is not None:
            m_all = np.empty((steps, bsz), bool)
            for s in range(steps):
                np.greater_equal(ts[s], lens, out=m_all[s])
        st = []
        for w, b, c, h, hid, dx, fb, hp, opt, clips in ls:
            peep = opt["wi"] is not None
            L = {"g": np.empty((steps, bsz, 4 * hid), dt),
                 "cc": np.empty((steps, bsz, dx + hp), dt),
                 "c": np.empty((steps + 1, bsz, hid), dt),
                 "tc": np.empty((steps, bsz, hid), dt),
                 "h": np.empty((steps + 1, bsz, hp), dt),
                 "hn": np.empty((steps, bsz, hp), dt) if seq is not None else None,
                 # c' before the Select (the o peephole's operand)
                 "cn": np.empty((steps, bsz, hid), dt) if seq is not None and peep else None,
                 "m": np.empty((steps, bsz, hid), dt) if opt["wp"] is not None else None,
                 # clip_by_value's masks: Minimum's x <= hi, Maximum's min(x, hi) >= lo
                 "cmask": np.empty((2, steps, bsz, hid), bool) if clips[0] else None,
                 "pmask": np.empty((2, steps, bsz, hp), bool) if clips[1] else None}
            L["c"][0] = c
            L["h"][0] = h
            L["c_hp"] = hp
            st.append(L)
        for li, (w, b, c, h, hid, dx, fb, hp, opt, clips) in enumerate(ls):
            L = st[li]
            g_all, cc_all, c_all, tc_all, h_all = L["g"], L["cc"], L["c"], L["tc"], L["h"]
            below = st[li - 1] if li else None
            tmp = np.empty((bsz, 4 * hid), dt)
            d = np.empty_like(tmp)
            neg = np.empty(tmp.shape, bool)
            prod = np.empty((bsz, hid), dt)
            cr = np.empty((bsz, hid), dt)
            h1, h2, h3 = hid, 2 * hid, 3 * hid
            # Eigen's packets of 8 (float64: 4) cover each gate's tensor when bsz * hid is a
            # multiple: then one call over the four gates gives each gate's bits (~15 us a
            # call at batch 1)
            whole = (bsz * hid) % (8 if f32 else 4) == 0
            gi, gj = g_all[:, :, :h1], g_all[:, :, h1:h2]
            gf, go = g_all[:, :, h2:h3], g_all[:, :, h3:]
            brow = b.reshape(1, -1)
            hn_all = L["hn"]
            wi, wf, wo, wp = opt["wi"], opt["wf"], opt["wo"], opt["wp"]
            late_fb = wi is not None and self.late_fb[li]
            cclip, pclip = clips
            plain = wi is None and wp is None and cclip is None
            xz = None
            # (not where MatMul is TF's contraction, float32 with rows and columns: its
            # products add the x and h terms in one run; nor float64, Eigen's own kernel)
            if below is None and steps > 1 and dx and not (f32 and bsz > 1) and \
                    dt != np.float64 and \
                    _gemm.split_exact(dt, bsz, steps * bsz, dx, hp, 4 * hid):
                # BLAS cuts this product's inner dimension between x's and h's columns, so
                # the x part of every step is one product before the loop and each step
                # adds h W_h to its rows with a beta-1 GEMM: the same bits (gemm.py)
                for s in range(steps):
                    cc_all[s, :, :dx] = xs[s]
                xz = matmul(cc_all[:, :, :dx].reshape(steps * bsz, dx), w[:dx])
                xz = xz.reshape(steps, bsz, 4 * hid)
                wh = w[dx:]
            for s in range(steps):
                cc = cc_all[s]
                if xz is not None:
                    cc[:, dx:] = h_all[s]
                    z = _gemm.add_product(xz[s], cc[:, dx:], wh)
                else:
                    if below is None:
                        cc[:, :dx] = xs[s]
                    else:   # the layer below's h' at this step (before any Select)
                        cc[:, :dx] = below["hn"][s] if seq is not None else below["h"][s + 1]
                    cc[:, dx:] = h_all[s]
                    z = matmul(cc, w)
                z += brow
                zf = z[:, h2:h3]
                if late_fb:   # Grappler's AddOpsRewrite: fb + (f + w_f * c), i + w_i * c
                    zf += multiply(wf, c_all[s], out=prod)
                    zf += fb
                    z[:, :h1] += multiply(wi, c_all[s], out=prod)
                else:
                    zf += fb
                    if wi is not None:   # (f + fb) + w_f * c, i + w_i * c
                        zf += multiply(wf, c_all[s], out=prod)
                        z[:, :h1] += multiply(wi, c_all[s], out=prod)
                g = g_all[s]
                if eig and whole:   # no gate has a tail: the logistic is elementwise
                    g[...] = _eigen_math.sigmoid(z)   # (j's is overwritten by its tanh)
                elif eig:   # TF's Eigen logistic on each gate's own tensor (its own tail)
                    for a, b in ((0, h1), (h2, h3), (h3, 4 * hid)):
                        g[:, a:b] = _eigen_math.sigmoid(z[:, a:b])
                else:
                    sigmoid(z, g, tmp, d, neg)
                tanh(z[:, h1:h2], out=gj[s])
                if seq is None and plain:
                    cn = c_all[s + 1]
                    multiply(c_all[s], gf[s], out=cn)
                    cn += multiply(gi[s], gj[s], out=prod)
                    multiply(tanh(cn, out=tc_all[s]), go[s], out=h_all[s + 1])
                    continue
                cn = c_all[s + 1] if seq is None else \
                    (L["cn"][s] if L["cn"] is not None else cr)
                multiply(c_all[s], gf[s], out=cn)
                cn += multiply(gi[s], gj[s], out=prod)
                if cclip is not None:
                    lo, hi = cclip
                    np.less_equal(cn, hi, out=L["cmask"][0, s])
                    np.minimum(cn, hi, out=cn)
                    np.greater_equal(cn, lo, out=L["cmask"][1, s])
                    np.maximum(cn, lo, out=cn)
                if wo is not None:   # sigmoid(o + w_o * c')
                    zo = z[:, h3:]
                    zo += multiply(wo, cn, out=prod)
                    if eig:
                        go[s] = _eigen_math.sigmoid(zo)
                    else:
                        sigmoid(zo, go[s], tmp[:, h3:], d[:, h3:], neg[:, h3:])
                mo = L["m"][s] if wp is not None else \
                    (h_all[s + 1] if seq is None else hn_all[s])
                multiply(tanh(cn, out=tc_all[s]), go[s], out=mo)
                if wp is not None:
                    hv = h_all[s + 1] if seq is None else hn_all[s]
                    hv[...] = matmul(mo, wp)
                    if pclip is not None:
                        lo, hi = pclip
                        np.less_equal(hv, hi, out=L["pmask"][0, s])
                        np.minimum(hv, hi, out=hv)
                        np.greater_equal(hv, lo, out=L["pmask"][1, s])
                        np.maximum(hv, lo, out=hv)
                if seq is None:
                    continue
                # past a sequence's end the state is copied through
                m2 = m_all[s][:, None]
                np.copyto(c_all[s + 1], where(m2, c_all[s], cn))
                np.copyto(h_all[s + 1], where(m2, h_all[s], hn_all[s]))
        top = st[-1]
        if seq is None:
            o_all = top["h"][1:]
        else:   # the output: zero_output's rows past each sequence's end
            o_all = where(m_all[:, :, None], zero[None], top["hn"])
        got = self._write_out(ota, ts, o_all, bsz, hid_top, xs, m, replay)
        if got is None:
            return None
        elems, size = got
        final[r["out"]] = TensorArrayValue(elems, size, ota.meta)
        for lr, L in zip(r["layers"], st):
            final[lr["c"]] = L["c"][steps].copy()
            final[lr["h"]] = L["h"][steps].copy()
            del L["h"], L["hn"]
        kept = (ts, st, m_all)
        return tuple(final), kept

    def backward(self, args, kept, diff_caps):
        """WhileGrad's outputs: the gradients of the loop vars, then of the captures
        in `diff_caps`."""
        if self.r["kind"] in _KINDS:
            return _KINDS[self.r["kind"]][1](self, args, kept, diff_caps)
        r = self.r
        n = r["n"]
        caps = args[n:-n]
        gys = args[-n:]
        ts, st, m_all = kept
        gta = gys[r["out"]]
        if not isinstance(gta, TensorArrayValue):
            return None
        layers = r["layers"]
        steps, bsz = st[0]["tc"].shape[:2]
        dt = st[0]["tc"].dtype
        dcs, dhs = [], []
        for lr, L in zip(layers, st):
            hid, hp = L["tc"].shape[2], L["c_hp"]
            dc, dh = gys[lr["c"]], gys[lr["h"]]
            if not all(isinstance(a, np.ndarray) and a.dtype == dt and a.shape == (bsz, w)
                       for a, w in ((dc, hid), (dh, hp))):
                return None
            dcs.append(dc.copy())
            dhs.append(np.array(dh, copy=True))
        # the gradient body's kernels in its order (AddN, Mul, TanhGrad's dy (1 - y^2),
        # SigmoidGrad's dy (y (1 - y)), Split's ConcatV2, BiasAddGrad, both MatMuls, the
        # concat's Slices, the Selects' and clips' routing, the peepholes' Sum over the
        # batch), and the captures' gradients summed over the iterations last to first as
        # WhileGrad sums them: bit for bit the plain loop's
        one = dt.type(1)
        zero = dt.type(0)
        matmul = _linalg.loop_product
        multiply, where, add = np.multiply, np.where, np.add
        sort = by_name(self)
        want = set(diff_caps)
        want_x = r["x"] - n in want
        prep = []
        for lr, L in zip(layers, st):
            g_all, tc_all = L["g"], L["tc"]
            hid = tc_all.shape[2]
            h1, h2, h3 = hid, 2 * hid, 3 * hid
            deriv = one - g_all
            multiply(g_all, deriv, out=deriv)
            tj = g_all[:, :, h1:h2]
            multiply(tj, tj, out=deriv[:, :, h1:h2])
            np.subtract(one, deriv[:, :, h1:h2], out=deriv[:, :, h1:h2])
            dtc_all = tc_all * tc_all
            np.subtract(one, dtc_all, out=dtc_all)
            w = caps[lr["w"] - n]
            dz = np.empty((bsz, 4 * hid), dt)
            P = {"deriv": deriv, "dtc_all": dtc_all, "wt": w.T, "dz": dz,
                 "dtc": np.empty((bsz, hid), dt), "hid": hid,
                 "dx": w.shape[0] - L["c_hp"], "want_w": lr["w"] - n in want,
                 "want_b": lr["b"] - n in want, "dw": None, "db": None,
                 # each gate's SigmoidGrad: its last size % 8 values in the scalar order
                 "tail": _elementwise.sigmoid_tail((bsz, hid), dt)}
            for k in ("wi", "wf", "wo", "wp"):
                P[k] = None if lr[k] is None else caps[lr[k] - n]
                P["want_" + k] = lr[k] is not None and lr[k] - n in want
                P["d" + k] = None
            if P["wp"] is not None:
                P["wpt"] = P["wp"].T
            prep.append(P)

        def acc(P, key, value):   # the iterations' gradients, last to first
            if P[key] is None:
                P[key] = value if value.flags.owndata else value.copy()
            else:
                add(P[key], value, out=P[key])

        def weight_grads(P, cc, dz):   # BiasAddGrad's sum, then MatMul(cc^T, dz)
            if P["want_b"]:
                acc(P, "db", np.add.reduce(dz, axis=0, dtype=dt))
            if P["want_w"]:   # the running sum + cc^T dz in one GEMM (gemm.py: same bits)
                if P["dw"] is None:
                    P["dw"] = matmul(cc.T, dz)
                else:
                    _linalg.loop_accumulate(P["dw"], cc.T, dz)

        def peep_grad(P, key, dgate, operand):   # Sum over the batch of d * operand
            if P["want_" + key]:
                acc(P, "d" + key, np.add.reduce(multiply(dgate, operand), axis=0, dtype=dt))

        dxs = {}
        gel = gta.elems
        top = len(layers) - 1
        seq = r["seq"]
        want_zero = seq is not None and seq["zero"] - n in want
        dzero = None
        # the kernel and bias sums on a side lane when there is a second core and their
        # GEMMs outweigh the hand-offs (each step's a few microseconds, and the GIL)
        big = max(P["wt"].size for P in prep) * bsz >= _LANE_MIN
        lane = _threads.SideLane.open() if steps > 1 and big else None
        pending, chunks = [], []
        P0 = prep[0]
        P0["wht"] = P0["wt"][:, P0["dx"]:]

        def input_grads(claim, P, chunk):   # steps chunk[0] > ... > chunk[-1], dz in deriv
            if claim():   # the other thread took it
                return
            lo, hi = chunk[-1], chunk[0] + 1
            dzk = P["deriv"][lo:hi]
            rows = matmul(dzk.reshape(-1, dzk.shape[-1]), P["wt"][:, :P["dx"]],
                          (bsz, P["wt"].shape[1]))   # dz W^T's blocking
            for s in chunk:
                dxs[ts[s]] = rows[(s - lo) * bsz:(s - lo + 1) * bsz]
        with lane or _NO_LANE:
            for s in range(steps - 1, -1, -1):
                m2 = m_all[s][:, None] if m_all is not None else None
                d_in = gel.get(ts[s])   # the gradient into the top layer's output
                if d_in is not None and m2 is not None:
                    if want_zero:   # the Select's gradient into zero_output: where(t >= len, g, 0)
                        gz = where(m2, d_in, zero)
                        dzero = gz if dzero is None else add(dzero, gz, out=dzero)
                    d_in = where(m2, zero, d_in)
                for li in range(top, -1, -1):
                    L, P = st[li], prep[li]
                    g_all, c_all, tc_all = L["g"], L["c"], L["tc"]
                    hid, dz, dtc = P["hid"], P["dz"], P["dtc"]
                    h1, h2, h3 = hid, 2 * hid, 3 * hid
                    gi, gj, gf, go = (g_all[s, :, :h1], g_all[s, :, h1:h2], g_all[s, :, h2:h3],
                                      g_all[s, :, h3:])
                    dh, dc = dhs[li], dcs[li]
                    if m2 is not None:
                        dh_copy, dc_copy = where(m2, dh, zero), where(m2, dc, zero)
                        dh = where(m2, zero, dh)
                        dc = where(m2, zero, dc)
                    if d_in is not None:
                        dh = add(d_in, dh)
                    dm = dh
                    if P["wp"] is not None:   # h' = clip(m @ W_proj)
                        if L["pmask"] is not None:
                            dm = where(L["pmask"][1, s], dm, zero)
                            dm = where(L["pmask"][0, s], dm, zero)
                        if P["want_wp"]:
                            acc(P, "dwp", matmul(L["m"][s].T, dm))
                        dm = matmul(dm, P["wpt"])
                    multiply(dm, go, out=dtc)
                    dtc *= P["dtc_all"][s]
                    multiply(dm, tc_all[s], out=dz[:, h3:])
                    tail = P["tail"]
                    dyo = dyi = dyf = None
                    if tail is not None:
                        dyo = dz[:, h3:][tail]
                    if P["wo"] is not None:   # o + w_o * c': its gradient into c' and w_o
                        dz[:, h3:] *= P["deriv"][s, :, h3:]
                        _elementwise.sigmoid_grad_fix(dz[:, h3:], go, dyo, tail)
                        c_new = c_all[s + 1] if L["cn"] is None else L["cn"][s]
                        peep_grad(P, "wo", dz[:, h3:], c_new)
                        # AddN(carried or Select's, Tanh's, the peephole Mul's)
                        dc = add(add(dc, dtc), multiply(dz[:, h3:], P["wo"]))
                    elif m2 is None and L["cmask"] is None:
                        dc += dtc
                    else:
                        dc = add(dc, dtc)
                    if L["cmask"] is not None:   # clip_by_value: Maximum's, then Minimum's
                        dc = where(L["cmask"][1, s], dc, zero)
                        dc = where(L["cmask"][0, s], dc, zero)
                    multiply(dc, gj, out=dz[:, :h1])
                    multiply(dc, gi, out=dz[:, h1:h2])
                    multiply(dc, c_all[s], out=dz[:, h2:h3])
                    if tail is not None:
                        dyi, dyf = dz[:, :h1][tail], dz[:, h2:h3][tail]
                    if P["wo"] is not None:
                        dz[:, :h3] *= P["deriv"][s, :, :h3]
                    else:
                        dz *= P["deriv"][s]
                        _elementwise.sigmoid_grad_fix(dz[:, h3:], go, dyo, tail)
                    _elementwise.sigmoid_grad_fix(dz[:, :h1], gi, dyi, tail)
                    _elementwise.sigmoid_grad_fix(dz[:, h2:h3], gf, dyf, tail)
                    if P["wi"] is not None:
                        peep_grad(P, "wf", dz[:, h2:h3], c_all[s])
                        peep_grad(P, "wi", dz[:, :h1], c_all[s])
                        dc = _c_prev_grad(dc * gf, multiply(dz[:, :h1], P["wi"]),
                                          multiply(dz[:, h2:h3], P["wf"]),
                                          dc_copy if m2 is not None else None, sort)
                    else:
                        dc *= gf
                        if m2 is not None:
                            dc = add(dc_copy, dc)
                    dx = P["dx"]
                    if lane is not None and (P["want_b"] or P["want_w"] or li == 0):
                        # the kernel and bias sums on the side lane, in this order: dz kept
                        # in deriv[s], which no later step reads
                        dzs = P["deriv"][s]
                        np.copyto(dzs, dz)
                        if P["want_b"] or P["want_w"]:
                            lane.put(weight_grads, P, L["cc"][s], dzs)
                    elif P["want_b"] or P["want_w"]:
                        weight_grads(P, L["cc"][s], dz)
                    if lane is not None and li == 0:
                        # no later step reads the bottom layer's input gradient: the caller
                        # multiplies by W_h^T alone, and the input rows of _DX_CHUNK steps
                        # are one product, taken by whichever thread is free first (the
                        # lane when it reaches it, else the caller one chunk later). Each
                        # output row is the same dot products as dz W^T's: the same bits
                        dh = matmul(dz, P["wht"], (bsz, P["wt"].shape[1]), P["dx"])
                        dhs[li] = dh if m2 is None else add(dh_copy, dh)
                        dcs[li] = dc
                        if want_x:
                            pending.append(s)
                            if len(pending) == _DX_CHUNK or s == 0:
                                job = (itertools.count().__next__, P, pending)
                                lane.put(input_grads, *job)
                                if chunks:
                                    input_grads(*chunks[-1])
                                chunks.append(job)
                                pending = []
                                if s == 0:
                                    input_grads(*job)
                        continue
                    dcc = matmul(dz, P["wt"])
                    dhs[li] = dcc[:, dx:] if m2 is None else add(dh_copy, dcc[:, dx:])
                    dcs[li] = dc
                    d_in = dcc[:, :dx]   # into the layer below's h' (or the input array)
                if want_x and lane is None:
                    dxs[ts[s]] = d_in
        g_vars = []
        roles = {}
        for li, lr in enumerate(layers):
            roles[lr["c"]] = dcs[li]
            roles[lr["h"]] = np.ascontiguousarray(dhs[li])
        for k in range(n):
            if k == r["out"]:
                g_vars.append(gta)
            elif k in roles:
                g_vars.append(roles[k])
            else:
                v = args[k]
                g_vars.append(np.zeros_like(v) if isinstance(v, np.ndarray) else
                              np.zeros((), np.asarray(v).dtype))
        outs = []
        by_cap = {}
        for lr, P in zip(layers, prep):
            for k in ("w", "b", "wi", "wf", "wo", "wp"):
                if lr[k] is not None:
                    by_cap[lr[k] - n] = ("d" + k, P)
        for k in diff_caps:
            if k == r["x"] - n:
                outs.append(TensorArrayValue(dxs, max(ts) + 1, _GRAD_META))
            elif want_zero and k == seq["zero"] - n:
                outs.append(dzero if dzero is not None else np.zeros_like(caps[k]))
            elif k in by_cap:
                key, P = by_cap[k]
                outs.append(P[key])
            else:
                return None
        return g_vars + outs
