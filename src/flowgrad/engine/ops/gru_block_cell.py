"""GRUBlockCell and GRUBlockCellGrad (TF 1.14's contrib/rnn gru_ops): one GRU step as one
op, as tf.contrib.rnn.GRUBlockCell(V2) runs it.

GRUBlockCell(x [batch, depth], h_prev [batch, units], w_ru [depth + units, 2 units],
w_c [depth + units, units], b_ru [2 units], b_c [units]) -> r, u, c, h: r, u =
sigmoid([x, h_prev] w_ru + b_ru) split in two; c = tanh([x, h_prev r] w_c + b_c);
h = u h_prev + (1 - u) c. Its gradient is TF's: GRUBlockCellGrad from h's gradient gives
x's, h_prev's and the pre-activation gradients d_c_bar and d_r_bar_u_bar, the weights'
and biases' come from those by ConcatV2, MatMul and BiasAddGrad. TF defines no gradient of
GRUBlockCellGrad, nor does flowgrad."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_gebp as _eigen_gebp
from . import eigen_math as _eigen_math
from . import eigen_sum as _eigen_sum
from ._base import apply, apply_op, check_dtype
from .joining import concat
from .linalg import matmul

_NAMES = ("x", "h_prev", "w_ru", "w_c", "b_ru", "b_c")


def _dim(t, i):
    return t.shape.as_tuple()[i] if t.shape.ndims is not None else None


def _cell_infer(inputs, attrs):
    x, h_prev = inputs[0], inputs[1]
    for t, r in ((x, 2), (h_prev, 2)):
        if t.shape.ndims is not None and t.shape.ndims != r:
            raise ValueError(f"Shape must be rank {r} but is rank {t.shape.ndims}")
    for name, t in zip(_NAMES, inputs):
        check_dtype("GRUBlockCell", t, (_dt.float32,), name)
    out = (x.dtype.base_dtype, TensorShape([_dim(x, 0), _dim(h_prev, 1)]))
    return [out] * 4


def _sigmoid(v):
    if v.dtype == np.float32:   # Eigen's logistic over the gate's own [batch, units] tensor
        return _eigen_math.sigmoid(np.ascontiguousarray(v))
    return 1 / (1 + np.exp(-v))


def _mm(a, b):
    """TensorBlasGemm: Eigen's own contraction (eigen_gebp.py) for float32."""
    if a.dtype == np.float32 and b.dtype == np.float32:
        return _eigen_gebp.product(a, b, _eigen_sum.cpu_threads())
    return a @ b


def _cell_kernel(x, h_prev, w_ru, w_c, b_ru, b_c, **_):
    """TF 1.14's GRUBlockCellFprop: r, u = sigmoid([x, h] w_ru + b_ru) (each gate on its
    own), c = tanh([x, h r] w_c + b_c), h = u (h_prev - c) + c."""
    n = h_prev.shape[1]
    dt = x.dtype
    r_u = _mm(np.concatenate([x, h_prev], 1), w_ru) + b_ru
    r, u = _sigmoid(r_u[:, :n]), _sigmoid(r_u[:, n:])
    c = _eigen_math.tanh_out(_mm(np.concatenate([x, h_prev * r], 1), w_c) + b_c)
    h = u * (h_prev - c) + c
    return tuple(np.asarray(v, dt) for v in (r, u, c, h))


def _cell_grad(op, *grads):
    """TF's _GRUBlockCellGrad (only h's gradient flows back, as in TF)."""
    x, h_prev, w_ru, w_c, b_ru, b_c = op._inputs
    r, u, c, _ = op.outputs
    g = apply_op("GRUBlockCellGrad", [x, h_prev, w_ru, w_c, b_ru, b_c, r, u, c, grads[3]], {})
    d_x, d_h_prev, d_c_bar, d_r_bar_u_bar = g.outputs
    d_w_ru = matmul(concat([x, h_prev], 1), d_r_bar_u_bar, transpose_a=True)
    d_b_ru = apply("BiasAddGrad", [d_r_bar_u_bar], {"data_format": "NHWC"})
    d_w_c = matmul(concat([x, h_prev * r], 1), d_c_bar, transpose_a=True)
    d_b_c = apply("BiasAddGrad", [d_c_bar], {"data_format": "NHWC"})
    return [d_x, d_h_prev, d_w_ru, d_w_c, d_b_ru, d_b_c]


register_op("GRUBlockCell", infer=_cell_infer, kernel=_cell_kernel, grad=_cell_grad)


def _cell_grad_infer(inputs, attrs):
    x, h_prev = inputs[0], inputs[1]
    dt = x.dtype.base_dtype
    batch, units = _dim(x, 0), _dim(h_prev, 1)
    return [(dt, x.shape), (dt, h_prev.shape), (dt, TensorShape([batch, units])),
            (dt, TensorShape([batch, None if units is None else 2 * units]))]


def _cell_grad_kernel(x, h_prev, w_ru, w_c, b_ru, b_c, r, u, c, d_h, **_):
    dt = x.dtype
    depth = x.shape[1]
    d_u_bar = d_h * (h_prev - c) * u * (1 - u)
    d_c_bar = d_h * (1 - u) * (1 - c * c)
    comp2 = _mm(d_c_bar, w_c.T)
    d_hr = comp2[:, depth:]
    d_r_bar = d_hr * h_prev * r * (1 - r)
    d_r_bar_u_bar = np.concatenate([d_r_bar, d_u_bar], 1)
    comp1 = _mm(d_r_bar_u_bar, w_ru.T)
    d_x = comp1[:, :depth] + comp2[:, :depth]
    d_h_prev = comp1[:, depth:] + d_hr * r + d_h * u
    return tuple(np.asarray(v, dt) for v in (d_x, d_h_prev, d_c_bar, d_r_bar_u_bar))


register_op("GRUBlockCellGrad", infer=_cell_grad_infer, kernel=_cell_grad_kernel,
            grad=no_gradient_registered)   # TF registers none: LookupError


def gru_block_cell(x, h_prev, w_ru, w_c, b_ru, b_c, name=None):
    """The GRUBlockCell op's four outputs (r, u, c, h)."""
    return tuple(apply_op("GRUBlockCell", [x, h_prev, w_ru, w_c, b_ru, b_c], {},
                          name=name).outputs)
