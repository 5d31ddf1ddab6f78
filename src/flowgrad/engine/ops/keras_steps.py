"""The step kernels of Keras's LSTM / GRU cells (the plain loop's kernels: activations,
their gradients, AddN) and, for keras LSTMCell implementation=1, the step loop run with
the work that does not depend on the recurrence batched over all steps
(engine/ops/keras_loop.py dispatches here).

Batched over the steps, each gate: its input product `x_t K_g (+ b_g)` (forward), and
in the backward its input gradient `dz_t K_g^T`, its weight gradients `x_t^T dz_t`,
`h_t^T dz_t`, bias sums and dropout-mask gradients. A batched NumPy matmul over a
[steps, batch, n] stack calls the same BLAS product per step as the plain loop's
per-step MatMul, and the per-step terms are then summed last step first, as WhileGrad's
accumulation does, so the values stay the plain loop's bit for bit
(tests/test_keras_loop.py). Per step remain the four `h U_g` products, the gates'
elementwise math on one [batch, 4 units] buffer (the input, forget and output gates'
activation applied to it in one call) and the four `dz_g U_g^T` products. Taken only
where every dimension is at least 2 (a dimension of 1 turns a product into a BLAS
vector call or NumPy's own loop, whose sums differ from the per-step ones) and a step's
products are below the intra-op split size (there the plain loop's products are split
across threads).
"""
from __future__ import annotations

import numpy as np

from ..framework import threads as _threads
from ..framework.registry import get_op_def

# Keras activations other than tanh whose gradient is one *Grad op on (dy, y or x)
_ACT_OPS = {"Relu": "y", "Relu6": "x", "Elu": "y", "Selu": "y", "Softsign": "x"}


def _act_spec(typ):
    """(forward kernel, *Grad kernel, whether *Grad takes the input (else the output))."""
    return (get_op_def(typ).kernel, get_op_def(typ + "Grad").kernel, _ACT_OPS[typ] == "x")


def _cand_fwd(spec, z):
    """`activation`(z) and what its gradient needs (z or the value)."""
    if spec is None:
        return np.tanh(z), None
    y = spec[0](z)
    return y, (z if spec[2] else None)


def _cand_bwd(spec, y, x, dy, one):
    """d activation: TanhGrad's dy (1 - y^2), else the *Grad kernel."""
    if spec is None:
        return dy * (one - y * y)
    return spec[1](dy, x if spec[2] else y)


def _act_fwd(spec, z, dt):
    """The activation's value and what its gradient needs (the plain loop's kernels)."""
    if spec[0] == "sig":   # the Sigmoid kernel's formula
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(dt, copy=False), None
    c1, c2, hi, lo = spec[1:]
    a = np.add(np.multiply(c1, z), c2)
    mn = np.minimum(a, hi)
    return np.maximum(mn, lo), (a, mn)


def _act_bwd(spec, y, kept, dy, dt):
    """dz from d act(z): SigmoidGrad, or hard_sigmoid's Maximum / Minimum / Mul grads."""
    if spec[0] == "sig":
        return dy * (y * (dt.type(1) - y))
    c1, c2, hi, lo = spec[1:]
    a, mn = kept
    zero = np.zeros((), dt)
    # Maximum's gradient passes dy where mn >= lo, Minimum's where a <= hi: dy where both
    # hold, else 0 (one Select for the two)
    both = np.greater_equal(mn, lo)
    np.logical_and(both, np.less_equal(a, hi), out=both)
    return np.multiply(c1, np.where(both, dy, zero))


def _addn(xs):   # the AddN kernel
    if len(xs) == 1:
        return xs[0]
    out = np.add(xs[0], xs[1])
    for x in xs[2:]:
        np.add(out, x, out=out)
    return out


# -- keras LSTMCell implementation=1, batched over the steps -------------------------------
def _same_spec(a, b):
    if a[0] != b[0] or len(a) != len(b):
        return False
    return all(x.dtype == y.dtype and np.array_equal(x, y) for x, y in zip(a[1:], b[1:]))


def batched_ok(kind, acts, bsz, dx, units, gs):
    """Whether the batched runner gives the per-step loop's bits (see the module doc)."""
    if kind != "klstm" or len(gs) != 4 or min(bsz, dx, units) < 2:
        return False
    if not all(_same_spec(acts[0], a) for a in acts[1:]):
        return False
    if any(g["rb"] is not None for g in gs):
        return False
    return bsz * units * max(dx, units) < _threads._MIN_SPLIT


class Tape:
    """What the batched forward keeps for the backward."""

    __slots__ = ("x", "xin", "hin", "steps")

    def __init__(self, x, xin, hin, steps):
        self.x, self.xin, self.hin, self.steps = x, xin, hin, steps


# a step's gate buffer [4, batch, units]: the input, forget and output gates first (one
# activation call over the three), the candidate last
_POS = (0, 1, 3, 2)   # buffer position of gate i, f, c, o


def forward(gs, xs, h, c, acts, cand, dt, ms, base, out_all):
    """The steps; returns (h_all, c_all, tape, base) (out_all, when masked, filled)."""
    multiply, where, add = np.multiply, np.where, np.add
    steps = len(xs)
    bsz, u = h.shape
    X = np.stack(xs)
    xin = [X if g["dp"] is None else multiply(X, g["dp"]) for g in gs]
    A = np.empty((steps, 4, bsz, u), dt)
    for gi, g in enumerate(gs):   # MatMul(xin_g, K_g) [+ b_g], every step
        a = np.matmul(xin[gi], g["k"][0])
        if g["b"] is not None:
            np.add(a, g["b"][0].reshape(-1), out=A[:, _POS[gi]])
        else:
            A[:, _POS[gi]] = a
    hin = [None if g["rdp"] is None else np.empty((steps, bsz, u), dt) for g in gs]
    h_all = np.empty((steps + 1, bsz, u), dt)
    c_all = np.empty((steps + 1, bsz, u), dt)
    h_all[0], c_all[0] = h, c
    spec = acts[0]
    # the recurrent kernels' blocks as the plain loop has them (views: a contiguous copy
    # can change BLAS's sums)
    rks = [(_POS[gi], g["rk"][0], g["rdp"]) for gi, g in enumerate(gs)]
    matmul = np.matmul   # below the split size, as threads.matmul
    tape = []
    for s in range(steps):
        hp, cp = h_all[s], c_all[s]
        z = np.empty((4, bsz, u), dt)
        a_s = A[s]
        for gi, (k, rk, rdp) in enumerate(rks):   # z_g = xb_g + MatMul(hin_g, RK_g)
            if rdp is None:
                add(a_s[k], matmul(hp, rk), out=z[k])
            else:
                hi = hin[gi][s] = multiply(hp, rdp)
                add(a_s[k], matmul(hi, rk), out=z[k])
        gates, kept = _act_fwd(spec, z[:3], dt)
        tz, tzk = _cand_fwd(cand, z[3])
        ig, fg, og = gates[0], gates[1], gates[2]
        cn = add(multiply(fg, cp), multiply(ig, tz))
        tc, tck = _cand_fwd(cand, cn)
        if ms is None:
            multiply(og, tc, out=h_all[s + 1])
            c_all[s + 1] = cn
        else:   # Select(mask, new, old): the output and the states
            hn = multiply(og, tc)
            base = out_all[s] = where(ms[s], hn, base)
            h_all[s + 1] = where(ms[s], hn, hp)
            c_all[s + 1] = where(ms[s], cn, cp)
        tape.append((gates, kept, tz, tc, tzk, tck))
    return h_all, c_all, Tape(X, xin, hin, tape), base


def _sum_back(stack):
    """The per-step terms (step order) summed last step first (WhileGrad's order)."""
    return np.add.reduce(np.ascontiguousarray(stack[::-1]), axis=0)


def _row_sums(dz_all):
    """Each step's and gate's Sum over the batch rows, [steps, 4, units]: the rows added
    first to last, as the per-step Sum(dz, axis 0) (NumPy's outer-axis reduction) adds
    them; row by row up to 256 rows (NumPy's reduction over the strided middle axis of
    the whole buffer is ~10x slower)."""
    bsz = dz_all.shape[2]
    if bsz > 256:
        return np.add.reduce(dz_all, axis=2)
    acc = dz_all[:, :, 0].copy()
    for r in range(1, bsz):
        np.add(acc, dz_all[:, :, r], out=acc)
    return acc


def backward(gs, tape, h_all, c_all, dh, dc, acts, cand, dt, grads, want_x, orders,
             ts, gel, ms, dprev):
    """The steps back; returns (dh, dc, dprev, dx per step or None)."""
    multiply, add, where = np.multiply, np.add, np.where
    matmul = np.matmul   # below the split size, as threads.matmul
    h_order, x_order = orders
    steps, bsz, u = len(ts), h_all.shape[1], h_all.shape[2]
    one, zero = dt.type(1), dt.type(0)
    spec = acts[0]
    rks = [(_POS[gi], g["rk"][0].T, g["rdp"]) for gi, g in enumerate(gs)]
    dz_all = np.empty((steps, 4, bsz, u), dt)
    dy = np.empty((3, bsz, u), dt)   # d act(z) of the i, f, o gates
    dhin_raw = [None if g["rdp"] is None else np.empty((steps, bsz, u), dt) for g in gs]
    for s in range(steps - 1, -1, -1):
        gout = gel.get(ts[s])
        if ms is None:
            dhn = dh if gout is None else add(dh, gout)
        else:   # the Selects' gradients: to the new values where the mask holds
            M = ms[s]
            if gout is None or dprev is None:
                d_out = gout if dprev is None else dprev
            else:
                d_out = add(gout, dprev)   # two terms: any AddN order, the same bits
            if dprev is not None:
                dprev = where(M, zero, d_out)
            dhn = add(where(M, d_out, zero), where(M, dh, zero))
            dh_copy = where(M, zero, dh)
            dc_copy = where(M, zero, dc)
            dc = where(M, dc, zero)
        gates, kept, tz, tc, tzk, tck = tape.steps[s]
        ig, fg, og = gates[0], gates[1], gates[2]
        multiply(dhn, tc, out=dy[2])
        dtc = multiply(og, dhn)
        dcn = add(dc, _cand_bwd(cand, tc, tck, dtc, one))
        multiply(dcn, c_all[s], out=dy[1])
        dc = multiply(fg, dcn)
        if ms is not None:
            dc = add(dc, dc_copy)
        multiply(dcn, tz, out=dy[0])
        dtz = multiply(ig, dcn)
        dz = dz_all[s]
        dz[:3] = _act_bwd(spec, gates, kept, dy, dt)
        dz[3] = _cand_bwd(cand, tz, tzk, dtz, one)
        hs = {}
        for gi, (k, rkt, rdp) in enumerate(rks):
            dhin = matmul(dz[k], rkt)
            if rdp is not None:
                dhin_raw[gi][s] = dhin
                dhin = multiply(dhin, rdp)
            hs[gi] = dhin
        if ms is not None:
            hs["copy"] = dh_copy
        dh = _addn([hs[k] for k in h_order])
    hp_all = h_all[:-1]
    dxs = {}
    sums = None
    if any(g["b"] is not None and (gi, "b") in grads.blocks for gi, g in enumerate(gs)):
        sums = _row_sums(dz_all)
    for gi, g in enumerate(gs):
        dzg = dz_all[:, _POS[gi]]
        if g["b"] is not None and (gi, "b") in grads.blocks:
            grads.add(gi, "b", _sum_back(sums[:, _POS[gi]]))
        need_dx = want_x or (g["dp"] is not None and (gi, "dp") in grads.blocks)
        if need_dx:
            dx = np.matmul(dzg, g["k"][0].T)
        if (gi, "k") in grads.blocks:
            xin = tape.xin[gi]
            grads.add(gi, "k", _sum_back(np.matmul(xin.transpose(0, 2, 1), dzg)))
        if (gi, "rk") in grads.blocks:
            hin = hp_all if g["rdp"] is None else tape.hin[gi]
            grads.add(gi, "rk", _sum_back(np.matmul(hin.transpose(0, 2, 1), dzg)))
        if g["dp"] is not None and need_dx:
            if (gi, "dp") in grads.blocks:
                grads.add(gi, "dp", _sum_back(multiply(tape.x, dx)))
            dx = multiply(dx, g["dp"])
        if g["rdp"] is not None and (gi, "rdp") in grads.blocks:
            grads.add(gi, "rdp", _sum_back(multiply(hp_all, dhin_raw[gi])))
        if need_dx:
            dxs[gi] = dx
    dx_all = _addn([dxs[k] for k in x_order]) if want_x else None
    return dh, dc, dprev, dx_all
