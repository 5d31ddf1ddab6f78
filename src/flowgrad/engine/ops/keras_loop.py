"""The fused runner (engine/ops/lstm_loop.py) for Keras's LSTM and GRU loops:
tf.keras.layers.LSTM / GRU (TF 1.14's keras.backend.rnn over keras LSTMCell / GRUCell,
implementation=1, or 2 for the LSTM; with or without a mask), with or without dropout /
recurrent_dropout masks, any
`activation` among tanh, relu, elu, selu, softsign, GRU's reset_after either way.

The step as the Keras cells build it, gate g of the fused kernel's column blocks:

    x      = TensorArrayReadV3(x_ta, t)
    xin_g  = x  or  x * dp_g                    dp_g, rdp_g: captures (dropout masks)
    hin_g  = h  or  h * rdp_g
    z_g    = [BiasAdd](MatMul(xin_g, kernel[:, g]), [bias[g]]) + MatMul(hin_g, rkernel[:, g])
    act(z) = Sigmoid(z)  or  hard_sigmoid: Maximum(Minimum(a * z + b, hi), lo)
    LSTM:  c' = act(z_f) * c + act(z_i) * tanh(z_c);  h' = act(z_o) * tanh(c')
           (implementation=2: z_i, z_f, z_c, z_o = Split(1, [BiasAdd](MatMul(xin, kernel)
           + MatMul(hin, rkernel), bias)), one dropout mask each for x and h)
    GRU:   h~ = tanh(xb_h + MatMul(act(z_r) * hin_h, rkernel[:, h]))  (reset_after=False)
           h~ = tanh(xb_h + act(z_r) * [BiasAdd](MatMul(hin_h, rkernel[:, h]), rb[h]))
                (reset_after=True: z_g's recurrent part gets rb[g] too; b, rb the rows of
                the bias's Unpack)
           h' = act(z_z) * h + (1 - act(z_z)) * h~
    out'   = TensorArrayWriteV3(out, t, h');  counters t' = t + 1, k' = k + 1
    masked (Embedding mask_zero, Masking, mask=): m = Tile(TensorArrayReadV3(mask_ta, t),
           [1, units]); out' = Select(m, h', prev) (prev: a loop var, the last output),
           h, c = Select(m, h', h), Select(m, c', c)

`match` finds that pattern in the While op's lowered body (no other op) and returns the
roles; the forward and backward below make the kernel calls the plain loop makes, on
the same operands and in the same order (the gate slices are the StridedSlice kernel's
views, the hard_sigmoid's constants are the graph's, the gradients' AddN orders are the
ones tf.gradients builds for this body), so the values are the plain loop's bit for bit
(tests/test_keras_loop.py). Anything else runs the plain loop.
"""
from __future__ import annotations

import numpy as np

from ..optimize.reciprocal_div import grappler_division
from ..runtime.backends.numpy import bind_kernel
from ..runtime.ir import lower
from . import keras_steps as _steps
from . import linalg as _linalg
from . import lstm_loop as _base
from .keras_steps import _product_bt
from .keras_steps import _ACT_OPS, _act_bwd, _act_fwd, _act_spec, _addn, _cand_bwd, _cand_fwd
from .tensor_array import _GRAD_META, TensorArrayValue, _zero_grad_kernel



class _Body:
    """The lowered body and the pattern helpers (each raises ValueError on a mismatch;
    `used` collects the nodes a match covers)."""

    def __init__(self, graph, info, ctx):
        self.n = len(info["vars"])
        self.ctx = ctx
        feeds = list(info["vars"]) + list(info["captures"])
        self.feeds = feeds
        self.prog = lower(graph, list(info["body"]), [], feeds)
        self.feed_pos = {}
        for k, v in enumerate(self.prog.feeds):
            self.feed_pos.setdefault(v, k)
        self.prod = {v: nd for nd in self.prog.nodes for v in nd.outputs}
        self.used = set()

    def res(self, v):
        while v in self.prod and self.prod[v].type == "Identity":
            self.used.add(id(self.prod[v]))
            v = self.prod[v].inputs[0]
        return v

    def node(self, v, typ):
        nd = self.prod.get(self.res(v))
        if nd is None or nd.type != typ:
            raise ValueError(typ)
        self.used.add(id(nd))
        return nd

    def const(self, v):
        nd = self.node(v, "Const")
        try:
            val = np.asarray(bind_kernel(nd, self.ctx)())
        except Exception:  # noqa: BLE001 - a const we cannot evaluate: no match
            raise ValueError("const") from None
        return val

    def feed(self, v):
        v = self.res(v)
        if v not in self.feed_pos:
            raise ValueError("feed")
        return self.feed_pos[v]

    def cap(self, v):
        k = self.feed(v)
        if k < self.n:
            raise ValueError("capture")
        return k - self.n

    def unary(self, v, typ):
        nd = self.node(v, typ)
        if nd.attrs and set(nd.attrs) - {"T"}:
            raise ValueError(typ)
        return nd.inputs[0]

    def pair(self, v, typ):
        nd = self.node(v, typ)
        return nd.inputs[0], nd.inputs[1]

    def either(self, a, b, fa, fb):
        """(fa(a), fb(b)), else (fa(b), fb(a)) (commutative ops)."""
        before = set(self.used)
        try:
            return fa(a), fb(b)
        except ValueError:
            self.used.clear()
            self.used.update(before)
            return fa(b), fb(a)

    def first(self, v, *fns):
        """The first of `fns` that matches v."""
        before = set(self.used)
        for fn in fns:
            try:
                return fn(v)
            except ValueError:
                self.used.clear()
                self.used.update(before)
        raise ValueError("no alternative")


def _match(graph, info, ctx):
    B = _Body(graph, info, ctx)
    n, prog = B.n, B.prog
    if len(prog.fetches) != n:
        return None
    writes = [nd for nd in prog.nodes if nd.type == "TensorArrayWriteV3"]
    reads = [nd for nd in prog.nodes if nd.type == "TensorArrayReadV3"]
    if len(writes) != 1 or len(reads) not in (1, 2):
        return None
    wr = writes[0]
    rd_m = None
    if len(reads) == 2:   # a mask: its read feeds only Tile ops
        tiled = {B.res(nd.inputs[0]) for nd in prog.nodes if nd.type == "Tile"}
        masks = [nd for nd in reads if nd.outputs[0] in tiled]
        if len(masks) != 1:
            return None
        rd_m = masks[0]
        reads = [nd for nd in reads if nd is not rd_m]
    rd = reads[0]
    B.used.update((id(wr), id(rd)))
    k_out, k_t = B.feed(wr.inputs[0]), B.feed(wr.inputs[1])
    if k_out >= n or k_t >= n or B.res(prog.fetches[k_out]) != wr.outputs[0]:
        return None
    if B.feed(rd.inputs[1]) != k_t:
        return None
    k_x = B.cap(rd.inputs[0])
    x_v = rd.outputs[0]
    fetch = [B.res(v) for v in prog.fetches]
    mask = None
    written = wr.inputs[2]
    if rd_m is not None:   # keras.backend.rnn's masking: Select(Tile(mask_t), new, old)
        B.used.add(id(rd_m))
        if B.feed(rd_m.inputs[1]) != k_t:
            return None

        def unmask(v):
            sel = B.node(v, "Select")
            tl = B.node(sel.inputs[0], "Tile")
            if B.res(tl.inputs[0]) != rd_m.outputs[0]:
                raise ValueError("mask")
            mult = B.const(tl.inputs[1])
            if mult.ndim != 1 or mult.size != 2 or int(mult[0]) != 1:
                raise ValueError("tile")
            mults.add(int(mult[1]))
            return B.res(sel.inputs[1]), B.res(sel.inputs[2])
        mults = set()
        try:
            new_out, base = unmask(written)
            k_base = B.feed(base)
            if k_base < n and fetch[k_base] != B.res(written):
                return None
            states = []
            for k in range(n):
                if k in (k_out, k_base) or B.prod.get(fetch[k]) is None or \
                        B.prod[fetch[k]].type != "Select":
                    continue
                new, old = unmask(fetch[k])
                if B.feed(old) != k:
                    return None
                fetch[k] = new
                states.append(k)
        except ValueError:
            return None
        if k_base < n:
            fetch[k_base] = None
        if len(mults) != 1:
            return None
        mask = {"ta": B.cap(rd_m.inputs[0]) + n, "base": k_base, "states": states,
                "tile": mults.pop()}
        written = new_out

    def source(v):
        """A capture, or a ReadVariableOp of a captured handle, or one row of its Unpack
        (GRU reset_after's input and recurrent biases): (capture, read kernel, (row,
        rows) or None)."""
        u = B.res(v)
        row = None
        if u in B.prod and B.prod[u].type == "Unpack":
            up = B.node(u, "Unpack")
            if up.attrs.get("axis", 0) != 0:
                raise ValueError("unstack axis")
            j = up.outputs.index(u)
            row = (j, len(up.outputs))
            u = B.res(up.inputs[0])
        read = None
        if u in B.prod and B.prod[u].type == "ReadVariableOp":
            rv = B.node(u, "ReadVariableOp")
            read, u = bind_kernel(rv, ctx), rv.inputs[0]
        if row is not None:
            inner = read

            def read(a, inner=inner, j=row[0]):
                a = inner(a) if inner is not None else a
                if not isinstance(a, np.ndarray) or a.ndim < 1 or a.shape[0] != row[1]:
                    return None
                return a[j]
        return B.cap(u), read, row

    def sliced(v):
        """A gate's block of a weight: StridedSlice of it, or one output of its Split (TF
        1.14's LSTMCell splits kernel and bias): (capture, read, (kind, kernel, args,
        output), the block's tensor)."""
        u = B.res(v)
        nd = B.prod.get(u)
        if nd is not None and nd.type == "Split":
            B.used.add(id(nd))
            k, read, row = source(nd.inputs[1])
            spec = ("split", bind_kernel(nd, ctx), (B.const(nd.inputs[0]),),
                    nd.outputs.index(u))
            return k, read, spec, nd.op.outputs[spec[3]], row
        nd = B.node(v, "StridedSlice")
        if nd.attrs.get("ellipsis_mask") or nd.attrs.get("new_axis_mask") or \
                nd.attrs.get("shrink_axis_mask"):
            raise ValueError("slice")
        k, read, row = source(nd.inputs[0])
        spec = ("ss", bind_kernel(nd, ctx), tuple(B.const(u) for u in nd.inputs[1:]), 0)
        return k, read, spec, nd.op.outputs[0], row

    def masked(v, base):
        """v is `base` (a value id) or base * mask (mask: a capture)."""
        if B.res(v) == base:
            return None
        a, b = B.pair(v, "Mul")
        got = B.either(a, b, lambda u: B.res(u) == base or _fail(), B.cap)
        return got[1]

    def x_part(v):   # [BiasAdd](MatMul(xin, kernel[:, g]), bias[g])
        bias = None
        if B.res(v) in B.prod and B.prod[B.res(v)].type == "BiasAdd":
            ba = B.node(v, "BiasAdd")
            if ba.attrs.get("data_format", "NHWC") not in ("NHWC", b"NHWC"):
                raise ValueError("data_format")
            bias = sliced(ba.inputs[1])
            v = ba.inputs[0]
        mm = B.node(v, "MatMul")
        if mm.attrs.get("transpose_a") or mm.attrs.get("transpose_b"):
            raise ValueError("transpose")
        return {"dp": masked(mm.inputs[0], x_v), "k": sliced(mm.inputs[1]), "b": bias}

    def r_part(v, h_v):   # [BiasAdd](MatMul(hin, rkernel[:, g]), [recurrent bias[g]])
        rbias = None
        if B.res(v) in B.prod and B.prod[B.res(v)].type == "BiasAdd":
            ba = B.node(v, "BiasAdd")
            if ba.attrs.get("data_format", "NHWC") not in ("NHWC", b"NHWC"):
                raise ValueError("data_format")
            rbias = sliced(ba.inputs[1])
            v = ba.inputs[0]
        mm = B.node(v, "MatMul")
        if mm.attrs.get("transpose_a") or mm.attrs.get("transpose_b"):
            raise ValueError("transpose")
        return {"rdp": masked(mm.inputs[0], h_v), "rk": sliced(mm.inputs[1]), "rb": rbias}

    def full(v):
        """A whole weight (implementation=2): (capture, read, identity view, tensor, None)."""
        k, read, row = source(v)
        if row is not None:
            raise ValueError("row")
        return k, read, ("id", None, (), 0), B.res(v), None

    def whole(v, h_v):   # [BiasAdd](MatMul(xin, K) + MatMul(hin, RK), b)
        bias = None
        if B.res(v) in B.prod and B.prod[B.res(v)].type == "BiasAdd":
            ba = B.node(v, "BiasAdd")
            if ba.attrs.get("data_format", "NHWC") not in ("NHWC", b"NHWC"):
                raise ValueError("data_format")
            bias = full(ba.inputs[1])
            v = ba.inputs[0]
        p, q = B.pair(v, "Add")
        mx, mh = B.node(p, "MatMul"), B.node(q, "MatMul")
        for mm in (mx, mh):
            if mm.attrs.get("transpose_a") or mm.attrs.get("transpose_b"):
                raise ValueError("transpose")
        return {"dp": masked(mx.inputs[0], x_v), "k": full(mx.inputs[1]), "b": bias,
                "rdp": masked(mh.inputs[0], h_v), "rk": full(mh.inputs[1]), "rb": None}

    def gate(z, h_v):
        p, q = B.pair(z, "Add")
        xg, rg = B.either(p, q, x_part, lambda u: r_part(u, h_v))
        xg.update(rg)
        return xg

    def act(v):
        """(spec, pre-activation): Sigmoid, or Keras's hard_sigmoid."""
        def sig(u):
            return ("sig",), B.unary(u, "Sigmoid")

        def hard(u):
            mn, lo = B.pair(u, "Maximum")
            a_, hi = B.pair(mn, "Minimum")
            m_, b_ = B.pair(a_, "Add")
            (c1, z), c2 = B.either(m_, b_, lambda w: B.either(
                *B.pair(w, "Mul"), B.const, lambda y: y), B.const)
            cs = [c1, c2, B.const(hi), B.const(lo)]
            if any(c.ndim or c.dtype.kind != "f" or np.isnan(c) for c in cs):
                raise ValueError("hard_sigmoid")
            return ("hard",) + tuple(cs), z
        return B.first(v, sig, hard)

    acts = []   # the `activation` ops seen (all must be one kind)

    def tanh_of(v):
        """The pre-activation of Keras's `activation`: Tanh, or one of the activation ops
        whose gradient is their *Grad op (Relu, Relu6, Elu, Selu, Softsign)."""
        u = B.res(v)
        nd = B.prod.get(u)
        typ = nd.type if nd is not None else None
        if typ != "Tanh" and typ not in _ACT_OPS:
            raise ValueError("activation")
        acts.append(typ)
        return B.unary(v, typ)

    h_new = B.res(written)
    roles = None
    before = set(B.used)
    try:   # LSTM: h' = act(z_o) * tanh(c'), c' = act(z_f) * c + act(z_i) * tanh(z_c)
        (o_spec, z_o), c_new = B.either(*B.pair(h_new, "Mul"), act, tanh_of)
        c_new = B.res(c_new)

        def keep(v):
            (f_spec, z_f), k_c = B.either(*B.pair(v, "Mul"), act, B.feed)
            return f_spec, z_f, k_c

        def new(v):
            (i_spec, z_i), z_c = B.either(*B.pair(v, "Mul"), act, tanh_of)
            return i_spec, z_i, z_c
        (f_spec, z_f, k_c), (i_spec, z_i, z_c) = B.either(*B.pair(c_new, "Add"), keep, new)
        k_h = fetch.index(h_new)
        if k_c >= n or k_h >= n or fetch[k_c] != c_new:
            raise ValueError("state")
        h_v = prog.feeds[k_h]
        zs = [B.res(z) for z in (z_i, z_f, z_c, z_o)]
        sp = B.prod.get(zs[0])
        if sp is not None and sp.type == "Split" and list(sp.outputs) == zs:
            # implementation=2: Split(1, [BiasAdd](MatMul(xin, K) + MatMul(hin, RK), b))
            B.used.add(id(sp))
            if int(B.const(sp.inputs[0])) not in (1, -1):
                raise ValueError("split axis")
            g = whole(sp.inputs[1], h_v)
            g["act"] = None
            roles = {"kind": "klstm2", "h": k_h, "c": k_c, "gates": [g],
                     "acts": (i_spec, f_spec, o_spec)}
        else:
            gates = [gate(z, h_v) for z in (z_i, z_f, z_c, z_o)]
            for g, spec in zip(gates, (i_spec, f_spec, None, o_spec)):
                g["act"] = spec
            roles = {"kind": "klstm", "h": k_h, "c": k_c, "gates": gates}
    except ValueError:
        B.used.clear()
        B.used.update(before)
    if roles is None:   # GRU: h' = act(z_z) * h + (1 - act(z_z)) * tanh(xb_h + ...)
        try:
            def keep(v):
                zact, k_h = B.either(*B.pair(v, "Mul"), lambda u: B.res(u), B.feed)
                return zact, k_h

            def new(v):
                sub, cand = B.either(*B.pair(v, "Mul"), lambda u: B.pair(u, "Sub"),
                                     tanh_of)
                return sub, cand
            (zact, k_h), ((one, zact2), cand) = B.either(*B.pair(h_new, "Add"), keep, new)
            one = B.const(one)
            if B.res(zact2) != zact or one.ndim or float(one) != 1.0:
                raise ValueError("1 - z")
            if k_h >= n or fetch[k_h] != h_new:
                raise ValueError("state")
            h_v = prog.feeds[k_h]
            z_spec, z_z = act(zact)
            p, q = B.pair(cand, "Add")

            def rec_h(v):   # MatMul(act(z_r) * hin_h, rkernel[:, h])
                mm = B.node(v, "MatMul")
                if mm.attrs.get("transpose_a") or mm.attrs.get("transpose_b"):
                    raise ValueError("transpose")
                (r_spec, z_r), rdp = B.either(*B.pair(mm.inputs[0], "Mul"), act,
                                               lambda u: masked(u, h_v))
                return {"rdp": rdp, "rk": sliced(mm.inputs[1]), "rb": None,
                        "r": (r_spec, z_r), "after": False}

            def rec_h_after(v):   # reset_after: act(z_r) * [BiasAdd](MatMul(hin_h, ..))
                (r_spec, z_r), rg = B.either(*B.pair(v, "Mul"), act,
                                              lambda u: r_part(u, h_v))
                rg.update({"r": (r_spec, z_r), "after": True})
                return rg
            xh, rh = B.either(p, q, x_part, lambda u: B.first(u, rec_h, rec_h_after))
            r_spec, z_r = rh.pop("r")
            xh.update(rh)
            gz, gr = gate(z_z, h_v), gate(z_r, h_v)
            gz["act"], gr["act"], xh["act"] = z_spec, r_spec, None
            after = xh.pop("after")
            if after != (gz["rb"] is not None or gr["rb"] is not None or
                         xh["rb"] is not None) and gz["b"] is not None:
                raise ValueError("reset_after biases")
            roles = {"kind": "kgru", "h": k_h, "gates": [gz, gr, xh], "after": after}
        except ValueError:
            return None
    if len(set(acts)) > 1:
        return None
    roles["cand"] = _act_spec(acts[-1]) if acts and acts[-1] != "Tanh" else None
    gates = roles["gates"]
    # one kernel, recurrent kernel and bias capture (their gradients are one array each)
    for key in ("k", "rk", "b", "rb"):
        if len({None if g.get(key) is None else g[key][0] for g in gates}) != 1:
            return None
    state = [roles["h"]] + ([roles["c"]] if "c" in roles else [])
    if mask is not None:
        if sorted(mask["states"]) != sorted(state):
            return None
        if mask["base"] < n:
            state.append(mask["base"])
    roles["mask"] = mask
    counters = {}
    for k in range(n):
        if k == k_out or k in state:
            continue
        p, q = B.pair(prog.fetches[k], "Add")
        kk, one = B.either(p, q, B.feed, B.const)
        if kk != k or np.ndim(one) or one != 1:
            return None
        counters[k] = (B.prod[B.res(prog.fetches[k])].op_def.kernel, one)
    if k_t not in counters:
        return None
    for nd in prog.nodes:
        if id(nd) not in B.used and nd.type != "Const":
            return None
        if nd.stateful and nd.type not in ("TensorArrayReadV3", "TensorArrayWriteV3",
                                           "ReadVariableOp"):
            return None
    cprog = lower(graph, [info["cond"]], [], B.feeds)
    if any(nd.stateful for nd in cprog.nodes):
        return None
    read = {v for nd in cprog.nodes for v in nd.inputs} | set(cprog.fetches)
    for k, v in enumerate(cprog.feeds):
        if k < n and k not in counters and v in read:
            return None
    roles.update({"n": n, "t": k_t, "out": k_out, "x": k_x + n, "counters": counters,
                  "bounds": _base._bounds(cprog, n, ctx), "seq": None})
    return roles


def _fail():
    raise ValueError("no match")


def match(graph, info, ctx):
    try:
        return _match(graph, info, ctx)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None


# -- run time ------------------------------------------------------------------------------
def _view(caps, spec, cache=None, key=None):
    """A gate's block as the StridedSlice / Split kernel gives it, and its column range
    [a, b) (None unless it is all rows in order and a column range: kernel[:, a:b] or
    bias[a:b]). The range depends on the array's shape only: `cache` keeps it per
    (key, shape, strides), and how the kernel gives the block: the view arr[..., a:b]
    (then taken as that view: the same memory, the same strides) or a C-contiguous copy
    of it (Split's: then copied from the view without splitting the whole array)."""
    k, read, (kind, kern, args, j), _, _ = spec
    arr = caps[k]
    if read is not None:
        arr = read(arr)
    if not isinstance(arr, np.ndarray) or arr.ndim not in (1, 2) or not arr.size:
        return None
    if arr.ndim == 2 and not arr.flags.c_contiguous:
        # TF's tensors are row-major (a variable set from the orthogonal initializer's
        # Transpose is here a transposed view): the loops' one-row products take a view
        # with strides[0] < strides[1] as MatMul's transpose_b (linalg.loop_product)
        arr = np.ascontiguousarray(arr)

    def block(a):
        if kind == "id":
            return a
        return kern(a, *args) if kind == "ss" else kern(*args, a)[j]
    ck = (key, arr.shape, arr.strides)
    if cache is not None and ck in cache:
        got = cache[ck]
        if got is None:
            return None
        a, b, how = got
        if how == "view":
            v = arr[..., a:b]
        elif how == "copy":
            v = np.ascontiguousarray(arr[..., a:b])
        else:
            v = block(arr)
        return v, a, b, arr.shape
    v = block(arr)
    probe = np.arange(arr.size).reshape(arr.shape)
    got = block(probe)
    cols = None
    if got.shape == v.shape and got.ndim == arr.ndim and got.size:
        a = int(got.reshape(-1)[0])
        b = a + got.shape[-1]
        if b <= arr.shape[-1] and np.array_equal(got, probe[..., a:b]):
            w = arr[..., a:b]
            how = None
            if isinstance(v, np.ndarray) and v.dtype == arr.dtype:
                if v.strides == w.strides and \
                        v.__array_interface__["data"][0] == w.__array_interface__["data"][0]:
                    how = "view"
                elif v.flags.c_contiguous and not np.shares_memory(v, arr) and \
                        np.array_equal(v, w):
                    how = "copy"
            cols = (a, b, how)
    if cache is not None:
        cache[ck] = cols
    return None if cols is None else (v, cols[0], cols[1], arr.shape)


def _orders(run):
    """The operand orders of the gradient body's AddN for h and for x (Grappler sorts a
    step's contributions by their op names: addn_order.py): gate positions, and "keep" for
    GRU's z * h term; None if they cannot be read (the plain loop then runs)."""
    if "orders" in run.r:
        return run.r["orders"]
    run.r["orders"] = None
    if run.grad is None:
        return None
    # (`options`: control_flow._sub_options', Grappler's rewrites off in a run TF's
    # Grappler skips, as for the plain gradient body: tests/test_keras_loop_feed.py)
    graph, grads, feeds, options = run.grad
    r = run.r
    try:
        # as the plain gradient body runs: its AddN inputs in Grappler's order (addn_order)
        prog = grappler_division(lower(graph, list(grads), [], feeds), graph, options,
                                 loop_body=True)
    except Exception:  # noqa: BLE001 - no orders: the plain loop runs
        return None
    prod = {v: nd for nd in prog.nodes for v in nd.outputs}
    fed = {v: feeds[k] for k, v in enumerate(prog.feeds)}
    slice_ops = {}
    for gi, g in enumerate(r["gates"]):
        slice_ops[g["k"][3]] = ("x", gi)
        slice_ops[g["rk"][3]] = ("h", gi)

    def term(v, want):
        """The gate whose MatMul gradient (by its kernel slice) feeds v, "copy" for a
        mask's Select (the state copied through), else "keep"."""
        u = v
        while u in prod and prod[u].type == "Identity":
            u = prod[u].inputs[0]
        if u in prod and prod[u].type == "Select":
            return "copy"
        todo, seen = [v], set()
        while todo:
            u = todo.pop(0)
            nd = prod.get(u)
            if nd is None or u in seen:
                continue
            seen.add(u)
            if nd.type == "MatMul" and nd.attrs.get("transpose_b") and \
                    nd.inputs[1] in fed:
                got = slice_ops.get(fed[nd.inputs[1]])
                if got is not None and got[0] == want:
                    return got[1]
            if nd.type in ("Reshape", "Sum", "Mul", "Identity", "Neg"):
                todo.extend(nd.inputs)
        return "keep"

    def addn_terms(v, want):
        while v in prod and prod[v].type == "Identity":
            v = prod[v].inputs[0]
        nd = prod.get(v)
        if nd is None or nd.type != "AddN":
            return None
        return [term(u, want) for u in nd.inputs]
    h_terms = addn_terms(prog.fetches[r["h"]], "h")
    x_terms = None
    for nd in prog.nodes:
        if nd.type == "TensorArrayGradWrite":
            x_terms = addn_terms(nd.inputs[1], "x")
    ng = len(r["gates"])
    want_h = list(range(ng)) + (["keep"] if r["kind"] == "kgru" else []) + \
        (["copy"] if r["mask"] is not None else [])
    if h_terms is None or sorted(h_terms, key=str) != sorted(want_h, key=str):
        return None
    if x_terms is not None and sorted(x_terms) != list(range(ng)):
        return None
    run.r["orders"] = (h_terms, x_terms or list(range(ng)))
    return run.r["orders"]


def _setup(run, args):
    """The weights' views, masks and the steps; None where the plain loop must run."""
    r = run.r
    n = r["n"]
    vals, caps = list(args[:n]), tuple(args[n:])
    xta, ota = caps[r["x"] - n], vals[r["out"]]
    if not (isinstance(xta, TensorArrayValue) and isinstance(ota, TensorArrayValue)):
        return None
    h = vals[r["h"]]
    if not isinstance(h, np.ndarray) or h.ndim != 2 or h.dtype not in (np.float32,
                                                                          np.float64):
        return None
    dt = h.dtype
    bsz, units = h.shape
    c = vals[r["c"]] if "c" in r else None
    if c is not None and not (isinstance(c, np.ndarray) and c.dtype == dt and
                              c.shape == h.shape):
        return None
    gs = []
    width = 4 * units if r["kind"] == "klstm2" else units   # a gate's weight columns
    views = r.setdefault("views", {})
    for gi, g in enumerate(r["gates"]):
        got = {}
        for key in ("k", "rk", "b", "rb"):
            if g.get(key) is None:
                got[key] = None
                continue
            v = _view(caps, g[key], views, (gi, key))
            if v is None or v[0].dtype != dt or v[2] - v[1] != width:
                return None
            got[key] = v
        dx = got["k"][0].shape[0]
        if got["rk"][0].shape[0] != units:
            return None
        for key, shape in (("dp", (bsz, dx)), ("rdp", (bsz, units))):
            m = caps[g[key]] if g[key] is not None else None
            if m is not None and not (isinstance(m, np.ndarray) and m.dtype == dt and
                                      m.shape == shape):
                return None
            got[key] = m
        spec = g["act"]
        if spec is not None and spec[0] == "hard" and any(s.dtype != dt for s in spec[1:]):
            return None
        got["act"] = spec
        gs.append(got)
    if len({g["k"][0].shape[0] for g in gs}) != 1:
        return None
    dx = gs[0]["k"][0].shape[0]
    masks = [g[key] for g in r["gates"] for key in ("dp", "rdp") if g[key] is not None]
    if len(set(masks)) != len(masks):
        return None
    ts, final = run._steps(vals, caps)
    if not ts:
        return None
    return vals, caps, xta, ota, h, c, dt, bsz, units, dx, gs, ts, final


def _gate_z(g, xin, hin, matmul):
    """z_g = [BiasAdd](MatMul(xin, K_g), b_g) + [BiasAdd](MatMul(hin, RK_g), rb_g)."""
    a = matmul(xin, g["k"][0])
    if g["b"] is not None:
        a = a + g["b"][0].reshape(-1)
    rz = matmul(hin, g["rk"][0])
    if g["rb"] is not None:
        rz = rz + g["rb"][0].reshape(-1)
    return np.add(a, rz)


def _mask_inputs(mta, ts, bsz, units, clear):
    """The mask array's elements at the steps `ts`, tiled to [batch, units] as the Tile
    kernel does (None where the plain loop's read would fail), and whether reads
    replay."""
    if not isinstance(mta, TensorArrayValue):
        return None
    m = mta.meta
    replay = not clear or not m.clear
    out = []
    for t in ts:
        v = mta.elems.get(t)
        if v is None or t < 0 or t >= mta.size or not isinstance(v, np.ndarray) or \
                v.dtype != np.bool_ or v.shape != (bsz, 1):
            return None
        if not replay and (id(v), t) in m.cleared:
            return None
        out.append(np.tile(v, (1, units)))
    return out, replay


def _lstm_acts(r, gs):
    """The input, forget and output gates' activation specs."""
    if r["kind"] == "klstm2":
        return r["acts"]
    return gs[0]["act"], gs[1]["act"], gs[3]["act"]


def forward(run, args, clear=True):
    r = run.r
    got = _setup(run, args)
    if got is None:
        return None
    vals, caps, xta, ota, h, c, dt, bsz, units, dx, gs, ts, final = got
    got = run._inputs(xta, ts, bsz, dx, dt, clear)
    if got is None:
        return None
    xs, replay = got
    steps = len(ts)
    mk = r["mask"]
    if mk is not None:
        if mk["tile"] != units:
            return None
        got = _mask_inputs(caps[mk["ta"] - r["n"]], ts, bsz, units, clear)
        if got is None:
            return None
        ms, m_replay = got
        base = vals[mk["base"]] if mk["base"] < r["n"] else caps[mk["base"] - r["n"]]
        if not (isinstance(base, np.ndarray) and base.dtype == dt and
                base.shape == (bsz, units)):
            return None
        out_all = np.empty((steps, bsz, units), dt)
    matmul = _linalg.loop_product   # MatMul's kernel
    multiply = np.multiply
    where = np.where
    cand = r["cand"]
    batched = r["kind"] == "klstm" and _steps.batched_ok(r["kind"], _lstm_acts(r, gs), bsz,
                                                         dx, units, gs)
    h_all = np.empty((steps + 1, bsz, units), dt)
    h_all[0] = h
    tape = []
    if batched:   # keras_steps: the steps' input work batched
        h_all, c_all, tape, base = _steps.forward(
            gs, xs, h, c, _lstm_acts(r, gs), cand, dt, None if mk is None else ms,
            None if mk is None else base, None if mk is None else out_all)
    elif r["kind"] in ("klstm", "klstm2"):
        a_i, a_f, a_o = _lstm_acts(r, gs)
        c_all = np.empty((steps + 1, bsz, units), dt)
        c_all[0] = c
        for s in range(steps):
            x, hp, cp = xs[s], h_all[s], c_all[s]
            xin = [x if g["dp"] is None else multiply(x, g["dp"]) for g in gs]
            hin = [hp if g["rdp"] is None else multiply(hp, g["rdp"]) for g in gs]
            if r["kind"] == "klstm2":   # one z, split into the gates' columns
                g = gs[0]
                zz = np.add(matmul(xin[0], g["k"][0]), matmul(hin[0], g["rk"][0]))
                if g["b"] is not None:
                    zz = zz + g["b"][0].reshape(-1)
                z = [zz[:, k * units:(k + 1) * units] for k in range(4)]
            else:
                z = [_gate_z(g, xi, hi, matmul) for g, xi, hi in zip(gs, xin, hin)]
            ig, ik = _act_fwd(a_i, z[0], dt)
            fg, fk = _act_fwd(a_f, z[1], dt)
            tz, tzk = _cand_fwd(cand, z[2])
            cn = np.add(multiply(fg, cp), multiply(ig, tz))
            og, ok = _act_fwd(a_o, z[3], dt)
            tc, tck = _cand_fwd(cand, cn)
            if mk is None:
                multiply(og, tc, out=h_all[s + 1])
                c_all[s + 1] = cn
            else:   # Select(mask, new, old): the output and the states
                hn = multiply(og, tc)
                base = out_all[s] = where(ms[s], hn, base)
                h_all[s + 1] = where(ms[s], hn, hp)
                c_all[s + 1] = where(ms[s], cn, cp)
            tape.append((x, xin, hin, ig, ik, fg, fk, tz, og, ok, tc, tzk, tck))
    else:
        for s in range(steps):
            x, hp = xs[s], h_all[s]
            xin = [x if g["dp"] is None else multiply(x, g["dp"]) for g in gs]
            hin = [hp if g["rdp"] is None else multiply(hp, g["rdp"]) for g in gs]
            zg, zk = _act_fwd(gs[0]["act"], _gate_z(gs[0], xin[0], hin[0], matmul), dt)
            rg, rk = _act_fwd(gs[1]["act"], _gate_z(gs[1], xin[1], hin[1], matmul), dt)
            gh = gs[2]
            ah = matmul(xin[2], gh["k"][0])
            if gh["b"] is not None:
                ah = ah + gh["b"][0].reshape(-1)
            if r["after"]:   # r * [BiasAdd](MatMul(hin_h, RK_h), rb_h)
                rh = matmul(hin[2], gh["rk"][0])
                if gh["rb"] is not None:
                    rh = rh + gh["rb"][0].reshape(-1)
                hh, hhk = _cand_fwd(cand, np.add(ah, multiply(rg, rh)))
            else:
                rh = multiply(rg, hin[2])
                hh, hhk = _cand_fwd(cand, np.add(ah, matmul(rh, gh["rk"][0])))
            sub = np.subtract(dt.type(1), zg)
            if mk is None:
                np.add(multiply(zg, hp), multiply(sub, hh), out=h_all[s + 1])
            else:
                hn = np.add(multiply(zg, hp), multiply(sub, hh))
                base = out_all[s] = where(ms[s], hn, base)
                h_all[s + 1] = where(ms[s], hn, hp)
            tape.append((x, xin, hin, zg, zk, rg, rk, rh, hh, sub, hhk))
    got = run._write_out(ota, ts, h_all[1:] if mk is None else out_all, bsz, units, xs,
                         xta.meta, replay)
    if got is None:
        return None
    elems, size = got
    final[r["out"]] = TensorArrayValue(elems, size, ota.meta)
    final[r["h"]] = h_all[steps].copy()
    if mk is not None:
        if not m_replay:
            mm = caps[mk["ta"] - r["n"]]
            for t in ts:
                mm.meta.cleared.add((id(mm.elems[t]), t))
        if mk["base"] < r["n"]:
            final[mk["base"]] = out_all[-1].copy()
        tape = (tape, ms)
    if r["kind"] in ("klstm", "klstm2"):
        final[r["c"]] = c_all[steps].copy()
        return tuple(final), (ts, h_all, c_all, tape)
    return tuple(final), (ts, h_all, None, tape)


class _Grads:
    """The kernel / recurrent kernel / bias and mask gradients: each gate's block summed
    over the iterations last to first, as WhileGrad sums the per-iteration AddN of the
    blocks (kept per block, put together at the end)."""

    def __init__(self, gs, caps, want, dt):
        self.acc = {}
        self.blocks = {}
        self.shapes = {}
        for gi, g in enumerate(gs):
            for key in ("k", "rk", "b", "rb", "dp", "rdp"):
                k = g[key + "_cap"]
                if k is None or k not in want:
                    continue
                if key in ("dp", "rdp"):
                    self.shapes[k] = caps[k].shape
                    self.blocks[(gi, key)] = (k, None, None, np.zeros(caps[k].shape, dt),
                                              None)
                else:
                    _, a, b, shape = g[key]
                    row = g[key + "_row"]   # (row, rows): one row of an unstacked bias
                    self.shapes[k] = shape if row is None else (row[1],) + shape
                    self.blocks[(gi, key)] = (k, a, b, np.zeros(shape[:-1] + (b - a,), dt),
                                              None if row is None else row[0])
        self.dt = dt

    def add(self, gi, key, val):
        blk = self.blocks.get((gi, key))
        if blk is not None:
            np.add(blk[3], val, out=blk[3])

    def add_product(self, gi, key, a, b):   # += a @ b in one GEMM (gemm.py: the same bits)
        blk = self.blocks.get((gi, key))
        if blk is not None:
            _linalg.loop_accumulate(blk[3], a, b)

    def totals(self):
        out = {k: np.zeros(shape, self.dt) for k, shape in self.shapes.items()}
        for k, a, b, val, row in self.blocks.values():
            if a is None:
                out[k] += val
            elif row is None:
                out[k][..., a:b] += val
            else:
                out[k][row, ..., a:b] += val
        return out


def backward(run, args, kept, diff_caps):
    r = run.r
    n = r["n"]
    caps = args[n:-n]
    gys = args[-n:]
    ts, h_all, c_all, tape = kept
    gta = gys[r["out"]]
    steps, bsz, units = len(ts), h_all.shape[1], h_all.shape[2]
    dt = h_all.dtype
    if not isinstance(gta, TensorArrayValue):
        return None
    dh = gys[r["h"]]
    dc = gys[r["c"]] if "c" in r else None
    for a in (dh,) + ((dc,) if "c" in r else ()):
        if not (isinstance(a, np.ndarray) and a.dtype == dt and a.shape == (bsz, units)):
            return None
    orders = _orders(run) if r["kind"] != "klstm2" else ([0], [0])
    if orders is None:
        return None
    h_order, x_order = orders
    got = _setup(run, args[:n + len(caps)])
    if got is None:
        return None
    gs = got[10]
    for g, rg in zip(gs, r["gates"]):
        for key in ("k", "rk", "b", "rb"):
            g[key + "_cap"] = None if rg.get(key) is None else rg[key][0]
            g[key + "_row"] = None if rg.get(key) is None else rg[key][4]
        g["dp_cap"], g["rdp_cap"] = rg["dp"], rg["rdp"]
    want = {k for k in diff_caps}
    grads = _Grads(gs, caps, want, dt)
    want_x = r["x"] - n in want
    matmul = _linalg.loop_product   # MatMul's kernel
    multiply, add = np.multiply, np.add
    one = dt.type(1)
    cand = r["cand"]
    dxs = {}
    gel = gta.elems
    dh = np.array(dh, copy=True)
    dc = np.array(dc, copy=True) if dc is not None else None

    def gate_back(gi, dz, x, hp, xin, hin):
        """A gate's pre-activation gradient into the weights; returns (dx_g, dh_g)."""
        g = gs[gi]
        if g["b"] is not None:
            grads.add(gi, "b", np.add.reduce(dz, axis=0, dtype=dt))
        dxin = _product_bt(matmul, dz, g["k"][0])
        grads.add_product(gi, "k", xin.T, dz)
        if g["rb"] is not None:
            grads.add(gi, "rb", np.add.reduce(dz, axis=0, dtype=dt))
        dhin = _product_bt(matmul, dz, g["rk"][0])
        grads.add_product(gi, "rk", hin.T, dz)
        if g["dp"] is not None:
            grads.add(gi, "dp", multiply(x, dxin))
            dxin = multiply(dxin, g["dp"])
        if g["rdp"] is not None:
            grads.add(gi, "rdp", multiply(hp, dhin))
            dhin = multiply(dhin, g["rdp"])
        return dxin, dhin

    a_i, a_f, a_o = _lstm_acts(r, gs) if r["kind"] != "kgru" else (None,) * 3
    mk = r["mask"]
    if mk is not None:
        tape, ms = tape
        zero = dt.type(0)
        dprev = None
        if mk["base"] < n:
            dprev = gys[mk["base"]]
            if not (isinstance(dprev, np.ndarray) and dprev.dtype == dt and
                    dprev.shape == (bsz, units)):
                return None
            if r["kind"] == "klstm2":
                h_order = [0, "copy"]
    if isinstance(tape, _steps.Tape):   # the forward ran batched: so does the backward
        dh, dc, dprev, dx_all = _steps.backward(
            gs, tape, h_all, c_all, dh, dc, _lstm_acts(r, gs), cand, dt, grads, want_x,
            (h_order, x_order), ts, gel, None if mk is None else ms,
            None if mk is None else dprev)
        if want_x:
            dxs = {t: dx_all[s] for s, t in enumerate(ts)}
        steps = 0   # nothing left for the per-step loop below
    for s in range(steps - 1, -1, -1):
        gout = gel.get(ts[s])
        if mk is None:
            dhn = dh if gout is None else add(dh, gout)
        else:   # the Selects' gradients: to the new values where the mask holds
            dhn, dprev, dh_copy, dc_copy, dc = _steps.masked_step(ms[s], gout, dprev, dh, dc,
                                                                  zero)
        if r["kind"] in ("klstm", "klstm2"):
            x, xin, hin, ig, ik, fg, fk, tz, og, ok, tc, tzk, tck = tape[s]
            cp, hp = c_all[s], h_all[s]
            do = multiply(dhn, tc)
            dtc = multiply(og, dhn)
            dcn = add(dc, _cand_bwd(cand, tc, tck, dtc, one))
            df = multiply(dcn, cp)
            dc = multiply(fg, dcn)
            if mk is not None:
                dc = add(dc, dc_copy)
            di = multiply(dcn, tz)
            dtz = multiply(ig, dcn)
            dzs = [_act_bwd(a_i, ig, ik, di, dt),
                   _act_bwd(a_f, fg, fk, df, dt),
                   _cand_bwd(cand, tz, tzk, dtz, one),
                   _act_bwd(a_o, og, ok, do, dt)]
            if r["kind"] == "klstm2":   # Split's gradient: the gates' ConcatV2
                parts = [gate_back(0, np.concatenate(dzs, axis=1), x, hp, xin[0], hin[0])]
            else:
                parts = [gate_back(gi, dz, x, hp, xi, hi)
                         for gi, (dz, xi, hi) in enumerate(zip(dzs, xin, hin))]
            hs = {k: p[1] for k, p in enumerate(parts)}
            if mk is not None:
                hs["copy"] = dh_copy
            dh = _addn([hs[k] for k in h_order])
            dxv = _addn([parts[k][0] for k in x_order])
        else:
            x, xin, hin, zg, zk, rg, rk, rh, hh, sub, hhk = tape[s]
            hp = h_all[s]
            dz_a = multiply(dhn, hp)
            dh_a = multiply(zg, dhn)
            dsub = multiply(dhn, hh)
            dhh = multiply(sub, dhn)
            dz_act = add(dz_a, np.negative(dsub))
            dah = _cand_bwd(cand, hh, hhk, dhh, one)
            gh = gs[2]
            if gh["b"] is not None:
                grads.add(2, "b", np.add.reduce(dah, axis=0, dtype=dt))
            dx_h = _product_bt(matmul, dah, gh["k"][0])
            grads.add_product(2, "k", xin[2].T, dah)
            if r["after"]:   # rh here is [BiasAdd](MatMul(hin_h, RK_h), rb_h)
                dr = multiply(dah, rh)
                drz = multiply(rg, dah)
                if gh["rb"] is not None:
                    grads.add(2, "rb", np.add.reduce(drz, axis=0, dtype=dt))
                dh_h = _product_bt(matmul, drz, gh["rk"][0])
                grads.add_product(2, "rk", hin[2].T, drz)
            else:
                drh = _product_bt(matmul, dah, gh["rk"][0])
                grads.add_product(2, "rk", rh.T, dah)
                dr = multiply(drh, hin[2])
                dh_h = multiply(rg, drh)
            if gh["dp"] is not None:
                grads.add(2, "dp", multiply(x, dx_h))
                dx_h = multiply(dx_h, gh["dp"])
            if gh["rdp"] is not None:
                grads.add(2, "rdp", multiply(hp, dh_h))
                dh_h = multiply(dh_h, gh["rdp"])
            dzz = _act_bwd(gs[0]["act"], zg, zk, dz_act, dt)
            drz = _act_bwd(gs[1]["act"], rg, rk, dr, dt)
            dx_z, dh_z = gate_back(0, dzz, x, hp, xin[0], hin[0])
            dx_r, dh_r = gate_back(1, drz, x, hp, xin[1], hin[1])
            hs = {"keep": dh_a, 0: dh_z, 1: dh_r, 2: dh_h}
            if mk is not None:
                hs["copy"] = dh_copy
            xs_ = {0: dx_z, 1: dx_r, 2: dx_h}
            dh = _addn([hs[k] for k in h_order])
            dxv = _addn([xs_[k] for k in x_order])
        if want_x:
            dxs[ts[s]] = dxv
    g_vars = []
    for k in range(n):
        if k == r["out"]:
            g_vars.append(gta)
        elif k == r["h"]:
            g_vars.append(dh)
        elif "c" in r and k == r["c"]:
            g_vars.append(dc)
        elif mk is not None and k == mk["base"]:
            g_vars.append(dprev)
        else:
            v = args[k]
            g_vars.append(np.zeros_like(v) if isinstance(v, np.ndarray) else
                          np.zeros((), np.asarray(v).dtype))
    outs = []
    totals = grads.totals()
    for k in diff_caps:
        if k == r["x"] - n:
            outs.append(TensorArrayValue(dxs, max(ts) + 1, _GRAD_META))
        elif mk is not None and k == mk["ta"] - n:   # the bool mask's: none, as the plain
            outs.append(_zero_grad_kernel())          # loop's (an empty gradient array)
        elif k in totals:
            outs.append(totals[k])
        else:
            return None
    return g_vars + outs


_base.register(match, {"klstm": (forward, backward), "kgru": (forward, backward),
                       "klstm2": (forward, backward)})
