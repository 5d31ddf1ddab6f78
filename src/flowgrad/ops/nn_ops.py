"""Neural-network ops: activations, softmax, cross-entropies, normalization, dropout.

Primitive ops (one block each, TF's op types): Relu/ReluGrad, Relu6/Relu6Grad,
Elu/EluGrad, Selu/SeluGrad, Softplus/SoftplusGrad, Softsign/SoftsignGrad,
LeakyRelu/LeakyReluGrad, Softmax, LogSoftmax, BiasAdd/BiasAddGrad,
SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss,
FusedBatchNorm/FusedBatchNormGrad, TopKV2, InTopKV2, LRN. Every activation's
*Grad op has its own gradient, so second-order gradients work.

Composites (as TF writes them): dropout, sigmoid/weighted cross-entropy,
l2_normalize, moments, batch_normalization, embedding_lookup, nce_loss,
sampled_softmax_loss, xw_plus_b and the other small tf.nn helpers.
"""
from __future__ import annotations

__all__ = [
    "batch_norm_with_global_normalization",
    "batch_normalization",
    "bias_add",
    "crelu",
    "dropout",
    "elu",
    "embedding_lookup",
    "fused_batch_norm",
    "in_top_k",
    "l2_loss",
    "l2_normalize",
    "leaky_relu",
    "local_response_normalization",
    "log_poisson_loss",
    "log_softmax",
    "lrn",
    "moments",
    "nce_loss",
    "normalize_moments",
    "relu",
    "relu6",
    "relu_layer",
    "sampled_softmax_loss",
    "selu",
    "sigmoid_cross_entropy_with_logits",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2",
    "softplus",
    "softsign",
    "sparse_softmax_cross_entropy_with_logits",
    "sufficient_statistics",
    "swish",
    "top_k",
    "weighted_cross_entropy_with_logits",
    "weighted_moments",
    "xw_plus_b",
    "zero_fraction",
]

import numbers

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from . import array_ops as _a
from . import comparison_ops as _c
from . import math_ops as _m
from ..engine.ops._base import (
    FLOATS,
    REAL_NUMBERS,
    apply,
    apply_op,
    check_dtype,
    const_value,
    same_type_inputs,
    to_tensor,
    unary_same,
)


def _wants(i):
    from ..engine.framework.grad_state import wants_grad
    return wants_grad(i)


def _scalar(value, like):
    return constant(value, dtype=like.dtype.base_dtype)


def _zero(x):
    return np.zeros((), dtype=x.dtype)


def _same_infer(inputs, attrs):
    """Elementwise binary *Grad ops: (gradients, features) of one shape and dtype."""
    g, f = inputs
    if g.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'features' has type {f.dtype.base_dtype.name} that does not "
                        f"match type {g.dtype.base_dtype.name} of argument 'gradients'.")
    if not g.shape.is_compatible_with(f.shape):
        raise ValueError(f"Shapes must be equal rank, but are {g.shape.ndims} and "
                         f"{f.shape.ndims}" if g.shape.ndims != f.shape.ndims else
                         f"Dimensions must be equal for shapes {g.shape} and {f.shape}")
    return [(g.dtype.base_dtype, g.shape.merge_with(f.shape))]


def _activation(op_type, features, name, allowed=FLOATS, attrs=None):
    x = to_tensor(features, name="features")
    check_dtype(op_type, x, allowed, "features")
    return apply(op_type, [x], attrs, name or op_type)


# -- Relu ---------------------------------------------------------------------------------
register_op("Relu", infer=unary_same, kernel=lambda x: np.maximum(x, _zero(x)),
            grad=lambda op, grad: [apply("ReluGrad", [grad, op.outputs[0]])],
            elementwise=True)


def _relu_grad_grad(op, grad):
    """ReluGrad(g, f) = g * (f > 0) is linear in g; the mask has zero derivative."""
    _, f = op.inputs
    return [apply("ReluGrad", [grad, f]) if _wants(0) else None,
            _a.zeros_like(f) if _wants(1) else None]


register_op("ReluGrad", infer=_same_infer, kernel=lambda g, f: np.where(f > 0, g, _zero(g)),
            grad=_relu_grad_grad, elementwise=True)


def relu(features, name=None):
    """max(features, 0) elementwise.

    Args:
      features: a real-number tensor.
    Returns:
      A tensor of the same dtype and shape.
    Raises:
      TypeError: features is not a real number type.

    >>> tf.nn.relu([-1.0, 2.0])  # doctest: +SKIP  -> [0., 2.]
    """
    return _activation("Relu", features, name, REAL_NUMBERS)


# -- Relu6 --------------------------------------------------------------------------------
register_op("Relu6", infer=unary_same,
            kernel=lambda x: np.minimum(np.maximum(x, _zero(x)), np.asarray(6, x.dtype)),
            grad=lambda op, grad: [apply("Relu6Grad", [grad, op.inputs[0]])], elementwise=True)


def _relu6_grad_grad(op, grad):
    """Relu6Grad(g, f) = g * (0 < f < 6) is linear in g."""
    _, f = op.inputs
    return [apply("Relu6Grad", [grad, f]) if _wants(0) else None,
            _a.zeros_like(f) if _wants(1) else None]


register_op("Relu6Grad", infer=_same_infer,
            kernel=lambda g, f: np.where((f > 0) & (f < 6), g, _zero(g)),
            grad=_relu6_grad_grad, elementwise=True)


def relu6(features, name=None):
    """min(max(features, 0), 6) elementwise.

    >>> tf.nn.relu6([-1.0, 3.0, 8.0])  # doctest: +SKIP  -> [0., 3., 6.]
    """
    return _activation("Relu6", features, name, REAL_NUMBERS)


# -- Elu ----------------------------------------------------------------------------------
register_op("Elu", infer=unary_same, kernel=lambda x: np.where(x < 0, np.expm1(x), x),
            grad=lambda op, grad: [apply("EluGrad", [grad, op.outputs[0]])], elementwise=True)


def _elu_grad_grad(op, grad):
    """EluGrad(g, y) = g * (y + 1 if y < 0 else 1): d/dg as EluGrad, d/dy = g where y < 0."""
    g, y = op.inputs
    neg = _c.less(y, _scalar(0, y))
    return [apply("EluGrad", [grad, y]) if _wants(0) else None,
            _a.where(neg, _m.multiply(grad, g), _a.zeros_like(y)) if _wants(1) else None]


register_op("EluGrad", infer=_same_infer, kernel=lambda g, y: np.where(y < 0, g * (y + 1), g),
            grad=_elu_grad_grad, elementwise=True)


def elu(features, name=None):
    """Exponential linear unit: exp(x) - 1 where x < 0, else x.

    >>> tf.nn.elu([-1.0, 2.0])  # doctest: +SKIP  -> [-0.632, 2.]
    """
    return _activation("Elu", features, name)


# -- Selu ---------------------------------------------------------------------------------
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _selu_kernel(x):
    return np.where(x < 0, (_SELU_SCALE * _SELU_ALPHA) * np.expm1(x),
                    _SELU_SCALE * x).astype(x.dtype, copy=False)


register_op("Selu", infer=unary_same, kernel=_selu_kernel,
            grad=lambda op, grad: [apply("SeluGrad", [grad, op.outputs[0]])], elementwise=True)


def _selu_grad_kernel(g, y):
    return np.where(y < 0, g * (y + _SELU_SCALE * _SELU_ALPHA),
                    g * _SELU_SCALE).astype(g.dtype, copy=False)


def _selu_grad_grad(op, grad):
    """SeluGrad(g, y) = g (y + scale alpha) where y < 0, else g scale: d/dy = g where y < 0."""
    g, y = op.inputs
    neg = _c.less(y, _scalar(0, y))
    return [apply("SeluGrad", [grad, y]) if _wants(0) else None,
            _a.where(neg, _m.multiply(grad, g), _a.zeros_like(y)) if _wants(1) else None]


register_op("SeluGrad", infer=_same_infer, kernel=_selu_grad_kernel, grad=_selu_grad_grad,
            elementwise=True)


def selu(features, name=None):
    """Scaled ELU: scale * (alpha * (exp(x) - 1) where x < 0, else x)."""
    return _activation("Selu", features, name)


# -- Softplus -----------------------------------------------------------------------------
def _sigmoid_np(x):
    """A stable logistic function: exp(-log(1 + exp(-x)))."""
    return np.exp(-np.logaddexp(np.zeros((), x.dtype), -x))


register_op("Softplus", infer=unary_same,
            kernel=lambda x: np.logaddexp(np.zeros((), x.dtype), x),
            grad=lambda op, grad: [apply("SoftplusGrad", [grad, op.inputs[0]])],
            elementwise=True)


def _softplus_grad_grad(op, grad):
    """SoftplusGrad(g, x) = g sigmoid(x): d/dx = g sigmoid(x) sigmoid(-x)."""
    g, x = op.inputs
    ddy = apply("SoftplusGrad", [grad, x]) if _wants(0) else None
    d2x = None
    if _wants(1):
        d2x = apply("SoftplusGrad", [apply("SoftplusGrad", [_m.multiply(grad, g), x]),
                                     _m.negative(x)])
    return [ddy, d2x]


register_op("SoftplusGrad", infer=_same_infer,
            kernel=lambda g, x: (g * _sigmoid_np(x)).astype(g.dtype, copy=False),
            grad=_softplus_grad_grad, elementwise=True)


def softplus(features, name=None):
    """log(exp(features) + 1), computed stably.

    >>> tf.nn.softplus([0.0])  # doctest: +SKIP  -> [0.693]
    """
    return _activation("Softplus", features, name)


# -- Softsign -----------------------------------------------------------------------------
register_op("Softsign", infer=unary_same, kernel=lambda x: x / (1 + np.abs(x)),
            grad=lambda op, grad: [apply("SoftsignGrad", [grad, op.inputs[0]])],
            elementwise=True)


def _softsign_grad_grad(op, grad):
    """SoftsignGrad(g, x) = g / (1 + |x|)^2: d/dx = -2 g sign(x) / (1 + |x|)^3.

    TF 1.14 registers no gradient here; we write 1 / (1 + |x|) as
    1 - sign(x) softsign(x) so that only comparisons, casts and products are needed.
    """
    g, x = op.inputs
    ddy = apply("SoftsignGrad", [grad, x]) if _wants(0) else None
    d2x = None
    if _wants(1):
        zeros = _a.zeros_like(x)
        sign = _m.subtract(_m.cast(_c.greater(x, zeros), x.dtype.base_dtype),
                           _m.cast(_c.less(x, zeros), x.dtype.base_dtype))
        q = apply("SoftsignGrad", [_a.ones_like(x), x])                   # (1 + |x|)^-2
        inv = _m.subtract(_a.ones_like(x), _m.multiply(sign, apply("Softsign", [x])))
        d2x = _m.multiply(_m.multiply(_m.multiply(grad, g), _scalar(-2, x)),
                          _m.multiply(sign, _m.multiply(q, inv)))
    return [ddy, d2x]


register_op("SoftsignGrad", infer=_same_infer,
            kernel=lambda g, x: g / np.square(1 + np.abs(x)), grad=_softsign_grad_grad,
            elementwise=True)


def softsign(features, name=None):
    """features / (abs(features) + 1).

    >>> tf.nn.softsign([1.0])  # doctest: +SKIP  -> [0.5]
    """
    return _activation("Softsign", features, name)


# -- LeakyRelu ----------------------------------------------------------------------------
def _alpha(alpha, dtype):
    """TF stores the alpha attr as a float32, then casts it to the input's type."""
    return np.asarray(np.float32(alpha), dtype)


def _leaky_relu_kernel(x, alpha=0.2, **_):
    return np.where(x > 0, x, x * _alpha(alpha, x.dtype))


def _leaky_relu_grad(op, grad):
    """d leaky_relu = 1 where x > 0, else alpha."""
    return [apply("LeakyReluGrad", [grad, op.inputs[0]], {"alpha": op.get_attr("alpha")})]


register_op("LeakyRelu", infer=unary_same, kernel=_leaky_relu_kernel, grad=_leaky_relu_grad,
            elementwise=True)


def _leaky_relu_grad_grad(op, grad):
    """LeakyReluGrad is linear in its gradient input."""
    _, f = op.inputs
    return [apply("LeakyReluGrad", [grad, f], {"alpha": op.get_attr("alpha")})
            if _wants(0) else None, _a.zeros_like(f) if _wants(1) else None]


register_op("LeakyReluGrad", infer=_same_infer,
            kernel=lambda g, f, alpha=0.2, **_: np.where(f > 0, g, g * _alpha(alpha, g.dtype)),
            grad=_leaky_relu_grad_grad, elementwise=True)


def leaky_relu(features, alpha=0.2, name=None):
    """max(alpha * features, features) (for alpha <= 1); integers are cast to float32.

    >>> tf.nn.leaky_relu([-1.0, 2.0], alpha=0.1)  # doctest: +SKIP  -> [-0.1, 2.]
    """
    with name_scope(name, "LeakyRelu", [f for f in [features] if hasattr(f, "op")]) as scope:
        x = to_tensor(features, name="features")
        if x.dtype.is_integer:
            x = _m.cast(x, _dt.float32)
        if isinstance(alpha, np.ndarray):
            alpha = float(alpha)
        check_dtype("LeakyRelu", x, FLOATS, "features")
        return apply("LeakyRelu", [x], {"alpha": float(alpha)}, scope)


# -- Softmax / LogSoftmax ------------------------------------------------------------------
def _softmax_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims is not None and x.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape)]


def _softmax_kernel(x):
    if x.size == 0:
        return np.empty_like(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def _softmax_grad(op, grad):
    """d softmax: (g - sum(g * s, -1)) * s."""
    s = op.outputs[0]
    return [_softmax_backprop(grad, s)]


def _softmax_backprop(grad, s):
    inner = _m.reduce_sum(_m.multiply(grad, s), -1, keepdims=True)
    return _m.multiply(_m.subtract(grad, inner), s)


register_op("Softmax", infer=_softmax_infer, kernel=_softmax_kernel, grad=_softmax_grad)


def _log_softmax_kernel(x):
    if x.size == 0:
        return np.empty_like(x)
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _log_softmax_grad(op, grad):
    """d log_softmax: g - sum(g, -1) * softmax(x)."""
    s = apply("Softmax", [op.inputs[0]])
    return [_m.subtract(grad, _m.multiply(_m.reduce_sum(grad, -1, keepdims=True), s))]


register_op("LogSoftmax", infer=_softmax_infer, kernel=_log_softmax_kernel,
            grad=_log_softmax_grad)


def _axis_lookup(axis, dim):
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'axis' and 'dim'.")
    axis = dim if axis is None else axis
    return -1 if axis is None else axis


def _swap_perm(rank, axis):
    perm = list(range(rank))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return perm


def _softmax_along(op_type, logits, axis, name):
    x = to_tensor(logits, name="logits")
    check_dtype(op_type, x, FLOATS, "logits")
    rank = x.shape.ndims
    if axis == -1 or (rank is not None and axis == rank - 1):
        return apply(op_type, [x], None, name or op_type)
    if rank is None:
        raise ValueError(f"{op_type} along axis {axis} needs a tensor of known rank")
    if not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None, None, f"Dimension ({axis}) must be in the range [{-rank}, {rank}) where "
            f"{rank} is the number of dimensions in the input.")
    perm = _swap_perm(rank, axis % rank)
    y = apply(op_type, [_a.transpose(x, perm)], None, op_type)
    return _a.transpose(y, perm, name=name)


def softmax(logits, axis=None, name=None, dim=None):
    """exp(logits) / sum(exp(logits), axis), computed stably.

    Args:
      logits: a float tensor of rank >= 1.
      axis: the dimension to normalize (default -1); `dim` is TF 1.x's spelling.
    Returns:
      A tensor of logits' shape and dtype.
    Raises:
      InvalidArgumentError: axis out of range.

    >>> tf.nn.softmax([[1.0, 1.0]])  # doctest: +SKIP  -> [[0.5, 0.5]]
    """
    return _softmax_along("Softmax", logits, _axis_lookup(axis, dim), name)


def log_softmax(logits, axis=None, name=None, dim=None):
    """logits - log(sum(exp(logits), axis)), computed stably.

    >>> tf.nn.log_softmax([[0.0, 0.0]])  # doctest: +SKIP  -> [[-0.693, -0.693]]
    """
    return _softmax_along("LogSoftmax", logits, _axis_lookup(axis, dim), name)


# -- BiasAdd ------------------------------------------------------------------------------
def _channel_axis(rank, data_format):
    """NCHW: dimension 1 at any rank >= 3 (TF 1.14); NHWC: the last."""
    return 1 if data_format == "NCHW" else rank - 1


def _bias_add_infer(inputs, attrs):
    x, b = inputs
    if x.dtype.base_dtype is not b.dtype.base_dtype:
        raise TypeError(f"Input 'bias' of 'BiasAdd' Op has type {b.dtype.base_dtype.name} that "
                        f"does not match type {x.dtype.base_dtype.name} of argument 'value'.")
    fmt = attrs.get("data_format", "NHWC")
    r = x.shape.ndims
    need = 3 if fmt == "NCHW" else 2
    if r is not None and r < need:
        raise ValueError(f"Shape must be at least rank {need} but is rank {r}")
    if b.shape.ndims is not None and b.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {b.shape.ndims}")
    if r is not None and b.shape.ndims == 1:
        c = x.shape.as_tuple()[_channel_axis(r, fmt)]
        bc = b.shape.as_tuple()[0]
        if c is not None and bc is not None and c != bc:
            raise ValueError(f"Dimensions must be equal, but are {c} and {bc}")
    return [(x.dtype.base_dtype, x.shape)]


def _bias_shape(rank, data_format):
    """How the 1-D bias broadcasts against a value of `rank` dims."""
    if data_format == "NCHW":
        return (-1,) + (1,) * (rank - 2)
    return (-1,)


def _bias_add_kernel(x, b, data_format="NHWC", **_):
    return x + b.reshape(_bias_shape(x.ndim, data_format))


def _bias_add_grad(op, grad):
    """d value = g; d bias = BiasAddGrad(g): the sum over all but the channel axis."""
    fmt = op.get_attr("data_format")
    return [grad if _wants(0) else None,
            apply("BiasAddGrad", [grad], {"data_format": fmt}) if _wants(1) else None]


register_op("BiasAdd", infer=_bias_add_infer, kernel=_bias_add_kernel, grad=_bias_add_grad)


def _bias_add_grad_infer(inputs, attrs):
    g = inputs[0]
    r = g.shape.ndims
    fmt = attrs.get("data_format", "NHWC")
    if r is not None and r < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {r}")
    c = None if r is None else g.shape.as_tuple()[_channel_axis(r, fmt)]
    return [(g.dtype.base_dtype, TensorShape([c]))]


def _bias_add_grad_kernel(g, data_format="NHWC", **_):
    ax = _channel_axis(g.ndim, data_format)
    axes = tuple(i for i in range(g.ndim) if i != ax)
    return np.sum(g, axis=axes, dtype=g.dtype)


def _bias_add_grad_grad(op, grad):
    """BiasAddGrad sums over non-channel axes: its adjoint broadcasts back."""
    g = op.inputs[0]
    fmt = op.get_attr("data_format")
    r = g.shape.ndims
    shape = [1] * r
    shape[_channel_axis(r, fmt)] = -1
    return [_a.broadcast_to(_a.reshape(grad, shape), _shape_of(g))]


register_op("BiasAddGrad", infer=_bias_add_grad_infer, kernel=_bias_add_grad_kernel,
            grad=_bias_add_grad_grad)


def _shape_of(t):
    dims = t.shape.as_tuple()
    if dims is not None and None not in dims:
        return constant(np.array(dims, dtype=np.int32))
    return _a.shape(t)


def bias_add(value, bias, data_format=None, name=None):
    """Adds a 1-D bias to the channel axis of `value` (last for NHWC, -3 for NCHW).

    Args:
      value: a tensor of rank >= 2.
      bias: a 1-D tensor matching value's channel dimension, same dtype.
      data_format: "NHWC" (default) or "NCHW".
    Returns:
      value + bias, broadcast along the channel axis.
    Raises:
      ValueError: bad ranks, channel mismatch or data_format.

    >>> tf.nn.bias_add(tf.zeros([2, 3]), [1.0, 2.0, 3.0])  # doctest: +SKIP
    """
    fmt = data_format or "NHWC"
    if fmt not in ("NHWC", "NCHW"):
        raise ValueError(f"Attr 'data_format' of 'BiasAdd' Op passed string '{fmt}' not in: "
                         "\"NHWC\", \"NCHW\".")
    with name_scope(name, "BiasAdd", [t for t in (value, bias) if hasattr(t, "op")]) as scope:
        x, b = same_type_inputs("BiasAdd", [value, bias], ["value", "bias"])
        return apply("BiasAdd", [x, b], {"data_format": fmt}, scope)


# -- SoftmaxCrossEntropyWithLogits ---------------------------------------------------------
def _xent_infer(inputs, attrs):
    logits, labels = inputs
    if logits.dtype.base_dtype is not labels.dtype.base_dtype:
        raise TypeError(f"Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type "
                        f"{labels.dtype.base_dtype.name} that does not match type "
                        f"{logits.dtype.base_dtype.name} of argument 'features'.")
    for t in (logits, labels):
        if t.shape.ndims is not None and t.shape.ndims != 2:
            raise ValueError(f"Shape must be rank 2 but is rank {t.shape.ndims}")
    ld = logits.shape.as_tuple() or (None, None)
    bd = labels.shape.as_tuple() or (None, None)
    dims = []
    for a, b in zip(ld, bd):
        if a is not None and b is not None and a != b:
            raise ValueError(f"Dimensions must be equal, but are {a} and {b}")
        dims.append(a if a is not None else b)
    dt = logits.dtype.base_dtype
    return [(dt, TensorShape([dims[0]])), (dt, TensorShape(dims))]


def _xent_kernel(logits, labels):
    if logits.size == 0:
        return (np.zeros(logits.shape[:1], logits.dtype), np.zeros_like(logits))
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    sum_e = e.sum(axis=1, keepdims=True)
    log_sum = np.log(sum_e)
    loss = np.sum(labels * (log_sum - shifted), axis=1)
    backprop = e / sum_e - labels
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


def _is_zero(t):
    return t is None or t.op.type in ("ZerosLike", "Zeros") or (
        t.op.type == "Const" and not np.any(t.op.get_attr("value")))


def _column(v):
    return _a.reshape(v, [-1, 1])


def _xent_grad(op, grad_loss, grad_grad):
    """TF's rule: d logits = g * backprop (+ the softmax Jacobian applied to grad_grad, for
    second order); d labels = -g * log_softmax(logits) - grad_grad."""
    logits = op.inputs[0]
    d_logits = None
    if _wants(0):
        if not _is_zero(grad_loss):
            d_logits = _m.multiply(_column(grad_loss), op.outputs[1])
        if not _is_zero(grad_grad):
            s = apply("Softmax", [logits])
            extra = _softmax_backprop(grad_grad, s)
            d_logits = extra if d_logits is None else _m.add(d_logits, extra)
        if d_logits is None:
            d_logits = _a.zeros_like(logits)
    d_labels = None
    if _wants(1):
        if not _is_zero(grad_loss):
            d_labels = _m.multiply(_column(grad_loss),
                                   _m.negative(apply("LogSoftmax", [logits])))
        if not _is_zero(grad_grad):
            # backprop = softmax - labels. TF 1.14 drops this term; it matters for
            # second-order gradients that reach the labels.
            d_labels = _m.negative(grad_grad) if d_labels is None else \
                _m.subtract(d_labels, grad_grad)
    return [d_logits, d_labels]


register_op("SoftmaxCrossEntropyWithLogits", infer=_xent_infer, kernel=_xent_kernel,
            grad=_xent_grad)


def _flatten_outer(t):
    """Reshapes to 2-D [-1, last], as TF's _flatten_outer_dims."""
    dims = t.shape.as_tuple()
    if dims is not None and len(dims) == 2:
        return t
    if dims is not None and dims[-1] is not None:
        return _a.reshape(t, [-1, dims[-1]])
    last = _a.reshape(_a.shape(t)[-1], [1])
    return _a.reshape(t, _a.concat([constant(np.array([-1], np.int32)), last], 0))


def _moved_to_end(t, axis):
    rank = t.shape.ndims
    if axis == -1 or axis == rank - 1:
        return t
    if rank is None:
        raise ValueError("softmax_cross_entropy_with_logits along a non-last axis needs a "
                         "tensor of known rank")
    perm = [i for i in range(rank) if i != axis % rank] + [axis % rank]
    return _a.transpose(t, perm)


def softmax_cross_entropy_with_logits_v2(_sentinel=None, labels=None, logits=None, dim=-1,
                                         name=None, axis=None):
    """Cross-entropy between softmax(logits) and a distribution `labels`, along `axis`.

    Uses the fused SoftmaxCrossEntropyWithLogits op (numerically stable for
    extreme logits); gradients flow into both logits and labels.

    Args:
      labels: a float tensor of logits' shape (each row a probability distribution).
      logits: unscaled log probabilities.
      dim, axis: the class dimension (default -1).
    Returns:
      The loss, of logits' shape without the class dimension.
    Raises:
      ValueError: positional arguments, or labels/logits shapes differ.

    >>> loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=[[0.0, 1.0]],
    ...                                                   logits=[[1.0, 1.0]])
    """
    if _sentinel is not None:
        raise ValueError("Only call `softmax_cross_entropy_with_logits_v2` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    axis = _axis_lookup(axis, dim if dim != -1 else None)
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "softmax_cross_entropy_with_logits", values) as scope:
        logits = to_tensor(logits, name="logits")
        labels = to_tensor(labels, dtype=logits.dtype.base_dtype, name="labels")
        check_dtype("SoftmaxCrossEntropyWithLogits", logits, FLOATS, "features")
        in_dtype = logits.dtype.base_dtype
        if in_dtype in (_dt.float16, _dt.bfloat16):
            logits = _m.cast(logits, _dt.float32)
            labels = _m.cast(labels, _dt.float32)
        shape = logits.shape
        if shape.ndims != 2 and not shape.is_compatible_with(labels.shape):
            # (rank 2 goes straight to the op, whose shape rule raises this naming it)
            raise ValueError(f"Shapes {shape} and {labels.shape} are incompatible for "
                             f"'{scope.rstrip('/')}' (op: 'SoftmaxCrossEntropyWithLogits')")
        if shape.ndims == 0:
            raise ValueError("logits must have at least one dimension")
        logits = _moved_to_end(logits, axis)
        labels = _moved_to_end(labels, axis)
        if logits.shape.ndims == 2:
            cost = apply("SoftmaxCrossEntropyWithLogits", [logits, labels], None,
                         scope if in_dtype not in (_dt.float16, _dt.bfloat16) else None)[0]
        else:
            cost = apply("SoftmaxCrossEntropyWithLogits",
                         [_flatten_outer(logits), _flatten_outer(labels)], None)[0]
            out_dims = logits.shape.as_tuple()
            if out_dims is not None and None not in out_dims[:-1]:
                cost = _a.reshape(cost, list(out_dims[:-1]))
            else:
                cost = _a.reshape(cost, _a.shape(logits)[:-1])
        if in_dtype in (_dt.float16, _dt.bfloat16):
            cost = _m.cast(cost, in_dtype)
        return cost


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,
                                      name=None, axis=None):
    """TF 1.x's (deprecated) softmax cross-entropy: no gradient flows into `labels`.

    Same as softmax_cross_entropy_with_logits_v2(labels=tf.stop_gradient(labels), ...).
    """
    if _sentinel is not None:
        raise ValueError("Only call `softmax_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", values) as scope:
        labels = _a.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, dim=dim,
                                                name=scope, axis=axis)


# -- SparseSoftmaxCrossEntropyWithLogits ----------------------------------------------------
def _sparse_xent_infer(inputs, attrs):
    logits, labels = inputs
    if labels.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'labels' has DataType {labels.dtype.name} "
                        "not in list of allowed values: int32, int64")
    if logits.shape.ndims is not None and logits.shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {logits.shape.ndims}")
    if labels.shape.ndims is not None and labels.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {labels.shape.ndims}")
    ld = logits.shape.as_tuple() or (None, None)
    bd = labels.shape.as_tuple() or (None,)
    if ld[0] is not None and bd[0] is not None and ld[0] != bd[0]:
        raise ValueError(f"Dimensions must be equal, but are {ld[0]} and {bd[0]}")
    batch = ld[0] if ld[0] is not None else bd[0]
    dt = logits.dtype.base_dtype
    return [(dt, TensorShape([batch])), (dt, TensorShape([batch, ld[1]]))]


def _sparse_xent_kernel(logits, labels):
    n, c = logits.shape
    bad = (labels < 0) | (labels >= c)
    if np.any(bad):
        v = labels[np.argmax(bad)]
        raise errors.InvalidArgumentError(
            None, None, f"Received a label value of {v} which is outside the valid range of "
            f"[0, {c}).  Label values: {' '.join(str(int(t)) for t in labels)}")
    if logits.size == 0:
        return np.zeros((n,), logits.dtype), np.zeros_like(logits)
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    sum_e = e.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    loss = np.log(sum_e[:, 0]) - shifted[rows, labels]
    backprop = e / sum_e
    backprop[rows, labels] -= 1
    return loss.astype(logits.dtype, copy=False), backprop.astype(logits.dtype, copy=False)


def _sparse_xent_grad(op, grad_loss, grad_grad):
    """d logits = g * (softmax - onehot) (+ softmax Jacobian on grad_grad: second order works,
    where TF 1.14 raises through PreventGradient); labels get no gradient."""
    logits = op.inputs[0]
    d = None
    if not _is_zero(grad_loss):
        d = _m.multiply(_column(grad_loss), op.outputs[1])
    if not _is_zero(grad_grad):
        extra = _softmax_backprop(grad_grad, apply("Softmax", [logits]))
        d = extra if d is None else _m.add(d, extra)
    return [d if d is not None else _a.zeros_like(logits), None]


register_op("SparseSoftmaxCrossEntropyWithLogits", infer=_sparse_xent_infer,
            kernel=_sparse_xent_kernel, grad=_sparse_xent_grad)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                             name=None):
    """Cross-entropy of softmax(logits) against integer class `labels`.

    Args:
      labels: int32/int64 of logits' shape without the last dimension, in [0, classes).
      logits: float [..., classes].
    Returns:
      The loss, of labels' shape and logits' dtype.
    Raises:
      ValueError: scalar logits, or labels' rank/shape does not match.
      InvalidArgumentError (at run): a label outside [0, classes).

    >>> loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[1], logits=[[1.0, 1.0]])
    """
    if _sentinel is not None:
        raise ValueError("Only call `sparse_softmax_cross_entropy_with_logits` with named "
                         "arguments (labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", values):
        labels = to_tensor(labels, name="labels")
        logits = to_tensor(logits, name="logits")
        check_dtype("SparseSoftmaxCrossEntropyWithLogits", logits, FLOATS, "features")
        in_dtype = logits.dtype.base_dtype
        precise = _m.cast(logits, _dt.float32) if in_dtype in (_dt.float16, _dt.bfloat16) \
            else logits
        ls, gs = labels.shape, logits.shape
        if gs.ndims == 0:
            raise ValueError(f"Logits cannot be scalars - received shape {gs}.")
        if gs.ndims is not None and ls.ndims is not None and ls.ndims != gs.ndims - 1:
            raise ValueError(f"Rank mismatch: Rank of labels (received {ls.ndims}) should equal "
                             f"rank of logits minus 1 (received {gs.ndims}).")
        if ls.is_fully_defined() and gs.is_fully_defined() and \
                ls.as_tuple() != gs.as_tuple()[:-1]:
            raise ValueError(f"Shape mismatch: The shape of labels (received {ls}) should equal "
                             "the shape of logits except for the last dimension "
                             f"(received {gs}).")
        if gs.ndims == 2:
            cost = apply("SparseSoftmaxCrossEntropyWithLogits", [precise, labels], None,
                         "SparseSoftmaxCrossEntropyWithLogits")[0]
        else:
            flat = _flatten_outer(precise)
            cost = apply("SparseSoftmaxCrossEntropyWithLogits",
                         [flat, _a.reshape(labels, [-1])], None,
                         "SparseSoftmaxCrossEntropyWithLogits")[0]
            cost = _a.reshape(cost, list(ls.as_tuple()) if ls.is_fully_defined()
                              else _a.shape(labels))
        if in_dtype in (_dt.float16, _dt.bfloat16):
            cost = _m.cast(cost, in_dtype)
        return cost


# -- sigmoid / weighted cross-entropy (composites, as TF) -----------------------------------
def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    """Logistic loss, computed stably: max(x, 0) - x * z + log(1 + exp(-|x|)).

    Args:
      labels: float tensor of logits' shape and dtype, in [0, 1].
      logits: float tensor.
    Returns:
      The elementwise loss.
    Raises:
      ValueError: positional arguments, or the shapes differ.

    >>> tf.nn.sigmoid_cross_entropy_with_logits(labels=[1.0], logits=[0.0])  # doctest: +SKIP
    """
    if _sentinel is not None:
        raise ValueError("Only call `sigmoid_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    values = [t for t in (logits, labels) if hasattr(t, "op")]
    with name_scope(name, "logistic_loss", values) as scope:
        logits = to_tensor(logits, name="logits")
        labels = to_tensor(labels, dtype=logits.dtype.base_dtype, name="labels")
        if not logits.shape.is_compatible_with(labels.shape):
            raise ValueError(f"logits and labels must have the same shape ({logits.shape} vs "
                             f"{labels.shape})")
        zeros = _a.zeros_like(logits)
        cond = _c.greater_equal(logits, zeros)
        relu_logits = _a.where(cond, logits, zeros)
        neg_abs_logits = _a.where(cond, _m.negative(logits), logits)
        return _m.add(_m.subtract(relu_logits, _m.multiply(logits, labels)),
                      _m.log1p(_m.exp(neg_abs_logits)), name=scope)


def weighted_cross_entropy_with_logits(targets=None, logits=None, pos_weight=None, name=None,
                                       labels=None):
    """Logistic loss with positive examples weighted by `pos_weight`, computed stably:
    (1 - z) x + (1 + (q - 1) z) (log(1 + exp(-|x|)) + max(-x, 0)).

    >>> tf.nn.weighted_cross_entropy_with_logits(targets=[1.0], logits=[0.0], pos_weight=2.0)
    """
    targets = labels if targets is None else targets
    values = [t for t in (logits, targets) if hasattr(t, "op")]
    with name_scope(name, "logistic_loss", values) as scope:
        logits = to_tensor(logits, name="logits")
        targets = to_tensor(targets, dtype=logits.dtype.base_dtype, name="targets")
        if not logits.shape.is_compatible_with(targets.shape):
            raise ValueError(f"logits and targets must have the same shape ({logits.shape} vs "
                             f"{targets.shape})")
        one = _scalar(1, logits)
        q = to_tensor(pos_weight, dtype=logits.dtype.base_dtype)
        log_weight = _m.add(one, _m.multiply(_m.subtract(q, one), targets))
        soft = _m.add(_m.log1p(_m.exp(_m.negative(_m.abs(logits)))),
                      apply("Relu", [_m.negative(logits)]))
        return _m.add(_m.multiply(_m.subtract(one, targets), logits),
                      _m.multiply(log_weight, soft), name=scope)


# -- L2Loss -------------------------------------------------------------------------------
register_op("L2Loss", infer=lambda ins, a: [(ins[0].dtype.base_dtype, TensorShape(()))],
            kernel=lambda t: np.asarray(np.sum(np.square(t), dtype=t.dtype) / 2, dtype=t.dtype),
            grad=lambda op, grad: [_m.multiply(op.inputs[0], grad)])


def l2_loss(t, name=None):
    """sum(t ** 2) / 2.

    >>> tf.nn.l2_loss([1.0, 2.0])  # doctest: +SKIP  -> 2.5
    """
    x = to_tensor(t, name="t")
    check_dtype("L2Loss", x, FLOATS, "t")
    return apply("L2Loss", [x], None, name or "L2Loss")


# -- l2_normalize, moments, batch_normalization (composites) --------------------------------
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x ** 2, axis), epsilon)).

    >>> tf.nn.l2_normalize([3.0, 4.0], 0)  # doctest: +SKIP  -> [0.6, 0.8]
    """
    if axis is not None and dim is not None:
        raise ValueError("Cannot specify both 'axis' and 'dim'.")
    axis = dim if axis is None else axis
    with name_scope(name, "l2_normalize", [x] if hasattr(x, "op") else []) as scope:
        x = to_tensor(x, name="x")
        square_sum = _m.reduce_sum(_m.square(x), axis, keepdims=True)
        inv_norm = _m.rsqrt(_m.maximum(square_sum, _scalar(epsilon, x)))
        return _m.multiply(x, inv_norm, name=scope)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """Mean and variance of `x` over `axes` (variance with a stopped-gradient mean, as TF).

    Args:
      x: a float tensor; float16 is computed in float32.
      axes: list of axes to reduce.
      keep_dims / keepdims: keep reduced axes as size 1.
    Returns:
      (mean, variance).

    >>> mean, var = tf.nn.moments(tf.ones([2, 3]), axes=[0])
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'.")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    with name_scope(name, "moments", [x] if hasattr(x, "op") else []):
        x = to_tensor(x, name="x")
        y = _m.cast(x, _dt.float32) if x.dtype.base_dtype is _dt.float16 else x
        axes = list(axes) if isinstance(axes, (list, tuple)) else axes
        mean = _m.reduce_mean(y, axes, keepdims=True, name="mean")
        variance = _m.reduce_mean(_m.squared_difference(y, _a.stop_gradient(mean)), axes,
                                  keepdims=True, name="variance")
        if not keep:
            mean = _a.squeeze(mean, axes)
            variance = _a.squeeze(variance, axes)
        if x.dtype.base_dtype is _dt.float16:
            return _m.cast(mean, _dt.float16), _m.cast(variance, _dt.float16)
        return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, as TF composes it.

    >>> y = tf.nn.batch_normalization(tf.ones([2, 3]), 0.0, 1.0, None, None, 1e-3)
    """
    values = [t for t in (x, mean, variance, scale, offset) if hasattr(t, "op")]
    with name_scope(name, "batchnorm", values):
        # Line for line TF's code: Python numbers stay numbers until they meet a tensor,
        # so op names ("batchnorm/add", ...) come out as in TF.
        inv = _m.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        x = to_tensor(x, name="x")
        shift = offset - mean * inv if offset is not None else -mean * inv
        return x * _m.cast(inv, x.dtype) + _m.cast(shift, x.dtype)


# -- FusedBatchNorm -----------------------------------------------------------------------
def _bn_axes(data_format):
    return (0, 2, 3) if data_format == "NCHW" else (0, 1, 2)


def _bn_bcast(v, data_format):
    return v.reshape((1, -1, 1, 1)) if data_format == "NCHW" else v


def _fused_bn_infer(inputs, attrs):
    x, scale, offset, mean, var = inputs
    if x.shape.ndims is not None and x.shape.ndims != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
    fmt = attrs["data_format"]
    c = None if x.shape.ndims is None else x.shape.as_tuple()[1 if fmt == "NCHW" else 3]
    names = ["scale", "offset"] + ([] if attrs["is_training"] else ["mean", "variance"])
    for t, n in zip((scale, offset, mean, var), names):
        if t.shape.ndims is not None and t.shape.ndims != 1:
            raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
        d = t.shape.as_tuple()[0] if t.shape.ndims == 1 else None
        if c is not None and d is not None and c != d:
            raise ValueError(f"Dimensions must be equal, but are {c} and {d}")
        c = c if c is not None else d
    sdt = scale.dtype.base_dtype
    return [(x.dtype.base_dtype, x.shape)] + [(sdt, TensorShape([c]))] * 4


def _fused_bn_kernel(x, scale, offset, mean, var, epsilon, data_format, is_training, **_):
    axes = _bn_axes(data_format)
    xf = x.astype(scale.dtype, copy=False)
    if is_training:
        n = int(np.prod([x.shape[a] for a in axes]))
        mean = xf.mean(axis=axes) if n else np.zeros(scale.shape, scale.dtype)
        centered = xf - _bn_bcast(mean, data_format)
        var = np.square(centered).mean(axis=axes) if n else np.zeros(scale.shape, scale.dtype)
        unbiased = var * (n / max(n - 1, 1))
    else:
        centered = xf - _bn_bcast(mean, data_format)
        unbiased = var
    inv = 1.0 / np.sqrt(var + np.asarray(epsilon, scale.dtype))
    y = centered * _bn_bcast(inv * scale, data_format) + _bn_bcast(offset, data_format)
    mean = mean.astype(scale.dtype, copy=False)
    var = var.astype(scale.dtype, copy=False)
    if not is_training:
        # TF 1.14's CPU kernel leaves batch_mean/batch_variance uninitialized in inference
        # (garbage); we return the population statistics, as later TF versions do.
        return y.astype(x.dtype, copy=False), mean, var, mean, var
    return (y.astype(x.dtype, copy=False), mean, unbiased.astype(scale.dtype, copy=False),
            mean, var)


def _fused_bn_grad(op, grad_y, *_unused):
    """FusedBatchNormGrad, with the batch statistics (training) or the population ones."""
    x, scale = op.inputs[0], op.inputs[1]
    training = op.get_attr("is_training")
    m, v = (op.outputs[3], op.outputs[4]) if training else (op.inputs[3], op.inputs[4])
    g = apply_op("FusedBatchNormGrad", [grad_y, x, scale, m, v], _bn_attrs(op))
    return [g.outputs[0], g.outputs[1], g.outputs[2], None, None]


def _bn_attrs(op):
    return {k: op.get_attr(k) for k in ("epsilon", "data_format", "is_training")}


register_op("FusedBatchNorm", infer=_fused_bn_infer, kernel=_fused_bn_kernel,
            grad=_fused_bn_grad)


def _fused_bn_grad_infer(inputs, attrs):
    x, scale = inputs[1], inputs[2]
    c = scale.shape
    sdt = scale.dtype.base_dtype
    return [(x.dtype.base_dtype, x.shape), (sdt, c), (sdt, c), (sdt, TensorShape([0])),
            (sdt, TensorShape([0]))]


def _fused_bn_grad_kernel(gy, x, scale, mean, var, epsilon, data_format, is_training, **_):
    axes = _bn_axes(data_format)
    sdt = scale.dtype
    gyf = gy.astype(sdt, copy=False)
    inv = 1.0 / np.sqrt(var + np.asarray(epsilon, sdt))
    xhat = (x.astype(sdt, copy=False) - _bn_bcast(mean, data_format)) * _bn_bcast(inv,
                                                                                 data_format)
    offset_bp = gyf.sum(axis=axes)
    scale_bp = (gyf * xhat).sum(axis=axes)
    if is_training:
        n = int(np.prod([x.shape[a] for a in axes]))
        k = _bn_bcast(scale * inv / max(n, 1), data_format)
        x_bp = k * (n * gyf - _bn_bcast(offset_bp, data_format)
                    - xhat * _bn_bcast(scale_bp, data_format))
    else:
        x_bp = gyf * _bn_bcast(scale * inv, data_format)
    empty = np.zeros((0,), sdt)
    return (x_bp.astype(x.dtype, copy=False), scale_bp.astype(sdt, copy=False),
            offset_bp.astype(sdt, copy=False), empty, empty)


def _batch_norm_grad(grad_y, x, scale, pop_mean, pop_var, epsilon, data_format, training):
    """FusedBatchNormGrad's outputs composed from differentiable ops (TF's _BatchNormGrad)."""
    axes = list(_bn_axes(data_format))
    nchw = data_format == "NCHW"
    if nchw:
        scale = _a.reshape(scale, [1, -1, 1, 1])
    eps = _scalar(epsilon, x)
    if training:
        count = _m.reduce_sum(_a.ones_like(x), axes, keepdims=True)
        mean_grad_y = _m.truediv(_m.reduce_sum(grad_y, axes, keepdims=True), count)
        mean_x = _m.truediv(_m.reduce_sum(x, axes, keepdims=True), count)
        x_offset = _m.subtract(x, mean_x)
        var_x = _m.truediv(_m.reduce_sum(_m.square(x_offset), axes, keepdims=True), count)
        rs = _m.pow(_m.add(var_x, eps), _scalar(-0.5, x))
        mean = _m.truediv(_m.reduce_sum(_m.multiply(grad_y, x_offset), axes, keepdims=True),
                          count)
        grad_x = _m.multiply(_m.multiply(scale, rs), _m.subtract(
            _m.subtract(grad_y, mean_grad_y),
            _m.multiply(_m.multiply(_m.reciprocal(_m.add(var_x, eps)), mean), x_offset)))
        grad_scale = _m.reduce_sum(_m.multiply(_m.multiply(grad_y, x_offset), rs), axes)
        grad_offset = _m.reduce_sum(grad_y, axes)
        return grad_x, grad_scale, grad_offset
    if nchw:
        pop_mean = _a.reshape(pop_mean, [1, -1, 1, 1])
        pop_var = _a.reshape(pop_var, [1, -1, 1, 1])
    rs = _m.pow(_m.add(pop_var, eps), _scalar(-0.5, x))
    grad_offset = _m.reduce_sum(grad_y, axes)
    grad_scale = _m.reduce_sum(_m.multiply(_m.multiply(grad_y, _m.subtract(x, pop_mean)), rs),
                               axes)
    grad_x = _m.multiply(_m.multiply(grad_y, scale), rs)
    return grad_x, grad_scale, grad_offset


def _fused_bn_grad_grad(op, *grads):
    """Differentiates the composed backprop (TF's _FusedBatchNormGradGrad)."""
    from ..engine.autodiff.gradients import gradients
    grad_y, x, scale, m, v = op.inputs
    want = [_wants(0), _wants(1), _wants(2)]
    outs = _batch_norm_grad(grad_y, x, scale, m, v, op.get_attr("epsilon"),
                            op.get_attr("data_format"), op.get_attr("is_training"))
    ys, gys = [], []
    for y, g in zip(outs, grads[:3]):
        if not _is_zero(g):
            ys.append(y)
            gys.append(g)
    if not ys:
        return [None] * 5
    xs = [t for t, w in zip((grad_y, x, scale), want) if w]
    res = iter(gradients(ys, xs, grad_ys=gys)) if xs else iter(())
    out = [next(res) if w else None for w in want]
    return out + [None, None]


register_op("FusedBatchNormGrad", infer=_fused_bn_grad_infer, kernel=_fused_bn_grad_kernel,
            grad=_fused_bn_grad_grad)


def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001,
                     data_format="NHWC", is_training=True, name=None):
    """Batch normalization of a 4-D tensor, as one fused op.

    Args:
      x: 4-D float tensor (NHWC or NCHW).
      scale, offset: 1-D [channels].
      mean, variance: 1-D population statistics; required when is_training is False.
      epsilon: added to the variance.
      is_training: normalize with the batch's statistics (True) or mean/variance.
    Returns:
      (y, batch_mean, batch_variance); in training the variance is Bessel-corrected
      (n / (n - 1)), as TF's.
    Raises:
      ValueError: mean/variance missing in inference, bad ranks or data_format.

    >>> y, m, v = tf.nn.fused_batch_norm(tf.ones([2, 2, 2, 3]), tf.ones([3]), tf.zeros([3]))
    """
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError(f"Attr 'data_format' of 'FusedBatchNorm' Op passed string "
                         f"'{data_format}' not in: \"NHWC\", \"NCHW\".")
    values = [t for t in (x, scale, offset) if hasattr(t, "op")]
    with name_scope(name, "FusedBatchNorm", values) as scope:
        x = to_tensor(x, name="input")
        check_dtype("FusedBatchNorm", x, FLOATS, "x")
        scale = to_tensor(scale, name="scale")
        offset = to_tensor(offset, dtype=scale.dtype.base_dtype, name="offset")
        if mean is None:
            mean = constant(np.zeros((0,), scale.dtype.base_dtype.as_numpy_dtype))
        if variance is None:
            variance = constant(np.zeros((0,), scale.dtype.base_dtype.as_numpy_dtype))
        mean = to_tensor(mean, dtype=scale.dtype.base_dtype)
        variance = to_tensor(variance, dtype=scale.dtype.base_dtype)
        if x.dtype.base_dtype in (_dt.float16, _dt.bfloat16):
            if scale.dtype.base_dtype is not _dt.float32:
                raise TypeError("fused_batch_norm on float16 needs float32 scale/offset")
        elif scale.dtype.base_dtype is not x.dtype.base_dtype:
            raise TypeError(f"Input 'scale' of 'FusedBatchNorm' Op has type "
                            f"{scale.dtype.base_dtype.name} that does not match type "
                            f"{x.dtype.base_dtype.name} of argument 'x'.")
        op = apply_op("FusedBatchNorm", [x, scale, offset, mean, variance],
                      {"epsilon": float(epsilon) if epsilon > 1.001e-5 else 1.001e-5,
                       "data_format": data_format, "is_training": bool(is_training)},
                      scope)
        y, batch_mean, batch_var = op.outputs[:3]
        return y, batch_mean, batch_var


# -- embedding_lookup ---------------------------------------------------------------------
def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                     max_norm=None):
    """Rows of `params` (one tensor, or a list of shards) selected by `ids`.

    With a list of shards, id `i` lives in shard `i % n` at row `i // n` ("mod")
    or in contiguous blocks ("div"), as in TF. The shards are concatenated in
    the matching order and gathered once, so the gradient with respect to each
    shard is IndexedSlices (through Gather's gradient).

    Args:
      params: a tensor, or a list of tensors with the same trailing dims.
      ids: int32/int64 tensor of indices.
      partition_strategy: "mod" or "div".
      max_norm: if set, each embedding is clipped to this L2 norm.
    Returns:
      A tensor of shape ids.shape + params.shape[1:].
    Raises:
      ValueError: empty params, or a bad partition_strategy.

    >>> tf.nn.embedding_lookup(tf.eye(3), [2, 0])  # doctest: +SKIP
    """
    if params is None or (isinstance(params, (list, tuple)) and not params):
        raise ValueError("Need at least one param")
    if partition_strategy not in ("mod", "div"):
        raise ValueError(f"Unrecognized partition strategy: {partition_strategy}")
    if not isinstance(params, (list, tuple)):
        params = [params]
    values = [p for p in params if hasattr(p, "op")] + ([ids] if hasattr(ids, "op") else [])
    with name_scope(name, "embedding_lookup", values):
        params = [to_tensor(p, name="params") for p in params]
        ids = to_tensor(ids, name="ids")
        if ids.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Value passed to parameter 'indices' has DataType "
                            f"{ids.dtype.name} not in list of allowed values: int32, int64")
        if len(params) == 1:
            return _a.identity(_clip_rows(_a.gather(params[0], ids), ids, max_norm),
                               name="Identity")
        n = len(params)
        rows = [p.shape.as_tuple()[0] if p.shape.ndims else None for p in params]
        if None in rows:
            raise ValueError("embedding_lookup with several shards needs each shard's first "
                             "dimension to be known")
        full = _a.concat(params, 0)
        if partition_strategy == "div":
            return _a.identity(_clip_rows(_a.gather(full, ids), ids, max_norm),
                               name="Identity")
        offsets = constant(np.concatenate([[0], np.cumsum(rows)[:-1]]).astype(
            ids.dtype.base_dtype.as_numpy_dtype))
        nt = constant(n, dtype=ids.dtype.base_dtype)
        idx = _m.add(_a.gather(offsets, _m.floormod(ids, nt)), _m.floordiv(ids, nt))
        return _a.identity(_clip_rows(_a.gather(full, idx), ids, max_norm), name="Identity")


def _clip_rows(rows, ids, max_norm):
    """TF's max_norm: clip each looked-up embedding (the dims after ids') to L2 norm max_norm."""
    if max_norm is None:
        return rows
    r, k = rows.shape.ndims, ids.shape.ndims
    if r is None or k is None:
        raise ValueError("embedding_lookup with max_norm needs params and ids of known rank")
    return _m.clip_by_norm(rows, max_norm, axes=list(range(k, r)))


# -- TopKV2 / InTopKV2 --------------------------------------------------------------------
def _top_k_infer(inputs, attrs):
    x, k = inputs
    if x.shape.ndims is not None and x.shape.ndims < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.shape.ndims}")
    if k.shape.ndims is not None and k.shape.ndims != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {k.shape.ndims}")
    kv = const_value(k)
    dims = x.shape.as_tuple()
    if kv is not None:
        kv = int(kv)
        if kv < 0:
            raise ValueError(f"input must have at least k columns. Had {kv}")
        if dims is not None and dims[-1] is not None and dims[-1] < kv:
            raise ValueError(f"input must have at least k columns. Had {dims[-1]}, needed {kv}")
    out = None if dims is None else list(dims[:-1]) + [kv]
    return [(x.dtype.base_dtype, TensorShape(out)), (_dt.int32, TensorShape(out))]


def _top_k_kernel(x, k, sorted=True, **_):
    k = int(k)
    if k < 0 or x.shape[-1] < k:
        raise errors.InvalidArgumentError(
            None, None, f"input must have at least k columns. Had {x.shape[-1]}, needed {k}")
    # Stable sort of -x: larger values first, equal values by lower index (TF's order).
    order = np.argsort(-x if x.dtype.kind != "u" else np.iinfo(x.dtype).max - x, axis=-1,
                       kind="stable")[..., :k]
    values = np.take_along_axis(x, order, axis=-1)
    return values, order.astype(np.int32)


def _top_k_grad(op, grad_values, _grad_indices):
    """Scatters the values' gradient to the selected positions (zeros elsewhere)."""
    x = op.inputs[0]
    idx = op.outputs[1]
    n = x.shape.as_tuple()[-1] if x.shape.ndims else None
    depth = n if n is not None else _a.shape(x)[-1]
    onehot = _a.one_hot(idx, depth, dtype=grad_values.dtype.base_dtype)   # [..., k, n]
    dense = _m.reduce_sum(_m.multiply(onehot, _a.expand_dims(grad_values, -1)), -2)
    return [dense, None]


register_op("TopKV2", infer=_top_k_infer, kernel=_top_k_kernel, grad=_top_k_grad)


def top_k(input, k=1, sorted=True, name=None):
    """The k largest entries of the last dimension and their indices (ties: lower index first).

    Args:
      input: a real tensor of rank >= 1 with at least k entries in its last dimension.
      k: scalar int32.
    Returns:
      (values, indices): values of input's dtype and int32 indices, both [..., k].
    Raises:
      ValueError: k larger than the last dimension, or a scalar input.

    >>> values, indices = tf.nn.top_k([1.0, 3.0, 2.0], k=2)  # -> [3, 2], [1, 2]
    """
    x = to_tensor(input, name="input")
    check_dtype("TopKV2", x, REAL_NUMBERS, "input")
    kt = k if hasattr(k, "op") else constant(int(k), dtype=_dt.int32)
    values, indices = apply("TopKV2", [x, kt], {"sorted": bool(sorted)}, name or "TopKV2")
    return _TopKResult(values, indices)


class _TopKResult(tuple):
    """TF's TopKV2 namedtuple: (values, indices)."""

    def __new__(cls, values, indices):
        return super().__new__(cls, (values, indices))

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]


def _in_top_k_infer(inputs, attrs):
    p, t = inputs[0], inputs[1]
    if p.shape.ndims is not None and p.shape.ndims != 2:
        raise ValueError(f"Shape must be rank 2 but is rank {p.shape.ndims}")
    if t.shape.ndims is not None and t.shape.ndims != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {t.shape.ndims}")
    pd = p.shape.as_tuple() or (None, None)
    td = t.shape.as_tuple() or (None,)
    if pd[0] is not None and td[0] is not None and pd[0] != td[0]:
        raise ValueError(f"Dimensions must be equal, but are {pd[0]} and {td[0]}")
    return [(_dt.bool_, TensorShape([pd[0] if pd[0] is not None else td[0]]))]


def _in_top_k_kernel(p, t, k):
    n, c = p.shape
    bad = (t < 0) | (t >= c)
    if np.any(bad):
        raise errors.InvalidArgumentError(
            None, None, f"targets[{int(np.argmax(bad))}] is out of range")
    target = p[np.arange(n), t]
    ahead = np.sum(p > target[:, None], axis=1)
    # TF answers False when the target or any prediction in the row is not finite.
    return np.isfinite(target) & np.all(np.isfinite(p), axis=1) & (ahead < int(k))


register_op("InTopKV2", infer=_in_top_k_infer, kernel=_in_top_k_kernel, grad=None)


def in_top_k(predictions, targets, k, name=None):
    """Whether each target's prediction is among the k largest of its row (ties count in).

    Args:
      predictions: float32 [batch, classes].
      targets: int32/int64 [batch].
      k: scalar int.
    Returns:
      bool [batch]; False where the target's prediction is not finite.

    >>> tf.nn.in_top_k([[0.1, 0.9]], [1], 1)  # doctest: +SKIP  -> [True]
    """
    p = to_tensor(predictions, name="predictions")
    check_dtype("InTopKV2", p, (_dt.float32,), "predictions")
    t = to_tensor(targets, name="targets")
    check_dtype("InTopKV2", t, (_dt.int32, _dt.int64), "targets")
    with name_scope(name, "in_top_k", _vals(predictions, targets, k)):
        kt = k if hasattr(k, "op") else constant(int(k), dtype=t.dtype.base_dtype)
        return apply("InTopKV2", [p, t, kt], None, "InTopKV2")


# -- dropout ------------------------------------------------------------------------------
def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """Zeroes elements with probability `rate` (= 1 - keep_prob) and scales the rest by
    1 / (1 - rate), as TF 1.14: keep where uniform[0, 1) >= rate.

    Args:
      x: a float tensor.
      keep_prob: (deprecated) probability of keeping each element; or use `rate`.
      noise_shape: 1-D shape broadcastable to x's, for shared masks.
      seed: op-level seed (see tf.set_random_seed).
      rate: probability of dropping each element, in [0, 1).
    Returns:
      A tensor of x's shape.
    Raises:
      ValueError: both/neither of keep_prob and rate, a rate outside [0, 1), or an integer x.

    >>> y = tf.nn.dropout(tf.ones([4]), rate=0.5, seed=1)
    """
    from .random_ops import random_uniform
    if keep_prob is not None and rate is not None:
        raise ValueError("Cannot specify both 'rate' and 'keep_prob'.")
    if keep_prob is None and rate is None:
        raise ValueError("You must provide a rate to dropout.")
    if keep_prob is not None:
        if isinstance(keep_prob, numbers.Real) and not 0 < keep_prob <= 1:
            raise ValueError(f"keep_prob must be a scalar tensor or a float in the range (0, 1], "
                             f"got {keep_prob:g}")
        if isinstance(keep_prob, numbers.Real):
            rate = 1 - keep_prob
        else:
            keep_prob = to_tensor(keep_prob, name="keep_prob")
            rate = _m.subtract(_scalar(1, keep_prob), keep_prob)
    with name_scope(name, "dropout", [x] if hasattr(x, "op") else []):
        x = to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("x has to be a floating point tensor since it's going to be "
                             f"scaled. Got a {x.dtype.name} tensor instead.")
        if isinstance(rate, numbers.Real):
            if not 0 <= rate < 1:
                raise ValueError(f"rate must be a scalar tensor or a float in the range [0, 1), "
                                 f"got {rate:g}")
            if rate == 0:
                return x
        rate = to_tensor(rate, dtype=x.dtype.base_dtype, name="rate")
        if rate.shape.ndims not in (None, 0):
            raise ValueError(f"rate must be a scalar, got shape {rate.shape}")
        if noise_shape is None:
            dims = x.shape.as_tuple()
            noise_shape = list(dims) if dims is not None and None not in dims else _a.shape(x)
        random_tensor = random_uniform(noise_shape, seed=seed, dtype=x.dtype.base_dtype)
        keep_prob = _m.subtract(_scalar(1, x), rate)
        scale = _m.truediv(_scalar(1, x), keep_prob)
        keep_mask = _c.greater_equal(random_tensor, rate)
        return x * scale * _m.cast(keep_mask, x.dtype.base_dtype)    # "mul", "mul_1" as TF


# -- small composites TF exposes in tf.nn --------------------------------------------------
def _vals(*ts):
    return [t for t in ts if hasattr(t, "op")]


def xw_plus_b(x, weights, biases, name=None):
    """matmul(x, weights) + biases.

    >>> y = tf.nn.xw_plus_b(tf.ones([2, 3]), tf.ones([3, 4]), tf.zeros([4]))
    """
    from .linalg_ops import matmul
    with name_scope(name, "xw_plus_b", _vals(x, weights, biases)) as scope:
        x = to_tensor(x, name="x")
        weights = to_tensor(weights, name="weights")
        biases = to_tensor(biases, name="biases")
        return bias_add(matmul(x, weights), biases, name=scope)


def relu_layer(x, weights, biases, name=None):
    """relu(matmul(x, weights) + biases)."""
    from .linalg_ops import matmul
    with name_scope(name, "relu_layer", _vals(x, weights, biases)) as scope:
        x = to_tensor(x, name="x")
        weights = to_tensor(weights, name="weights")
        biases = to_tensor(biases, name="biases")
        return relu(bias_add(matmul(x, weights), biases), name=scope)


def zero_fraction(value, name=None):
    """The fraction of zeros in `value`, as a float32 scalar.

    >>> tf.nn.zero_fraction([0.0, 1.0, 0.0, 2.0])  # doctest: +SKIP  -> 0.5
    """
    with name_scope(name, "zero_fraction", _vals(value)):
        value = to_tensor(value, name="value")
        zeros = _m.reduce_sum(_m.cast(_c.equal(value, _a.zeros_like(value)), _dt.float32))
        size = _m.cast(_a.size(value, out_type=_dt.int64), _dt.float32)
        with name_scope("counts_to_fraction"):
            frac = _m.truediv(zeros, size)
        return _a.identity(frac, name="fraction")


def crelu(features, name=None, axis=-1):
    """Concatenated ReLU: relu(concat([features, -features], axis))."""
    with name_scope(name, "CRelu", _vals(features)) as scope:
        features = to_tensor(features, name="features")
        c = _a.concat([features, _m.negative(features)], axis, name=scope)
        return relu(c)


def swish(features, name=None):
    """features * sigmoid(features)."""
    with name_scope(name, "swish", _vals(features)) as scope:
        features = to_tensor(features, name="features")
        return _m.multiply(features, _m.sigmoid(features), name=scope)


def sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None):
    """(count, sum(x - shift), sum((x - shift)^2), shift) over `axes`, as TF.

    Returns:
      count as a tensor of x's dtype, the two sums, and shift (or None).
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'.")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    axes = sorted(set(axes))
    with name_scope(name, "sufficient_statistics", _vals(x, shift)):
        x = to_tensor(x, name="x")
        dims = x.shape.as_tuple()
        if dims is not None and all(dims[d] is not None for d in axes):
            n = 1
            for d in axes:
                n *= dims[d]
            counts = constant(n, dtype=x.dtype.base_dtype, name="count")
        else:
            shape = _a.shape(x)
            counts = _m.cast(_m.reduce_prod(_a.gather(shape, axes)), x.dtype.base_dtype,
                             name="count")
        if shift is not None:
            shift = to_tensor(shift, dtype=x.dtype.base_dtype, name="shift")
            m_ss = _m.subtract(x, shift)
            v_ss = _m.squared_difference(x, shift)
        else:
            m_ss, v_ss = x, _m.square(x)
        m_ss = _m.reduce_sum(m_ss, axes, keepdims=keep, name="mean_ss")
        v_ss = _m.reduce_sum(v_ss, axes, keepdims=keep, name="var_ss")
    return counts, m_ss, v_ss, shift


def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    """Mean and variance from sufficient statistics (see sufficient_statistics)."""
    with name_scope(name, "normalize", _vals(counts, mean_ss, variance_ss, shift)):
        divisor = _m.reciprocal(counts, name="divisor")
        if shift is not None:
            shifted_mean = _m.multiply(mean_ss, divisor, name="shifted_mean")
            mean = _m.add(shifted_mean, shift, name="mean")
        else:
            shifted_mean = _m.multiply(mean_ss, divisor, name="mean")
            mean = shifted_mean
        variance = _m.subtract(_m.multiply(variance_ss, divisor), _m.square(shifted_mean),
                               name="variance")
    return mean, variance


def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None):
    """Frequency-weighted mean and variance of `x` over `axes`.

    >>> m, v = tf.nn.weighted_moments(tf.ones([2, 3]), [1], tf.ones([2, 3]))
    """
    if keep_dims is not None and keepdims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'.")
    keep = bool(keep_dims if keep_dims is not None else keepdims)
    with name_scope(name, "weighted_moments", _vals(x, frequency_weights)):
        x = to_tensor(x, name="x")
        w = to_tensor(frequency_weights, name="frequency_weights")
        needs_cast = x.dtype.base_dtype is _dt.float16
        if needs_cast:
            x = _m.cast(x, _dt.float32)
        if w.dtype.base_dtype is not x.dtype.base_dtype:
            w = _m.cast(w, x.dtype.base_dtype)
        wsum = _m.reduce_sum(_m.multiply(w, x), axes, keepdims=True, name="weighted_input_sum")
        sum_w = _m.reduce_sum(_m.add(w, _a.zeros_like(x)), axes, keepdims=True,
                              name="sum_of_weights")
        divisor = _m.reciprocal(sum_w, name="inv_weight_sum")
        mean = _m.multiply(wsum, divisor)
        distsq = _m.reduce_sum(_m.multiply(w, _m.squared_difference(x, mean)), axes,
                               keepdims=True, name="weighted_distsq")
        variance = _m.multiply(distsq, divisor)
        if not keep:
            mean = _a.squeeze(mean, axis=axes)
            variance = _a.squeeze(variance, axis=axes)
        if needs_cast:
            mean = _m.cast(mean, _dt.float16)
            variance = _m.cast(variance, _dt.float16)
        return mean, variance


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """exp(log_input) - log_input * targets (+ Stirling's term when compute_full_loss).

    Raises:
      ValueError: log_input and targets shapes differ.
    """
    with name_scope(name, "log_poisson_loss", _vals(targets, log_input)):
        log_input = to_tensor(log_input, name="log_input")
        targets = to_tensor(targets, dtype=log_input.dtype.base_dtype, name="targets")
        if not targets.shape.is_compatible_with(log_input.shape):
            raise ValueError(f"log_input and targets must have the same shape "
                             f"({log_input.shape} vs {targets.shape})")
        result = _m.subtract(_m.exp(log_input), _m.multiply(log_input, targets))
        if compute_full_loss:
            half = _scalar(0.5, targets)
            two_pi = _scalar(2 * np.pi, targets)
            stirling = _m.add(_m.subtract(_m.multiply(targets, _m.log(targets)), targets),
                              _m.multiply(half, _m.log(_m.multiply(two_pi, targets))))
            zeros = _a.zeros_like(targets)
            ones = _a.ones_like(targets)
            cond = _c.logical_and(_c.greater_equal(targets, zeros),
                                  _c.less_equal(targets, ones))
            result = _m.add(result, _a.where(cond, zeros, stirling))
        return result


# -- LRN ----------------------------------------------------------------------------------
def _lrn_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims is not None and x.shape.ndims != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape)]


def _channel_window_sum(v, r):
    """sum(v[..., c - r: c + r + 1]) for every channel c, by cumulative sums."""
    c = v.shape[-1]
    cs = np.concatenate([np.zeros(v.shape[:-1] + (1,), v.dtype), np.cumsum(v, axis=-1)], -1)
    hi = np.minimum(np.arange(c) + r + 1, c)
    lo = np.maximum(np.arange(c) - r, 0)
    return cs[..., hi] - cs[..., lo]


def _lrn_kernel(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, **_):
    xf = x.astype(np.float64) if x.dtype == np.float16 else x
    s = bias + alpha * _channel_window_sum(np.square(xf), depth_radius)
    return (xf * s ** -beta).astype(x.dtype, copy=False)


def _band(c, r, dtype):
    i = np.arange(c)
    return constant((np.abs(i[:, None] - i[None, :]) <= r).astype(dtype.as_numpy_dtype))


def _lrn_grad(op, grad):
    """y = x s^-b with s = bias + alpha W(x^2) (W: the channel-window sum, a band matmul):
    dx = g s^-b - 2 alpha b x W(g x s^(-b-1)). Composed from differentiable ops (TF's
    LRNGrad has no gradient; this one has)."""
    from .linalg_ops import matmul
    x = op.inputs[0]
    r, bias, alpha, beta = (op.get_attr(k) for k in ("depth_radius", "bias", "alpha", "beta"))
    c = x.shape.as_tuple()[-1] if x.shape.ndims == 4 else None
    if c is None:
        raise ValueError("The gradient of local_response_normalization needs a known number "
                         "of channels")
    dt = x.dtype.base_dtype
    band = _band(c, r, dt)

    def window(v):
        flat = _a.reshape(v, [-1, c])
        return _a.reshape(matmul(flat, band), _a.shape(v))
    s = _m.add(_scalar(bias, x), _m.multiply(_scalar(alpha, x), window(_m.square(x))))
    s_b = _m.pow(s, _scalar(-beta, x))
    inner = window(_m.multiply(_m.multiply(grad, x), _m.truediv(s_b, s)))
    return [_m.subtract(_m.multiply(grad, s_b),
                        _m.multiply(_scalar(2 * alpha * beta, x), _m.multiply(x, inner)))]


register_op("LRN", infer=_lrn_infer, kernel=_lrn_kernel, grad=_lrn_grad)


def local_response_normalization(input, depth_radius=5, bias=1, alpha=1, beta=0.5,
                                 name=None):
    """input / (bias + alpha * sum(input^2 over depth_radius channels each side)) ** beta.

    Args:
      input: 4-D float tensor (the last dimension is the channel).
    Returns:
      A tensor of input's shape and dtype.

    >>> y = tf.nn.lrn(tf.ones([1, 2, 2, 3]), depth_radius=1)
    """
    x = to_tensor(input, name="input")
    check_dtype("LRN", x, FLOATS, "input")      # TF's kernel has no float64; ours does
    return apply("LRN", [x], {"depth_radius": int(depth_radius), "bias": float(bias),
                              "alpha": float(alpha), "beta": float(beta)}, name or "LRN")


lrn = local_response_normalization


# -- sampled losses (nce_loss, sampled_softmax_loss) ---------------------------------------
def _compute_sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes,
                            num_true=1, sampled_values=None, subtract_log_q=True,
                            remove_accidental_hits=False, partition_strategy="mod", name=None,
                            seed=None):
    """Logits and labels for the true and the sampled classes, as TF builds them.

    Accidental hits (a sampled class equal to one of the row's true classes) get
    -FLT_MAX added, through a dense comparison rather than TF's sparse_to_dense.
    """
    from .linalg_ops import matmul
    from .random_ops import log_uniform_candidate_sampler
    if not isinstance(weights, (list, tuple)):
        weights = [weights]
    with name_scope(name, "compute_sampled_logits", _vals(*weights, biases, inputs, labels)):
        labels = to_tensor(labels, name="labels")
        inputs = to_tensor(inputs, name="inputs")
        if labels.dtype.base_dtype is not _dt.int64:
            labels = _m.cast(labels, _dt.int64)
        labels_flat = _a.reshape(labels, [-1])
        if sampled_values is None:
            sampled_values = log_uniform_candidate_sampler(
                true_classes=labels, num_true=num_true, num_sampled=num_sampled, unique=True,
                range_max=num_classes, seed=seed)
        sampled, true_expected, sampled_expected = (_a.stop_gradient(s) for s in sampled_values)
        sampled = _m.cast(sampled, _dt.int64)
        all_ids = _a.concat([labels_flat, sampled], 0)
        all_w = embedding_lookup(weights, all_ids, partition_strategy=partition_strategy)
        if all_w.dtype.base_dtype is not inputs.dtype.base_dtype:
            all_w = _m.cast(all_w, inputs.dtype.base_dtype)
        n_true = _a.shape(labels_flat)[0]
        true_w = _a.slice(all_w, [0, 0], _a.stack([n_true, -1]))
        sampled_w = _a.slice(all_w, _a.stack([n_true, 0]), [-1, -1])
        sampled_logits = matmul(inputs, sampled_w, transpose_b=True)
        all_b = embedding_lookup(biases, all_ids, partition_strategy=partition_strategy)
        if all_b.dtype.base_dtype is not inputs.dtype.base_dtype:
            all_b = _m.cast(all_b, inputs.dtype.base_dtype)
        true_b = _a.slice(all_b, [0], _a.shape(labels_flat))
        sampled_b = _a.slice(all_b, _a.shape(labels_flat), [-1])
        dim = _a.shape(true_w)[1:2]
        new_true_w_shape = _a.concat([constant(np.array([-1, num_true], np.int32)), dim], 0)
        row_wise_dots = _m.multiply(_a.expand_dims(inputs, 1),
                                    _a.reshape(true_w, new_true_w_shape))
        dots = _a.reshape(row_wise_dots, _a.concat([constant(np.array([-1], np.int32)), dim],
                                                   0))
        true_logits = _a.reshape(_m.reduce_sum(dots, 1), [-1, num_true])
        true_logits = _m.add(true_logits, _a.reshape(true_b, [-1, num_true]))
        sampled_logits = _m.add(sampled_logits, sampled_b)
        if remove_accidental_hits:
            hits = _m.reduce_any(_c.equal(_a.expand_dims(labels, 2),
                                          _a.reshape(sampled, [1, 1, -1])), 1)
            big = _scalar(-np.finfo(sampled_logits.dtype.as_numpy_dtype).max, sampled_logits)
            sampled_logits = _m.add(sampled_logits, _a.where(
                hits, _a.fill(_a.shape(sampled_logits), big), _a.zeros_like(sampled_logits)))
        if subtract_log_q:
            true_logits = _m.subtract(true_logits, _m.log(_m.cast(true_expected,
                                                                  true_logits.dtype)))
            sampled_logits = _m.subtract(sampled_logits, _m.log(_m.cast(sampled_expected,
                                                                        sampled_logits.dtype)))
        out_logits = _a.concat([true_logits, sampled_logits], 1)
        out_labels = _a.concat([_m.truediv(_a.ones_like(true_logits),
                                           _scalar(num_true, true_logits)),
                                _a.zeros_like(sampled_logits)], 1)
        return out_logits, out_labels


def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
             sampled_values=None, remove_accidental_hits=False, partition_strategy="mod",
             name="nce_loss"):
    """Noise-contrastive estimation loss, one value per example (as TF's).

    Args:
      weights: [num_classes, dim] (or a list of shards), biases: [num_classes].
      labels: int [batch, num_true]; inputs: float [batch, dim].
      num_sampled: negative classes drawn per batch (log-uniform unless
        `sampled_values` is given).
    Returns:
      float [batch].

    >>> loss = tf.nn.nce_loss(tf.ones([50, 4]), tf.zeros([50]), [[1], [2]], tf.ones([2, 4]),
    ...                       num_sampled=5, num_classes=50)
    """
    logits, labels = _compute_sampled_logits(
        weights, biases, labels, inputs, num_sampled, num_classes, num_true=num_true,
        sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy,
        name=name)
    losses = sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                               name="sampled_losses")
    return _m.reduce_sum(losses, 1)


def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes,
                         num_true=1, sampled_values=None, remove_accidental_hits=True,
                         partition_strategy="mod", name="sampled_softmax_loss", seed=None):
    """Softmax cross-entropy over the true and `num_sampled` sampled classes (as TF's).

    Returns:
      float [batch].
    """
    logits, labels = _compute_sampled_logits(
        weights, biases, labels, inputs, num_sampled, num_classes, num_true=num_true,
        sampled_values=sampled_values, subtract_log_q=True,
        remove_accidental_hits=remove_accidental_hits, partition_strategy=partition_strategy,
        name=name, seed=seed)
    labels = _a.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)


def batch_norm_with_global_normalization(t=None, m=None, v=None, beta=None, gamma=None,
                                         variance_epsilon=None, scale_after_normalization=None,
                                         name=None, input=None, mean=None,
                                         variance=None):
    """The deprecated TF 1.x batch norm: batch_normalization with gamma applied only when
    scale_after_normalization."""
    t = input if t is None else t
    m = mean if m is None else m
    v = variance if v is None else v
    return batch_normalization(t, m, v, beta, gamma if scale_after_normalization else None,
                               variance_epsilon, name)
