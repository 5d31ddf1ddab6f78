"""Normalization ops: FusedBatchNorm / FusedBatchNormGrad, their V2 (float16 and bfloat16
x, float32 statistics) and LRN (local response normalization). The composites
(batch_normalization, moments, l2_normalize) are in the TensorFlow surface
(flowgrad.ops.nn_ops).
"""
from __future__ import annotations

import functools

import numpy as np

from ..autodiff.tape_grad import compute_gradient
from ..framework import tape as _tape
from ..framework import dtypes as _dt
from ..framework import errors as _errors
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.graph import Tensor, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_math
from ._base import FLOATS, apply, apply_op, check_choice, check_dtype, to_tensor
from ._nn_util import TensorLike
from .cast import _cast_kernel, cast
from ._array_util import merge_shapes
from .elementwise import (_py_op, _rsqrt_kernel, add, multiply, reciprocal, rsqrt,
                          squared_difference, subtract)
from .reductions import reduce_mean, reduce_sum
from .shape import reshape, size, squeeze, stop_gradient, transpose


# -- FusedBatchNorm -----------------------------------------------------------------------
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


def _channels_last(a, data_format):
    """a as TF's CPU kernel sees it: a [rest, depth] matrix (NCHW moved to NHWC first)."""
    if data_format == "NCHW":
        a = a.transpose(0, 2, 3, 1)
    return a.reshape(-1, a.shape[-1])


def _from_channels_last(a2d, shape, data_format):
    if data_format == "NCHW":
        n, c, h, w = shape
        return a2d.reshape(n, h, w, c).transpose(0, 3, 1, 2)
    return a2d.reshape(shape)


def _rsqrt(v):
    """Eigen's rsqrt of the per-channel vector (packets of 8 estimated, as TF's Rsqrt)."""
    return eigen_math.rsqrt(v) if v.dtype == np.float32 else 1.0 / np.sqrt(v)


def _depth_sums(a2d):
    """Per-channel sums as TF's kernels add them (Eigen's reducer over the outer dim of a
    [rest, depth] matrix: the rows one after the other, from 0)."""
    return np.add.reduce(a2d, axis=0) + a2d.dtype.type(0)


def _rest_inv(n, sdt):
    """TF's `rest_size_inv`: 1 / rest_size in float, multiplied rather than divided by."""
    return sdt.type(1.0) / sdt.type(n)


def _as_t(a, like, T):  # noqa: N803 - TF's attr name
    """a, computed in float32 steps, cast to x's type T as TF's kernels end: Eigen's cast,
    to the nearest bfloat16 (flowgrad keeps those in float32) or float16."""
    return _cast_kernel(a, T) if T is _dt.bfloat16 else a.astype(like.dtype, copy=False)


def _fused_bn_kernel(x, scale, offset, mean, var, epsilon, data_format, is_training, T=None,
                     remapped=False, **_):  # noqa: N803 - TF's attr name
    # TF 1.14's CPU FusedBatchNorm: mean = sum(x) * (1/n), variance = sum((x - mean)^2)
    # * (1/n), y = (x - mean) * (rsqrt(variance + eps) * scale) + offset, in float32 steps;
    # in inference too, with the given statistics. `remapped` (remap_batch_norm.py): Grappler's
    # remapper has replaced the node by primitive ops, x * s + (offset - mean * s)
    sdt = scale.dtype
    x2 = _channels_last(x, data_format).astype(sdt, copy=False)
    n = x2.shape[0]
    if is_training:
        with np.errstate(divide="ignore", invalid="ignore"):
            # (an empty batch: 0 * (1/0), NaN statistics as TF's)
            inv_n = _rest_inv(n, sdt)
            mean = _depth_sums(x2) * inv_n
            centered = x2 - mean
            var = _depth_sums(np.square(centered)) * inv_n
            unbiased = var * (sdt.type(n) / sdt.type(max(n - 1, 1)))
        y = centered * ((_rsqrt(var + np.asarray(epsilon, sdt))) * scale) + offset
    else:
        factor = (_rsqrt(var + np.asarray(epsilon, sdt))) * scale
        if remapped:
            # s = Mul(Rsqrt(Add(var, eps)), scale); Add(Mul(x, s), Sub(offset, Mul(mean, s)))
            y = x2 * factor + (offset - mean * factor)
        else:
            y = (x2 - mean) * factor + offset
        unbiased = var
    y = _from_channels_last(_as_t(y, x, T), x.shape, data_format)
    mean = mean.astype(sdt, copy=False)
    var = var.astype(sdt, copy=False)
    if not is_training:
        # TF 1.14's CPU kernel leaves batch_mean/batch_variance uninitialized in inference
        # (garbage); we return the population statistics, as later TF versions do.
        return y, mean, var, mean, var
    return y, mean, unbiased.astype(sdt, copy=False), mean, var


def _bn_attrs(op):
    return {k: op._get_attr(k) for k in ("epsilon", "data_format", "is_training")}


# each forward op's gradient op (TF's _BaseFusedBatchNormGrad, version 0 and 1)
# (version 2, FusedBatchNormV3, has a sixth output, reserve_space_3, that its gradient op
# takes as a sixth input)
_GRAD_OP = {"FusedBatchNorm": "FusedBatchNormGrad", "FusedBatchNormV2": "FusedBatchNormGradV2",
            "FusedBatchNormV3": "FusedBatchNormGradV3"}


def _fused_bn_grad(op, grad_y, *_unused):
    """FusedBatchNormGrad(V2), with the batch statistics (training) or the population ones
    (inference: in NHWC, TF transposing an NCHW x and grad_y, and dx back)."""
    x, scale = op._inputs[0], op._inputs[1]
    attrs = _bn_attrs(op)
    if attrs["is_training"]:
        # TF 1.14 returns all five outputs (its mean and variance inputs, empty there,
        # get the empty reserve spaces: two more Identities under GATE_OP's tuple)
        g = apply_op(_GRAD_OP[op.type], [grad_y, x, scale, op.outputs[3], op.outputs[4]]
                     + list(op.outputs[5:]), attrs)
        return list(g.outputs)
    nchw = attrs["data_format"] == "NCHW"
    if nchw:
        x = transpose(x, [0, 2, 3, 1])
        grad_y = transpose(grad_y, [0, 2, 3, 1])
        attrs["data_format"] = "NHWC"
    g = apply_op(_GRAD_OP[op.type], [grad_y, x, scale, op._inputs[3], op._inputs[4]]
                 + list(op.outputs[5:]), attrs)
    dx = transpose(g.outputs[0], [0, 3, 1, 2]) if nchw else g.outputs[0]
    return [dx, g.outputs[1], g.outputs[2], None, None]


def _with_t(kernel, x_input):
    """A bind giving `kernel` its node's attrs and x's type T (the input at `x_input`): a
    bfloat16 x is kept in float32, so its arrays do not tell it."""
    def bind(node, ctx):
        attrs = dict(node.attrs)
        if "T" not in attrs and node.op is not None:
            attrs["T"] = node.op._inputs[x_input].dtype.base_dtype
        return functools.partial(kernel, **attrs)
    bind.pure = True
    return bind


def _fused_bn_v3_infer(inputs, attrs):
    """V2's outputs and reserve_space_3, of unknown shape (TF's shape function)."""
    return _fused_bn_infer(inputs, attrs) + [(inputs[1].dtype.base_dtype, TensorShape(None))]


def _fused_bn_v3_kernel(*args, **attrs):
    """V2's kernel; reserve_space_3 is a scalar TF 1.14's CPU kernel never writes (here 0)."""
    return _fused_bn_kernel(*args, **attrs) + (np.zeros((), args[1].dtype),)


for _type in _GRAD_OP:
    _kernel = _fused_bn_v3_kernel if _type == "FusedBatchNormV3" else _fused_bn_kernel
    register_op(_type, infer=_fused_bn_v3_infer if _type == "FusedBatchNormV3" else
                _fused_bn_infer, kernel=_kernel, bind=_with_t(_kernel, 0), grad=_fused_bn_grad)


def _fused_bn_grad_infer(inputs, attrs):
    x, scale = inputs[1], inputs[2]
    c = scale.shape
    sdt = scale.dtype.base_dtype
    # TF 1.14's shape function: the reserve spaces are [0] in training, else [C]
    reserve = TensorShape([0]) if attrs.get("is_training", True) else c
    return [(x.dtype.base_dtype, x.shape), (sdt, c), (sdt, c), (sdt, reserve), (sdt, reserve)]


def _in_order_sums(a2d):
    """The float32 sums of a [rest, depth] matrix's columns, row after row."""
    return np.cumsum(a2d, axis=0, dtype=np.float32)[-1] if len(a2d) else \
        np.zeros(a2d.shape[1:], np.float32)


def _xla_bn_grad(gy, x, scale, mean, var, epsilon, data_format):
    """TF 1.14 places a bfloat16 FusedBatchNormGradV2 on XLA_CPU: the inputs widened to float32,
    XLA's BatchNormGrad expansion in float32 (sums row after row), x_backprop rounded once to
    bfloat16: (scale * rsqrt(var + eps) / n) * ((n * dy - sum(dy)) - (x - mean) * sum(dy *
    (x - mean)) / (var + eps)); scale_backprop = sum(dy * (x - mean)) * rsqrt(var + eps);
    offset_backprop = sum(dy)."""
    f32 = np.float32
    gy2 = _channels_last(gy, data_format).astype(f32, copy=False)
    x2 = _channels_last(x, data_format).astype(f32, copy=False)
    n = f32(x2.shape[0])
    var_eps = (var + f32(epsilon)).astype(f32)
    inv = f32(1) / np.sqrt(var_eps)
    centered = x2 - mean
    sum_gc = _in_order_sums(gy2 * centered)
    offset_bp = _in_order_sums(gy2)
    with np.errstate(divide="ignore", invalid="ignore"):
        coef = (scale * inv) * (f32(1) / n)
        x_bp = coef * ((gy2 * n - offset_bp) - (centered * sum_gc) / var_eps)
    x_bp = _from_channels_last(_cast_kernel(x_bp, _dt.bfloat16), x.shape, data_format)
    empty = np.zeros((0,), f32)
    return x_bp, (sum_gc * inv).astype(f32), offset_bp, empty, empty


def _fused_bn_grad_kernel(gy, x, scale, mean, var, *reserve_space_3, epsilon, data_format,
                          is_training, T=None, **_):  # noqa: N803 - TF's attr name
    # TF 1.14's CPU FusedBatchNormGrad (training) and FusedBatchNormFreezeGrad, step by step
    if T is _dt.bfloat16 and is_training:
        return _xla_bn_grad(gy, x, scale, mean, var, epsilon, data_format)
    sdt = scale.dtype
    gy2 = _channels_last(gy, data_format).astype(sdt, copy=False)
    x2 = _channels_last(x, data_format).astype(sdt, copy=False)
    n = x2.shape[0]
    inv = _rsqrt(var + np.asarray(epsilon, sdt))
    centered = x2 - mean
    offset_bp = _depth_sums(gy2)
    if is_training:
        scale_bp = _depth_sums(gy2 * (centered * inv))
        gy_centered = gy2 - offset_bp * _rest_inv(n, sdt)
        # Eigen's MeanReducer divides the sum by the count
        coef2 = np.square(inv) * (_depth_sums(gy2 * centered) / sdt.type(max(n, 1)))
        x_bp = (scale * inv) * (gy_centered - centered * coef2)
    else:
        scale_bp = _depth_sums(gy2 * centered) * inv
        x_bp = gy2 * (inv * scale)
    x_bp = _from_channels_last(_as_t(x_bp, x, T), x.shape, data_format)
    empty = np.zeros((0,), sdt)
    return (x_bp, scale_bp.astype(sdt, copy=False), offset_bp.astype(sdt, copy=False), empty,
            empty)


def _batch_norm_grad(grad_y, x, scale, pop_mean, pop_var, epsilon, data_format, training):
    """FusedBatchNormGrad's outputs composed from differentiable ops, op for op TF 1.14's
    _BatchNormGrad (float16 x and grad_y in float32, grad_x cast back)."""
    x_dtype = x.dtype.base_dtype
    if x_dtype is _dt.float16:
        x = cast(x, _dt.float32)
        grad_y = cast(grad_y, _dt.float32)
    nchw = data_format == "NCHW"
    axes = [0, 2, 3] if nchw else [0, 1, 2]
    if training:
        if nchw:
            scale = reshape(scale, [1, size(scale), 1, 1])
        mean_grad_y = reduce_mean(grad_y, axes, keepdims=nchw)
        mean_x = reduce_mean(x, axes, keepdims=nchw)
        var_x = reduce_mean(squared_difference(x, stop_gradient(mean_x)), axes, keepdims=nchw)
        grad_y_offset = _py_op(subtract, "sub", grad_y, mean_grad_y)
        x_offset = _py_op(subtract, "sub", x, mean_x)
        mean = reduce_mean(_py_op(multiply, "mul", grad_y, x_offset), axes, keepdims=nchw)
        # scale * rsqrt(var_x + eps) * (grad_y_offset - reciprocal(var_x + eps) * mean
        # * x_offset), in Python's order of evaluation
        left = _py_op(multiply, "mul", scale, rsqrt(_py_op(add, "add", var_x, epsilon)))
        right = _py_op(multiply, "mul", _py_op(multiply, "mul", reciprocal(
            _py_op(add, "add", var_x, epsilon)), mean), x_offset)
        grad_x = _py_op(multiply, "mul", left, _py_op(subtract, "sub", grad_y_offset, right))
        grad_scale = _py_op(multiply, "mul", rsqrt(_py_op(add, "add", var_x, epsilon)),
                            reduce_sum(_py_op(multiply, "mul", grad_y, x_offset), axes,
                                       keepdims=nchw))
        if nchw:
            grad_scale = squeeze(grad_scale)
        grad_offset = reduce_sum(grad_y, axes)
        return cast(grad_x, x_dtype), grad_scale, grad_offset
    if nchw:
        shape = [1, size(pop_mean), 1, 1]
        pop_mean = reshape(pop_mean, shape)
        pop_var = reshape(pop_var, shape)
        scale = reshape(scale, shape)
    grad_offset = reduce_sum(grad_y, axes)
    var_rsqrt = rsqrt(_py_op(add, "add", pop_var, epsilon))
    grad_scale = reduce_sum(_py_op(multiply, "mul", _py_op(
        multiply, "mul", grad_y, _py_op(subtract, "sub", x, pop_mean)), var_rsqrt), axes)
    grad_x = _py_op(multiply, "mul", _py_op(multiply, "mul", grad_y, scale), var_rsqrt)
    return cast(grad_x, x_dtype), grad_scale, grad_offset


def _fused_bn_grad_grad(op, *grads):
    """TF's _FusedBatchNormGradGrad: the composed backprop, recorded on a gradient tape
    watching grad_y, x and scale, differentiated by the tape (partial derivatives: a path
    from grad_y back to x outside the composed ops is the outer gradient's to follow)."""
    grad_y, x, scale, m, v = op._inputs[:5]
    tape = _tape.Tape(persistent=False, watch_accessed_variables=True)
    _tape.push(tape)
    try:
        for t in (grad_y, x, scale):
            tape.watch(t)
        outs = _batch_norm_grad(grad_y, x, scale, m, v, op._get_attr("epsilon"),
                                op._get_attr("data_format"), op._get_attr("is_training"))
    finally:
        _tape.pop(tape)
    initial = [None if g is None else convert_to_tensor(g) for g in grads[:3]]
    return compute_gradient(tape, list(outs), [grad_y, x, scale], initial) + \
        [None] * (len(op._inputs) - 3)


for _type in _GRAD_OP.values():
    register_op(_type, infer=_fused_bn_grad_infer, kernel=_fused_bn_grad_kernel,
                bind=_with_t(_fused_bn_grad_kernel, 1), grad=_fused_bn_grad_grad)


def fused_batch_norm(x: TensorLike, scale: TensorLike, offset: TensorLike,
                     mean: TensorLike | None = None, variance: TensorLike | None = None,
                     epsilon: float = 0.001, data_format: str = "NHWC",
                     is_training: bool = True, name: str | None = None
                     ) -> tuple[Tensor, Tensor, Tensor]:
    """Batch normalization of a 4-D tensor as one op: (y, batch_mean, batch_variance).

    In training the statistics are the batch's and the variance is
    Bessel-corrected (n / (n - 1)), as TF's; otherwise `mean` and `variance`
    (required) are used.

    >>> y, m, v = tf.nn.fused_batch_norm(tf.ones([2, 2, 2, 3]), tf.ones([3]), tf.zeros([3]))
    >>> with tf.Session() as sess:
    ...     print(sess.run(m))
    [1. 1. 1.]
    """
    # TF's nn.fused_batch_norm converts x, scale, offset and makes the empty mean and
    # variance in the caller's scope (a variable's ReadVariableOp lands there too)
    x = to_tensor(x, name="input")
    # TF 1.14 builds FusedBatchNormV2 (float32 scale, offset and statistics) for float16
    # and bfloat16 x, FusedBatchNorm (float32 only) otherwise
    op_type = "FusedBatchNormV2" if x.dtype.base_dtype in (_dt.float16, _dt.bfloat16) \
        else "FusedBatchNorm"
    scale = to_tensor(scale, name="scale")
    offset = to_tensor(offset, dtype=scale.dtype.base_dtype, name="offset")
    if is_training and (mean is not None or variance is not None):
        raise ValueError("Both 'mean' and 'variance' must be None if is_training is True.")
    if mean is None:
        mean = constant(np.zeros((0,), scale.dtype.base_dtype.as_numpy_dtype))
    if variance is None:
        variance = constant(np.zeros((0,), scale.dtype.base_dtype.as_numpy_dtype))
    with name_scope(name, op_type, [x, scale, offset]) as scope:
        mean = to_tensor(mean, dtype=scale.dtype.base_dtype, name="mean")
        variance = to_tensor(variance, dtype=scale.dtype.base_dtype, name="variance")
        # TF validates the attr in the op's scope, after the empty statistics are made
        data_format = check_choice(op_type, "data_format", data_format, ("NHWC", "NCHW"))
        op = apply_op(op_type, [x, scale, offset, mean, variance],
                      {"epsilon": float(epsilon) if epsilon > 1.001e-5 else 1.001e-5,
                       "data_format": data_format, "is_training": bool(is_training)},
                      scope)
        y, batch_mean, batch_var = op.outputs[:3]
        return y, batch_mean, batch_var


# -- LRN ----------------------------------------------------------------------------------
def _lrn_infer(inputs, attrs):
    x = inputs[0]
    if x.shape.ndims is not None and x.shape.ndims != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape)]


def _window_sum(v, r, block=None):
    """sum(v[..., c - r: c + r + 1]) for every channel c, added in channel order from 0,
    as LRNGrad's loop and TF's contraction with the 0/1 band matrix (whose zeros add
    nothing). `block`: the contraction's slices of the channel axis, each summed on its
    own before being added to the total."""
    c = v.shape[-1]
    acc = np.zeros_like(v)
    total = np.zeros_like(v) if block and block < c else None
    chan = np.arange(c)
    for d in range(-min(r, c - 1), min(r, c - 1) + 1):
        src = slice(max(0, d), min(c, c + d))       # channel k = c + d
        dst = slice(max(0, -d), min(c, c - d))      # for these c
        if total is not None and d > -r:
            # a slice starts at k (past the window's first channel): close the one before
            new = np.zeros(c, bool)
            new[dst] = (chan[src] % block == 0) & (chan[dst] + d > chan[dst] - r)
            if new.any():
                total[..., new] += acc[..., new]
                acc[..., new] = 0
        acc[..., dst] += v[..., src]
    return acc if total is None else total + acc


def _contraction_block(rows, depth):
    """The slices of the channel axis TF 1.14's band contraction sums apart (Eigen's
    blocking on the oracle's CPU): one row is a matrix-vector product, over 16 channels
    at a time from 128 channels on (4 from 8000 on); more rows a matrix product whose
    inner dimension above 320 is cut into equal slices of 320 or fewer, rounded up to 8
    (TensorContractionBlocking for MKL-DNN's kernel; products small enough for Eigen to
    run on one thread keep up to 400 channels whole: not modelled)."""
    if rows == 1:
        return None if depth < 128 else (16 if depth * 4 < 32000 else 4)
    if depth <= 320:
        return None
    slices = -(-depth // 320)
    return -(-(depth // slices) // 8) * 8


def _sliding_sum(v, r):
    """TF's SingleThreadedLRN scale (depth > 384, beta 0.5 or 1): a running sum over the
    zero-padded channels, each new square added before the oldest is taken away."""
    c = v.shape[-1]
    pad = np.zeros(v.shape[:-1] + (c + 2 * r,), v.dtype)
    pad[..., r:r + c] = v
    out = np.empty_like(v)
    acc = np.zeros(v.shape[:-1], v.dtype)
    for i in range(2 * r):
        acc += pad[..., i]
    for i in range(c):
        acc += pad[..., i + 2 * r]
        out[..., i] = acc
        acc -= pad[..., i]
    return out


def _squares(x):
    sq = np.square(x)
    return eigen_math.flush(sq) if x.dtype == np.float32 else sq


def _neg_pow(s, beta):
    """s ** -beta as TF's kernel evaluates it: 1 / s, rsqrt(s) or exp(log(s) * -beta),
    Eigen's packet functions for float32."""
    if beta == 1.0:
        return s.dtype.type(1) / s
    if s.dtype == np.float64:   # no TF kernel (the LRN op made directly, for checks)
        return s ** -beta
    if s.dtype != np.float32:   # half: each function in float, rounded back
        f = s.astype(np.float32)
        if beta == 0.5:
            return (np.float32(1) / np.sqrt(f)).astype(s.dtype)
        lg = np.log(f).astype(s.dtype)
        return np.exp((lg * s.dtype.type(-beta)).astype(np.float32)).astype(s.dtype)
    if beta == 0.5:
        return eigen_math.rsqrt(s)
    return eigen_math.exp(eigen_math.log(s) * np.float32(-beta))


def _lrn_kernel(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, **_):
    """TF 1.14's CPU LRN: the squares summed over the channel window, then
    x * (alpha * sum + bias) ** -beta (for more than 384 channels and beta 0.5 or 1, a
    running sum of alpha * x^2, then bias + sum)."""
    t = x.dtype.type
    with np.errstate(all="ignore"):
        if x.shape[-1] > 384 and beta in (0.5, 1.0):
            s = t(bias) + _sliding_sum(_squares(x) * t(alpha), depth_radius)
        else:
            block = _contraction_block(x.size // max(x.shape[-1], 1), x.shape[-1])
            s = _window_sum(_squares(x), depth_radius, block) * t(alpha) + t(bias)
        return x * _neg_pow(s, beta)


def _lrn_grad_kernel(g, x, y, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, **_):
    """TF 1.14's LRNGrad loop: for each channel j with g_j != 0, every k in j's window
    gets (x_k * (-2 alpha beta y_j) / N_j + [k == j] N_j^-beta) * g_j, added in j order;
    N_j = alpha * sum(x^2 over j's window) + bias."""
    t = x.dtype.type
    r, c = depth_radius, x.shape[-1]
    with np.errstate(all="ignore"):
        norm = t(alpha) * _window_sum(_squares(x), r) + t(bias)
        # Eigen::numext::pow: libm's powf (half: on floats, rounded back)
        pcp = (np.power(norm, t(-beta)) if x.dtype == np.float64
               else eigen_math.powf(norm, np.float32(t(-beta))).astype(x.dtype))
        ab2 = (t(-2) * t(alpha)) * t(beta) * y
        out = np.zeros_like(x)
        for e in range(-min(r, c - 1), min(r, c - 1) + 1):   # e = j - k, j ascending
            k0, k1 = max(0, -e), min(c, c - e)
            xk = x[..., k0:k1]
            j = slice(k0 + e, k1 + e)
            term = xk * ab2[..., j] / norm[..., j]
            if e == 0:
                term += pcp[..., j]
            gj = g[..., j]
            out[..., k0:k1] += np.where(gj != 0, term * gj, t(0))
    return out


def _lrn_attrs(op):
    return {k: op._get_attr(k) for k in ("depth_radius", "bias", "alpha", "beta")}


def _lrn_grad(op, grad):
    """TF's LRNGrad(grad, x, y); LRNGrad itself has no gradient (as in TF)."""
    return [apply("LRNGrad", [grad, op._inputs[0], op.outputs[0]], _lrn_attrs(op))]


def _lrn_grad_infer(inputs, attrs):
    for t in inputs:
        if t.shape.ndims is not None and t.shape.ndims != 4:
            raise ValueError(f"Shape must be rank 4 but is rank {t.shape.ndims}")
    return [(inputs[0].dtype.base_dtype, inputs[0].shape)]


_LRN_TYPES = tuple(t for t in FLOATS if t is not _dt.float64)  # TF's op: no float64
register_op("LRN", infer=_lrn_infer, kernel=_lrn_kernel, grad=_lrn_grad)
register_op("LRNGrad", infer=_lrn_grad_infer, kernel=_lrn_grad_kernel,
            grad=no_gradient_registered)


def local_response_normalization(input: TensorLike, depth_radius: int = 5, bias: float = 1,
                                 alpha: float = 1, beta: float = 0.5,
                                 name: str | None = None) -> Tensor:
    """input / (bias + alpha * sum(input^2 over depth_radius channels each side)) ** beta.

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.lrn(tf.ones([1, 1, 1, 2]), depth_radius=1, beta=1.0)))
    [[[[0.33333334 0.33333334]]]]
    """
    # TF's generated wrapper: a Python value becomes the Const LRN/input (float32 first)
    with name_scope(name, "LRN", [input]) as scope:
        x = input if isinstance(input, Tensor) else \
            convert_to_tensor(input, name="input", preferred_dtype=_dt.float32)
        check_dtype("LRN", x, _LRN_TYPES, "input")
        return apply("LRN", [x], {"depth_radius": int(depth_radius), "bias": float(bias),
                                  "alpha": float(alpha), "beta": float(beta)}, scope)


lrn = local_response_normalization


# =========================================================================================
# BatchNormWithGlobalNormalization (removed at GraphDef version 9: the Inception-2015 era's
# batch norm; GraphDefs of producer < 9 hold it) and its gradient op
# =========================================================================================
def _global_norm_infer(inputs, attrs, n_out=1):
    """TF's shape functions: t rank 4, the vectors rank 1, one depth merged across them."""
    t = inputs[0]
    vectors = list(inputs[1:5]) if n_out == 1 else list(inputs[1:4])
    for x in [t] + ([] if n_out == 1 else [inputs[4]]):
        if x.shape.ndims is not None and x.shape.ndims != 4:
            raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
    dims = list(t.shape.as_tuple() or [None] * 4)
    if n_out > 1:
        dims = list(merge_shapes(TensorShape(dims), inputs[4].shape).as_tuple())
    depth = dims[3]
    for v in vectors:
        if v.shape.ndims is not None and v.shape.ndims != 1:
            raise ValueError(f"Shape must be rank 1 but is rank {v.shape.ndims}")
        d = None if v.shape.ndims is None else v.shape.as_tuple()[0]
        if depth is not None and d is not None and depth != d:
            raise ValueError(f"Dimensions must be equal, but are {depth} and {d}")
        depth = depth if depth is not None else d
    dt = t.dtype.base_dtype
    if n_out == 1:
        return [(dt, TensorShape(dims[:3] + [depth]))]
    return [(dt, TensorShape(dims[:3] + [depth]))] + [(dt, TensorShape([depth]))] * 4


def _check_4d(t):
    if np.ndim(t) != 4:
        raise _errors.InvalidArgumentError(
            None, None, f"input must be 4-dimensional{_fmt(np.shape(t))}")


def _fmt(s):
    return "[" + ",".join(str(d) for d in s) + "]"


def _column_sums(x2d):
    """Eigen's sum over the outer dim of a (rest, depth) tensor: each column in order."""
    if x2d.shape[0] == 0:
        return np.zeros(x2d.shape[1], x2d.dtype)
    return np.add.reduce(x2d, axis=0) if x2d.shape[1] > 1 else np.cumsum(x2d[:, 0])[-1:]


def _global_norm_kernel(t, m, v, beta, gamma, variance_epsilon=0.0,
                        scale_after_normalization=False, **_):
    """(t - m) * (rsqrt(v + eps) * gamma) + beta (batch_norm_op.h; without gamma when not
    scale_after_normalization)."""
    _check_4d(t)
    eps = np.asarray(variance_epsilon, t.dtype)
    scale = _rsqrt_kernel(v + eps)
    if scale_after_normalization:
        scale = scale * gamma
    return (t - m) * scale + beta


register_op("BatchNormWithGlobalNormalization", infer=_global_norm_infer,
            kernel=_global_norm_kernel,
            grad=lambda op, grad: list(apply_op(
                "BatchNormWithGlobalNormalizationGrad",
                [op._inputs[0], op._inputs[1], op._inputs[2], op._inputs[4], grad],
                {"variance_epsilon": op._get_attr("variance_epsilon"),
                 "scale_after_normalization": op._get_attr("scale_after_normalization")}
            ).outputs))


def _global_norm_grad_kernel(t, m, v, gamma, backprop, variance_epsilon=0.0,
                             scale_after_normalization=False, **_):
    """dx, dm, dv, db, dg in batch_norm_op.h's order of operations."""
    _check_4d(t)
    depth = np.shape(m)[0]
    g2 = backprop.reshape(-1, depth)
    eps = np.asarray(variance_epsilon, t.dtype)
    db = _column_sums(g2)
    s1 = _rsqrt_kernel(v + eps)
    s2 = _column_sums(g2 * (t.reshape(-1, depth) - m))
    if scale_after_normalization:
        dx = backprop * (s1 * gamma)
        dm = -db * (s1 * gamma)
        dg = s2 * s1
    else:
        dx = backprop * s1
        dm = -db * s1
        dg = np.zeros_like(s2)
    s1 = s1 * np.asarray(-0.5, t.dtype) / (v + eps)
    dv = s2 * (s1 * gamma) if scale_after_normalization else s2 * s1
    return dx, dm, dv, db, dg


register_op("BatchNormWithGlobalNormalizationGrad",
            infer=lambda inputs, attrs: _global_norm_infer(inputs, attrs, n_out=5),
            kernel=_global_norm_grad_kernel, grad=no_gradient_registered)
