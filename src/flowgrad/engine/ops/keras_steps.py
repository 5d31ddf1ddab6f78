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
elementwise math on one [4, batch, units] buffer (the input, forget and output gates
first: their activation and its gradient one call each) and the four `dz_g U_g^T`
products. With a second core the backward hands its batched work to a side lane
(threads.SideLane) chunk by chunk as the loop finishes the chunk's steps.

Taken only where every dimension is at least 2 (a dimension of 1 turns a product into a
BLAS vector call or NumPy's own loop, whose sums differ from the per-step ones) and a
step's products are below the intra-op split size (there the plain loop's products are
split across threads). The kernels' column blocks stay the views the plain loop
multiplies: a contiguous copy of a recurrent kernel's block was measured to change
OpenBLAS's sums.
"""
from __future__ import annotations

import numpy as np

from ..framework import threads as _threads
from ..framework.registry import get_op_def
from . import eigen_math as _eigen_math
from .elementwise import sigmoid_grad_fix, sigmoid_tail
from .linalg import loop_product, one_column_product_bt


def _steps_mm(a, b):
    """Each step's MatMul of a [steps, m, k] by b [k, n] or [steps, k, n], with the plain
    loop's bits: float32 is TF's contraction, float64 Eigen's double GEBP
    (linalg.loop_product), decided on one step's [m, n]; else NumPy's batched GEMM, one
    BLAS product per step."""
    m, n = a.shape[-2], b.shape[-1]
    if a.dtype != b.dtype or a.dtype not in (np.float32, np.float64) or m < 2 or n < 2 or \
            a.ndim != 3:
        return np.matmul(a, b)
    if b.ndim == 2:
        flat = loop_product(a.reshape(-1, a.shape[-1]), b, (m, n))
        return flat.reshape(a.shape[0], m, n)
    return np.stack([loop_product(x, y) for x, y in zip(a, b)])


def _product_bt(matmul, a, b):
    """a times b transposed with TF's MatMul(a, b, transpose_b=True) bits: Eigen's gemv for
    one output column (an input or state of depth 1), else `matmul`."""
    out = one_column_product_bt(a, b)
    return matmul(a, b.T) if out is None else out


# Keras activations other than tanh whose gradient is one *Grad op on (dy, y or x)
_ACT_OPS = {"Relu": "y", "Relu6": "x", "Elu": "y", "Selu": "y", "Softsign": "x"}


def _act_spec(typ):
    """(forward kernel, *Grad kernel, whether *Grad takes the input (else the output))."""
    return (get_op_def(typ).kernel, get_op_def(typ + "Grad").kernel, _ACT_OPS[typ] == "x")


def _cand_fwd(spec, z):
    """`activation`(z) and what its gradient needs (z or the value)."""
    if spec is None:
        return _eigen_math.tanh_out(z), None
    y = spec[0](z)
    return y, (z if spec[2] else None)


def _cand_bwd(spec, y, x, dy, one):
    """d activation: TanhGrad's dy (1 - y^2), else the *Grad kernel."""
    if spec is None:
        return dy * (one - y * y)
    return spec[1](dy, x if spec[2] else y)


def _sigmoid32(z):
    """The float32 or float64 Sigmoid kernel on z, or on each z[k] where z stacks gates
    (its tail is each gate tensor's own)."""
    if z.ndim <= 2 or z[0].size % (8 if z.dtype == np.float32 else 4) == 0:
        # (no gate with a tail: elementwise)
        return _eigen_math.sigmoid(z)
    out = np.empty_like(z)
    for k in range(z.shape[0]):
        out[k] = _sigmoid32(z[k])
    return out


def _act_fwd(spec, z, dt):
    """The activation's value and what its gradient needs (the plain loop's kernels)."""
    if spec[0] == "sig":   # the Sigmoid kernel's formula
        if dt in (np.float32, np.float64):   # TF's Eigen logistic on each gate's own
            # (batch, units) tensor
            return _sigmoid32(z), None
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(dt, copy=False), None
    c1, c2, hi, lo = spec[1:]
    a = np.add(np.multiply(c1, z), c2)
    mn = np.minimum(a, hi)
    return np.maximum(mn, lo), (a, mn)


def _act_bwd(spec, y, kept, dy, dt, out=None):
    """dz from d act(z): SigmoidGrad, or hard_sigmoid's Maximum / Minimum / Mul grads
    (into `out` if given)."""
    if spec[0] == "sig":   # SigmoidGrad of each gate's (batch, units) op (y may stack gates)
        tail = sigmoid_tail(y.shape[-2:], dt)
        if tail is not None:
            tail = (Ellipsis,) + tail
            dyt = dy[tail]
        res = np.multiply(dy, y * (dt.type(1) - y), out=out)
        sigmoid_grad_fix(res, y, dyt if tail is not None else None, tail)
        return res
    c1, c2, hi, lo = spec[1:]
    a, mn = kept
    zero = np.zeros((), dt)
    # Maximum's gradient passes dy where mn >= lo, Minimum's where a <= hi: dy where both
    # hold, else 0 (one Select for the two)
    both = np.greater_equal(mn, lo)
    np.logical_and(both, np.less_equal(a, hi), out=both)
    return np.multiply(c1, np.where(both, dy, zero), out=out)


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
        a = _steps_mm(xin[gi], g["k"][0])
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
    matmul = loop_product   # MatMul's kernel (below the split size)
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
        if ms is None:
            cn = add(multiply(fg, cp), multiply(ig, tz), out=c_all[s + 1])
            tc, tck = _cand_fwd(cand, cn)
            multiply(og, tc, out=h_all[s + 1])
        else:   # Select(mask, new, old): the output and the states
            cn = add(multiply(fg, cp), multiply(ig, tz))
            tc, tck = _cand_fwd(cand, cn)
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
    them; row by row up to 256 rows over more than 16 steps (there NumPy's reduction
    over the middle axis is slower: 0.86 against 0.55 ms for 80 x 4 x 64 x 32)."""
    steps, _, bsz, _ = dz_all.shape
    if bsz > 256 or steps <= 16:
        return np.add.reduce(dz_all, axis=2)
    acc = dz_all[:, :, 0].copy()
    for r in range(1, bsz):
        np.add(acc, dz_all[:, :, r], out=acc)
    return acc


class _Post:
    """The backward's batched work over a range of steps [lo, hi): input gradients,
    weight / bias / dropout-mask gradient terms; run chunk by chunk from the last steps
    to the first, each term sum continuing the previous chunk's (the same additions in
    the same order as one pass over all steps)."""

    def __init__(self, gs, tape, h_all, dz_all, dhin_raw, grads, want_x, x_order, dt):
        self.gs, self.tape, self.dz_all, self.dhin_raw = gs, tape, dz_all, dhin_raw
        self.hp_all = h_all[:-1]
        self.grads, self.want_x, self.x_order, self.dt = grads, want_x, x_order, dt
        steps, _, bsz, u = dz_all.shape
        self.dx = np.empty((steps, bsz, gs[0]["k"][0].shape[0]), dt) if want_x else None
        self.acc = {}
        blocks = grads.blocks
        self.want_b = any(g["b"] is not None and (gi, "b") in blocks
                          for gi, g in enumerate(gs))

    def _sum(self, key, terms):
        """acc[key] + the terms of steps hi-1 .. lo (terms in step order)."""
        prev = self.acc.get(key)
        rev = terms[::-1]
        if prev is not None:
            rev = np.concatenate([prev[None], rev])
        self.acc[key] = np.add.reduce(np.ascontiguousarray(rev), axis=0)

    def run(self, lo, hi):
        if hi <= lo:
            return
        gs, tape, blocks, multiply = self.gs, self.tape, self.grads.blocks, np.multiply
        dz_all = self.dz_all[lo:hi]
        hp_all = self.hp_all[lo:hi]
        sums = _row_sums(dz_all) if self.want_b else None
        dxs = {}
        for gi, g in enumerate(gs):
            dzg = dz_all[:, _POS[gi]]
            if g["b"] is not None and (gi, "b") in blocks:
                self._sum((gi, "b"), sums[:, _POS[gi]])
            need_dx = self.want_x or (g["dp"] is not None and (gi, "dp") in blocks)
            if need_dx:
                dx = _product_bt(_steps_mm, dzg, g["k"][0])
            if (gi, "k") in blocks:
                xin = tape.xin[gi][lo:hi]
                self._sum((gi, "k"), _steps_mm(xin.transpose(0, 2, 1), dzg))
            if (gi, "rk") in blocks:
                hin = hp_all if g["rdp"] is None else tape.hin[gi][lo:hi]
                self._sum((gi, "rk"), _steps_mm(hin.transpose(0, 2, 1), dzg))
            if g["dp"] is not None and need_dx:
                if (gi, "dp") in blocks:
                    self._sum((gi, "dp"), multiply(tape.x[lo:hi], dx))
                dx = multiply(dx, g["dp"])
            if g["rdp"] is not None and (gi, "rdp") in blocks:
                self._sum((gi, "rdp"), multiply(hp_all, self.dhin_raw[gi][lo:hi]))
            if need_dx:
                dxs[gi] = dx
        if self.want_x:
            self.dx[lo:hi] = _addn([dxs[k] for k in self.x_order])

    def finish(self):
        for key, total in self.acc.items():
            self.grads.add(key[0], key[1], total)


def _lane_chunk(gs, steps, bsz, u):
    """Steps per chunk handed to a side lane (threads.SideLane) while the backward loop
    goes on, None for no lane: at least 2^21 multiply-adds of batched products per chunk
    (below that the hand-off costs more than it saves) and a second core that other
    processes leave free (on a busy machine the lane's thread only adds CPU time: +7%
    measured at load ~6)."""
    dx = gs[0]["k"][0].shape[0]
    per_step = 4 * bsz * u * (2 * dx + u)
    chunk = max(4, steps // 8)
    if steps < 2 * chunk or per_step * chunk < (1 << 21):
        return None
    if _threads.free_cores() < 1.5:
        return None
    return chunk



def masked_step(M, gout, dprev, dh, dc, zero):
    """A masked step's Select gradients (the per-step and the batched backward loops):
    the output and carried gradients go to the new values where the mask `M` holds and
    to the copied previous state elsewhere. Returns (dhn, dprev, dh_copy, dc_copy, dc);
    dc None (no cell state) gives None for both of its parts."""
    where, add = np.where, np.add
    if gout is None or dprev is None:
        d_out = gout if dprev is None else dprev
    else:
        d_out = add(gout, dprev)   # two terms: any AddN order, the same bits
    if dprev is not None:
        dprev = where(M, zero, d_out)
    dhn = add(where(M, d_out, zero), where(M, dh, zero))
    dh_copy = where(M, zero, dh)
    if dc is None:
        return dhn, dprev, dh_copy, None, None
    return dhn, dprev, dh_copy, where(M, zero, dc), where(M, dc, zero)

def backward(gs, tape, h_all, c_all, dh, dc, acts, cand, dt, grads, want_x, orders,
             ts, gel, ms, dprev):
    """The steps back; returns (dh, dc, dprev, dx per step or None)."""
    steps, bsz, u = len(ts), h_all.shape[1], h_all.shape[2]
    dz_all = np.empty((steps, 4, bsz, u), dt)
    dhin_raw = [None if g["rdp"] is None else np.empty((steps, bsz, u), dt) for g in gs]
    post = _Post(gs, tape, h_all, dz_all, dhin_raw, grads, want_x, orders[1], dt)
    chunk = _lane_chunk(gs, steps, bsz, u)
    lane = None if chunk is None else _threads.SideLane.open()
    if lane is None:
        dh, dc, dprev = _steps_back(gs, tape, c_all, dh, dc, acts, cand, dt, orders[0],
                                    ts, gel, ms, dprev, dz_all, dhin_raw, None)
        post.run(0, steps)
    else:   # the chunks' batched work on the lane while the loop goes on
        with lane:
            dh, dc, dprev, lo = _steps_back(
                gs, tape, c_all, dh, dc, acts, cand, dt, orders[0], ts, gel, ms, dprev,
                dz_all, dhin_raw, (lane, chunk, post))
        post.run(0, lo)
    post.finish()
    return dh, dc, dprev, post.dx


def _steps_back(gs, tape, c_all, dh, dc, acts, cand, dt, h_order, ts, gel, ms, dprev,
                dz_all, dhin_raw, lane):
    """The recurrence, last step first: dz_all (and the dropped-out dh terms) filled;
    returns (dh, dc, dprev), with a lane (lane, chunk, post) also the first step whose
    chunk was not handed to it."""
    multiply, add = np.multiply, np.add
    matmul = loop_product   # MatMul's kernel (below the split size)
    steps, _, bsz, u = dz_all.shape
    one, zero = dt.type(1), dt.type(0)
    spec = acts[0]
    rks = [(_POS[gi], g["rk"][0].T, g["rdp"]) for gi, g in enumerate(gs)]
    dy = np.empty((3, bsz, u), dt)   # d act(z) of the i, f, o gates
    lo = steps
    for s in range(steps - 1, -1, -1):
        gout = gel.get(ts[s])
        if ms is None:
            dhn = dh if gout is None else add(dh, gout)
        else:
            dhn, dprev, dh_copy, dc_copy, dc = masked_step(ms[s], gout, dprev, dh, dc, zero)
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
        _act_bwd(spec, gates, kept, dy, dt, out=dz[:3])
        dz[3] = _cand_bwd(cand, tz, tzk, dtz, one)
        hs = {}
        for gi, (k, rkt, rdp) in enumerate(rks):
            dhin = _product_bt(matmul, dz[k], rkt.T)
            if rdp is not None:
                dhin_raw[gi][s] = dhin
                dhin = multiply(dhin, rdp)
            hs[gi] = dhin
        if ms is not None:
            hs["copy"] = dh_copy
        dh = _addn([hs[k] for k in h_order])
        if lane is not None and lo - s >= lane[1]:
            lane[0].put(lane[2].run, s, lo)
            lo = s
    if lane is None:
        return dh, dc, dprev
    return dh, dc, dprev, lo
