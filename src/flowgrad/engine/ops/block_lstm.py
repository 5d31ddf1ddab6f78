"""BlockLSTM and BlockLSTMGrad (TF 1.14's contrib/rnn lstm_ops): a whole LSTM sequence in
one op, as tf.contrib.rnn.LSTMBlockFusedCell runs it.

BlockLSTM(seq_len_max, x [time, batch, depth], cs_prev, h_prev, w [depth + units,
4 units], wci, wcf, wco, b [4 units]) -> i, cs, f, o, ci, co, h, each [time, batch,
units]; the gates are TF's i, ci, f, o column blocks of w, steps from seq_len_max on are
zeros. The cell clip (cell_clip > 0) is not differentiated (TF's kernel passes the
gradient through it). BlockLSTMGrad is TF's gradient kernel; TF defines no gradient of
it, nor does flowgrad."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_gebp as _eigen_gebp
from . import eigen_sum as _eigen_sum
from ._base import apply_op, check_dtype
from .lstm_block_cell import _cell_kernel

_TYPES = (_dt.float16, _dt.float32)


def _rank_check(t, rank):
    if t.shape.ndims is not None and t.shape.ndims != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {t.shape.ndims}")


def _block_lstm_infer(inputs, attrs):
    seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b = inputs
    _rank_check(seq_len_max, 0)
    _rank_check(x, 3)
    for t in (cs_prev, h_prev, w):
        _rank_check(t, 2)
    for t in (wci, wcf, wco, b):
        _rank_check(t, 1)
    for name, t in zip(("x", "cs_prev", "h_prev", "w", "wci", "wcf", "wco", "b"),
                       inputs[1:]):
        check_dtype("BlockLSTM", t, _TYPES, name)
    dims = x.shape.as_tuple() if x.shape.ndims is not None else (None, None, None)
    b_dim = b.shape.as_tuple()[0] if b.shape.ndims is not None else None
    cell = None if b_dim is None else b_dim // 4
    out = (x.dtype.base_dtype, TensorShape([dims[0], dims[1], cell]))
    return [out] * 7


def _block_lstm_kernel(seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b,
                       forget_bias=1.0, cell_clip=3.0, use_peephole=False, **_):
    steps, batch, depth = x.shape
    n = cs_prev.shape[1]
    dt = x.dtype
    outs = [np.zeros((steps, batch, n), dt) for _ in range(7)]   # i cs f o ci co h
    cs_t, h_t = cs_prev, h_prev
    for t in range(min(int(seq_len_max), steps)):   # LSTMBlockCell's step, t by t
        step = _cell_kernel(x[t], cs_t, h_t, w, wci, wcf, wco, b, forget_bias, cell_clip,
                            use_peephole)
        for dst, v in zip(outs, step):
            dst[t] = v
        cs_t, h_t = step[1], step[6]
    return tuple(outs)


def _block_lstm_grad(op, *grads):
    seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b = op._inputs
    g = apply_op("BlockLSTMGrad", [seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b]
                 + list(op.outputs) + [grads[1], grads[6]],
                 {"use_peephole": op._get_attr("use_peephole")})
    return [None] + list(g.outputs)


register_op("BlockLSTM", infer=_block_lstm_infer, kernel=_block_lstm_kernel,
            grad=_block_lstm_grad)


def _block_lstm_grad_infer(inputs, attrs):
    return [(t.dtype.base_dtype, t.shape) for t in inputs[1:9]]


def _mm(a, b):
    """TensorBlasGemm: Eigen's own contraction (eigen_gebp.py) for float32."""
    if a.dtype == np.float32 and b.dtype == np.float32:
        return _eigen_gebp.product(a, b, _eigen_sum.cpu_threads())
    return a @ b


def _block_lstm_grad_kernel(seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b,
                            i, cs, f, o, ci, co, h, cs_grad, h_grad, use_peephole=False,
                            **_):
    steps, batch, depth = x.shape
    dt = x.dtype
    x_grad = np.zeros_like(x)
    w_grad = np.zeros_like(w)
    b_grad = np.zeros_like(b)
    wci_grad, wcf_grad, wco_grad = (np.zeros_like(v) for v in (wci, wcf, wco))
    dcs_next = np.zeros_like(cs_prev)
    dh_next = np.zeros_like(h_prev)
    for t in range(min(int(seq_len_max), steps) - 1, -1, -1):
        c_in = cs_prev if t == 0 else cs[t - 1]
        h_in = h_prev if t == 0 else h[t - 1]
        dh = h_grad[t] + dh_next
        d_o = o[t] * (1 - o[t]) * dh * co[t]
        dcs = (1 - co[t] * co[t]) * dh * o[t] + (cs_grad[t] + dcs_next)
        if use_peephole:
            dcs = dcs + d_o * wco
        dci = (1 - ci[t] * ci[t]) * dcs * i[t]
        df = f[t] * (1 - f[t]) * dcs * c_in
        di = i[t] * (1 - i[t]) * dcs * ci[t]
        dicfo = np.concatenate([di, dci, df, d_o], 1).astype(dt, copy=False)
        dcs_next = dcs * f[t]
        if use_peephole:
            dcs_next = dcs_next + di * wci + df * wcf
            wci_grad += (di * c_in).sum(0)
            wcf_grad += (df * c_in).sum(0)
            wco_grad += (d_o * cs[t]).sum(0)
        xh_grad = _mm(dicfo, w.T)
        x_grad[t] = xh_grad[:, :depth]
        dh_next = xh_grad[:, depth:]
        w_grad += _mm(np.concatenate([x[t], h_in], 1).T, dicfo)
        b_grad += dicfo.sum(0)
    return (x_grad, dcs_next.astype(dt, copy=False), dh_next.astype(dt, copy=False), w_grad,
            wci_grad, wcf_grad, wco_grad, b_grad)


register_op("BlockLSTMGrad", infer=_block_lstm_grad_infer, kernel=_block_lstm_grad_kernel,
            grad=no_gradient_registered)   # TF registers none: LookupError


def block_lstm(seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b, forget_bias=1.0,
               cell_clip=3.0, use_peephole=False, name=None):
    """The BlockLSTM op's seven outputs (i, cs, f, o, ci, co, h)."""
    op = apply_op("BlockLSTM", [seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b],
                  {"forget_bias": float(forget_bias), "cell_clip": float(cell_clip),
                   "use_peephole": bool(use_peephole)}, name=name)
    return tuple(op.outputs)
