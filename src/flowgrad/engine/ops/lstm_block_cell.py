"""LSTMBlockCell and LSTMBlockCellGrad (TF 1.14's contrib/rnn lstm_ops): one LSTM step as
one op, as tf.contrib.rnn.LSTMBlockCell runs it.

LSTMBlockCell(x [batch, depth], cs_prev, h_prev [batch, units], w [depth + units,
4 units], wci, wcf, wco [units], b [4 units]) -> i, cs, f, o, ci, co, h, each [batch,
units]: xh = [x, h_prev]; i, ci, f, o = split(xh w + b); i = sigmoid(i + cs_prev wci),
f = sigmoid(f + forget_bias + cs_prev wcf) (peepholes only with use_peephole),
cs = clip(tanh(ci) i + cs_prev f, cell_clip) (cell_clip > 0), o = sigmoid(o + cs wco),
co = tanh(cs), h = co o. Its gradient is TF's: LSTMBlockCellGrad gives the cell state's
gradient, the gates' (dicfo) and the peepholes'; x's, h_prev's, w's and b's come from
dicfo by MatMul, Slice, ConcatV2 and BiasAddGrad. The clip passes the gradient through (TF's
kernel). TF defines no gradient of LSTMBlockCellGrad, nor does flowgrad."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_gebp as _eigen_gebp
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen_sum
from ._base import apply, apply_op, check_dtype
from .joining import concat, slice  # noqa: A004 - TF's op name
from .linalg import _matmul_kernel, matmul

_TYPES = (_dt.float16, _dt.float32)
_NAMES = ("x", "cs_prev", "h_prev", "w", "wci", "wcf", "wco", "b")


def _rank(t, rank):
    if t.shape.ndims is not None and t.shape.ndims != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {t.shape.ndims}")


def _dim(t, i):
    return t.shape.as_tuple()[i] if t.shape.ndims is not None else None


def _cell_infer(inputs, attrs):
    x, cs_prev = inputs[0], inputs[1]
    _rank(x, 2)
    _rank(cs_prev, 2)
    for name, t in zip(_NAMES, inputs):
        check_dtype("LSTMBlockCell", t, _TYPES, name)
    out = (x.dtype.base_dtype, TensorShape([_dim(x, 0), _dim(cs_prev, 1)]))
    return [out] * 7


def _sigmoid(v):
    if v.dtype == np.float32:   # Eigen's logistic over the gate's own [batch, units] tensor
        return _eigen_math.sigmoid(np.ascontiguousarray(v))
    return 1 / (1 + np.exp(-v))


def _cell_kernel(x, cs_prev, h_prev, w, wci, wcf, wco, b, forget_bias=1.0, cell_clip=-1.0,
                 use_peephole=False, **_):
    """TF 1.14's LSTMBlockCellFprop: icfo = [x, h] w (TensorBlasGemm: Eigen's contraction,
    the MatMul op's kernel) + b; i = sigmoid(icfo_i [+ cs_prev wci]), ci = tanh(icfo_c),
    f = sigmoid((icfo_f + forget_bias) [+ cs_prev wcf]), cs = i ci + f cs_prev. Its
    library's contraction is Eigen's own GEBP (eigen_gebp.py), not MatMul's."""
    n = cs_prev.shape[1]
    dt = x.dtype
    xh = np.concatenate([x, h_prev], 1)
    if dt == np.float32:
        icfo = _eigen_gebp.product(xh, w, _eigen_sum.cpu_threads())
    else:
        icfo = _matmul_kernel(xh, w)   # float16: eigen_half_mm, Eigen's product too
    icfo = icfo + b
    gi, gc, gf, go = (icfo[:, k * n:(k + 1) * n] for k in range(4))
    gf = gf + np.asarray(forget_bias, dt)
    if use_peephole:
        gi = gi + cs_prev * wci
        gf = gf + cs_prev * wcf
    i = _sigmoid(gi)
    f = _sigmoid(gf)
    ci = _eigen_math.tanh_out(np.ascontiguousarray(gc))
    cs = ci * i + cs_prev * f
    if cell_clip > 0:
        cs = np.clip(cs, -cell_clip, cell_clip)
    if use_peephole:
        go = go + cs * wco
    o = _sigmoid(go)
    co = _eigen_math.tanh_out(cs)
    return tuple(np.asarray(v, dt) for v in (i, cs, f, o, ci, co, co * o))


def _cell_grad(op, *grads):
    """TF's _LSTMBlockCellGrad."""
    x, cs_prev, h_prev, w, wci, wcf, wco, b = op._inputs
    i, cs, f, o, ci, co, _ = op.outputs
    batch = _dim(x, 0)
    batch = -1 if batch is None else batch
    depth = _dim(x, 1)
    if depth is None:
        raise ValueError("input_size from `x` should not be None.")
    units = _dim(cs_prev, 1)
    if units is None:
        raise ValueError("cell_size from `cs_prev` should not be None.")
    g = apply_op("LSTMBlockCellGrad", list(op._inputs) + [i, cs, f, o, ci, co, grads[1],
                                                          grads[6]],
                 {"use_peephole": op._get_attr("use_peephole")})
    cs_prev_grad, dicfo, wci_grad, wcf_grad, wco_grad = g.outputs
    xh_grad = matmul(dicfo, w, transpose_b=True)
    x_grad = slice(xh_grad, (0, 0), (batch, depth))
    h_prev_grad = slice(xh_grad, (0, depth), (batch, units))
    w_grad = matmul(concat([x, h_prev], 1), dicfo, transpose_a=True)
    b_grad = apply("BiasAddGrad", [dicfo], {"data_format": "NHWC"})
    return [x_grad, cs_prev_grad, h_prev_grad, w_grad, wci_grad, wcf_grad, wco_grad, b_grad]


register_op("LSTMBlockCell", infer=_cell_infer, kernel=_cell_kernel, grad=_cell_grad)


def _cell_grad_infer(inputs, attrs):
    x, cs_prev = inputs[0], inputs[1]
    dt = x.dtype.base_dtype
    batch, units = _dim(x, 0), _dim(cs_prev, 1)
    vec = TensorShape([units])
    return [(dt, TensorShape([batch, units])),
            (dt, TensorShape([batch, None if units is None else 4 * units])),
            (dt, vec), (dt, vec), (dt, vec)]


def _cell_grad_kernel(x, cs_prev, h_prev, w, wci, wcf, wco, b, i, cs, f, o, ci, co,
                      cs_grad, h_grad, use_peephole=False, **_):
    dt = x.dtype
    d_o = o * (1 - o) * h_grad * co
    dcs = (1 - co * co) * h_grad * o + cs_grad
    if use_peephole:
        dcs = dcs + d_o * wco
    dci = (1 - ci * ci) * dcs * i
    df = f * (1 - f) * dcs * cs_prev
    di = i * (1 - i) * dcs * ci
    dicfo = np.concatenate([di, dci, df, d_o], 1)
    cs_prev_grad = dcs * f
    peep = [np.zeros_like(wci), np.zeros_like(wcf), np.zeros_like(wco)]
    if use_peephole:
        cs_prev_grad = cs_prev_grad + di * wci + df * wcf
        peep = [(di * cs_prev).sum(0), (df * cs_prev).sum(0), (d_o * cs).sum(0)]
    return tuple(np.asarray(v, dt) for v in [cs_prev_grad, dicfo] + peep)


register_op("LSTMBlockCellGrad", infer=_cell_grad_infer, kernel=_cell_grad_kernel,
            grad=no_gradient_registered)   # TF registers none: LookupError


def lstm_block_cell(x, cs_prev, h_prev, w, b, wci, wcf, wco, forget_bias=1.0,
                    cell_clip=-1.0, use_peephole=False, name=None):
    """The LSTMBlockCell op's seven outputs (i, cs, f, o, ci, co, h)."""
    op = apply_op("LSTMBlockCell", [x, cs_prev, h_prev, w, wci, wcf, wco, b],
                  {"forget_bias": float(forget_bias), "cell_clip": float(cell_clip),
                   "use_peephole": bool(use_peephole)}, name=name)
    return tuple(op.outputs)
