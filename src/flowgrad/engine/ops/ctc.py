"""CTC ops (TF 1.14's ctc_ops): `CTCLoss` and `CTCBeamSearchDecoder` (the greedy decoder is
in sparse.py).

- `CTCLoss`: the connectionist temporal classification loss of logits [max_time, batch,
  num_classes] (softmax taken per step, the last class is the blank) against labels given as
  a SparseTensor's indices and values, and its gradient w.r.t. the logits (a second output,
  as TF's fused kernel), in TF's bits: TF 1.14's CTCLossCalculator works in float32, one
  batch entry at a time: the softmax of each step with Eigen's exp (pexp on packets of 8,
  libm's expf on the rest) and Eigen's packet sum, log(alpha) and log(beta) with libm's logf
  and its LogSumExp (a + log1pf(expf(b - a)), the larger first), the gradient y - expf(log
  posterior - log p). Above EXACT_WORK state-steps the same float32 operations run
  vectorized over the batch and the states of each time step (the same bits; glibc's log1pf
  ported to float32 array operations), faster from about 1,500 state-steps.
- `CTCBeamSearchDecoder`: TF's prefix beam search (the default scorer): the `top_paths`
  best label sequences per batch entry as SparseTensor components, and their scores, in
  TF's float32 rounding: each step's log-softmax (the max plus logf of libm's expf summed in
  order), float sums and ctc::LogSumExp as in CTCLoss; the blank term is (old total + raw
  logit) - log-sum-exp, rounded twice, as TF's (matched against the oracle).

The gradient of `CTCLoss` is TF's: the gradient output scaled by the loss's incoming
gradient, through a `PreventGradient` (so second order raises LookupError, as TF 1.14).
"""
from __future__ import annotations

__all__ = ["ctc_loss", "ctc_beam_search_decoder", "prevent_gradient"]

import ctypes
import gc
import heapq
import itertools

import numpy as np

from . import eigen_math as _em
from ..framework import dtypes as _dt
from ..framework import errors
from ..framework import graph_records as _records
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import _scope
from ._base import apply, apply_op, to_tensor, typed_input, unary_same
from .elementwise import multiply
from .shape import expand_dims

_NEG_INF = -np.inf
# state-steps (sum over the batch of max_time * (2 L + 1)) up to which CTCLoss runs TF's
# float32 recursion value by value; above, the same recursion vectorized (same bits)
EXACT_WORK = 1 << 11


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _typed(op_type, t, arg, dtype):
    if t.dtype.base_dtype is not dtype:
        raise TypeError(f"Input '{arg}' of '{op_type}' Op has type {t.dtype.name} that does "
                        f"not match expected type of {dtype.name}.")


def _rank(t, r):
    if t.shape.ndims is not None and t.shape.ndims != r:
        raise ValueError(f"Shape must be rank {r} but is rank {t.shape.ndims}")


def _merge(a, b):
    if a is not None and b is not None and a != b:
        raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
    return a if a is not None else b


def _dim(t, i):
    return t.shape.as_list()[i] if t.shape.ndims is not None else None


# -- PreventGradient ---------------------------------------------------------------------------
# the PreventGradients a gradient rule of flowgrad builds for TF's graph but differentiates
# as an Identity (the sparse cross entropy's: flowgrad's second order works where TF raises);
# marked on the op when the rule builds it (a copy, a user's tf.prevent_gradient: not marked)
_PASSES = _records.GraphRecords("_PREVENT_GRADIENT_PASSES")


def _prevent_grad(op, grad):
    if op in _PASSES:
        return [grad]
    raise LookupError("Gradient explicitly disabled. Reason: %r"
                      % op._get_attr("message").encode("utf-8"))


register_op("PreventGradient", infer=unary_same, kernel=lambda x, **_: x, grad=_prevent_grad,
            aliases_input=True)


def prevent_gradient(input, message="", name=None):  # noqa: A002 - TF's name
    """The value of `input`; differentiating through it raises LookupError with `message`."""
    x = to_tensor(input)
    return apply("PreventGradient", [x], {"message": str(message)}, name or "PreventGradient")


def passing_prevent_gradient(x, message):
    """TF's PreventGradient node on `x`, which flowgrad's autodiff passes as an Identity (for
    a gradient rule whose TF graph has one but whose second order flowgrad computes)."""
    t = apply("PreventGradient", [x], {"message": message})
    _PASSES[t.op] = True
    return t


# -- CTCLoss -------------------------------------------------------------------------------------
def _ctc_loss_infer(inputs, attrs):
    x, ind, vals, seq = inputs
    for t, arg, dt in ((x, "inputs", _dt.float32), (ind, "labels_indices", _dt.int64),
                       (vals, "labels_values", _dt.int32), (seq, "sequence_length", _dt.int32)):
        _typed("CTCLoss", t, arg, dt)
    _rank(x, 3)
    _rank(ind, 2)
    _rank(vals, 1)
    _rank(seq, 1)
    _merge(_dim(ind, 0), _dim(vals, 0))
    batch = _merge(_dim(x, 1), _dim(seq, 0))
    dims = x.shape.as_list() if x.shape.ndims is not None else [None, None, None]
    return [(_dt.float32, TensorShape([batch])),
            (_dt.float32, TensorShape([dims[0], batch, dims[2]]))]


def _labels_by_batch(ind, vals, batch):
    """TF's checks of the label SparseTensor and its values grouped by batch entry."""
    n = ind.shape[0]
    if n != vals.shape[0]:
        raise _invalid("labels_indices and labels_values must contain the same number of "
                       f"rows, but saw shapes: [{n},{ind.shape[1]}] vs. [{vals.shape[0]}]")
    width = int(ind[:, 1].max()) + 1 if n else 0
    bounds = (batch, width)
    ind = ind.astype(np.int64, copy=False)
    bad = ((ind < 0) | (ind >= np.array(bounds))).any(axis=1) if n else np.zeros(0, bool)
    # lexicographic order of consecutive rows: -1 out of order, 0 repeated
    order = np.zeros(n, np.int64)
    if n > 1:
        d0 = np.sign(ind[1:, 0] - ind[:-1, 0])
        d1 = np.sign(ind[1:, 1] - ind[:-1, 1])
        order[1:] = np.where(d0 != 0, d0, d1)
    else:
        order[:] = 1
    if n:
        order[0] = 1
    first = np.flatnonzero(bad | (order <= 0))
    if first.size:   # TF reports the first bad row, out of bounds before out of order
        i = int(first[0])
        where = "[" + ",".join(str(int(v)) for v in ind[i]) + "]"
        if bad[i]:
            raise _invalid(f"label SparseTensor is not valid: indices[{i}] = {where} is out of "
                           f"bounds: need 0 <= index < [{batch},{width}]")
        if order[i] < 0:
            raise _invalid(f"label SparseTensor is not valid: indices[{i}] = {where} is "
                           "out of order")
        raise _invalid(f"label SparseTensor is not valid: indices[{i}] = {where} is "
                       "repeated")
    labels = [[] for _ in range(batch)]
    for b, v in zip(ind[:, 0].tolist(), np.asarray(vals).tolist()):
        labels[b].append(v)
    return labels


def _targets(labels, seq, num_classes, collapse, ignore_longer):
    """Each batch entry's target labels (TF's PopulateLPrimes checks, in its order)."""
    out = []
    for b, label in enumerate(labels):
        if not label:
            raise _invalid(f"Labels length is zero in batch {b}")
        lab, finished = [], False
        for i, v in enumerate(label):
            if i == 0 or not collapse or v != label[i - 1]:
                if v >= num_classes - 1:
                    finished = True
                elif finished:
                    raise _invalid(
                        "Saw a non-null label (index >= num_classes - 1) following a null "
                        f"label, batch: {b} num_classes: {num_classes} labels: "
                        f"{','.join(map(str, label))} labels seen so far: "
                        f"{','.join(map(str, lab))}")
                else:
                    lab.append(v)
        if any(v < 0 for v in lab):
            raise _invalid(f"All labels must be nonnegative integers, batch: {b} labels: "
                           f"{','.join(map(str, lab))}")
        if not ignore_longer and len(label) > seq[b]:
            raise _invalid(f"Not enough time for target transition sequence (required: "
                           f"{len(label)}, available: {seq[b]}){b}You can turn this error "
                           "into a warning by using the flag ignore_longer_outputs_than_inputs")
        out.append(lab)
    return out


def ctc_loss_and_grad(x, labels, seq, merge_repeated=True):
    """Loss [B] and gradient [T, B, C] of logits `x` [T, B, C] for target label lists.

    Vectorized over the batch and the states of the blank-extended labels l' (2L + 1 states:
    a blank before each label and one at the end): alpha (including the emission of step t)
    and beta (excluding it) as TF's calculator, so that alpha * beta is the posterior mass
    of a state at step t; in probability space, every step's row rescaled to sum 1 (the
    scales' logs add up to log p), in float64.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _ctc_loss_and_grad(x, labels, seq, merge_repeated)


def _ctc_loss_and_grad(x, labels, seq, merge_repeated):
    max_time, batch, num_classes = x.shape
    blank = num_classes - 1
    shifted = x - x.max(axis=2, keepdims=True)
    e = np.exp(shifted)
    y = e / e.sum(axis=2, keepdims=True)  # in x's dtype, as TF's kernel
    lens = np.array([2 * len(lab) + 1 for lab in labels], np.int64)
    umax = int(lens.max()) if batch else 1
    lp = np.full((batch, umax), blank, np.int64)
    for b, lab in enumerate(labels):
        if lab:
            lp[b, 1:2 * len(lab):2] = lab
    u = np.arange(umax)
    valid = u[None, :] < lens[:, None]
    is_blank = lp == blank
    stay = np.broadcast_to(bool(merge_repeated) | is_blank, (batch, umax))
    same2 = np.zeros((batch, umax), bool)
    same2[:, 2:] = lp[:, 2:] == lp[:, :-2]
    skip = (u[None, :] > 1) & ~is_blank & ~(bool(merge_repeated) & same2)
    # emissions em[t, b, u] = y[t, b, l'[b, u]] (0 past a row's states)
    y64 = y.astype(np.float64)
    em = y64[:, np.arange(batch)[:, None], lp] * valid
    tb = np.asarray(seq, np.int64)
    stay_f = stay.astype(np.float64)
    skip_f = skip[:, 2:].astype(np.float64)
    # alpha (emission of step t included) and beta (excluded), each row rescaled to sum 1
    # at every step (Rabiner's scaling: the log posterior needs no log-sum-exp per step);
    # log p(labels) is the sum of alpha's log scales and the end states' last mass
    alpha = np.zeros((max_time, batch, umax))
    log_p = np.zeros(batch)
    end = np.zeros((batch, umax), bool)
    end[np.arange(batch), lens - 1] = True
    end[np.arange(batch), np.maximum(lens - 2, 0)] = True
    end &= valid
    alive = tb > 0
    if max_time:
        a = alpha[0]
        a[:, :2] = em[0, :, :2]
        c = a.sum(axis=1)
        log_p += np.log(np.where(alive, c, 1.0))
        a /= np.where(c > 0, c, 1.0)[:, None]
    last = np.where(alive[:, None], alpha[0], 0.0)
    for t in range(1, max_time):
        p = alpha[t - 1]
        a = alpha[t]
        np.multiply(p, stay_f, out=a)
        a[:, 1:] += p[:, :-1]
        a[:, 2:] += p[:, :-2] * skip_f
        a *= em[t]
        live_t = t < tb
        c = a.sum(axis=1)
        log_p += np.log(np.where(live_t, c, 1.0))
        a /= np.where(c > 0, c, 1.0)[:, None]
        if (t == tb - 1).any():
            last[t == tb - 1] = a[t == tb - 1]
    log_p += np.log((last * end).sum(axis=1))
    log_p[~alive] = _NEG_INF
    beta = np.zeros((max_time, batch, umax))
    init = end.astype(np.float64)
    nxt = np.zeros((batch, umax))
    for t in range(max_time - 1, -1, -1):
        bt = beta[t]
        if t + 1 < max_time:
            q = beta[t + 1] * em[t + 1]
            np.multiply(q, stay_f, out=bt)
            bt[:, :-1] += q[:, 1:]
            bt[:, :-2] += q[:, 2:] * skip_f
            d = bt.sum(axis=1)
            bt /= np.where(d > 0, d, 1.0)[:, None]
        else:
            bt[:] = nxt
        ends = t == tb - 1
        if ends.any():
            bt[ends] = init[ends]
        bt[t >= tb] = 0.0
    loss = -log_p
    live = (np.arange(max_time)[:, None] < tb[None, :])  # [T, B]
    grad = np.where(live[:, :, None], y, 0).astype(np.float64)
    found = np.isfinite(log_p)
    # the posterior of each state at step t: alpha * beta over its row's sum
    post = alpha * beta
    z = post.sum(axis=2, keepdims=True)
    post /= np.where(z > 0, z, 1.0)
    post *= (found[None, :] & live)[:, :, None]
    onehot = (lp[:, :, None] == np.arange(num_classes)).astype(np.float64)  # [B, U, C]
    # sum over the states of each class: a batched matrix product [B, T, U] x [B, U, C]
    grad -= np.matmul(post.transpose(1, 0, 2), onehot).transpose(1, 0, 2)
    return loss, grad


def _f32(v, _c=ctypes.c_float):
    return _c(v).value


def _lse(a, b):
    """TF's ctc::LogSumExp of two float32 log probabilities."""
    if a == _NEG_INF:
        return b
    if b == _NEG_INF:
        return a
    if a > b:
        return _f32(a + _em.log1pf_scalar(_em.expf_scalar(_f32(b - a))))
    return _f32(b + _em.log1pf_scalar(_em.expf_scalar(_f32(a - b))))


def _eigen_vector_sum(e):
    """Eigen's redux (LinearVectorizedTraversal) of a contiguous aligned float32 vector:
    two packet accumulators over pairs of packets of 8, predux, then the tail in order."""
    n = e.size
    P = 8
    aligned = n // P * P
    if not aligned:
        r = e[0]
        for v in e[1:]:
            r = r + v
        return np.float32(r)
    aligned2 = n // (2 * P) * (2 * P)
    p0 = e[:P].copy()
    if aligned > P:
        p1 = e[P:2 * P].copy()
        for i in range(2 * P, aligned2, 2 * P):
            p0 += e[i:i + P]
            p1 += e[i + P:i + 2 * P]
        p0 += p1
        if aligned > aligned2:
            p0 += e[aligned2:aligned2 + P]
    while p0.size > 1:   # predux: halves added lane by lane
        h = p0.size // 2
        p0 = p0[:h] + p0[h:]
    r = p0[0]
    for v in e[aligned:]:
        r = r + v
    return np.float32(r)


def _tf_ctc_entry(x, lab, merge_repeated):
    """Loss and gradient [T, C] of one batch entry's logits x [T, C] (T its sequence length,
    T > 0), as TF 1.14's CTCLossCalculator computes them in float32."""
    T, C = x.shape
    blank = C - 1
    y = np.empty((T, C), np.float32)
    for t in range(T):
        row = x[t]
        e = _em.exp(row - row.max())
        y[t] = e / _eigen_vector_sum(e)
    ly = _em.libm_log(y).astype(np.float64).tolist()   # logf of each activation (DAZ)
    lp = [blank]
    for v in lab:
        lp += [v, blank]
    U = len(lp)
    stay = [merge_repeated or v == blank for v in lp]
    skip = [u > 1 and lp[u] != blank and not (merge_repeated and lp[u] == lp[u - 2])
            for u in range(U)]
    alpha = [[_NEG_INF] * U for _ in range(T)]
    alpha[0][0] = ly[0][blank]
    alpha[0][1] = ly[0][lp[1] if U > 1 else blank]
    for t in range(1, T):
        prev, cur, lyt = alpha[t - 1], alpha[t], ly[t]
        for u in range(max(0, U - 2 * (T - t)), min(U, 2 * (t + 1))):
            s = prev[u] if stay[u] else _NEG_INF
            if u > 0:
                s = _lse(s, prev[u - 1])
            if skip[u]:
                s = _lse(s, prev[u - 2])
            cur[u] = _f32(lyt[lp[u]] + s)
    beta = [[_NEG_INF] * U for _ in range(T)]
    for u in range(max(U - 2, 0), U):
        beta[T - 1][u] = 0.0
    for t in range(T - 2, -1, -1):
        nxt, cur, lyn = beta[t + 1], beta[t], ly[t + 1]
        for u in range(max(0, U - 2 * (T - t)), min(U, 2 * (t + 1))):
            b = cur[u]
            if stay[u]:
                b = _lse(b, _f32(nxt[u] + lyn[lp[u]]))
            if u + 1 < U:
                b = _lse(b, _f32(nxt[u + 1] + lyn[lp[u + 1]]))
            if u + 2 < U and lp[u] != blank and not (merge_repeated and lp[u] == lp[u + 2]):
                b = _lse(b, _f32(nxt[u + 2] + lyn[lp[u + 2]]))
            cur[u] = b
    log_p = _NEG_INF
    for u in range(U):
        log_p = _lse(log_p, _f32(alpha[0][u] + beta[0][u]))
    if log_p == _NEG_INF:
        return np.float32(np.inf), y
    grad = np.empty((T, C), np.float32)
    for t in range(T):
        ps = [_NEG_INF] * C
        at, bt = alpha[t], beta[t]
        for u in range(U):
            ps[lp[u]] = _lse(ps[lp[u]], _f32(at[u] + bt[u]))
        neg = np.array([_em.expf_scalar(_f32(v - log_p)) for v in ps], np.float32)
        grad[t] = y[t] - neg
    return np.float32(-log_p), grad


# -- the same float32 recursion, vectorized over the batch and the states of a time step
# (each state's operations and their order as in _tf_ctc_entry, so the bits are the same)
_F = np.float32
_LN2_HI, _LN2_LO = _F(6.9313812256e-01), _F(9.0580006145e-06)
_LP = [_F(v) for v in (6.6666668653e-01, 4.0000000596e-01, 2.8571429849e-01,
                       2.2222198546e-01, 1.8183572590e-01, 1.5313838422e-01, 1.4798198640e-01)]


def _log1pf_vec(x):
    """log1pf of float32 x >= 0 in float32 array operations, by fdlibm's float algorithm
    (s_log1pf.c, which glibc's sysdeps/ieee754/flt-32 and FreeBSD's msun use): the same bits
    as libm's, checked on 2 million values. The algorithm and its constants are fdlibm's:
    "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro,
    a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
    software is freely granted, provided that this notice is preserved."
    """
    x = np.asarray(x, _F)
    hx = x.view(np.int32)
    one, half = _F(1), _F(0.5)
    small = hx < 0x3ed413d7            # x < 0.41422: k = 0, f = x
    u = one + x
    hu = u.view(np.int32)
    k = (hu >> 23) - 127
    c = np.where(k > 0, one - (u - x), x - (u - one)) / u
    hu = hu & 0x007fffff
    low = hu < 0x3504f7
    k = np.where(low, k, k + 1)
    un = np.where(low, hu | 0x3f800000, hu | 0x3f000000).astype(np.int32).view(_F)
    hu = np.where(low, hu, (0x00800000 - hu) >> 2)
    f = np.where(small, x, un - one)
    k = np.where(small, 0, k)
    hu = np.where(small, 1, hu)
    c = np.where(small, _F(0), c).astype(_F)
    kf = k.astype(_F)
    hfsq = (half * f) * f
    s = f / (_F(2) + f)
    z = s * s
    r = _LP[6]
    for p in _LP[5::-1]:
        r = p + z * r
    r = z * r
    res = np.where(k == 0, f - (hfsq - s * (hfsq + r)),
                   kf * _LN2_HI - ((hfsq - (s * (hfsq + r) + (kf * _LN2_LO + c))) - f))
    tiny_f = hu == 0                   # |f| < 2**-20
    if tiny_f.any():
        rz = hfsq * (one - _F(0.66666666666666666) * f)
        fz = np.where(k == 0, f - rz, kf * _LN2_HI - ((rz - (kf * _LN2_LO + c)) - f))
        fz = np.where(f == 0, np.where(k == 0, _F(0), kf * _LN2_HI + (c + kf * _LN2_LO)), fz)
        res = np.where(tiny_f, fz, res)
    res = np.where(hx < 0x31000000, np.where(hx < 0x24800000, x, x - (x * x) * half), res)
    return res.astype(_F)


def _lse_vec(a, b):
    """_lse elementwise on float32 arrays."""
    hi = np.maximum(a, b)
    lo = np.minimum(a, b)
    d = lo - hi
    d[~np.isfinite(d)] = _F(0)
    res = hi + _log1pf_vec(_em.libm_exp(d))
    return np.where(a == _NEG_INF, b, np.where(b == _NEG_INF, a, res)).astype(_F)


def _eigen_row_sums(e):
    """_eigen_vector_sum of each row of a float32 [N, C] array."""
    n = e.shape[1]
    P = 8
    aligned = n // P * P
    if not aligned:
        r = e[:, 0].copy()
        for j in range(1, n):
            r += e[:, j]
        return r
    aligned2 = n // (2 * P) * (2 * P)
    p0 = e[:, :P].copy()
    if aligned > P:
        p1 = e[:, P:2 * P].copy()
        for i in range(2 * P, aligned2, 2 * P):
            p0 += e[:, i:i + P]
            p1 += e[:, i + P:i + 2 * P]
        p0 += p1
        if aligned > aligned2:
            p0 += e[:, aligned2:aligned2 + P]
    while p0.shape[1] > 1:
        h = p0.shape[1] // 2
        p0 = p0[:, :h] + p0[:, h:]
    r = p0[:, 0].copy()
    for j in range(aligned, n):
        r += e[:, j]
    return r


def _tf_ctc_vec(x, targets, seq, skipped, merge_repeated):
    """_tf_ctc's loss and gradient, the recursion vectorized over the batch and the states."""
    max_time, batch, num_classes = x.shape
    blank = num_classes - 1
    loss = np.zeros(batch, _F)
    grad = np.zeros(x.shape, _F)
    ids = [b for b in range(batch) if not skipped[b] and int(seq[b]) > 0]
    if not ids:
        return loss, grad
    nb = len(ids)
    tb = np.array([int(seq[b]) for b in ids], np.int64)
    T = int(tb.max())
    xs = np.ascontiguousarray(x[:T][:, ids], _F)               # [T, nb, C]
    rows = xs.reshape(-1, num_classes)
    shifted = rows - rows.max(axis=1, keepdims=True)
    body = num_classes // 8 * 8
    e = np.empty_like(shifted)
    if body:
        e[:, :body] = _em.exp(np.ascontiguousarray(shifted[:, :body]))
    if body < num_classes:
        e[:, body:] = _em.libm_exp(np.ascontiguousarray(shifted[:, body:]))
    y = (e / _eigen_row_sums(e)[:, None]).reshape(T, nb, num_classes)
    lps = [[blank] + [v for lab in targets[b] for v in (lab, blank)] for b in ids]
    ub = np.array([len(lp) for lp in lps], np.int64)
    U = int(ub.max())
    lp = np.full((nb, U), blank, np.int64)
    for i, row in enumerate(lps):
        lp[i, :len(row)] = row
    u = np.arange(U)
    valid = u[None, :] < ub[:, None]
    # logf of each activation a state reads (libm's, one value at a time, DAZ)
    ly = np.full((T, nb, U), _NEG_INF, _F)
    for i in range(nb):
        cls = np.unique(lp[i, :ub[i]])
        logs = _em.libm_log(y[:tb[i], i][:, cls])
        pos = np.searchsorted(cls, lp[i, :ub[i]])
        ly[:tb[i], i, :ub[i]] = logs[:, pos]
    is_blank = lp == blank
    stay = (merge_repeated | is_blank) & valid
    same2 = np.zeros((nb, U), bool)
    same2[:, 2:] = lp[:, 2:] == lp[:, :-2]
    skip = (u[None, :] > 1) & ~is_blank & ~(merge_repeated & same2) & valid
    skip_b = np.zeros((nb, U), bool)               # beta: state u reads u + 2
    skip_b[:, :-2] = ~is_blank[:, :-2] & ~(merge_repeated & same2[:, 2:]) & valid[:, 2:]
    inf = _F(_NEG_INF)
    t_idx = np.arange(T)

    def window(t):
        return ((u[None, :] >= np.maximum(0, ub - 2 * (tb - t))[:, None])
                & (u[None, :] < np.minimum(ub, 2 * (t + 1))[:, None]) & valid
                & (t < tb)[:, None])

    alpha = np.full((T, nb, U), inf, _F)
    alpha[0, :, 0] = ly[0, :, 0]
    if U > 1:
        alpha[0, :, 1] = np.where(ub > 1, ly[0, :, 1], alpha[0, :, 1])
    for t in range(1, T):
        prev = alpha[t - 1]
        s = np.where(stay, prev, inf)
        sh = np.full((nb, U), inf, _F)
        sh[:, 1:] = prev[:, :-1]
        s = _lse_vec(s, sh)
        sh2 = np.full((nb, U), inf, _F)
        sh2[:, 2:] = prev[:, :-2]
        s = _lse_vec(s, np.where(skip, sh2, inf))
        alpha[t] = np.where(window(t), ly[t] + s, inf)
    beta = np.full((T, nb, U), inf, _F)
    last = (t_idx[:, None] == (tb - 1)[None, :])            # [T, nb]
    init = np.where(valid & (u[None, :] >= (ub - 2)[:, None]), _F(0), inf).astype(_F)
    for t in range(T - 1, -1, -1):
        if t + 1 < T:
            q = (beta[t + 1] + ly[t + 1]).astype(_F)
            bt = np.where(stay, q, inf)
            sh = np.full((nb, U), inf, _F)
            sh[:, :-1] = q[:, 1:]
            bt = _lse_vec(bt, np.where(valid, sh, inf))
            sh2 = np.full((nb, U), inf, _F)
            sh2[:, :-2] = q[:, 2:]
            bt = _lse_vec(bt, np.where(skip_b, sh2, inf))
            bt = np.where(window(t) & (t < tb - 1)[:, None], bt, inf)
        else:
            bt = np.full((nb, U), inf, _F)
        beta[t] = np.where(last[t][:, None], init, bt)
    ab = (alpha + beta).astype(_F)                           # [T, nb, U]
    log_p = np.full(nb, inf, _F)
    for j in range(U):
        log_p = np.where(j < ub, _lse_vec(log_p, ab[0, :, j]), log_p)
    ps = np.full((T, nb, num_classes), inf, _F)
    live = (t_idx[:, None] < tb[None, :])                    # [T, nb]
    rows_b = np.arange(nb)
    for j in range(U):
        cls = lp[:, j]
        cur = ps[:, rows_b, cls]                             # [T, nb]
        upd = _lse_vec(cur, ab[:, :, j])
        ps[:, rows_b, cls] = np.where(live & (j < ub)[None, :], upd, cur)
    found = log_p != inf
    neg = _em.libm_exp((ps - log_p[None, :, None]).astype(_F))
    g = np.where(found[None, :, None], y - neg, y).astype(_F)
    g = np.where(live[:, :, None], g, _F(0))
    grad[:T, ids] = g
    loss[ids] = np.where(found, -log_p, _F(np.inf))
    return loss, grad


def _tf_ctc(x, targets, seq, skipped, merge_repeated):
    max_time, batch, num_classes = x.shape
    loss = np.zeros(batch, np.float32)
    grad = np.zeros(x.shape, np.float32)
    with np.errstate(all="ignore"):
        for b in range(batch):
            if skipped[b]:
                continue
            n = int(seq[b])
            loss[b], grad[:n, b] = _tf_ctc_entry(
                np.ascontiguousarray(x[:n, b], np.float32), targets[b], merge_repeated)
    return loss, grad


def _ctc_loss_kernel(inputs, labels_indices, labels_values, sequence_length,
                     preprocess_collapse_repeated=False, ctc_merge_repeated=True,
                     ignore_longer_outputs_than_inputs=False, **_):
    x = np.asarray(inputs)
    ind = np.asarray(labels_indices, np.int64).reshape(-1, 2) if np.size(labels_indices) \
        else np.zeros((0, 2), np.int64)
    vals = np.asarray(labels_values).reshape(-1)
    seq = np.asarray(sequence_length).reshape(-1)
    max_time, batch, num_classes = x.shape
    if seq.size != batch:
        raise _invalid(f"len(sequence_length) != batch_size.  len(sequence_length):  "
                       f"{seq.size} batch_size: {batch}")
    if batch == 0:
        raise _invalid("batch_size must not be 0")
    for b in range(batch):
        if seq[b] > max_time:
            raise _invalid(f"sequence_length({b}) <= {max_time}")
    labels = _labels_by_batch(ind, vals, batch)
    for b in range(batch):
        if seq[b] < 0:
            raise _invalid(f"seq_len({b}) < 0")
    targets = _targets(labels, seq, num_classes, preprocess_collapse_repeated,
                       ignore_longer_outputs_than_inputs)
    skipped = np.array([seq[b] == 0 or (ignore_longer_outputs_than_inputs
                                         and len(labels[b]) > seq[b]) for b in range(batch)])
    work = sum(int(seq[b]) * (2 * len(t) + 1) for b, t in enumerate(targets))
    if x.dtype == np.float32:
        if work <= EXACT_WORK:
            return _tf_ctc(x, targets, seq, skipped, bool(ctc_merge_repeated))
        with np.errstate(all="ignore"):
            return _tf_ctc_vec(x, targets, seq, skipped, bool(ctc_merge_repeated))
    loss, grad = ctc_loss_and_grad(x, targets, np.where(skipped, 0, seq), ctc_merge_repeated)
    loss = np.where(skipped, 0.0, loss)
    return loss.astype(np.float32), grad.astype(np.float32)


def _ctc_loss_grad(op, grad_loss, _unused_grad):
    g = prevent_gradient(
        op.outputs[1], message="Currently there is no way to take the second  derivative of "
        "ctc_loss due to the fused implementation's interaction  with tf.gradients()")
    return [multiply(expand_dims(grad_loss, -1), g, name="mul"), None, None, None]


register_op("CTCLoss", infer=_ctc_loss_infer, kernel=_ctc_loss_kernel, grad=_ctc_loss_grad)


def ctc_loss(inputs, labels_indices, labels_values, sequence_length,
             preprocess_collapse_repeated=False, ctc_merge_repeated=True,
             ignore_longer_outputs_than_inputs=False, name=None):
    """The op `CTCLoss`: (loss [batch], gradient [max_time, batch, num_classes])."""
    with _scope(name, "CTCLoss", []) as scope:
        op = apply_op("CTCLoss",
                      [typed_input(inputs, _dt.float32, "CTCLoss", "inputs"),
                       to_tensor(labels_indices, name="labels_indices"),
                       to_tensor(labels_values, name="labels_values"),
                       typed_input(sequence_length, _dt.int32, "CTCLoss", "sequence_length")],
                      {"preprocess_collapse_repeated": bool(preprocess_collapse_repeated),
                       "ctc_merge_repeated": bool(ctc_merge_repeated),
                       "ignore_longer_outputs_than_inputs":
                           bool(ignore_longer_outputs_than_inputs)}, scope)
        return tuple(op.outputs)


# -- CTCBeamSearchDecoder -----------------------------------------------------------------------
def _beam_infer(inputs, attrs):
    x, seq = inputs
    _typed("CTCBeamSearchDecoder", x, "inputs", _dt.float32)
    _typed("CTCBeamSearchDecoder", seq, "sequence_length", _dt.int32)
    _rank(x, 3)
    _rank(seq, 1)
    batch = _merge(_dim(x, 1), _dim(seq, 0))
    for attr in ("beam_width", "top_paths"):
        if attrs[attr] < 1:
            raise ValueError(f"Attr '{attr}' of 'CTCBeamSearchDecoder' Op passed "
                             f"{attrs[attr]} less than minimum 1.")
    n = attrs["top_paths"]
    return ([(_dt.int64, TensorShape([None, 2]))] * n + [(_dt.int64, TensorShape([None]))] * n
            + [(_dt.int64, TensorShape([2]))] * n
            + [(_dt.float32, TensorShape([batch, n]))])


class _Entry:
    """A node of the beam's prefix trie: its label, the old (last step's) and new
    probabilities (log total, log ending in blank, log ending in its label)."""

    __slots__ = ("parent", "label", "children", "ot", "ob", "ol", "nt", "nb", "nl")

    def __init__(self, parent, label):
        self.parent, self.label, self.children = parent, label, None
        self.ot = self.ob = self.ol = self.nt = self.nb = self.nl = _NEG_INF

    def labels(self, merge_repeated):
        out, prev, c = [], -1, self
        while c.parent is not None:
            if not merge_repeated or c.label != prev:
                out.append(c.label)
            prev, c = c.label, c.parent
        return out[::-1]


def _log_softmax_rows(x):
    """TF 1.14's beam decoder input per step, in float32: each row's log-sum-exp (its max
    plus logf of the sum of libm's expf(x - max), added in order) and the row minus it."""
    x = np.asarray(x, np.float32)
    if not x.size:
        return x, np.zeros((0, 1), np.float32)
    m = x.max(axis=1, keepdims=True)
    e = _em.libm_exp(x - m)
    s = np.cumsum(e, axis=1, dtype=np.float32)[:, -1:]
    lse = m + _em.libm_log(s)
    return x - lse, lse


def _beam_search(steps, beam_width):
    """TF's CTCBeamSearchDecoder (default scorer) over the logits `steps` [t, num_classes] of
    one batch entry: the leaves left after the last step.

    The beam is a min-heap of (total, insertion count, entry): while new leaves grow, the
    totals of the leaves in it do not change, so its top is TF's `peek_bottom`. Scalars are
    Python floats holding float32 values, rounded after each operation as TF's float
    arithmetic (its BeamProbability is float; LogSumExp with libm's expf and log1pf).
    """
    neg = _NEG_INF
    root = _Entry(None, -1)
    root.nt = root.nb = 0.0
    leaves = [root]
    count = itertools.count()
    push, pop = heapq.heappush, heapq.heappop
    f32, lse = _f32, _lse
    with np.errstate(all="ignore"):
        rows, lses = _log_softmax_rows(steps)
    raw_blank = np.asarray(steps, np.float32)[:, -1].astype(np.float64).tolist()
    for t, norm in enumerate(rows.astype(np.float64)):
        blank = norm.shape[0] - 1
        vals = norm.tolist()
        # TF's blank term rounds twice: (old total + the raw logit) - the step's log-sum-exp
        x_blank, lse_t = raw_blank[t], float(lses[t, 0])
        # the labels by ascending log probability: a branch's candidates above the beam's
        # bottom are a suffix of it (x + total is monotone in x), found by bisection
        asc = sorted(range(blank), key=vals.__getitem__)
        asc_vals = [vals[i] for i in asc]
        branches = sorted(leaves, key=lambda e: -e.nt)
        for b in branches:
            b.ot, b.ob, b.ol = b.nt, b.nb, b.nl
        heap = []
        for b in branches:
            par = b.parent
            if par is not None:
                if par.nt != neg:
                    prev = par.ob if b.label == par.label else par.ot
                    b.nl = lse(b.nl, prev)
                b.nl = f32(b.nl + vals[b.label])
            b.nb = nb = f32(f32(b.ot + x_blank) - lse_t)
            b.nt = lse(nb, b.nl)
            push(heap, (b.nt, next(count), b))
        # children of this step's branches, by parent: the only inactive entries whose
        # old probability is read again this step (TF resets it when they fail to re-enter)
        branch_children = {}
        for b in branches:
            if b.parent is not None:
                branch_children.setdefault(id(b.parent), []).append(b)
        for b in branches:
            full = len(heap) >= beam_width
            bottom = heap[0][0] if full else neg
            ot = b.ot
            if not (ot > neg and ot > bottom):
                continue
            lo, hi = 0, blank
            while lo < hi:   # first position whose candidate passes
                mid = (lo + hi) // 2
                if f32(asc_vals[mid] + ot) > bottom:
                    hi = mid
                else:
                    lo = mid + 1
            passing = set(asc[lo:])
            own = b.label
            own_cand = None
            if 0 <= own < blank:   # extending by its own label: from the blank-ending path
                own_cand = f32(vals[own] + b.ob)
                if own_cand > bottom:
                    passing.add(own)
                else:
                    passing.discard(own)
            extra = [c.label for c in branch_children.get(id(b), ()) if c.label not in passing]
            visit = sorted(passing.union(extra)) if extra else sorted(passing)
            children = b.children
            if children is None:
                children = b.children = {}
            for label in visit:
                c = children.get(label)
                if label not in passing:
                    if c.nt == neg:
                        c.ot = c.ob = c.ol = neg
                    continue
                if c is None:
                    c = children[label] = _Entry(b, label)
                if c.nt != neg:
                    continue
                total = own_cand if label == own else f32(vals[label] + ot)
                c.nb = neg
                c.nl = c.nt = total
                if len(heap) >= beam_width:
                    ok = total > heap[0][0]
                else:
                    ok = total > neg
                if ok:
                    if len(heap) >= beam_width:
                        e = pop(heap)[2]
                        e.nt = e.nb = e.nl = neg
                    push(heap, (total, next(count), c))
                else:
                    c.ot = c.ob = c.ol = c.nt = c.nb = c.nl = neg
        leaves = [e for _, _, e in sorted(heap, key=lambda h: h[1])]
    return leaves


def _beam_kernel(inputs, sequence_length, beam_width=1, top_paths=1, merge_repeated=True, **_):
    x = np.asarray(inputs)
    seq = np.asarray(sequence_length).reshape(-1)
    max_time, batch, _num_classes = x.shape
    if seq.size != batch:
        raise errors.FailedPreconditionError(
            None, None, f"len(sequence_length) != batch_size.  len(sequence_length):  "
            f"{seq.size} batch_size: {batch}")
    for b in range(batch):
        if seq[b] > max_time:
            raise errors.FailedPreconditionError(
                None, None, f"sequence_length({b}) <= {max_time}")
    log_prob = np.zeros((batch, top_paths), np.float32)
    paths = [[] for _ in range(top_paths)]
    # the searches allocate many small objects: the cyclic GC walking the process's objects
    # for them doubled the time (the tries are collected once, after)
    gc_on = gc.isenabled()
    gc.disable()
    try:
        searched = [_beam_search(x[:max(int(seq[b]), 0), b], beam_width)
                    for b in range(batch)]
    finally:
        if gc_on:
            gc.enable()
    for b in range(batch):
        leaves = searched[b]
        if top_paths > beam_width:
            raise _invalid("requested more paths than the beam width.")
        if top_paths > len(leaves):
            raise _invalid("Less leaves in the beam search than requested.")
        best = sorted(leaves, key=lambda e: -e.nt)[:top_paths]
        for i, e in enumerate(best):
            paths[i].append(e.labels(merge_repeated))
            log_prob[b, i] = e.nt
    ind, vals, shapes = [], [], []
    for p in paths:
        rows = [(b, j) for b, lab in enumerate(p) for j in range(len(lab))]
        ind.append(np.asarray(rows, np.int64).reshape(-1, 2))
        vals.append(np.asarray([v for lab in p for v in lab], np.int64))
        shapes.append(np.asarray([batch, max((len(lab) for lab in p), default=0)], np.int64))
    return tuple(ind + vals + shapes + [log_prob])


register_op("CTCBeamSearchDecoder", infer=_beam_infer, kernel=_beam_kernel, grad=None)


def ctc_beam_search_decoder(inputs, sequence_length, beam_width, top_paths, merge_repeated=True,
                            name=None):
    """The op `CTCBeamSearchDecoder`: (indices list, values list, shapes list, log_probability),
    each list `top_paths` long."""
    with _scope(name, "CTCBeamSearchDecoder", []) as scope:
        op = apply_op("CTCBeamSearchDecoder",
                      [typed_input(inputs, _dt.float32, "CTCBeamSearchDecoder", "inputs"),
                       typed_input(sequence_length, _dt.int32, "CTCBeamSearchDecoder",
                                   "sequence_length")],
                      {"beam_width": int(beam_width), "top_paths": int(top_paths),
                       "merge_repeated": bool(merge_repeated)}, scope)
        outs = list(op.outputs)
        n = int(top_paths)
        return outs[:n], outs[n:2 * n], outs[2 * n:3 * n], outs[3 * n]
