"""Pooling ops: MaxPool, AvgPool, MaxPoolWithArgmax, MaxPool3D, AvgPool3D and their
gradient ops (MaxPoolGrad, MaxPoolGradGrad, AvgPoolGrad, MaxPoolGradWithArgmax,
MaxPoolGradGradWithArgmax, MaxPool3DGrad, MaxPool3DGradGrad, AvgPool3DGrad), each
with a gradient of its own. The 2-D kernels go tap by tap over strided views of the
unpadded input (Geo.taps), the 3-D ones reduce window views (see _windows.py).

Composites (tf.nn.pool, the 1-D pools, TF 2's pool entry points) are in the
TensorFlow surface (flowgrad.ops.conv_ops).
"""
from __future__ import annotations

import itertools
from collections import namedtuple

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.constant_op import const_value, convert_to_tensor
from ..framework.graph import Tensor, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import FLOATS, INTS, apply, refuse_bytes_format, to_tensor
from ._nn_util import IntOrInts, TensorLike, shape_of
from ._windows import (
    FMT3,
    attrs3,
    check_choice,
    check_rank,
    from_last,
    from_last_dims,
    from_nhwc,
    from_nhwc_dims,
    Geo,
    geometry,
    GeoN,
    get_sequence,
    hw,
    lowest,
    ndims_last,
    nhwc_dims,
    out_size,
    sizes_infer,
    sizes_value,
    to_last,
    to_nhwc,
)
from .construction import zeros, zeros_like

POOL_TYPES = FLOATS + INTS


def _pool_geo(x_nhwc_shape, attrs):
    ksize, strides, padding, fmt = (attrs["ksize"], attrs["strides"], attrs["padding"],
                                    attrs["data_format"])
    return Geo(x_nhwc_shape, hw(ksize, fmt), strides, (1, 1, 1, 1), padding, fmt)


def _pool_infer(op_type):
    def infer(inputs, attrs):
        x = inputs[0]
        check_rank(x, 4)
        ksize, strides, padding, fmt = (attrs["ksize"], attrs["strides"], attrs["padding"],
                                        attrs["data_format"])
        _, _, _, kc = nhwc_dims(ksize, fmt)
        _, _, _, sc = nhwc_dims(strides, fmt)
        # TF's shape functions leave windows over the batch to the kernel; MaxPoolShape
        # windows the depth too, AvgPoolShape keeps it
        xd = nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
        geo = geometry(xd[1:3], hw(ksize, fmt), strides, (1, 1, 1, 1), padding, fmt)
        depth = xd[3]
        if op_type != "AvgPool" and depth is not None and (kc != 1 or sc != 1):
            depth = (depth - kc) // sc + 1 if padding == "VALID" else -(-depth // sc)
            if depth < 0:
                raise ValueError(f"Negative dimension size caused by subtracting {kc} from "
                                 f"{xd[3]}")
        return [(x.dtype.base_dtype, TensorShape(from_nhwc_dims(xd[0], geo[0][0], geo[1][0],
                                                                depth, fmt)))]
    return infer


def _floor(dtype):
    """The value TF's max pooling reduction starts from: the dtype's lowest finite value."""
    return np.finfo(dtype).min if dtype.kind == "f" else np.iinfo(dtype).min


def _window_max(x, g):
    """The maximum of every window of NHWC `x` as TF's CPU MaxPool (Eigen's max reducer):
    NaNs are skipped and the result is at least the dtype's lowest finite value (a window
    of -inf gives it). Tap by tap over strided views of the unpadded input."""
    out = np.full((g.n, g.oh, g.ow, g.c), _floor(x.dtype), x.dtype)
    for _, oi, ii in g.taps():
        np.fmax(out[oi], x[ii], out=out[oi])
    return out


def _window_argmax(x, g):
    """TF's CPU max pooling with argmax (SpatialMaxPoolWithArgMaxHelper): for every
    output, (maximum, kernel tap i * KW + j) of its window, where the window's first real
    element is taken and then replaced only by a strictly greater one (first on ties;
    a NaN never replaces, a leading NaN stays).

    Tap by tap with branch-free arithmetic (masked copies with random masks are several
    times slower); a window holding a NaN takes the exact masked form."""
    shape = (g.n, g.oh, g.ow, g.c)
    best = np.empty(shape, x.dtype)
    arg = np.empty(shape, np.int8 if g.kh * g.kw <= 127 else np.int32)
    full = g.full_taps
    if not full:
        best.fill(lowest(x.dtype))
        arg.fill(-1)
    for t, oi, ii in g.taps():
        v, b, a = x[ii], best[oi], arg[oi]
        if t == 0 and full:
            b[...] = v
            a.fill(0)
            continue
        upd = v > b
        if not full:
            upd |= a < 0
        step = np.subtract(arg.dtype.type(t), a)       # a = where(upd, t, a)
        np.multiply(step, upd, out=step)
        a += step
        np.maximum(b, v, out=b)
    if x.dtype.kind == "f" and np.isnan(best).any():
        return _window_argmax_nan(x, g)
    return best, arg


def _window_argmax_nan(x, g):
    """_window_argmax's rule by masked copies (exact where windows hold NaNs)."""
    shape = (g.n, g.oh, g.ow, g.c)
    best = np.full(shape, lowest(x.dtype), x.dtype)
    arg = np.full(shape, -1, np.int8 if g.kh * g.kw <= 127 else np.int32)
    for t, oi, ii in g.taps():
        v, b, a = x[ii], best[oi], arg[oi]
        upd = (v > b) | (a < 0)
        np.copyto(b, v, where=upd)
        np.copyto(a, t, where=upd, casting="unsafe")
    return best, arg


_UINTS = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def _bits(a):
    """`a` viewed as unsigned ints of its width (for exact branch-free selects)."""
    return a.view(_UINTS[a.dtype.itemsize])


def _select(mask, v):
    """where(mask, v, 0) bit for bit (NaN and inf in v kept or zeroed), branch-free: the
    result as unsigned ints of v's width."""
    u = _UINTS[v.dtype.itemsize]
    return np.bitwise_and(_bits(v), np.multiply(mask, u(np.iinfo(u).max), dtype=u))


def _check_pool_windows(attrs, data_format, op_type):
    """TF's pooling kernels: no window over the batch; over the depth only TF's depthwise
    max pooling, which flowgrad does not do."""
    kn, kh, kw, kc = nhwc_dims(attrs["ksize"], data_format)
    sn, _, _, sc = nhwc_dims(attrs["strides"], data_format)
    if kn != 1 or sn != 1:
        raise errors.UnimplementedError(None, None,
                                        "Pooling is not yet supported on the batch dimension.")
    if kc != 1 or sc != 1:
        if op_type == "AvgPool" or kh != 1 or kw != 1:
            raise errors.UnimplementedError(
                None, None, "MaxPooling supports exactly one of pooling across depth or "
                "pooling across width/height.")
        raise NotImplementedError(f"{op_type} over the depth dimension (TF's depthwise max "
                                  "pooling) is not supported")


def _max_pool_kernel(x, data_format, **attrs):
    _check_pool_windows(attrs, data_format, "MaxPool")
    x = to_nhwc(x, data_format)
    g = _pool_geo(x.shape, dict(attrs, data_format=data_format))
    return from_nhwc(_window_max(x, g), data_format)


def _max_pool_grad_infer(inputs, attrs):
    for t in inputs:
        check_rank(t, 4)
    x = inputs[0]
    return [(x.dtype.base_dtype, x.shape)]


def _overlapping(g):
    return g.kh > g.sh or g.kw > g.sw


def _max_pool_grad_kernel(x, y, dy, data_format, **attrs):
    """Each output's gradient goes to its window's argmax (TF's tie rule, _window_argmax),
    tap by tap: a masked copy (a masked add where windows overlap). TF's
    SpatialMaxPoolWithArgMaxHelper adds the gradients output after output (raster order),
    so an input element gets its windows' shares from the last tap to the first."""
    x = to_nhwc(x, data_format)
    dy = to_nhwc(dy, data_format)
    g = _pool_geo(x.shape, dict(attrs, data_format=data_format))
    _, arg = _window_argmax(x, g)
    dx = np.zeros(x.shape, dy.dtype)
    add = _overlapping(g)
    for t, oi, ii in reversed(list(g.taps())):
        sel = _select(arg[oi] == t, dy[oi])
        if add:
            dx[ii] += sel.view(dy.dtype)
        else:     # every input element is in one window at most
            _bits(dx)[ii] = sel
    return from_nhwc(dx, data_format)


def _max_pool_grad_grad_infer(inputs, attrs):
    x, y, _ = inputs
    check_rank(x, 4)
    return [(x.dtype.base_dtype, y.shape)]


def _max_pool_grad_grad_kernel(x, y, ddx, data_format, **attrs):
    """As TF's CPU kernel: each output takes ddx at the first element of its window that
    equals the output's value y (0 when none does)."""
    x, y = to_nhwc(x, data_format), to_nhwc(y, data_format)
    ddx = to_nhwc(ddx, data_format)
    g = _pool_geo(x.shape, dict(attrs, data_format=data_format))
    out = np.zeros((g.n, g.oh, g.ow, g.c), ddx.dtype)
    bits = _bits(out)
    found = np.zeros(out.shape, bool)
    for _, oi, ii in g.taps():
        hit = x[ii] == y[oi]
        hit &= ~found[oi]
        found[oi] |= hit
        bits[oi] |= _select(hit, ddx[ii])     # one hit per output at most: OR is exact
    return from_nhwc(out, data_format)


# -- AvgPool -----------------------------------------------------------------------------
def _window_counts(g):
    """How many real (unpadded) elements each output window covers: (OH, OW)."""
    (_, ht, _), (_, wl, _) = g.geo

    def counts(o, stride, pad, k, size):
        start = np.arange(o) * stride - pad
        return np.minimum(start + k, size) - np.maximum(start, 0)
    return np.outer(counts(g.oh, g.sh, ht, g.kh, g.h), counts(g.ow, g.sw, wl, g.kw, g.w))


def _avg_pool_kernel(x, data_format, **attrs):
    _check_pool_windows(attrs, data_format, "AvgPool")
    x = to_nhwc(x, data_format)
    g = _pool_geo(x.shape, dict(attrs, data_format=data_format))
    # TF's SpatialAvgPool adds a window's inputs in raster order (its taps in order) and
    # divides by the count in the input's type: float16 sums round at every add
    total = np.zeros((g.n, g.oh, g.ow, g.c), x.dtype)
    for _, oi, ii in g.taps():
        total[oi] += x[ii]
    counts = _window_counts(g)[None, :, :, None]
    if x.dtype == np.float16:
        counts = counts.astype(np.float16)
    out = (total / counts).astype(x.dtype, copy=False)
    return from_nhwc(out, data_format)


def _avg_pool_grad_infer(inputs, attrs):
    sizes, g = inputs
    check_rank(g, 4)
    sv = sizes_value(sizes)
    if sv is not None and len(sv) != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {len(sv)}")
    return [(g.dtype.base_dtype, TensorShape(sv if sv is not None else [None] * 4))]


def _avg_pool_grad_kernel(sizes, dy, data_format, **attrs):
    dims = nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dy = to_nhwc(dy, data_format)
    g = _pool_geo(dims, dict(attrs, data_format=data_format))
    # TF's AvgPoolingGradOp: each output's gradient times T(1.0 / count) (a product, not
    # a quotient), added into the input output position after output position (raster
    # order: an input element gets its taps' shares from the last tap to the first)
    coeff = (1.0 / _window_counts(g)).astype(dy.dtype)
    share = dy * coeff[None, :, :, None]
    dx = np.zeros(dims, dy.dtype)
    add = _overlapping(g)
    for _, oi, ii in reversed(list(g.taps())):
        if add:
            dx[ii] += share[oi]
        else:
            dx[ii] = share[oi]
    return from_nhwc(dx, data_format)


# TF 1.14's op defs: MaxPool's input, T (default float32) and data_format; AvgPool's (its
# input is called value, its T has no default)
_MAX_POOL_T = (_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64, _dt.int32, _dt.int64,
               _dt.uint8, _dt.int16, _dt.int8, _dt.uint16, _dt.qint8)
_POOL_DEF = {"MaxPool": ("input", _MAX_POOL_T, ("NHWC", "NCHW", "NCHW_VECT_C"), _dt.float32),
             "AvgPool": ("value", FLOATS, ("NHWC", "NCHW"), None)}


def _pool_checked(op_type, value, ksize, strides, padding, data_format):
    """tf.nn.max_pool / avg_pool's work inside the op's scope, as TF 1.14's: ksize and
    strides as 4-lists, then the generated wrapper's conversion (a Python value becomes the
    Const <scope>/<arg>, MaxPool's float32 first), dtype and attr checks (a call failing
    there has used up the name). Returns (input, attrs)."""
    arg, types, formats, preferred = _POOL_DEF[op_type]
    data_format = "NHWC" if data_format is None else data_format
    refuse_bytes_format(data_format)
    cidx = 1 if str(data_format).startswith("NC") else 3
    ksize = get_sequence(ksize, 2, cidx, "ksize")
    strides = get_sequence(strides, 2, cidx, "strides")
    x = value if isinstance(value, Tensor) else \
        convert_to_tensor(value, name=arg, preferred_dtype=preferred)
    if x.dtype.base_dtype not in types:
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {x.dtype.name} "
                        f"not in list of allowed values: {', '.join(d.name for d in types)}")
    check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    check_choice(op_type, "data_format", data_format, formats)
    return x, {"ksize": ksize, "strides": strides, "padding": padding,
               "data_format": data_format}


def _max_pool_unsupported(x, attrs):
    if attrs["data_format"] == "NCHW_VECT_C":
        raise NotImplementedError("max_pool: data_format='NCHW_VECT_C' is not supported")
    if x.dtype.base_dtype not in POOL_TYPES:
        raise NotImplementedError(f"max_pool: inputs of type {x.dtype.name} are not supported")


def max_pool(value: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
             data_format: str = "NHWC", name: str | None = None,
             input: TensorLike | None = None) -> Tensor:
    """Max pooling over 2-D windows (MaxPool); ksize and strides take 1, 2 or 4 ints.

    >>> y = tf.nn.max_pool(tf.reshape(tf.range(16.0), [1, 4, 4, 1]), 2, 2, "VALID")
    >>> with tf.Session() as sess:
    ...     print(sess.run(y)[0, :, :, 0])
    [[ 5.  7.]
     [13. 15.]]
    """
    value = input if value is None else value
    with name_scope(name, "MaxPool", [value]) as scope:
        x, attrs = _pool_checked("MaxPool", value, ksize, strides, padding, data_format)
        _max_pool_unsupported(x, attrs)
        return apply("MaxPool", [x], attrs, scope)


def avg_pool(value: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
             data_format: str = "NHWC", name: str | None = None,
             input: TensorLike | None = None) -> Tensor:
    """Average pooling over 2-D windows (AvgPool); SAME padding averages only real elements.

    >>> y = tf.nn.avg_pool(tf.ones([1, 3, 3, 1]), 2, 2, "SAME")
    >>> with tf.Session() as sess:
    ...     print(sess.run(y)[0, :, :, 0])
    [[1. 1.]
     [1. 1.]]
    """
    value = input if value is None else value
    with name_scope(name, "AvgPool", [value]) as scope:
        x, attrs = _pool_checked("AvgPool", value, ksize, strides, padding, data_format)
        return apply("AvgPool", [x], attrs, scope)


# =========================================================================================
# MaxPoolWithArgmax (NHWC only, as TF)
# =========================================================================================
def _argmax_infer(inputs, attrs):
    (dt, shape), = _pool_infer("MaxPoolWithArgmax")(inputs, dict(attrs, data_format="NHWC"))
    return [(dt, shape), (attrs["Targmax"], shape)]


def _flat_argmax(x, attrs):
    """The windows' maxima and TF's argmax: ((b * H + h) * W + w) * C + c (b only with
    include_batch_in_index)."""
    g = _pool_geo(x.shape, dict(attrs, data_format="NHWC"))
    best, tap = _window_argmax(x, g)
    (_, ht, _), (_, wl, _) = g.geo
    i, j = np.divmod(tap, g.kw)
    h = np.arange(g.oh)[None, :, None, None] * g.sh - ht + i
    w = np.arange(g.ow)[None, None, :, None] * g.sw - wl + j
    idx = (h * g.w + w) * g.c + np.arange(g.c)
    if attrs.get("include_batch_in_index", False):
        idx = idx + np.arange(g.n)[:, None, None, None] * (g.h * g.w * g.c)
    return best, idx


def _max_pool_argmax_kernel(x, Targmax, **attrs):
    best, idx = _flat_argmax(x, attrs)
    return best, idx.astype(Targmax.as_numpy_dtype)


def _argmax_attrs(op):
    return {k: op._get_attr(k) for k in ("ksize", "strides", "padding",
                                        "include_batch_in_index")}


def _max_pool_argmax_grad(op, grad, _argmax_grad):
    """Routes the gradient to the recorded argmax positions (MaxPoolGradWithArgmax)."""
    return [apply("MaxPoolGradWithArgmax", [op._inputs[0], grad, op.outputs[1]],
                  _argmax_attrs(op))]


def _batch_offsets(shape, include_batch):
    n = shape[0]
    per = int(np.prod(shape[1:]))
    if include_batch:
        return np.zeros((n, 1, 1, 1), np.int64)
    return (np.arange(n) * per).reshape(n, 1, 1, 1)


def _max_pool_grad_argmax_kernel(x, grad, argmax, include_batch_in_index=False, **_):
    """As TF's CPU kernel: zeros, then every output's gradient added at its argmax in the
    gradient's type, output after output (np.add.at adds in index order)."""
    flat = (argmax + _batch_offsets(x.shape, include_batch_in_index)).ravel()
    out = np.zeros(x.size, grad.dtype)
    np.add.at(out, flat, grad.ravel())
    return out.reshape(x.shape)


def _max_pool_grad_argmax_grad(op, grad):
    """Linear in the gradient: its adjoint gathers at the argmax positions."""
    x, _, argmax = op._inputs
    return [zeros_like(x), apply("MaxPoolGradGradWithArgmax", [x, grad, argmax],
                                 _argmax_attrs(op)), None]


def _max_pool_grad_grad_argmax_kernel(x, grad, argmax, include_batch_in_index=False, **_):
    flat = argmax + _batch_offsets(x.shape, include_batch_in_index)
    return grad.ravel()[flat]


def _max_pool_grad_grad_argmax_grad(op, grad):
    """Gathering at argmax is the adjoint of scattering there."""
    x, _, argmax = op._inputs
    return [zeros_like(x), apply("MaxPoolGradWithArgmax", [x, grad, argmax], _argmax_attrs(op)),
            None]


def max_pool_with_argmax(input: TensorLike, ksize: IntOrInts, strides: IntOrInts,
                         padding: str, data_format: str = "NHWC",
                         Targmax: _dt.DType | None = None,
                         name: str | None = None, output_dtype: _dt.DType | None = None,
                         include_batch_in_index: bool = False) -> tuple[Tensor, Tensor]:
    """Max pooling (NHWC) and the flattened index of each maximum: (y * width + x) *
    channels + c (plus b * height * width * channels with include_batch_in_index).

    >>> y, idx = tf.nn.max_pool_with_argmax(tf.reshape(tf.range(16.0), [1, 4, 4, 1]),
    ...                                     [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    >>> with tf.Session() as sess:
    ...     print(sess.run(idx)[0, :, :, 0])
    [[ 5  7]
     [13 15]]
    """
    if data_format != "NHWC":
        raise ValueError("Data formats other than 'NHWC' are not yet supported")
    targ = _dt.as_dtype(Targmax or output_dtype or _dt.int64).base_dtype
    check_choice("MaxPoolWithArgmax", "padding", padding, ("SAME", "VALID"))
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype not in POOL_TYPES:
        raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in "
                        "list of allowed values")
    out, idx = apply("MaxPoolWithArgmax", [x], {
        "ksize": get_sequence(ksize, 2, 3, "ksize"),
        "strides": get_sequence(strides, 2, 3, "strides"), "padding": padding,
        "Targmax": targ, "include_batch_in_index": bool(include_batch_in_index)},
        name or "MaxPoolWithArgmax")
    return _MaxPoolWithArgmax(out, idx)


_MaxPoolWithArgmax = namedtuple("MaxPoolWithArgmax", ["output", "argmax"])   # TF's result


# =========================================================================================
# MaxPool3D / AvgPool3D (NDHWC / NCDHW), on N-d window views
# =========================================================================================
def _pool3d_infer(inputs, attrs):
    x = inputs[0]
    check_rank(x, 5)
    fmt, st, _, pad, k = attrs3(attrs, with_k=True)
    kn = attrs["ksize"][0]
    kc = attrs["ksize"][1 if fmt == "NCDHW" else 4]
    if kn != 1 or kc != 1:
        raise ValueError("Pooling is not yet supported on the batch or depth dimension.")
    xd = ndims_last(x.shape.as_tuple(), fmt) or (None,) * 5
    out = [out_size(xd[1 + i], k[i], st[i], 1, pad)[0] for i in range(3)]
    return [(x.dtype.base_dtype, TensorShape(from_last_dims([xd[0]] + out + [xd[-1]], fmt)))]


def _geo3(x_last_shape, attrs):
    _, st, _, pad, k = attrs3(attrs, with_k=True)
    return GeoN(x_last_shape, k, st, (1, 1, 1), pad)


def _max_pool3d_kernel(x, **attrs):
    fmt = attrs["data_format"]
    x = to_last(x, fmt)
    g = _geo3(x.shape, attrs)
    win = g.windows(g.pad(x, lowest(x.dtype)))
    return from_last(win.max(axis=(4, 5, 6)), fmt)


def _argmax3(x, attrs):
    g = _geo3(x.shape, attrs)
    win = g.windows(g.pad(x, lowest(x.dtype)))
    flat = win.reshape(win.shape[:4] + (-1, g.c))
    return g, np.argmax(flat, axis=4)


def _tf_taps3(k):
    """The order in which TF's 3-D pooling gradients (CPU, float32) add a window's share to
    an input element: TF loops over the outputs by width, then height, then depth (innermost)
    and adds each window to the gradient, so an element sees its windows' taps with the
    width tap falling slowest, then the height tap, then the depth tap."""
    return [(td, th, tw) for tw in reversed(range(k[2])) for th in reversed(range(k[1]))
            for td in reversed(range(k[0]))]


def _xla_taps3(k):
    """XLA_CPU's order (its reduce-window over the padded gradient, and SelectAndScatter):
    an element sees its windows in (depth, height, width) order of the outputs, i.e. the
    taps in reverse row-major order."""
    return list(itertools.product(*(reversed(range(n)) for n in k)))


def _max_pool3d_grad_kernel(x, y, dy, **attrs):
    """float32, TF 1.14's CPU kernel: every element of a window within 1e-5 of its maximum
    (|x - max| < 1e-5 in float32) gets that window's gradient (ties all receive it, unlike
    2-D MaxPoolGrad and MaxPool3DGradGrad), the windows added in TF's loop order. Other
    types run on XLA_CPU (SelectAndScatter): the window's first maximum gets it, added in
    the input's type over the outputs in (depth, height, width) order."""
    fmt = attrs["data_format"]
    x, y, dy = to_last(x, fmt), to_last(y, fmt), to_last(dy, fmt)
    g = _geo3(x.shape, attrs)
    e = (slice(None),) * 4 + (None, None, None, slice(None))
    if x.dtype == np.float32:
        win = g.windows(g.pad(x, lowest(x.dtype)))
        with np.errstate(over="ignore", invalid="ignore"):   # x - max <= 0: |x - max| < 1e-5
            hit = win - y[e] > np.float32(-1e-5)
        taps = _tf_taps3(g.k)
    else:
        _, arg = _argmax3(x, attrs)
        hit = (np.arange(int(np.prod(g.k)))[:, None] == arg[:, :, :, :, None, :]
               ).reshape(arg.shape[:4] + g.k + (g.c,))
        taps = _xla_taps3(g.k)
    cols = np.where(hit, dy[e], np.zeros((), dy.dtype))
    return from_last(np.ascontiguousarray(g.scatter(cols, dy.dtype, taps)), fmt)


def _max_pool3d_grad_grad_kernel(x, y, ddx, **attrs):
    fmt = attrs["data_format"]
    x, ddx = to_last(x, fmt), to_last(ddx, fmt)
    g, arg = _argmax3(x, attrs)
    win = g.windows(g.pad(ddx))
    flat = win.reshape(win.shape[:4] + (-1, g.c))
    out = np.take_along_axis(flat, arg[:, :, :, :, None, :], axis=4)[:, :, :, :, 0, :]
    return from_last(np.ascontiguousarray(out), fmt)


def _counts3(g):
    def counts(o, stride, pad, k, size):
        start = np.arange(o) * stride - pad
        return np.minimum(start + k, size) - np.maximum(start, 0)
    c = [counts(o, s, geo[1], k, sz) for o, s, geo, k, sz in
         zip(g.out, g.s, g.geo, g.k, g.size)]
    return c[0][:, None, None] * c[1][None, :, None] * c[2][None, None, :]


def _window_sum3(win, dtype):
    """Each window's sum in `dtype`, its elements added one by one in (depth, height, width)
    order (TF's volume-patch order, and XLA's reduce-window loop)."""
    total = np.zeros(win.shape[:4] + win.shape[7:], dtype)
    for tap in itertools.product(*(range(k) for k in win.shape[4:7])):
        total += win[(slice(None),) * 4 + tap]
    return total


def _avg_pool3d_kernel(x, **attrs):
    """TF 1.14 runs float32 on its CPU kernel (Eigen: the sum, divided by the count) and
    the other types on XLA_CPU (float64: the sum times 1 / count; float16: summed and
    divided in float32, then rounded). XLA's fast-math code may still reassociate some
    sums (seen on tiny inputs and on a SAME 3x3x3 window)."""
    fmt = attrs["data_format"]
    x = to_last(x, fmt)
    g = _geo3(x.shape, attrs)
    acc = np.float32 if x.dtype.itemsize <= 4 else x.dtype
    total = _window_sum3(g.windows(g.pad(x)), acc)
    counts = _counts3(g)[None, ..., None].astype(acc)
    mean = total * (1 / counts) if x.dtype == np.float64 else total / counts
    return from_last(mean.astype(x.dtype, copy=False), fmt)


def _avg_pool3d_grad_kernel(sizes, dy, **attrs):
    """float32 (TF's CPU kernel): each window's dy * (1 / count) added to its input in TF's
    loop order. Other types (XLA_CPU): the same shares summed in XLA's order, float16 and
    bfloat16 in float32 (their shares too), then rounded."""
    fmt = attrs["data_format"]
    dims = ndims_last(tuple(int(s) for s in sizes), fmt)
    dy = to_last(dy, fmt)
    g = _geo3(dims, attrs)
    counts = _counts3(g)[None, ..., None]
    acc = np.float32 if dy.dtype.itemsize == 2 else dy.dtype   # XLA sums halves in float32
    share = dy.astype(acc, copy=False) * (np.ones((), acc) / counts.astype(acc))
    taps = _tf_taps3(g.k) if dy.dtype == np.float32 else _xla_taps3(g.k)
    cols = np.broadcast_to(share[:, :, :, :, None, None, None, :],
                           share.shape[:4] + g.k + (g.c,))
    out = g.scatter(cols, acc, taps).astype(dy.dtype, copy=False)
    return from_last(np.ascontiguousarray(out), fmt)


def _pool3d(op_type, input, ksize, strides, padding, data_format, name, allowed):
    refuse_bytes_format(data_format)
    check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    check_choice(op_type, "data_format", data_format, FMT3)
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype not in allowed:
        raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in "
                        f"list of allowed values: {', '.join(d.name for d in allowed)}")
    cidx = 1 if data_format == "NCDHW" else 4
    return apply(op_type, [x], {"ksize": get_sequence(ksize, 3, cidx, "ksize"),
                                "strides": get_sequence(strides, 3, cidx, "strides"),
                                "padding": padding, "data_format": data_format},
                 name or op_type)


def max_pool3d(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
               data_format: str = "NDHWC", name: str | None = None) -> Tensor:
    """Max pooling over 3-D windows of a 5-D input (MaxPool3D).

    >>> y = tf.nn.max_pool3d(tf.ones([1, 4, 4, 4, 1]), 2, 2, "SAME")
    >>> y.shape.as_list()
    [1, 2, 2, 2, 1]
    """
    # TF 1.14's MaxPool3D: half, bfloat16, float32 (AvgPool3D adds float64)
    return _pool3d("MaxPool3D", input, ksize, strides, padding, data_format, name,
                   tuple(t for t in FLOATS if t is not _dt.float64))


def avg_pool3d(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
               data_format: str = "NDHWC", name: str | None = None) -> Tensor:
    """Average pooling over 3-D windows (AvgPool3D; SAME averages only real elements)."""
    return _pool3d("AvgPool3D", input, ksize, strides, padding, data_format, name, FLOATS)


# =========================================================================================
# Gradients and registration
# =========================================================================================
def _pool_attrs(op):
    return {k: op._get_attr(k) for k in ("ksize", "strides", "padding", "data_format")}


def _routed_by(grad_type):
    def rule(op, grad):
        """Each output's gradient goes to its window's maximum."""
        return [apply(grad_type, [op._inputs[0], op.outputs[0], grad], _pool_attrs(op))]
    return rule


def _max_adjoint(adjoint_type):
    def rule(op, grad):
        """Linear in its last input, (x, y) fixed: the adjoint (scatter to / gather at the
        argmax) is `adjoint_type`."""
        x, y, _ = op._inputs   # (TF's zeros of shape(x), shape(y): Shape, zeros/Const, Fill)
        return [zeros(shape_of(x), x.dtype.base_dtype), zeros(shape_of(y), y.dtype.base_dtype),
                apply(adjoint_type, [x, y, grad], _pool_attrs(op))]
    return rule


def _spread_by(grad_type):
    def rule(op, grad):
        """Each output's gradient is spread evenly over its window."""
        return [apply(grad_type, [shape_of(op._inputs[0]), grad], _pool_attrs(op))]
    return rule


def _avg_adjoint(pool_type):
    def rule(op, grad):
        """Linear in its gradient: the adjoint is the average pool itself. TF 1.14's
        nn_grad gives the shape input stop_gradient(shape) (not None), so the two
        gradients come back through a tuple."""
        return [apply("StopGradient", [op._inputs[0]]),
                apply(pool_type, [grad], _pool_attrs(op))]
    return rule


_POOL_OPS = [
    # op type, shape rule, kernel, gradient rule
    ("MaxPool", _pool_infer("MaxPool"), _max_pool_kernel, _routed_by("MaxPoolGrad")),
    ("MaxPoolGrad", _max_pool_grad_infer, _max_pool_grad_kernel,
     _max_adjoint("MaxPoolGradGrad")),
    ("MaxPoolGradGrad", _max_pool_grad_grad_infer, _max_pool_grad_grad_kernel,
     _max_adjoint("MaxPoolGrad")),
    ("AvgPool", _pool_infer("AvgPool"), _avg_pool_kernel, _spread_by("AvgPoolGrad")),
    ("AvgPoolGrad", _avg_pool_grad_infer, _avg_pool_grad_kernel, _avg_adjoint("AvgPool")),
    ("MaxPoolWithArgmax", _argmax_infer, _max_pool_argmax_kernel, _max_pool_argmax_grad),
    ("MaxPoolGradWithArgmax", lambda ins, a: [(ins[0].dtype.base_dtype, ins[0].shape)],
     _max_pool_grad_argmax_kernel, _max_pool_grad_argmax_grad),
    ("MaxPoolGradGradWithArgmax", lambda ins, a: [(ins[0].dtype.base_dtype, ins[2].shape)],
     _max_pool_grad_grad_argmax_kernel, _max_pool_grad_grad_argmax_grad),
    ("MaxPool3D", _pool3d_infer, _max_pool3d_kernel, _routed_by("MaxPool3DGrad")),
    ("MaxPool3DGrad", lambda ins, a: [(ins[2].dtype.base_dtype, ins[0].shape)],
     _max_pool3d_grad_kernel, _max_adjoint("MaxPool3DGradGrad")),
    ("MaxPool3DGradGrad", lambda ins, a: [(ins[0].dtype.base_dtype, ins[1].shape)],
     _max_pool3d_grad_grad_kernel, _max_adjoint("MaxPool3DGrad")),
    ("AvgPool3D", _pool3d_infer, _avg_pool3d_kernel, _spread_by("AvgPool3DGrad")),
    ("AvgPool3DGrad", sizes_infer(0, 1), _avg_pool3d_grad_kernel, _avg_adjoint("AvgPool3D")),
]
for _type, _infer, _kernel, _grad in _POOL_OPS:
    register_op(_type, infer=_infer, kernel=_kernel, grad=_grad)
del _type, _infer, _kernel, _grad


# -- MaxPoolV2, MaxPoolGradV2, MaxPoolGradGradV2: ksize and strides as the last two inputs ----
def _v2_infer(infer, n_data):
    """The V1 shape rule with ksize and strides read from constant inputs (otherwise a
    rank-4 shape of unknown dimensions)."""
    def rule(inputs, attrs):
        if n_data > 1:   # the gradient ops' shapes are their inputs'
            return infer(inputs[:n_data], attrs)
        ks, st = (const_value(t) for t in inputs[n_data:n_data + 2])
        if ks is None or st is None:
            return [(inputs[0].dtype.base_dtype, TensorShape([None] * 4))]
        return infer(inputs[:n_data], dict(attrs, ksize=[int(k) for k in np.reshape(ks, -1)],
                                           strides=[int(v) for v in np.reshape(st, -1)]))
    return rule


def _v2_kernel(kernel, n_data):
    def run(*args, **attrs):
        ks, st = args[n_data:n_data + 2]
        return kernel(*args[:n_data], ksize=[int(k) for k in np.reshape(ks, -1)],
                      strides=[int(v) for v in np.reshape(st, -1)], **attrs)
    return run


def _v2_attrs(op):
    return {k: op._get_attr(k) for k in ("padding", "data_format")}


def _max_pool_v2_grad(op, grad):
    """TF 1.14's _MaxPoolGradV2: MaxPoolGradV2(x, y, grad, ksize, strides)."""
    return [apply("MaxPoolGradV2", [op._inputs[0], op.outputs[0], grad, op._inputs[1],
                                    op._inputs[2]], _v2_attrs(op)), None, None]


def _max_v2_adjoint(adjoint_type):
    def rule(op, grad):
        """TF 1.14's rules: zeros for x and y, the adjoint op for the gradient input."""
        x, y = op._inputs[0], op._inputs[1]
        return [zeros(shape_of(x), x.dtype.base_dtype), zeros(shape_of(y), y.dtype.base_dtype),
                apply(adjoint_type, [x, y, grad, op._inputs[3], op._inputs[4]], _v2_attrs(op)),
                None, None]
    return rule


register_op("MaxPoolV2", infer=_v2_infer(_pool_infer("MaxPool"), 1),
            kernel=_v2_kernel(_max_pool_kernel, 1), grad=_max_pool_v2_grad)
register_op("MaxPoolGradV2", infer=_v2_infer(_max_pool_grad_infer, 3),
            kernel=_v2_kernel(_max_pool_grad_kernel, 3),
            grad=_max_v2_adjoint("MaxPoolGradGradV2"))
register_op("MaxPoolGradGradV2", infer=_v2_infer(_max_pool_grad_grad_infer, 3),
            kernel=_v2_kernel(_max_pool_grad_grad_kernel, 3),
            grad=no_gradient_registered)   # TF 1.14 registers none
