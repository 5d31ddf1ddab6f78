"""The fused runner (engine/ops/lstm_loop.py) for GRUCell loops: dynamic_rnn over a
GRUCell or a MultiRNNCell of GRUCells, with or without sequence_length.

Layer l's step, as GRUCell builds it (x: the input array's element for layer 0, else
layer l-1's h' before any Select):

    r, u = split(sigmoid(BiasAdd(MatMul(concat(x, h), Wg), bg)), 2)
    h'   = u * h + (1 - u) * tanh(BiasAdd(MatMul(concat(x, r * h), Wc), bc))

`lstm_loop.match` finds the pattern (kind "gru", one role dict per layer); the layers run
one after the other over all steps, each call one the plain loop's kernels make on the
same operands and in the same order (the Sigmoid kernel's formula, SigmoidGrad's
dy (y (1 - y)), TanhGrad's dy (1 - y^2), both MatMuls of each gradient, the captures'
gradients summed over the iterations last to first), so the values are the plain loop's
bit for bit (tests/test_lstm_loop.py).
"""
from __future__ import annotations

import numpy as np

from . import eigen_math as _eigen_math
from . import elementwise as _elementwise
from . import linalg as _linalg
from . import lstm_loop as _base
from .tensor_array import _GRAD_META, TensorArrayValue


def _weights(r, caps, vals, n):
    """Each layer's (wg, bg, wc, bc, h, hid, dx), checked; None where the plain loop runs."""
    out = []
    dt = din = bsz = None
    for lr in r["layers"]:
        wg, bg, wc, bc, h = (caps[lr["wg"] - n], caps[lr["bg"] - n], caps[lr["wc"] - n],
                             caps[lr["bc"] - n], vals[lr["h"]])
        arrs = [wg, bg, wc, bc, h]
        if not all(isinstance(a, np.ndarray) for a in arrs):
            return None
        dt = h.dtype if dt is None else dt
        if dt not in (np.float32, np.float64) or any(a.dtype != dt for a in arrs) or \
                h.ndim != 2 or wg.ndim != 2 or wc.ndim != 2 or bg.ndim != 1 or bc.ndim != 1:
            return None
        bsz = h.shape[0] if bsz is None else bsz
        hid = h.shape[1]
        dx = wg.shape[0] - hid
        if h.shape[0] != bsz or dx < 0 or wg.shape[1] != 2 * hid or \
                bg.shape[0] != 2 * hid or wc.shape != (dx + hid, hid) or \
                bc.shape[0] != hid or (din is not None and dx != din):
            return None
        out.append((wg, bg, wc, bc, h, hid, dx))
        din = hid
    return out


def forward(run, args, clear=True):
    r = run.r
    n = r["n"]
    vals, caps = list(args[:n]), tuple(args[n:])
    xta, ota = caps[r["x"] - n], vals[r["out"]]
    if not (isinstance(xta, TensorArrayValue) and isinstance(ota, TensorArrayValue)):
        return None
    ws = _weights(r, caps, vals, n)
    if ws is None or any(w[5] == 1 for w in ws):
        # (a 1-unit cell: the candidate's MatMuls have one output column, Eigen's gemv in
        # the plain loop's kernels)
        return None
    dt = ws[0][4].dtype
    bsz = ws[0][4].shape[0]
    hid_top = ws[-1][5]
    seq = r["seq"]
    if seq is not None:
        lens, zero = caps[seq["len"] - n], caps[seq["zero"] - n]
        if not (isinstance(lens, np.ndarray) and lens.shape == (bsz,) and
                lens.dtype.kind in "iu" and isinstance(zero, np.ndarray) and
                zero.shape == (bsz, hid_top) and zero.dtype == dt):
            return None
    ts, final = run._steps(vals, caps)
    steps = len(ts)
    if not steps:
        return None
    m = xta.meta
    got = run._inputs(xta, ts, bsz, ws[0][6], dt, clear)
    if got is None:
        return None
    xs, replay = got
    matmul = _linalg.loop_product   # MatMul's kernel
    one = dt.type(1)
    absolute, negative, exp, add, divide, less, tanh, multiply, where = (
        np.abs, np.negative, np.exp, np.add, np.divide, np.less, _eigen_math.tanh_out,
        np.multiply, np.where)
    m_all = None
    if seq is not None:
        m_all = np.empty((steps, bsz), bool)
        for s in range(steps):
            np.greater_equal(ts[s], lens, out=m_all[s])
    st = []
    below = None
    for wg, bg, wc, bc, h, hid, dx in ws:
        cc1_all = np.empty((steps, bsz, dx + hid), dt)
        cc2_all = np.empty((steps, bsz, dx + hid), dt)
        val_all = np.empty((steps, bsz, 2 * hid), dt)
        cand_all = np.empty((steps, bsz, hid), dt)
        sub_all = np.empty((steps, bsz, hid), dt)
        h_all = np.empty((steps + 1, bsz, hid), dt)
        hn_all = np.empty((steps, bsz, hid), dt) if seq is not None else h_all[1:]
        h_all[0] = h
        tmp = np.empty((bsz, 2 * hid), dt)
        d = np.empty_like(tmp)
        neg = np.empty(tmp.shape, bool)
        prod = np.empty((bsz, hid), dt)
        bgr, bcr = bg.reshape(1, -1), bc.reshape(1, -1)
        for s in range(steps):
            x = xs[s] if below is None else below["hn"][s]
            hp = h_all[s]
            cc1 = cc1_all[s]
            cc1[:, :dx] = x
            cc1[:, dx:] = hp
            z = matmul(cc1, wg)
            z += bgr
            v = val_all[s]
            if dt in (np.float32, np.float64):   # the Sigmoid kernel's: Eigen's logistic
                v[...] = _eigen_math.sigmoid(z)
            else:   # the Sigmoid kernel's value: (e*(z < 0) + (z >= 0)) / (1 + e), its
                # numerator exactly e or 1, without a branch per element (lstm_loop's)
                absolute(z, out=tmp)
                exp(negative(tmp, out=tmp), out=tmp)
                add(tmp, one, out=d)
                if z.size < _base.SIGMOID_WHERE_MAX:
                    divide(where(less(z, 0, out=neg), tmp, one), d, out=v)
                else:
                    multiply(tmp, less(z, 0, out=neg), out=v)
                    add(v, np.greater_equal(z, 0, out=neg), out=v)
                    divide(v, d, out=v)
            rg, ug = v[:, :hid], v[:, hid:]
            cc2 = cc2_all[s]
            cc2[:, :dx] = x
            multiply(rg, hp, out=cc2[:, dx:])
            cz = matmul(cc2, wc)
            cz += bcr
            tanh(cz, out=cand_all[s])
            np.subtract(one, ug, out=sub_all[s])
            hn = hn_all[s]
            multiply(ug, hp, out=hn)
            hn += multiply(sub_all[s], cand_all[s], out=prod)
            if seq is not None:
                np.copyto(h_all[s + 1], where(m_all[s][:, None], hp, hn))
        below = {"cc1": cc1_all, "cc2": cc2_all, "val": val_all, "cand": cand_all,
                 "sub": sub_all, "h": h_all, "hn": hn_all, "hid": hid, "dx": dx}
        st.append(below)
    top = st[-1]
    o_all = top["hn"] if seq is None else where(m_all[:, :, None], zero[None], top["hn"])
    got = run._write_out(ota, ts, o_all, bsz, hid_top, xs, m, replay)
    if got is None:
        return None
    elems, size = got
    final[r["out"]] = TensorArrayValue(elems, size, ota.meta)
    for lr, L in zip(r["layers"], st):
        final[lr["h"]] = L["h"][steps].copy()
    return tuple(final), (ts, st, m_all)


def backward(run, args, kept, diff_caps):
    r = run.r
    n = r["n"]
    caps = args[n:-n]
    gys = args[-n:]
    ts, st, m_all = kept
    gta = gys[r["out"]]
    if not isinstance(gta, TensorArrayValue):
        return None
    layers = r["layers"]
    steps, bsz = st[0]["cand"].shape[:2]
    dt = st[0]["cand"].dtype
    dhs = []
    for lr, L in zip(layers, st):
        dh = gys[lr["h"]]
        if not (isinstance(dh, np.ndarray) and dh.dtype == dt and dh.shape == (bsz, L["hid"])):
            return None
        dhs.append(np.array(dh, copy=True))
    want = set(diff_caps)
    want_x = r["x"] - n in want
    by_name = _base.by_name(run)   # the AddN inputs' order (optimize/addn_order.py)
    one, zero = dt.type(1), dt.type(0)
    matmul = _linalg.loop_product   # MatMul's kernel
    multiply, where, add = np.multiply, np.where, np.add
    P = []
    for lr, L in zip(layers, st):
        # SigmoidGrad's y (1 - y) and TanhGrad's 1 - y^2 for all steps at once
        vderiv = one - L["val"]
        multiply(L["val"], vderiv, out=vderiv)
        cderiv = L["cand"] * L["cand"]
        np.subtract(one, cderiv, out=cderiv)
        P.append({"vderiv": vderiv, "cderiv": cderiv, "wgt": caps[lr["wg"] - n].T,
                  "wct": caps[lr["wc"] - n].T,
                  "want": {k: lr[k] - n in want for k in ("wg", "bg", "wc", "bc")},
                  "g": {"wg": None, "bg": None, "wc": None, "bc": None},
                  "dval": np.empty((bsz, 2 * L["hid"]), dt),
                  "dcz": np.empty((bsz, L["hid"]), dt),
                  # the gates' SigmoidGrad: its last size % 8 values in the scalar order
                  "tail": _elementwise.sigmoid_tail((bsz, 2 * L["hid"]), dt)})

    def acc_mm(Pl, key, a, b):   # the running sum + a b in one GEMM (gemm.py: same bits)
        if Pl["g"][key] is None:
            Pl["g"][key] = matmul(a, b)
        else:
            _linalg.loop_accumulate(Pl["g"][key], a, b)

    def acc(Pl, key, g):
        total = Pl["g"][key]
        if total is None:
            Pl["g"][key] = g if g.flags.owndata else g.copy()
        else:
            add(total, g, out=total)
    dxs = {}
    gel = gta.elems
    top = len(layers) - 1
    seq = r["seq"]
    want_zero = seq is not None and seq["zero"] - n in want
    dzero = None
    for s in range(steps - 1, -1, -1):
        m2 = m_all[s][:, None] if m_all is not None else None
        d_in = gel.get(ts[s])   # the gradient into the top layer's output
        if d_in is not None and m2 is not None:
            if want_zero:   # the Select's gradient into zero_output: where(t >= len, g, 0)
                gz = where(m2, d_in, zero)
                dzero = gz if dzero is None else add(dzero, gz, out=dzero)
            d_in = where(m2, zero, d_in)
        for li in range(top, -1, -1):
            L, Pl = st[li], P[li]
            hid, dx = L["hid"], L["dx"]
            hp = L["cc1"][s][:, dx:]
            v = L["val"][s]
            rg, ug = v[:, :hid], v[:, hid:]
            dh = dhs[li]
            dh_copy = None
            if m2 is not None:
                dh_copy = where(m2, dh, zero)
                dh = where(m2, zero, dh)
            if li < top:   # AddN(state, layer above's concat_1, its concat) in that order
                dhn = add(add(dh, d_in[1]), d_in[0])
            else:
                dhn = dh if d_in is None else add(d_in, dh)
            # h' = u * h + (1 - u) * cand
            du = multiply(dhn, hp)
            dh_a = multiply(ug, dhn)
            dsub = multiply(dhn, L["cand"][s])
            dval, dcz = Pl["dval"], Pl["dcz"]
            multiply(L["sub"][s], dhn, out=dcz)
            add(du, np.negative(dsub), out=dval[:, hid:])
            dcz *= Pl["cderiv"][s]
            if Pl["want"]["bc"]:
                acc(Pl, "bc", np.add.reduce(dcz, axis=0, dtype=dt))
            dcc2 = matmul(dcz, Pl["wct"])
            if Pl["want"]["wc"]:
                acc_mm(Pl, "wc", L["cc2"][s].T, dcz)
            drs = dcc2[:, dx:]
            multiply(drs, hp, out=dval[:, :hid])
            dh_b = multiply(rg, drs)
            dgz = dval * Pl["vderiv"][s]
            if Pl["tail"] is not None:
                _elementwise.sigmoid_grad_fix(dgz, v, dval[Pl["tail"]], Pl["tail"])
            if Pl["want"]["bg"]:
                acc(Pl, "bg", np.add.reduce(dgz, axis=0, dtype=dt))
            dcc1 = matmul(dgz, Pl["wgt"])
            if Pl["want"]["wg"]:
                acc_mm(Pl, "wg", L["cc1"][s].T, dgz)
            d_in = (dcc1[:, :dx], dcc2[:, :dx])   # into the layer below (or x)
            if by_name:   # AddN(concat_grad/Slice_1, mul_1_grad/Mul_1, mul_grad/Mul_1)
                dh = add(add(dcc1[:, dx:], dh_a), dh_b)
            else:   # tf.gradients' order: u * dh', r's Mul's, the concat's
                dh = add(add(dh_a, dh_b), dcc1[:, dx:])
            if dh_copy is not None:
                dh = add(dh, dh_copy)
            dhs[li] = dh
        if want_x:
            dxs[ts[s]] = add(d_in[0], d_in[1])
    g_vars = []
    roles = {lr["h"]: dhs[li] for li, lr in enumerate(layers)}
    for k in range(n):
        if k == r["out"]:
            g_vars.append(gta)
        elif k in roles:
            g_vars.append(roles[k])
        else:
            a = args[k]
            g_vars.append(np.zeros_like(a) if isinstance(a, np.ndarray) else
                          np.zeros((), np.asarray(a).dtype))
    by_cap = {}
    for lr, Pl in zip(layers, P):
        for key in ("wg", "bg", "wc", "bc"):
            by_cap[lr[key] - n] = (Pl, key)
    outs = []
    for k in diff_caps:
        if k == r["x"] - n:
            outs.append(TensorArrayValue(dxs, max(ts) + 1, _GRAD_META))
        elif want_zero and k == seq["zero"] - n:
            outs.append(dzero if dzero is not None else np.zeros_like(caps[k]))
        elif k in by_cap:
            Pl, key = by_cap[k]
            outs.append(Pl["g"][key])
        else:
            return None
    return g_vars + outs


_base.register(None, {"gru": (forward, backward)})
