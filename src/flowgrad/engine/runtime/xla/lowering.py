"""The per-op lowering table: flowgrad op types as jax.numpy / lax functions.

`LOWERINGS[op_type] = Lowering(fn, static)`: `fn(node, *inputs)` returns the op's output
(a tuple when it has several) computed with jax.numpy / lax while a cluster is traced;
`static` lists the input positions that must be compile-time constants (Reshape's
shape, a reduction's axes, ...): a node is only clustered when those inputs come from
Const, Shape/Size/Rank or pure nodes computed from them (cluster.py folds them on the
host at trace time). Values of those positions arrive as NumPy arrays.

Each lowering computes what the op's NumPy kernel computes (same formula, same
order of operations where it matters); XLA's own elementwise approximations (tanh,
exp, log) differ from NumPy's by a few ulps: float32 results agree within rtol 2e-5,
float64 within rtol 1e-12 (tests/test_xla.py). Ops that check their inputs at run time
(label ranges, negative dims) are lowered only where the check is static.

Ops writing a variable (AssignAdd, AssignSub, ApplyGradientDescent) are in WRITES:
they compute the new value; the cluster writes it back into the variable's buffer.
"""
from __future__ import annotations

import numpy as np

from ...ops._array_util import _np_index

_jax = None
_jnp = None
_lax = None
_nn = None


def bind_jax(jax_module):
    """Binds the jax modules the lowerings call (imported once, on first use)."""
    global _jax, _jnp, _lax, _nn
    _jax, _jnp, _lax, _nn = jax_module, jax_module.numpy, jax_module.lax, jax_module.nn


class Lowering:
    __slots__ = ("fn", "static")

    def __init__(self, fn, static=()):
        self.fn = fn
        self.static = tuple(static)


LOWERINGS: dict = {}
# op type -> how the new value of input 0 (the variable) is computed from the inputs
WRITES: dict = {}


def _reg(op_type, static=()):
    def deco(fn):
        LOWERINGS[op_type] = Lowering(fn, static)
        return fn
    return deco


def _dt(x):
    return x.dtype


def _one(x, v=1):
    return np.asarray(v, dtype=_dt(x))


# -- elementwise, one jnp function each ----------------------------------------------------
_UNARY = {"Abs": "abs", "Acos": "arccos", "Acosh": "arccosh", "Asin": "arcsin",
          "Asinh": "arcsinh", "Atan": "arctan", "Atanh": "arctanh", "Ceil": "ceil",
          "Conj": "conjugate", "Cos": "cos", "Cosh": "cosh", "Exp": "exp", "Expm1": "expm1",
          "Floor": "floor", "IsFinite": "isfinite", "IsInf": "isinf", "IsNan": "isnan",
          "Log": "log", "Log1p": "log1p", "LogicalNot": "logical_not", "Neg": "negative",
          "Reciprocal": "reciprocal", "Rint": "rint", "Sin": "sin", "Sinh": "sinh",
          "Sqrt": "sqrt", "Square": "square", "Tan": "tan", "Tanh": "tanh", "Sign": "sign",
          "Round": "round"}
_BINARY = {"Add": "add", "AddV2": "add", "Sub": "subtract", "Mul": "multiply",
           "RealDiv": "divide", "Atan2": "arctan2", "Equal": "equal",
           "NotEqual": "not_equal", "Greater": "greater", "GreaterEqual": "greater_equal",
           "Less": "less", "LessEqual": "less_equal", "LogicalAnd": "logical_and",
           "LogicalOr": "logical_or", "Maximum": "maximum", "Minimum": "minimum",
           "NextAfter": "nextafter"}


def _elementwise(op_type, name):
    def fn(node, *xs):
        return getattr(_jnp, name)(*xs)
    LOWERINGS[op_type] = Lowering(fn)


for _t, _n in {**_UNARY, **_BINARY}.items():
    _elementwise(_t, _n)


@_reg("Pow")
def _pow(node, x, y):
    return _jnp.power(x, y)


@_reg("SquaredDifference")
def _sqdiff(node, x, y):
    d = x - y
    return d * _jnp.conjugate(d) if _jnp.iscomplexobj(d) else d * d


@_reg("Rsqrt")
def _rsqrt(node, x):
    return _lax.rsqrt(x)


@_reg("Sigmoid")
def _sigmoid(node, x):
    return _nn.sigmoid(x)


@_reg("Relu")
def _relu(node, x):
    return _jnp.maximum(x, _one(x, 0))


@_reg("Relu6")
def _relu6(node, x):
    return _jnp.minimum(_jnp.maximum(x, _one(x, 0)), _one(x, 6))


@_reg("Elu")
def _elu(node, x):
    return _jnp.where(x < 0, _jnp.expm1(x), x)


@_reg("Softplus")
def _softplus(node, x):
    return _jnp.logaddexp(_one(x, 0), x)


@_reg("Softsign")
def _softsign(node, x):
    return x / (_one(x) + _jnp.abs(x))


@_reg("LeakyRelu")
def _leaky_relu(node, x):
    return _jnp.where(x > 0, x, x * _one(x, node.attrs.get("alpha", 0.2)))


@_reg("Erf")
def _erf(node, x):
    return _lax.erf(x)


@_reg("Erfc")
def _erfc(node, x):
    return _lax.erfc(x)


# -- the *Grad ops ---------------------------------------------------------------------------
@_reg("TanhGrad")
def _tanh_grad(node, y, dy):
    return dy * (_one(y) - y * y)


@_reg("SigmoidGrad")
def _sigmoid_grad(node, y, dy):
    return dy * (y * (_one(y) - y))


def _zero_where_dy_zero(out, dy):
    return _jnp.where(dy == 0, _jnp.zeros_like(out), out)


@_reg("ReciprocalGrad")
def _reciprocal_grad(node, y, dy):
    y = _jnp.conjugate(y) if _jnp.iscomplexobj(y) else y
    return _zero_where_dy_zero(-dy * y * y, dy)


@_reg("SqrtGrad")
def _sqrt_grad(node, y, dy):
    y = _jnp.conjugate(y) if _jnp.iscomplexobj(y) else y
    return _zero_where_dy_zero(dy * _one(y, 0.5) / y, dy)


@_reg("RsqrtGrad")
def _rsqrt_grad(node, y, dy):
    y = _jnp.conjugate(y) if _jnp.iscomplexobj(y) else y
    return _zero_where_dy_zero(dy * _one(y, -0.5) * (y * y * y), dy)


@_reg("ReluGrad")
def _relu_grad(node, g, f):   # TF multiplies by the mask: a NaN or inf gradient stays NaN
    return g * (f > 0).astype(g.dtype)


@_reg("Relu6Grad")
def _relu6_grad(node, g, f):
    return g * ((f > 0) & (f < 6)).astype(g.dtype)


@_reg("EluGrad")
def _elu_grad(node, g, y):
    return _jnp.where(y < 0, g * (y + _one(y)), g)


@_reg("SoftplusGrad")
def _softplus_grad(node, g, x):
    return g * _nn.sigmoid(x)


@_reg("SoftsignGrad")
def _softsign_grad(node, g, x):
    return g / _jnp.square(_one(x) + _jnp.abs(x))


@_reg("LeakyReluGrad")
def _leaky_relu_grad(node, g, f):
    return _jnp.where(f > 0, g, g * _one(g, node.attrs.get("alpha", 0.2)))


# -- structure --------------------------------------------------------------------------------
for _t in ("Identity", "StopGradient", "PreventGradient", "Snapshot"):
    LOWERINGS[_t] = Lowering(lambda node, x: x)


@_reg("Cast")
def _cast(node, x):
    dt = node.attrs["DstT"].as_numpy_dtype
    if np.dtype(dt).kind in "iu" and _jnp.issubdtype(x.dtype, _jnp.floating):
        x = _jnp.trunc(x)   # C casts truncate toward zero
    return x.astype(dt)


@_reg("Reshape", static=(1,))
def _reshape(node, x, s):
    return _jnp.reshape(x, tuple(int(d) for d in s))


@_reg("ExpandDims", static=(1,))
def _expand_dims(node, x, d):
    return _jnp.expand_dims(x, int(np.asarray(d).reshape(-1)[0]))


@_reg("Squeeze")
def _squeeze(node, x):
    dims = node.attrs.get("squeeze_dims") or None
    return _jnp.squeeze(x, axis=tuple(dims) if dims else None)


@_reg("Transpose", static=(1,))
def _transpose(node, x, perm):
    return _jnp.transpose(x, tuple(int(p) for p in perm))


@_reg("BroadcastTo", static=(1,))
def _broadcast_to(node, x, s):
    return _jnp.broadcast_to(x, tuple(int(d) for d in s))


@_reg("Tile", static=(1,))
def _tile(node, x, m):
    return _jnp.tile(x, tuple(int(k) for k in m))


@_reg("Fill", static=(0,))
def _fill(node, dims, value):
    return _jnp.full(tuple(int(d) for d in dims), value, dtype=value.dtype)


@_reg("ZerosLike")
def _zeros_like(node, x):
    return _jnp.zeros_like(x)


@_reg("OnesLike")
def _ones_like(node, x):
    return _jnp.ones_like(x)


@_reg("Slice", static=(1, 2))
def _slice(node, x, begin, size):
    idx = []
    for d, b, s in zip(x.shape, begin, size):
        b, s = int(b), int(s)
        idx.append(slice(b, d if s == -1 else b + s))
    return x[tuple(idx)]


@_reg("StridedSlice", static=(1, 2, 3))
def _strided_slice(node, x, begin, end, strides):
    return x[_np_index(begin, end, strides, node.attrs)]


@_reg("ReverseV2", static=(1,))
def _reverse(node, x, axis):
    axes = tuple(int(a) for a in np.asarray(axis).reshape(-1))
    return _jnp.flip(x, axes) if axes else x


@_reg("Pad", static=(1,))
def _pad(node, x, paddings):
    return _jnp.pad(x, [(int(a), int(b)) for a, b in np.asarray(paddings)])


@_reg("PadV2", static=(1,))
def _pad_v2(node, x, paddings, c):
    return _jnp.pad(x, [(int(a), int(b)) for a, b in np.asarray(paddings)],
                    constant_values=c)


def _concat(node, *args):
    return _jnp.concatenate(args[:-1], axis=int(args[-1]))


LOWERINGS["ConcatV2"] = Lowering(_concat, static=(-1,))


@_reg("Pack")
def _pack(node, *xs):
    return _jnp.stack(xs, axis=node.attrs.get("axis", 0))


@_reg("Unpack")
def _unpack(node, x):
    axis = node.attrs.get("axis", 0)
    return tuple(_jnp.moveaxis(x, axis, 0))


@_reg("Select")
def _select(node, c, x, y):
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape((-1,) + (1,) * (x.ndim - 1))
    return _jnp.where(c, x, y)


@_reg("SelectV2")
def _select_v2(node, c, x, y):
    return _jnp.where(c, x, y)


@_reg("GatherV2", static=(2,))
def _gather(node, params, indices, axis):
    if node.attrs.get("batch_dims", 0):
        raise NotImplementedError("batch_dims")
    return _jnp.take(params, indices, axis=int(axis), mode="clip")


@_reg("OneHot", static=(1,))
def _one_hot(node, indices, depth, on, off):
    depth = int(depth)
    axis = node.attrs.get("axis", -1)
    hot = _jnp.expand_dims(indices, -1) == _jnp.arange(depth, dtype=indices.dtype)
    out = _jnp.where(hot, on, off)
    if axis != -1:
        out = _jnp.moveaxis(out, -1, axis)
    return out


# -- reductions -------------------------------------------------------------------------------
def _axes(x, axes):
    a = np.asarray(axes).reshape(-1)
    return tuple(int(i) % max(x.ndim, 1) for i in a)


@_reg("Sum", static=(1,))
def _sum(node, x, axes):
    return _jnp.sum(x, axis=_axes(x, axes), keepdims=node.attrs.get("keep_dims", False),
                    dtype=x.dtype)


@_reg("Mean", static=(1,))
def _mean(node, x, axes):
    if not _jnp.issubdtype(x.dtype, _jnp.inexact):
        raise NotImplementedError("integer Mean")
    ax = _axes(x, axes)
    s = _jnp.sum(x, axis=ax, keepdims=node.attrs.get("keep_dims", False), dtype=x.dtype)
    n = 1
    for a in ax:
        n *= x.shape[a]
    return s / np.asarray(max(n, 1), dtype=x.dtype) if n else s / np.asarray(0, x.dtype)


@_reg("Prod", static=(1,))
def _prod(node, x, axes):
    return _jnp.prod(x, axis=_axes(x, axes), keepdims=node.attrs.get("keep_dims", False),
                     dtype=x.dtype)


def _extreme(fn):
    def lower(node, x, axes):
        ax = _axes(x, axes)
        if any(x.shape[a] == 0 for a in ax):
            raise NotImplementedError("empty reduction")
        return fn(x, axis=ax, keepdims=node.attrs.get("keep_dims", False))
    return lower


LOWERINGS["Max"] = Lowering(lambda node, x, axes: _extreme(
    _jnp.nanmax if _jnp.issubdtype(x.dtype, _jnp.floating) else _jnp.max)(node, x, axes),
    static=(1,))
LOWERINGS["Min"] = Lowering(lambda node, x, axes: _extreme(
    _jnp.nanmin if _jnp.issubdtype(x.dtype, _jnp.floating) else _jnp.min)(node, x, axes),
    static=(1,))


@_reg("All", static=(1,))
def _all(node, x, axes):
    return _jnp.all(x, axis=_axes(x, axes), keepdims=node.attrs.get("keep_dims", False))


@_reg("Any", static=(1,))
def _any(node, x, axes):
    return _jnp.any(x, axis=_axes(x, axes), keepdims=node.attrs.get("keep_dims", False))


def _arg(fn):
    def lower(node, x, dim):
        d = int(dim)
        if x.shape[d] == 0 or _jnp.issubdtype(x.dtype, _jnp.floating):
            # NaN handling differs between NumPy's kernel and XLA's: leave floats on NumPy
            raise NotImplementedError("ArgMax/ArgMin of floats")
        return fn(x, axis=d).astype(node.attrs["output_type"].as_numpy_dtype)
    return lower


LOWERINGS["ArgMax"] = Lowering(lambda node, x, d: _arg(_jnp.argmax)(node, x, d), static=(1,))
LOWERINGS["ArgMin"] = Lowering(lambda node, x, d: _arg(_jnp.argmin)(node, x, d), static=(1,))


@_reg("AddN")
def _add_n(node, *xs):
    out = xs[0]
    for x in xs[1:]:
        out = out + x
    return out


@_reg("L2Loss")
def _l2_loss(node, x):
    return _jnp.sum(x * x, dtype=x.dtype) / _one(x, 2)


# -- linear algebra and nn --------------------------------------------------------------------
@_reg("MatMul")
def _matmul(node, a, b):
    if node.attrs.get("transpose_a"):
        a = a.T
    if node.attrs.get("transpose_b"):
        b = b.T
    return _jnp.matmul(a, b)


def _adjoint(x):
    x = _jnp.swapaxes(x, -1, -2)
    return _jnp.conjugate(x) if _jnp.iscomplexobj(x) else x


@_reg("BatchMatMulV2")
def _batch_matmul(node, a, b):
    return _jnp.matmul(_adjoint(a) if node.attrs.get("adj_x") else a,
                       _adjoint(b) if node.attrs.get("adj_y") else b)


@_reg("BatchMatMul")
def _batch_matmul_v1(node, a, b):
    return _batch_matmul(node, a, b)


def _channel_axis(ndim, fmt):
    return 1 if fmt == "NCHW" and ndim >= 3 else ndim - 1


@_reg("BiasAdd")
def _bias_add(node, x, b):
    if node.attrs.get("data_format", "NHWC") == "NCHW" and x.ndim >= 3:
        return x + b.reshape((-1,) + (1,) * (x.ndim - 2))
    return x + b


@_reg("BiasAddGrad")
def _bias_add_grad(node, g):
    ax = _channel_axis(g.ndim, node.attrs.get("data_format", "NHWC"))
    return _jnp.sum(g, axis=tuple(i for i in range(g.ndim) if i != ax), dtype=g.dtype)


@_reg("Softmax")
def _softmax(node, x):
    e = _jnp.exp(x - _jnp.max(x, axis=-1, keepdims=True))
    return e / _jnp.sum(e, axis=-1, keepdims=True)


@_reg("LogSoftmax")
def _log_softmax(node, x):
    shifted = x - _jnp.max(x, axis=-1, keepdims=True)
    return shifted - _jnp.log(_jnp.sum(_jnp.exp(shifted), axis=-1, keepdims=True))


@_reg("SoftmaxCrossEntropyWithLogits")
def _xent(node, logits, labels):
    shifted = logits - _jnp.max(logits, axis=1, keepdims=True)
    e = _jnp.exp(shifted)
    sum_e = _jnp.sum(e, axis=1, keepdims=True)
    loss = _jnp.sum(labels * (_jnp.log(sum_e) - shifted), axis=1)
    return loss, e / sum_e - labels


@_reg("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent(node, logits, labels):
    # As TF's XLA kernel: an out-of-range label gives NaN instead of an error
    n, c = logits.shape
    shifted = logits - _jnp.max(logits, axis=1, keepdims=True)
    e = _jnp.exp(shifted)
    sum_e = _jnp.sum(e, axis=1, keepdims=True)
    hot = labels[:, None] == _jnp.arange(c, dtype=labels.dtype)[None, :]
    picked = _jnp.sum(_jnp.where(hot, shifted, _one(shifted, 0)), axis=1)
    loss = _jnp.log(sum_e[:, 0]) - picked
    backprop = e / sum_e - hot.astype(logits.dtype)
    return loss, backprop


# -- convolution and pooling (2-D; NHWC or NCHW) ---------------------------------------
def _spatial(v, fmt):
    v = list(v)
    return tuple(v[2:4]) if fmt == "NCHW" else tuple(v[1:3])


def _conv_fn(node):
    a = node.attrs
    fmt = a.get("data_format", "NHWC")
    padding = a["padding"]
    if padding == "EXPLICIT":
        p = np.asarray(a.get("explicit_paddings", ())).reshape(-1, 2).tolist()
        padding = [tuple(x) for x in _spatial(p, fmt)]
    dn = (fmt, "HWIO", fmt)

    def conv(x, f):
        return _lax.conv_general_dilated(
            x, f, window_strides=_spatial(a["strides"], fmt), padding=padding,
            rhs_dilation=_spatial(a.get("dilations", (1, 1, 1, 1)), fmt),
            dimension_numbers=dn, precision=_lax.Precision.HIGHEST)
    return conv


@_reg("Conv2D")
def _conv2d(node, x, f):
    return _conv_fn(node)(x, f)


@_reg("Conv2DBackpropInput", static=(0,))
def _conv2d_backprop_input(node, sizes, f, dy):
    conv = _conv_fn(node)
    x0 = _jnp.zeros(tuple(int(d) for d in sizes), dy.dtype)
    return _jax.vjp(lambda x: conv(x, f), x0)[1](dy)[0]


@_reg("Conv2DBackpropFilter", static=(1,))
def _conv2d_backprop_filter(node, x, sizes, dy):
    conv = _conv_fn(node)
    f0 = _jnp.zeros(tuple(int(d) for d in sizes), dy.dtype)
    return _jax.vjp(lambda f: conv(x, f), f0)[1](dy)[0]


def _window(node, ndim):
    a = node.attrs
    return tuple(int(k) for k in a["ksize"]), tuple(int(k) for k in a["strides"]), a["padding"]


@_reg("MaxPool")
def _max_pool(node, x):
    k, st, pad = _window(node, x.ndim)
    lowest = _jnp.finfo(x.dtype).min if _jnp.issubdtype(x.dtype, _jnp.floating) else \
        _jnp.iinfo(x.dtype).min
    return _lax.reduce_window(x, np.asarray(-np.inf if _jnp.issubdtype(
        x.dtype, _jnp.floating) else lowest, x.dtype), _lax.max, k, st, pad)


@_reg("AvgPool")
def _avg_pool(node, x):
    k, st, pad = _window(node, x.ndim)
    zero = np.asarray(0, x.dtype)
    total = _lax.reduce_window(x, zero, _lax.add, k, st, pad)
    counts = _lax.reduce_window(_jnp.ones(x.shape, x.dtype), zero, _lax.add, k, st, pad)
    return total / counts


# -- variable updates (the new value of input 0) -----------------------------------------
def _write(op_type):
    def deco(fn):
        WRITES[op_type] = fn
        return fn
    return deco


@_write("AssignAdd")
def _assign_add(node, var, value):
    return var + value


@_write("AssignSub")
def _assign_sub(node, var, value):
    return var - value


@_write("ApplyGradientDescent")
def _apply_gradient_descent(node, var, alpha, delta):
    return var - delta * alpha
