"""Convolution and pooling ops (NHWC/NCHW, SAME/VALID), built on matrix products.

Every kernel works on NHWC (NCHW inputs are transposed views) and on one
strided *window view* of the padded input, shaped (N, OH, OW, KH, KW, C):
convolutions contract it with the filter by `tensordot` (im2col), pools reduce
over its window axes. Backward kernels scatter per kernel tap (a loop over the
KH*KW taps, each a strided slice over all pixels), never per pixel.

Padding follows TF's arithmetic (GetWindowedOutputSize): SAME gives
out = ceil(in / stride) and pads (out - 1) * stride + eff_k - in in total,
the smaller half before; VALID gives out = ceil((in - eff_k + 1) / stride);
eff_k = (k - 1) * dilation + 1.

Gradient ops are TF's (Conv2DBackpropInput, Conv2DBackpropFilter,
MaxPoolGrad, MaxPoolGradGrad, AvgPoolGrad, DepthwiseConv2dNativeBackprop*,
MaxPoolGradWithArgmax, MaxPoolGradGradWithArgmax), each with its own
gradient, so second-order gradients work. conv1d, 1-D pools, separable and
atrous convolutions are composites over these ops. The 3-D family (Conv3D,
MaxPool3D, AvgPool3D and their gradient ops) uses the same scheme on N-d
window views (`_GeoN`).
"""
from __future__ import annotations

__all__ = [
    "atrous_conv2d",
    "avg_pool",
    "avg_pool1d",
    "avg_pool2d",
    "avg_pool3d",
    "avg_pool_v2",
    "conv1d",
    "conv1d_transpose",
    "conv2d",
    "conv2d_backprop_filter",
    "conv2d_backprop_input",
    "conv2d_transpose",
    "conv3d",
    "conv3d_backprop_filter_v2",
    "conv3d_transpose",
    "convolution",
    "depthwise_conv2d",
    "depthwise_conv2d_backprop_filter",
    "depthwise_conv2d_backprop_input",
    "depthwise_conv2d_native",
    "depthwise_conv2d_native_backprop_filter",
    "depthwise_conv2d_native_backprop_input",
    "max_pool",
    "max_pool1d",
    "max_pool2d",
    "max_pool3d",
    "max_pool_v2",
    "max_pool_with_argmax",
    "pool",
    "separable_conv2d",
]

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import FLOATS, INTS, apply, const_value, same_type_inputs, to_tensor

_POOL_TYPES = FLOATS + INTS


# -- geometry ----------------------------------------------------------------------------
def _check_choice(op_type, attr, value, allowed):
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"Attr '{attr}' of '{op_type}' Op passed string '{value}' not in: "
                         + ", ".join(f'"{a}"' for a in allowed) + ".")


def _get_sequence(value, n, channel_index, name):
    """TF's _get_sequence: an int or a 1/2/4-list becomes a 4-list in data_format order."""
    if value is None:
        value = 1
    if isinstance(value, (int, np.integer)):
        value = [int(value)]
    value = [int(v) for v in value]
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2} but was {len(value)}")
    if channel_index == 1:
        return [1, 1] + value
    return [1] + value + [1]


def _hw(seq, data_format):
    """The (H, W) entries of a 4-list given in `data_format` order."""
    return (seq[2], seq[3]) if data_format == "NCHW" else (seq[1], seq[2])


def _nhwc_dims(dims, data_format):
    """(N, H, W, C) of a 4-tuple in `data_format` order."""
    if dims is None:
        return None
    if data_format == "NCHW":
        return dims[0], dims[2], dims[3], dims[1]
    return tuple(dims)


def _from_nhwc_dims(n, h, w, c, data_format):
    return [n, c, h, w] if data_format == "NCHW" else [n, h, w, c]


def _out_size(size, k, stride, dilation, padding, explicit=(0, 0)):
    """TF's windowed output size and padding: (out, pad_before, pad_after); None if unknown."""
    if size is None:
        return None, 0, 0
    eff = (k - 1) * dilation + 1
    if padding == "SAME":
        out = (size + stride - 1) // stride
        total = max(0, (out - 1) * stride + eff - size)
        return out, total // 2, total - total // 2
    if padding == "EXPLICIT":
        before, after = explicit
        size += before + after
        if size < eff:
            raise ValueError(f"Negative dimension size caused by subtracting {eff} from {size}")
        return (size - eff) // stride + 1, before, after
    if size < eff:
        raise ValueError(f"Negative dimension size caused by subtracting {eff} from {size}")
    return (size - eff + stride) // stride, 0, 0


def _explicit_hw(explicit, data_format):
    if not explicit:
        return (0, 0), (0, 0)
    pairs = [tuple(explicit[2 * i: 2 * i + 2]) for i in range(4)]
    return _hw(pairs, data_format)


def _geometry(in_hw, k_hw, strides, dilations, padding, data_format, explicit=None):
    """Per spatial dim: (out, pad_before, pad_after)."""
    s = _hw(strides, data_format)
    d = _hw(dilations, data_format)
    ex = _explicit_hw(explicit, data_format)
    return [_out_size(in_hw[i], k_hw[i], s[i], d[i], padding, ex[i]) for i in range(2)]


def _to_nhwc(x, data_format):
    return np.transpose(x, (0, 2, 3, 1)) if data_format == "NCHW" else x


def _from_nhwc(x, data_format):
    return np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2))) if data_format == "NCHW" else x


def _pad(x, geo, value=0):
    (_, ht, hb), (_, wl, wr) = geo
    if not (ht or hb or wl or wr):
        return x
    return np.pad(x, ((0, 0), (ht, hb), (wl, wr), (0, 0)), constant_values=value)


def _windows(xp, kh, kw, sh, sw, dh, dw, oh, ow):
    """A read-only view (N, OH, OW, KH, KW, C) of the windows of padded NHWC `xp`."""
    n, _, _, c = xp.shape
    s0, s1, s2, s3 = xp.strides
    return as_strided(xp, (n, oh, ow, kh, kw, c), (s0, s1 * sh, s2 * sw, s1 * dh, s2 * dw, s3),
                      writeable=False)


def _scatter_taps(cols, padded_shape, kh, kw, sh, sw, dh, dw, oh, ow, dtype):
    """Adjoint of `_windows`: sums cols (N, OH, OW, KH, KW, C) into a padded NHWC array."""
    out = np.zeros(padded_shape, dtype=dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, i * dh: i * dh + (oh - 1) * sh + 1: sh,
                j * dw: j * dw + (ow - 1) * sw + 1: sw, :] += cols[:, :, :, i, j, :]
    return out


def _crop(xp, geo, h, w):
    (_, ht, _), (_, wl, _) = geo
    return xp[:, ht: ht + h, wl: wl + w, :]


class _Geo:
    """Everything a kernel needs about one windowed op, from NHWC input dims and attrs."""

    def __init__(self, in_dims, k_hw, strides, dilations, padding, data_format, explicit=None):
        self.n, self.h, self.w, self.c = in_dims
        self.kh, self.kw = k_hw
        self.sh, self.sw = _hw(strides, data_format)
        self.dh, self.dw = _hw(dilations, data_format)
        self.geo = _geometry((self.h, self.w), k_hw, strides, dilations, padding, data_format,
                             explicit)
        (self.oh, ht, hb), (self.ow, wl, wr) = self.geo
        self.padded = (self.n, self.h + ht + hb, self.w + wl + wr, self.c)

    def windows(self, xp):
        return _windows(xp, self.kh, self.kw, self.sh, self.sw, self.dh, self.dw, self.oh,
                        self.ow)

    def scatter(self, cols, dtype):
        xp = _scatter_taps(cols, self.padded, self.kh, self.kw, self.sh, self.sw, self.dh,
                           self.dw, self.oh, self.ow, dtype)
        return _crop(xp, self.geo, self.h, self.w)


def _check_strides_kernel(strides, data_format, dilations=(1, 1, 1, 1)):
    """TF's kernels check these at run time (InvalidArgumentError), not at graph build."""
    n, _, _, c = _nhwc_dims(strides, data_format)
    if n != 1 or c != 1:
        raise errors.InvalidArgumentError(
            None, None, "Current implementation does not yet support strides in the batch "
            "and depth dimensions.")
    n, _, _, c = _nhwc_dims(dilations, data_format)
    if n != 1 or c != 1:
        raise errors.InvalidArgumentError(
            None, None, "Current implementation does not yet support dilations in the batch "
            "and depth dimensions.")


def _check_rank(t, rank, what="Shape"):
    r = t.shape.ndims
    if r is not None and r != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {r}")


def _shape_of(t):
    """A 1-D int32 tensor with `t`'s shape (a constant when static)."""
    dims = t.shape.as_tuple()
    if dims is not None and None not in dims:
        return constant(np.array(dims, dtype=np.int32))
    from .array_ops import shape
    return shape(t)


def _sizes_value(sizes_t):
    v = const_value(sizes_t)
    return None if v is None else tuple(int(d) for d in np.asarray(v).reshape(-1))


# =========================================================================================
# Conv2D
# =========================================================================================
def _conv_attrs(node_attrs):
    return (node_attrs["strides"], node_attrs["padding"], node_attrs["data_format"],
            node_attrs.get("dilations", [1, 1, 1, 1]), node_attrs.get("explicit_paddings", []))


def _conv2d_infer(inputs, attrs):
    x, f = inputs
    _check_rank(x, 4)
    _check_rank(f, 4)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'Conv2D' Op has type {f.dtype.base_dtype.name} that "
                        f"does not match type {x.dtype.base_dtype.name} of argument 'input'.")
    strides, padding, fmt, dil, explicit = _conv_attrs(attrs)
    xd = _nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
    fd = f.shape.as_tuple() or (None,) * 4
    if xd[3] is not None and fd[2] is not None and xd[3] != fd[2]:
        raise ValueError(f"Depth of input ({xd[3]}) is not a multiple of input depth of filter "
                         f"({fd[2]})")
    out_hw = [None, None]
    if fd[0] is not None and fd[1] is not None:
        geo = _geometry(xd[1:3], fd[:2], strides, dil, padding, fmt, explicit)
        out_hw = [g[0] for g in geo]
    return [(x.dtype.base_dtype, TensorShape(_from_nhwc_dims(xd[0], out_hw[0], out_hw[1], fd[3],
                                                             fmt)))]


def _conv2d_kernel(x, f, strides, padding, data_format, dilations=(1, 1, 1, 1),
                   explicit_paddings=(), **_):
    _check_strides_kernel(strides, data_format, dilations)
    dt = x.dtype
    x, f = _wide(_to_nhwc(x, data_format), f)
    g = _Geo(x.shape, f.shape[:2], strides, dilations, padding, data_format, explicit_paddings)
    cols = g.windows(_pad(x, g.geo))
    out = np.tensordot(cols, f, axes=([3, 4, 5], [0, 1, 2]))
    return _from_nhwc(out.astype(dt, copy=False), data_format)


def _conv2d_grad(op, grad):
    """dx = Conv2DBackpropInput(shape(x), f, g); df = Conv2DBackpropFilter(x, shape(f), g)."""
    from ..engine.framework.grad_state import wants_grad
    x, f = op.inputs
    attrs = _pass_attrs(op)
    dx = apply("Conv2DBackpropInput", [_shape_of(x), f, grad], attrs) if wants_grad(0) else None
    df = apply("Conv2DBackpropFilter", [x, _shape_of(f), grad], attrs) if wants_grad(1) else None
    return [dx, df]


def _pass_attrs(op):
    return {k: op.get_attr(k) for k in ("strides", "padding", "data_format", "dilations",
                                        "explicit_paddings") if k in op._attrs}


register_op("Conv2D", infer=_conv2d_infer, kernel=_conv2d_kernel, grad=_conv2d_grad)


def _padding_attrs(op_type, padding, data_format):
    """Validates padding (a string or explicit [[b, a]] * 4 pairs); returns (padding, explicit)."""
    if isinstance(padding, (list, tuple)):
        pairs = [list(p) for p in padding]
        if len(pairs) != 4 or any(len(p) != 2 for p in pairs):
            raise ValueError(f"When padding is a list, it must be of length 4 of pairs, got "
                             f"{padding}")
        n, _, _, c = _nhwc_dims(pairs, data_format)
        if n != [0, 0] or c != [0, 0]:
            raise ValueError("The padding of the batch and depth dimensions must be 0, got "
                             f"{padding}")
        return "EXPLICIT", [int(v) for p in pairs for v in p]
    _check_choice(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    if padding == "EXPLICIT":
        raise ValueError("padding='EXPLICIT' needs the paddings as a list of pairs")
    return padding, []


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,
           data_format="NHWC", dilations=(1, 1, 1, 1), name=None, filters=None):
    """2-D convolution (cross-correlation, as TF) of a 4-D input with a 4-D filter.

    Args:
      input: [batch, in_height, in_width, in_channels] (NHWC) or
        [batch, in_channels, in_height, in_width] (NCHW); float16/32/64.
      filter: [filter_height, filter_width, in_channels, out_channels].
      strides: int or list of 1, 2 or 4 ints (batch and depth strides must be 1).
      padding: "SAME", "VALID", or explicit [[0, 0], [top, bottom], [left, right], [0, 0]].
      data_format: "NHWC" (default) or "NCHW".
      dilations: int or list of 1, 2 or 4 ints.
    Returns:
      A tensor of input's dtype and data_format.
    Raises:
      ValueError: bad rank, padding string, data_format, or channel mismatch.

    >>> y = tf.nn.conv2d(tf.ones([1, 5, 5, 1]), tf.ones([3, 3, 1, 2]), [1, 1, 1, 1], "SAME")
    """
    if filters is not None:
        if filter is not None:
            raise ValueError("Cannot specify both 'filter' and 'filters'")
        filter = filters
    _check_choice("Conv2D", "data_format", data_format, ("NHWC", "NCHW"))
    padding, explicit = _padding_attrs("Conv2D", padding, data_format)
    cidx = 1 if data_format == "NCHW" else 3
    strides = _get_sequence(strides, 2, cidx, "strides")
    dilations = _get_sequence(dilations, 2, cidx, "dilations")
    x, f = same_type_inputs("Conv2D", [input, filter], ["input", "filter"], allowed=FLOATS)
    return apply("Conv2D", [x, f], {"strides": strides, "padding": padding,
                                    "explicit_paddings": explicit, "data_format": data_format,
                                    "dilations": dilations, "use_cudnn_on_gpu": True},
                 name or "Conv2D")


# -- Conv2DBackpropInput ----------------------------------------------------------------
def _backprop_input_infer(op_type):
    def infer(inputs, attrs):
        sizes, f, dy = inputs
        _check_rank(f, 4)
        _check_rank(dy, 4)
        if f.dtype.base_dtype is not dy.dtype.base_dtype:
            raise TypeError(f"Input 'out_backprop' of '{op_type}' Op has type "
                            f"{dy.dtype.base_dtype.name} that does not match type "
                            f"{f.dtype.base_dtype.name} of argument 'filter'.")
        sv = _sizes_value(sizes)
        if sv is not None and len(sv) != 4:
            raise ValueError(f"input_sizes must be 4-dimensional, got {len(sv)}")
        return [(f.dtype.base_dtype, TensorShape(sv if sv is not None else [None] * 4))]
    return infer


def _conv2d_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                  dilations=(1, 1, 1, 1), explicit_paddings=(), **_):
    _check_strides_kernel(strides, data_format, dilations)
    n, h, w, c = _nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dt = dy.dtype
    dy, f = _wide(_to_nhwc(dy, data_format), f)
    g = _Geo((n, h, w, c), f.shape[:2], strides, dilations, padding, data_format,
             explicit_paddings)
    _check_out_shape(g, dy)
    cols = np.tensordot(dy, f, axes=([3], [3]))          # (N, OH, OW, KH, KW, C)
    dx = g.scatter(cols, dy.dtype).astype(dt, copy=False)
    return _from_nhwc(np.ascontiguousarray(dx), data_format)


def _wide(*arrays):
    """float16 operands are contracted in float32 (NumPy has no fast float16 matmul)."""
    return [a.astype(np.float32) if a.dtype == np.float16 else a for a in arrays]


def _check_out_shape(g, dy):
    if dy.shape[1:3] != (g.oh, g.ow):
        raise errors.InvalidArgumentError(
            None, None, f"Conv2DSlowBackpropInput: Size of out_backprop doesn't match computed: "
            f"actual = {dy.shape[1:3]}, computed = {(g.oh, g.ow)}")


def _conv2d_backprop_input_grad(op, grad):
    """Linear in (filter, out_backprop): d/df = BackpropFilter(g, ., dy), d/ddy = Conv2D(g, f)."""
    from ..engine.framework.grad_state import wants_grad
    _, f, dy = op.inputs
    attrs = _pass_attrs(op)
    df = apply("Conv2DBackpropFilter", [grad, _shape_of(f), dy], attrs) if wants_grad(1) \
        else None
    ddy = apply("Conv2D", [grad, f], attrs) if wants_grad(2) else None
    return [None, df, ddy]


register_op("Conv2DBackpropInput", infer=_backprop_input_infer("Conv2DBackpropInput"),
            kernel=_conv2d_backprop_input_kernel, grad=_conv2d_backprop_input_grad)


# -- Conv2DBackpropFilter ---------------------------------------------------------------
def _backprop_filter_infer(op_type):
    def infer(inputs, attrs):
        x, sizes, dy = inputs
        _check_rank(x, 4)
        _check_rank(dy, 4)
        if x.dtype.base_dtype is not dy.dtype.base_dtype:
            raise TypeError(f"Input 'out_backprop' of '{op_type}' Op has type "
                            f"{dy.dtype.base_dtype.name} that does not match type "
                            f"{x.dtype.base_dtype.name} of argument 'input'.")
        sv = _sizes_value(sizes)
        if sv is not None and len(sv) != 4:
            raise ValueError(f"filter_sizes must be 4-dimensional, got {len(sv)}")
        return [(x.dtype.base_dtype, TensorShape(sv if sv is not None else [None] * 4))]
    return infer


def _conv2d_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                   dilations=(1, 1, 1, 1), explicit_paddings=(), **_):
    _check_strides_kernel(strides, data_format, dilations)
    dt = x.dtype
    x, dy = _wide(_to_nhwc(x, data_format), _to_nhwc(dy, data_format))
    kh, kw = int(sizes[0]), int(sizes[1])
    g = _Geo(x.shape, (kh, kw), strides, dilations, padding, data_format, explicit_paddings)
    _check_out_shape(g, dy)
    cols = g.windows(_pad(x, g.geo))
    out = np.tensordot(cols, dy, axes=([0, 1, 2], [0, 1, 2]))   # (KH, KW, C, O)
    return out.astype(dt, copy=False)


def _conv2d_backprop_filter_grad(op, grad):
    """Linear in (input, out_backprop): d/dx = BackpropInput(., g, dy), d/ddy = Conv2D(x, g)."""
    from ..engine.framework.grad_state import wants_grad
    x, _, dy = op.inputs
    attrs = _pass_attrs(op)
    dx = apply("Conv2DBackpropInput", [_shape_of(x), grad, dy], attrs) if wants_grad(0) \
        else None
    ddy = apply("Conv2D", [x, grad], attrs) if wants_grad(2) else None
    return [dx, None, ddy]


register_op("Conv2DBackpropFilter", infer=_backprop_filter_infer("Conv2DBackpropFilter"),
            kernel=_conv2d_backprop_filter_kernel, grad=_conv2d_backprop_filter_grad)


def _sizes_tensor(sizes):
    if hasattr(sizes, "op"):
        return sizes
    return constant(np.asarray(sizes, dtype=np.int32).reshape(-1))


def conv2d_backprop_input(input_sizes, filter=None, out_backprop=None, strides=None,
                          padding=None, use_cudnn_on_gpu=True, data_format="NHWC",
                          dilations=(1, 1, 1, 1), name=None, filters=None):
    """The gradient of conv2d with respect to its input (TF's Conv2DBackpropInput).

    Args:
      input_sizes: 1-D int32 [4]: the shape of the conv input.
      filter: [kh, kw, in_channels, out_channels]; out_backprop: the output gradient.
    Returns:
      A tensor of shape `input_sizes`.
    """
    filter = filters if filter is None else filter
    _check_choice("Conv2DBackpropInput", "data_format", data_format, ("NHWC", "NCHW"))
    padding, explicit = _padding_attrs("Conv2DBackpropInput", padding, data_format)
    cidx = 1 if data_format == "NCHW" else 3
    f, dy = same_type_inputs("Conv2DBackpropInput", [filter, out_backprop],
                             ["filter", "out_backprop"], allowed=FLOATS)
    return apply("Conv2DBackpropInput", [_sizes_tensor(input_sizes), f, dy],
                 {"strides": _get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                  "explicit_paddings": explicit, "data_format": data_format,
                  "dilations": _get_sequence(dilations, 2, cidx, "dilations")},
                 name or "Conv2DBackpropInput")


def conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding,
                           use_cudnn_on_gpu=True, data_format="NHWC", dilations=(1, 1, 1, 1),
                           name=None):
    """The gradient of conv2d with respect to its filter (TF's Conv2DBackpropFilter).

    Returns:
      A tensor of shape `filter_sizes`.
    """
    _check_choice("Conv2DBackpropFilter", "data_format", data_format, ("NHWC", "NCHW"))
    padding, explicit = _padding_attrs("Conv2DBackpropFilter", padding, data_format)
    cidx = 1 if data_format == "NCHW" else 3
    x, dy = same_type_inputs("Conv2DBackpropFilter", [input, out_backprop],
                             ["input", "out_backprop"], allowed=FLOATS)
    return apply("Conv2DBackpropFilter", [x, _sizes_tensor(filter_sizes), dy],
                 {"strides": _get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                  "explicit_paddings": explicit, "data_format": data_format,
                  "dilations": _get_sequence(dilations, 2, cidx, "dilations")},
                 name or "Conv2DBackpropFilter")


def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None,
                     padding="SAME", data_format="NHWC", name=None, input=None, filters=None,
                     dilations=None):
    """The transpose of conv2d (the gradient of conv2d with respect to its input).

    Args:
      value: 4-D input [batch, h, w, in_channels] (NHWC).
      filter: [kh, kw, output_channels, in_channels].
      output_shape: 1-D of 4 ints, the output's shape.
    Returns:
      A tensor of shape `output_shape`.
    Raises:
      ValueError: the filter's last dim differs from value's channels, or output_shape's
        channels differ from the filter's third dim.

    >>> y = tf.nn.conv2d_transpose(tf.ones([1, 3, 3, 2]), tf.ones([3, 3, 1, 2]), [1, 6, 6, 1],
    ...                            [1, 2, 2, 1])
    """
    value = input if value is None else value
    filter = filters if filter is None else filter
    _check_choice("Conv2DBackpropInput", "data_format", data_format, ("NHWC", "NCHW"))
    with _scope(name, "conv2d_transpose", [value, filter, output_shape]) as scope_name:
        value, filter = same_type_inputs("Conv2DBackpropInput", [value, filter],
                                         ["value", "filter"], allowed=FLOATS)
        cidx = 1 if data_format == "NCHW" else 3
        if value.shape.ndims is not None and value.shape.ndims != 4:
            raise ValueError(f"value must be a 4-D tensor, got shape {value.shape}")
        vc = value.shape.as_tuple()[cidx] if value.shape.ndims else None
        fd = filter.shape.as_tuple()
        if vc is not None and fd is not None and fd[3] is not None and vc != fd[3]:
            raise ValueError(f"input channels does not match filter's input channels, "
                             f"{vc} != {fd[3]}")
        sizes = _sizes_tensor(output_shape)
        sv = _sizes_value(sizes)
        if sv is not None:
            if len(sv) != 4:
                raise ValueError(f"output_shape must have shape (4,), got {(len(sv),)}")
            if fd is not None and fd[2] is not None and sv[cidx] != fd[2]:
                raise ValueError(f"output_shape does not match filter's output channels, "
                                 f"{sv[cidx]} != {fd[2]}")
        padding, explicit = _padding_attrs("Conv2DBackpropInput", padding, data_format)
        return apply("Conv2DBackpropInput", [sizes, filter, value],
                     {"strides": _get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                      "explicit_paddings": explicit, "data_format": data_format,
                      "dilations": _get_sequence(dilations, 2, cidx, "dilations")},
                     scope_name)


def _scope(name, default, values):
    from ..engine.framework.graph import name_scope
    return name_scope(name, default, [v for v in values if hasattr(v, "op")])


# -- conv1d ----------------------------------------------------------------------------------
def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None,
           data_format=None, name=None, input=None, dilations=None):
    """1-D convolution, computed as TF does: a Conv2D over an inserted height of 1.

    Args:
      value: [batch, in_width, in_channels] ("NWC") or [batch, in_channels, in_width] ("NCW").
      filters: [filter_width, in_channels, out_channels].
      stride: int or list of 1 or 3 ints.
    Returns:
      [batch, out_width, out_channels] ("NWC").
    Raises:
      ValueError: bad data_format, rank or padding.
    """
    from .array_ops import expand_dims, squeeze
    value = input if value is None else value
    with _scope(name, "conv1d", [value, filters]) as scope_name:
        if data_format is None or data_format in ("NHWC", "NWC"):
            data_format, spatial, cidx = "NHWC", 1, 2
        elif data_format in ("NCHW", "NCW"):
            data_format, spatial, cidx = "NCHW", 2, 1
        else:
            raise ValueError("data_format must be \"NWC\" or \"NCW\".")
        x, f = same_type_inputs("Conv2D", [value, filters], ["input", "filter"], allowed=FLOATS)
        if x.shape.ndims is not None and x.shape.ndims != 3:
            raise ValueError(f"Shape must be rank 3 but is rank {x.shape.ndims} for 'conv1d' "
                             f"with input shapes: {x.shape}, {f.shape}.")
        if f.shape.ndims is not None and f.shape.ndims != 3:
            raise ValueError(f"Shape must be rank 3 but is rank {f.shape.ndims} for 'conv1d' "
                             f"with input shapes: {x.shape}, {f.shape}.")
        stride = _get_sequence(stride, 1, cidx, "stride")
        dil = _get_sequence(dilations, 1, cidx, "dilations")
        strides = stride[:spatial] + [1] + stride[spatial:]
        dil = dil[:spatial] + [1] + dil[spatial:]
        x4 = expand_dims(x, spatial)
        f4 = expand_dims(f, 0)
        y = conv2d(x4, f4, strides, padding, data_format=data_format, dilations=dil,
                   name=scope_name)
        return squeeze(y, [spatial])


# =========================================================================================
# Depthwise convolution
# =========================================================================================
def _depthwise_infer(inputs, attrs):
    x, f = inputs
    _check_rank(x, 4)
    _check_rank(f, 4)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'DepthwiseConv2dNative' Op has type "
                        f"{f.dtype.base_dtype.name} that does not match type "
                        f"{x.dtype.base_dtype.name} of argument 'input'.")
    strides, padding, fmt, dil, _ = _conv_attrs(attrs)
    xd = _nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
    fd = f.shape.as_tuple() or (None,) * 4
    if xd[3] is not None and fd[2] is not None and xd[3] != fd[2]:
        raise ValueError(f"Dimensions must be equal, but are {xd[3]} and {fd[2]}")
    out_hw = [None, None]
    if fd[0] is not None and fd[1] is not None:
        out_hw = [g[0] for g in _geometry(xd[1:3], fd[:2], strides, dil, padding, fmt)]
    c = xd[3] if xd[3] is not None else fd[2]
    oc = c * fd[3] if c is not None and fd[3] is not None else None
    return [(x.dtype.base_dtype, TensorShape(_from_nhwc_dims(xd[0], out_hw[0], out_hw[1], oc,
                                                             fmt)))]


def _depthwise_kernel(x, f, strides, padding, data_format, dilations=(1, 1, 1, 1), **_):
    _check_strides_kernel(strides, data_format, dilations)
    dt = x.dtype
    x, f = _wide(_to_nhwc(x, data_format), f)
    g = _Geo(x.shape, f.shape[:2], strides, dilations, padding, data_format)
    cols = g.windows(_pad(x, g.geo))
    out = np.einsum("nhwijc,ijcm->nhwcm", cols, f, optimize=True)
    out = out.reshape(g.n, g.oh, g.ow, -1).astype(dt, copy=False)
    return _from_nhwc(out, data_format)


def _depthwise_grad(op, grad):
    """The two depthwise backprop ops, as for Conv2D."""
    from ..engine.framework.grad_state import wants_grad
    x, f = op.inputs
    attrs = _pass_attrs(op)
    dx = apply("DepthwiseConv2dNativeBackpropInput", [_shape_of(x), f, grad], attrs) \
        if wants_grad(0) else None
    df = apply("DepthwiseConv2dNativeBackpropFilter", [x, _shape_of(f), grad], attrs) \
        if wants_grad(1) else None
    return [dx, df]


register_op("DepthwiseConv2dNative", infer=_depthwise_infer, kernel=_depthwise_kernel,
            grad=_depthwise_grad)


def _depthwise_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                     dilations=(1, 1, 1, 1), **_):
    n, h, w, c = _nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dt = dy.dtype
    dy, f = _wide(_to_nhwc(dy, data_format), f)
    g = _Geo((n, h, w, c), f.shape[:2], strides, dilations, padding, data_format)
    _check_out_shape(g, dy)
    dy5 = dy.reshape(n, g.oh, g.ow, c, f.shape[3])
    cols = np.einsum("nhwcm,ijcm->nhwijc", dy5, f, optimize=True)
    dx = g.scatter(cols, dy.dtype).astype(dt, copy=False)
    return _from_nhwc(np.ascontiguousarray(dx), data_format)


def _depthwise_backprop_input_grad(op, grad):
    """Linear in (filter, out_backprop)."""
    from ..engine.framework.grad_state import wants_grad
    _, f, dy = op.inputs
    attrs = _pass_attrs(op)
    df = apply("DepthwiseConv2dNativeBackpropFilter", [grad, _shape_of(f), dy], attrs) \
        if wants_grad(1) else None
    ddy = apply("DepthwiseConv2dNative", [grad, f], attrs) if wants_grad(2) else None
    return [None, df, ddy]


register_op("DepthwiseConv2dNativeBackpropInput",
            infer=_backprop_input_infer("DepthwiseConv2dNativeBackpropInput"),
            kernel=_depthwise_backprop_input_kernel, grad=_depthwise_backprop_input_grad)


def _depthwise_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                      dilations=(1, 1, 1, 1), **_):
    dt = x.dtype
    x, dy = _wide(_to_nhwc(x, data_format), _to_nhwc(dy, data_format))
    kh, kw, c, m = (int(s) for s in sizes)
    g = _Geo(x.shape, (kh, kw), strides, dilations, padding, data_format)
    _check_out_shape(g, dy)
    cols = g.windows(_pad(x, g.geo))
    dy5 = dy.reshape(g.n, g.oh, g.ow, c, m)
    out = np.einsum("nhwijc,nhwcm->ijcm", cols, dy5, optimize=True)
    return out.astype(dt, copy=False)


def _depthwise_backprop_filter_grad(op, grad):
    """Linear in (input, out_backprop)."""
    from ..engine.framework.grad_state import wants_grad
    x, _, dy = op.inputs
    attrs = _pass_attrs(op)
    dx = apply("DepthwiseConv2dNativeBackpropInput", [_shape_of(x), grad, dy], attrs) \
        if wants_grad(0) else None
    ddy = apply("DepthwiseConv2dNative", [x, grad], attrs) if wants_grad(2) else None
    return [dx, None, ddy]


register_op("DepthwiseConv2dNativeBackpropFilter",
            infer=_backprop_filter_infer("DepthwiseConv2dNativeBackpropFilter"),
            kernel=_depthwise_backprop_filter_kernel, grad=_depthwise_backprop_filter_grad)


def _depthwise_attrs(strides, padding, data_format, dilations):
    data_format = data_format or "NHWC"
    _check_choice("DepthwiseConv2dNative", "data_format", data_format, ("NHWC", "NCHW"))
    _check_choice("DepthwiseConv2dNative", "padding", padding, ("SAME", "VALID"))
    cidx = 1 if data_format == "NCHW" else 3
    return {"strides": _get_sequence(strides, 2, cidx, "strides"), "padding": padding,
            "data_format": data_format, "dilations": _get_sequence(dilations, 2, cidx,
                                                                  "dilations")}


def depthwise_conv2d_native(input, filter, strides, padding, data_format="NHWC",
                            dilations=(1, 1, 1, 1), name=None):
    """Depthwise 2-D convolution: each input channel is convolved with its own M filters.

    Args:
      input: 4-D [batch, h, w, in_channels] (NHWC) or NCHW.
      filter: [kh, kw, in_channels, channel_multiplier].
    Returns:
      A tensor with in_channels * channel_multiplier channels (channel c*M + m).
    Raises:
      ValueError: bad rank, padding, data_format, or channel mismatch.
    """
    attrs = _depthwise_attrs(strides, padding, data_format, dilations)
    x, f = same_type_inputs("DepthwiseConv2dNative", [input, filter], ["input", "filter"],
                            allowed=FLOATS)
    return apply("DepthwiseConv2dNative", [x, f], attrs, name or "DepthwiseConv2dNative")


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None,
                     data_format=None, dilations=None):
    """Depthwise 2-D convolution with an optional dilation `rate` ([rh, rw]).

    Dilation is passed to DepthwiseConv2dNative directly (TF rewrites it with
    SpaceToBatchND; the result is the same).

    >>> y = tf.nn.depthwise_conv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 2]), [1, 1, 1, 1],
    ...                            "SAME")
    """
    if rate is not None and dilations is not None:
        raise ValueError("Cannot specify both 'rate' and 'dilations'")
    rate = dilations if rate is None else rate
    data_format = data_format or "NHWC"
    cidx = 1 if data_format == "NCHW" else 3
    with _scope(name, "depthwise", [input, filter]) as scope_name:
        attrs = _depthwise_attrs(strides, padding, data_format,
                                 _get_sequence(rate, 2, cidx, "rate"))
        x, f = same_type_inputs("DepthwiseConv2dNative", [input, filter], ["input", "filter"],
                                allowed=FLOATS)
        return apply("DepthwiseConv2dNative", [x, f], attrs, scope_name)


def depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, strides,
                                           padding, data_format="NHWC",
                                           dilations=(1, 1, 1, 1), name=None):
    """The gradient of depthwise_conv2d_native with respect to its input."""
    attrs = _depthwise_attrs(strides, padding, data_format, dilations)
    f, dy = same_type_inputs("DepthwiseConv2dNativeBackpropInput", [filter, out_backprop],
                             ["filter", "out_backprop"], allowed=FLOATS)
    return apply("DepthwiseConv2dNativeBackpropInput", [_sizes_tensor(input_sizes), f, dy],
                 attrs, name or "DepthwiseConv2dNativeBackpropInput")


def depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop,
                                            strides, padding, data_format="NHWC",
                                            dilations=(1, 1, 1, 1), name=None):
    """The gradient of depthwise_conv2d_native with respect to its filter."""
    attrs = _depthwise_attrs(strides, padding, data_format, dilations)
    x, dy = same_type_inputs("DepthwiseConv2dNativeBackpropFilter", [input, out_backprop],
                             ["input", "out_backprop"], allowed=FLOATS)
    return apply("DepthwiseConv2dNativeBackpropFilter", [x, _sizes_tensor(filter_sizes), dy],
                 attrs, name or "DepthwiseConv2dNativeBackpropFilter")


# =========================================================================================
# Pooling
# =========================================================================================
def _pool_geo(x_nhwc_shape, attrs):
    ksize, strides, padding, fmt = (attrs["ksize"], attrs["strides"], attrs["padding"],
                                    attrs["data_format"])
    return _Geo(x_nhwc_shape, _hw(ksize, fmt), strides, (1, 1, 1, 1), padding, fmt)


def _pool_infer(op_type):
    def infer(inputs, attrs):
        x = inputs[0]
        _check_rank(x, 4)
        ksize, strides, padding, fmt = (attrs["ksize"], attrs["strides"], attrs["padding"],
                                        attrs["data_format"])
        kn, _, _, kc = _nhwc_dims(ksize, fmt)
        sn, _, _, sc = _nhwc_dims(strides, fmt)
        if kn != 1 or sn != 1:
            raise ValueError("Pooling is not yet supported on the batch dimension.")
        if kc != 1 or sc != 1:
            raise ValueError("Pooling is not yet supported on the depth dimension.")
        xd = _nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
        geo = _geometry(xd[1:3], _hw(ksize, fmt), strides, (1, 1, 1, 1), padding, fmt)
        return [(x.dtype.base_dtype, TensorShape(_from_nhwc_dims(xd[0], geo[0][0], geo[1][0],
                                                                 xd[3], fmt)))]
    return infer


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_windows(x, attrs):
    """(geometry, window view of x padded with the dtype's lowest value)."""
    g = _pool_geo(x.shape, attrs)
    return g, g.windows(_pad(x, g.geo, _lowest(x.dtype)))


def _argmax_taps(x, attrs):
    """For every output, the kernel tap (row-major, first on ties, as TF's CPU kernel) of
    the window's maximum: an int array (N, OH, OW, C)."""
    g, win = _max_windows(x, attrs)
    flat = win.reshape(g.n, g.oh, g.ow, g.kh * g.kw, g.c)
    return g, np.argmax(flat, axis=3)


def _max_pool_kernel(x, data_format, **attrs):
    x = _to_nhwc(x, data_format)
    _, win = _max_windows(x, dict(attrs, data_format=data_format))
    out = win.max(axis=(3, 4))
    return _from_nhwc(out, data_format)


def _max_pool_grad(op, grad):
    """MaxPoolGrad routes each output gradient to its window's maximum."""
    return [apply("MaxPoolGrad", [op.inputs[0], op.outputs[0], grad], _pool_attrs(op))]


def _pool_attrs(op):
    return {k: op.get_attr(k) for k in ("ksize", "strides", "padding", "data_format")}


register_op("MaxPool", infer=_pool_infer("MaxPool"), kernel=_max_pool_kernel,
            grad=_max_pool_grad)


def _max_pool_grad_infer(inputs, attrs):
    for t in inputs:
        _check_rank(t, 4)
    x = inputs[0]
    return [(x.dtype.base_dtype, x.shape)]


def _max_pool_grad_kernel(x, y, dy, data_format, **attrs):
    attrs = dict(attrs, data_format=data_format)
    x = _to_nhwc(x, data_format)
    dy = _to_nhwc(dy, data_format)
    g, arg = _argmax_taps(x, attrs)
    cols = np.zeros((g.n, g.oh, g.ow, g.kh * g.kw, g.c), dtype=dy.dtype)
    np.put_along_axis(cols, arg[:, :, :, None, :], dy[:, :, :, None, :], axis=3)
    cols = cols.reshape(g.n, g.oh, g.ow, g.kh, g.kw, g.c)
    return _from_nhwc(np.ascontiguousarray(g.scatter(cols, dy.dtype)), data_format)


def _max_pool_grad_grad(op, grad):
    """MaxPoolGrad is linear in its gradient input: its adjoint is MaxPoolGradGrad."""
    from .array_ops import zeros_like
    x, y, _ = op.inputs
    return [zeros_like(x), zeros_like(y),
            apply("MaxPoolGradGrad", [x, y, grad], _pool_attrs(op))]


register_op("MaxPoolGrad", infer=_max_pool_grad_infer, kernel=_max_pool_grad_kernel,
            grad=_max_pool_grad_grad)


def _max_pool_grad_grad_infer(inputs, attrs):
    x, y, _ = inputs
    _check_rank(x, 4)
    return [(x.dtype.base_dtype, y.shape)]


def _max_pool_grad_grad_kernel(x, y, ddx, data_format, **attrs):
    attrs = dict(attrs, data_format=data_format)
    x = _to_nhwc(x, data_format)
    ddx = _to_nhwc(ddx, data_format)
    g, arg = _argmax_taps(x, attrs)
    win = g.windows(_pad(ddx, g.geo)).reshape(g.n, g.oh, g.ow, g.kh * g.kw, g.c)
    out = np.take_along_axis(win, arg[:, :, :, None, :], axis=3)[:, :, :, 0, :]
    return _from_nhwc(np.ascontiguousarray(out), data_format)


def _max_pool_grad_grad_grad(op, grad):
    """MaxPoolGradGrad is linear in its last input: its adjoint is MaxPoolGrad."""
    from .array_ops import zeros_like
    x, y, _ = op.inputs
    return [zeros_like(x), zeros_like(y), apply("MaxPoolGrad", [x, y, grad], _pool_attrs(op))]


register_op("MaxPoolGradGrad", infer=_max_pool_grad_grad_infer,
            kernel=_max_pool_grad_grad_kernel, grad=_max_pool_grad_grad_grad)


# -- AvgPool -----------------------------------------------------------------------------
def _window_counts(g):
    """How many real (unpadded) elements each output window covers: (OH, OW)."""
    (_, ht, _), (_, wl, _) = g.geo

    def counts(o, stride, pad, k, size):
        start = np.arange(o) * stride - pad
        return np.minimum(start + k, size) - np.maximum(start, 0)
    return np.outer(counts(g.oh, g.sh, ht, g.kh, g.h), counts(g.ow, g.sw, wl, g.kw, g.w))


def _avg_pool_kernel(x, data_format, **attrs):
    x = _to_nhwc(x, data_format)
    g = _pool_geo(x.shape, dict(attrs, data_format=data_format))
    win = g.windows(_pad(x, g.geo))
    total = win.sum(axis=(3, 4))
    out = (total / _window_counts(g)[None, :, :, None]).astype(x.dtype, copy=False)
    return _from_nhwc(out, data_format)


def _avg_pool_grad(op, grad):
    """AvgPoolGrad spreads each output gradient evenly over its window."""
    return [apply("AvgPoolGrad", [_shape_of(op.inputs[0]), grad], _pool_attrs(op))]


register_op("AvgPool", infer=_pool_infer("AvgPool"), kernel=_avg_pool_kernel,
            grad=_avg_pool_grad)


def _avg_pool_grad_infer(inputs, attrs):
    sizes, g = inputs
    _check_rank(g, 4)
    sv = _sizes_value(sizes)
    return [(g.dtype.base_dtype, TensorShape(sv if sv is not None else [None] * 4))]


def _avg_pool_grad_kernel(sizes, dy, data_format, **attrs):
    dims = _nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dy = _to_nhwc(dy, data_format)
    g = _pool_geo(dims, dict(attrs, data_format=data_format))
    share = (dy / _window_counts(g)[None, :, :, None]).astype(dy.dtype, copy=False)
    cols = np.broadcast_to(share[:, :, :, None, None, :], (g.n, g.oh, g.ow, g.kh, g.kw, g.c))
    return _from_nhwc(np.ascontiguousarray(g.scatter(cols, dy.dtype)), data_format)


def _avg_pool_grad_grad(op, grad):
    """AvgPoolGrad is linear in its gradient: its adjoint is AvgPool."""
    return [None, apply("AvgPool", [grad], _pool_attrs(op))]


register_op("AvgPoolGrad", infer=_avg_pool_grad_infer, kernel=_avg_pool_grad_kernel,
            grad=_avg_pool_grad_grad)


def _pool(op_type, value, ksize, strides, padding, data_format, name, allowed):
    _check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    _check_choice(op_type, "data_format", data_format, ("NHWC", "NCHW"))
    cidx = 1 if data_format == "NCHW" else 3
    x = to_tensor(value, name="input")
    if x.dtype.base_dtype not in allowed:
        raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in "
                        f"list of allowed values: {', '.join(d.name for d in allowed)}")
    return apply(op_type, [x], {"ksize": _get_sequence(ksize, 2, cidx, "ksize"),
                                "strides": _get_sequence(strides, 2, cidx, "strides"),
                                "padding": padding, "data_format": data_format},
                 name or op_type)


def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None,
             input=None):
    """Max pooling over 2-D windows.

    Args:
      value: 4-D tensor (NHWC or NCHW).
      ksize, strides: int or list of 1, 2 or 4 ints (batch/depth entries must be 1).
      padding: "SAME" or "VALID".
    Returns:
      The pooled tensor, same dtype and data_format.
    Raises:
      ValueError: bad rank, padding, data_format, or pooling over batch/depth.

    >>> y = tf.nn.max_pool(tf.ones([1, 4, 4, 1]), [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    """
    value = input if value is None else value
    return _pool("MaxPool", value, ksize, strides, padding, data_format, name, _POOL_TYPES)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """max_pool under its TF 2 name."""
    return max_pool(input, ksize, strides, padding, data_format, name)


def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None,
             input=None):
    """Average pooling over 2-D windows; SAME padding averages only real elements (as TF).

    >>> y = tf.nn.avg_pool(tf.ones([1, 4, 4, 1]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    """
    value = input if value is None else value
    return _pool("AvgPool", value, ksize, strides, padding, data_format, name, FLOATS)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """avg_pool under its TF 2 name."""
    return avg_pool(input, ksize, strides, padding, data_format, name)



# =========================================================================================
# MaxPoolWithArgmax (NHWC only, as TF)
# =========================================================================================
def _argmax_infer(inputs, attrs):
    (dt, shape), = _pool_infer("MaxPoolWithArgmax")(inputs, dict(attrs, data_format="NHWC"))
    return [(dt, shape), (attrs["Targmax"], shape)]


def _flat_argmax(x, attrs):
    """TF's argmax: ((b * H + h) * W + w) * C + c (b only with include_batch_in_index)."""
    g, tap = _argmax_taps(x, dict(attrs, data_format="NHWC"))
    (_, ht, _), (_, wl, _) = g.geo
    i, j = np.divmod(tap, g.kw)
    h = np.arange(g.oh)[None, :, None, None] * g.sh - ht + i
    w = np.arange(g.ow)[None, None, :, None] * g.sw - wl + j
    idx = (h * g.w + w) * g.c + np.arange(g.c)
    if attrs.get("include_batch_in_index", False):
        idx = idx + np.arange(g.n)[:, None, None, None] * (g.h * g.w * g.c)
    return g, idx


def _max_pool_argmax_kernel(x, Targmax, **attrs):
    _, win = _max_windows(x, dict(attrs, data_format="NHWC"))
    _, idx = _flat_argmax(x, attrs)
    return win.max(axis=(3, 4)), idx.astype(Targmax.as_numpy_dtype)


def _argmax_attrs(op):
    return {k: op.get_attr(k) for k in ("ksize", "strides", "padding",
                                        "include_batch_in_index")}


def _max_pool_argmax_grad(op, grad, _argmax_grad):
    """Routes the gradient to the recorded argmax positions (MaxPoolGradWithArgmax)."""
    return [apply("MaxPoolGradWithArgmax", [op.inputs[0], grad, op.outputs[1]],
                  _argmax_attrs(op))]


register_op("MaxPoolWithArgmax", infer=_argmax_infer, kernel=_max_pool_argmax_kernel,
            grad=_max_pool_argmax_grad)


def _batch_offsets(shape, include_batch):
    n = shape[0]
    per = int(np.prod(shape[1:]))
    if include_batch:
        return np.zeros((n, 1, 1, 1), np.int64)
    return (np.arange(n) * per).reshape(n, 1, 1, 1)


def _max_pool_grad_argmax_kernel(x, grad, argmax, include_batch_in_index=False, **_):
    flat = (argmax + _batch_offsets(x.shape, include_batch_in_index)).ravel()
    out = np.bincount(flat, weights=grad.ravel(), minlength=x.size)
    return out.reshape(x.shape).astype(grad.dtype, copy=False)


def _max_pool_grad_argmax_grad(op, grad):
    """Linear in the gradient: its adjoint gathers at the argmax positions."""
    from .array_ops import zeros_like
    x, _, argmax = op.inputs
    return [zeros_like(x), apply("MaxPoolGradGradWithArgmax", [x, grad, argmax],
                                 _argmax_attrs(op)), None]


register_op("MaxPoolGradWithArgmax", infer=lambda ins, a: [(ins[0].dtype.base_dtype,
                                                            ins[0].shape)],
            kernel=_max_pool_grad_argmax_kernel, grad=_max_pool_grad_argmax_grad)


def _max_pool_grad_grad_argmax_kernel(x, grad, argmax, include_batch_in_index=False, **_):
    flat = argmax + _batch_offsets(x.shape, include_batch_in_index)
    return grad.ravel()[flat]


def _max_pool_grad_grad_argmax_grad(op, grad):
    """Gathering at argmax is the adjoint of scattering there."""
    from .array_ops import zeros_like
    x, _, argmax = op.inputs
    return [zeros_like(x), apply("MaxPoolGradWithArgmax", [x, grad, argmax], _argmax_attrs(op)),
            None]


register_op("MaxPoolGradGradWithArgmax",
            infer=lambda ins, a: [(ins[0].dtype.base_dtype, ins[2].shape)],
            kernel=_max_pool_grad_grad_argmax_kernel, grad=_max_pool_grad_grad_argmax_grad)


def max_pool_with_argmax(input, ksize, strides, padding, Targmax=None, name=None,
                         output_dtype=None, include_batch_in_index=False):
    """Max pooling (NHWC) that also returns the flattened index of each maximum.

    Returns:
      (output, argmax): argmax[b, y, x, c] = (y' * width + x') * channels + c of the
      chosen input element (plus b * height * width * channels with
      include_batch_in_index).

    >>> y, idx = tf.nn.max_pool_with_argmax(tf.ones([1, 4, 4, 1]), [1, 2, 2, 1],
    ...                                     [1, 2, 2, 1], "VALID")
    """
    from ..engine.framework import dtypes as _dt
    targ = _dt.as_dtype(Targmax or output_dtype or _dt.int64).base_dtype
    _check_choice("MaxPoolWithArgmax", "padding", padding, ("SAME", "VALID"))
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype not in _POOL_TYPES:
        raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in "
                        "list of allowed values")
    out, idx = apply("MaxPoolWithArgmax", [x], {
        "ksize": _get_sequence(ksize, 2, 3, "ksize"),
        "strides": _get_sequence(strides, 2, 3, "strides"), "padding": padding,
        "Targmax": targ, "include_batch_in_index": bool(include_batch_in_index)},
        name or "MaxPoolWithArgmax")
    return out, idx


# =========================================================================================
# Composite convolutions
# =========================================================================================
def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,
                     rate=None, name=None, data_format=None, dilations=None):
    """A depthwise convolution followed by a 1x1 (pointwise) convolution.

    Args:
      depthwise_filter: [kh, kw, in_channels, channel_multiplier].
      pointwise_filter: [1, 1, in_channels * channel_multiplier, out_channels].
    Raises:
      ValueError: the pointwise filter is not 1x1.
    """
    rate = dilations if rate is None else rate
    with _scope(name, "separable_conv2d", [input, depthwise_filter, pointwise_filter]) as sc:
        pw = to_tensor(pointwise_filter, name="pointwise_filter")
        pd = pw.shape.as_tuple()
        if pd is not None and (pd[0] != 1 or pd[1] != 1):
            raise ValueError(f"Pointwise filter must be 1x1, got {pd[0]}x{pd[1]}")
        depthwise = depthwise_conv2d(input, depthwise_filter, strides, padding, rate=rate,
                                     name="depthwise", data_format=data_format)
        return conv2d(depthwise, pw, [1, 1, 1, 1], "VALID",
                      data_format=data_format or "NHWC", name=sc)


def atrous_conv2d(value, filters, rate, padding, name=None):
    """2-D convolution with holes: conv2d with dilations [1, rate, rate, 1].

    Raises:
      ValueError: rate < 1.
    """
    if rate < 1:
        raise ValueError(f"rate {rate} cannot be less than one")
    return conv2d(value, filters, [1, 1, 1, 1], padding, dilations=[1, rate, rate, 1],
                  name=name or "convolution")


def convolution(input, filter=None, padding=None, strides=None,
                dilation_rate=None, name=None, data_format=None, filters=None,
                dilations=None):
    """N-d convolution for N = 1, 2 or 3 (conv1d / conv2d / conv3d with dilations).

    Raises:
      NotImplementedError: filters of other ranks.
    """
    filter = filters if filter is None else filter
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    f = to_tensor(filter, name="filter")
    n = None if f.shape.ndims is None else f.shape.ndims - 2
    if n == 2:
        fmt = data_format or "NHWC"
        cidx = 1 if fmt.startswith("NC") else 3
        return conv2d(input, f, _get_sequence(strides, 2, cidx, "strides"), padding,
                      data_format=fmt, dilations=_get_sequence(dilation_rate, 2, cidx,
                                                               "dilations"),
                      name=name or "convolution")
    if n == 1:
        fmt = data_format or "NWC"
        return conv1d(input, f, strides if strides is not None else 1, padding,
                      data_format=fmt, dilations=dilation_rate, name=name or "convolution")
    if n == 3:
        fmt = data_format or "NDHWC"
        cidx = 1 if fmt.startswith("NC") else 4
        return conv3d(input, f, _get_sequence(strides, 3, cidx, "strides"), padding,
                      data_format=fmt, dilations=_get_sequence(dilation_rate, 3, cidx,
                                                               "dilations"),
                      name=name or "convolution")
    raise NotImplementedError(f"flowgrad's convolution supports 1-D, 2-D and 3-D filters, got "
                              f"a filter of rank {f.shape.ndims}")


def pool(input, window_shape, pooling_type, padding, dilation_rate=None,
         strides=None, name=None, data_format=None, dilations=None):
    """2-D max or average pooling with window_shape [h, w] (TF's tf.nn.pool, N = 2).

    Raises:
      ValueError: a pooling_type other than "MAX" or "AVG".
      NotImplementedError: N != 2 or dilation_rate != 1.
    """
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"Invalid pooling_type: {pooling_type}")
    if len(window_shape) != 2:
        raise NotImplementedError("flowgrad's tf.nn.pool supports 2-D windows only")
    if dilation_rate is not None and any(int(d) != 1 for d in dilation_rate):
        raise NotImplementedError("flowgrad's tf.nn.pool does not support dilation_rate != 1")
    fmt = data_format or "NHWC"
    cidx = 1 if fmt == "NCHW" else 3
    fn = max_pool if pooling_type == "MAX" else avg_pool
    return fn(input, _get_sequence(list(window_shape), 2, cidx, "ksize"),
              _get_sequence(strides if strides is not None else 1, 2, cidx, "strides"),
              padding, data_format=fmt, name=name)


# -- TF 2 style pooling entry points and 1-D variants -------------------------------------------
def _pool_nd(fn, input, ksize, strides, padding, data_format, name):
    x = to_tensor(input, name="input")
    rank = x.shape.ndims
    if rank == 4:
        return fn(x, ksize, strides, padding, data_format=data_format or "NHWC", name=name)
    if rank == 3:
        return _pool1d(fn, x, ksize, strides, padding, data_format, name)
    raise NotImplementedError(f"flowgrad pools 1-D and 2-D inputs (rank 3 or 4), got rank "
                              f"{rank}")


def _pool1d(fn, x, ksize, strides, padding, data_format, name):
    """1-D pooling: pool a height-1 2-D input, then squeeze.

    TF 1.14's max_pool1d/avg_pool1d insert the height axis in the wrong place for
    NWC and pool a size-1 dimension (an identity for SAME, an error for VALID);
    flowgrad pools the width, as documented and as later TF versions do.
    """
    from .array_ops import expand_dims, squeeze
    data_format = data_format or "NWC"
    if data_format not in ("NWC", "NCW"):
        raise ValueError("data_format must be \"NWC\" or \"NCW\".")
    spatial = 1 if data_format == "NWC" else 2
    cidx = 2 if data_format == "NWC" else 1
    k = _get_sequence(ksize, 1, cidx, "ksize")
    s = _get_sequence(strides, 1, cidx, "strides")
    k = k[:spatial] + [1] + k[spatial:]
    s = s[:spatial] + [1] + s[spatial:]
    fmt2 = "NHWC" if data_format == "NWC" else "NCHW"
    with _scope(name, "MaxPool1d" if fn is max_pool else "AvgPool1D", [x]) as scope:
        y = fn(expand_dims(x, spatial), k, s, padding, data_format=fmt2, name=scope)
        return squeeze(y, [spatial])


def max_pool_v2(input, ksize, strides, padding, data_format=None, name=None):
    """Max pooling of a 1-D (rank 3) or 2-D (rank 4) input (TF 2's tf.nn.max_pool)."""
    return _pool_nd(max_pool, input, ksize, strides, padding, data_format, name)


def avg_pool_v2(input, ksize, strides, padding, data_format=None, name=None):
    """Average pooling of a 1-D (rank 3) or 2-D (rank 4) input (TF 2's tf.nn.avg_pool)."""
    return _pool_nd(avg_pool, input, ksize, strides, padding, data_format, name)


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """Max pooling over 1-D windows of a [batch, width, channels] input."""
    return _pool1d(max_pool, to_tensor(input, name="input"), ksize, strides, padding,
                   data_format, name)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """Average pooling over 1-D windows of a [batch, width, channels] input."""
    return _pool1d(avg_pool, to_tensor(input, name="input"), ksize, strides, padding,
                   data_format, name)


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME",
                     data_format="NWC", dilations=None, name=None):
    """The transpose of conv1d, through conv2d_transpose over an inserted height of 1.

    Args:
      input: [batch, width, in_channels] (NWC).
      filters: [width, output_channels, in_channels].
      output_shape: [batch, out_width, output_channels].
    """
    from .array_ops import expand_dims, squeeze
    if data_format not in ("NWC", "NCW"):
        raise ValueError("data_format must be \"NWC\" or \"NCW\".")
    spatial = 1 if data_format == "NWC" else 2
    cidx = 2 if data_format == "NWC" else 1
    with _scope(name, "conv1d_transpose", [input, filters, output_shape]) as scope:
        x = to_tensor(input, name="input")
        shape = list(output_shape) if not hasattr(output_shape, "op") else None
        if shape is None:
            raise NotImplementedError("conv1d_transpose needs a static output_shape in flowgrad")
        out4 = shape[:spatial] + [1] + shape[spatial:]
        s = _get_sequence(strides, 1, cidx, "strides")
        d = _get_sequence(dilations, 1, cidx, "dilations")
        s = s[:spatial] + [1] + s[spatial:]
        d = d[:spatial] + [1] + d[spatial:]
        y = conv2d_transpose(expand_dims(x, spatial), expand_dims(filters, 0), out4, s, padding,
                             data_format="NHWC" if data_format == "NWC" else "NCHW",
                             dilations=d, name=scope)
        return squeeze(y, [spatial])


depthwise_conv2d_backprop_input = depthwise_conv2d_native_backprop_input
depthwise_conv2d_backprop_filter = depthwise_conv2d_native_backprop_filter


# =========================================================================================
# 3-D convolution and pooling (NDHWC / NCDHW), on N-d window views
# =========================================================================================
def _to_last(x, data_format):
    """NC... -> N...C (a view)."""
    if data_format.startswith("NC"):
        return np.moveaxis(x, 1, -1)
    return x


def _from_last(x, data_format):
    if data_format.startswith("NC"):
        return np.ascontiguousarray(np.moveaxis(x, -1, 1))
    return x


def _spatial(seq, data_format):
    return tuple(seq[2:]) if data_format.startswith("NC") else tuple(seq[1:-1])


def _ndims_last(dims, data_format):
    """(N, spatial..., C) of a dims tuple in `data_format` order."""
    if dims is None:
        return None
    if data_format.startswith("NC"):
        return (dims[0],) + tuple(dims[2:]) + (dims[1],)
    return tuple(dims)


def _from_last_dims(dims, data_format):
    dims = list(dims)
    if data_format.startswith("NC"):
        return [dims[0], dims[-1]] + dims[1:-1]
    return dims


class _GeoN:
    """Window geometry over k spatial dims of a channels-last array (N, S1..Sk, C)."""

    def __init__(self, in_dims, ksize, strides, dilations, padding):
        self.n, self.c = in_dims[0], in_dims[-1]
        self.size = tuple(in_dims[1:-1])
        self.k, self.s, self.d = tuple(ksize), tuple(strides), tuple(dilations)
        self.geo = [_out_size(sz, k, s, d, padding)
                    for sz, k, s, d in zip(self.size, self.k, self.s, self.d)]
        self.out = tuple(g[0] for g in self.geo)
        self.padded = (self.n,) + tuple(sz + g[1] + g[2] for sz, g in zip(self.size, self.geo)) \
            + (self.c,)

    def pad(self, x, value=0):
        pads = [(0, 0)] + [(g[1], g[2]) for g in self.geo] + [(0, 0)]
        return np.pad(x, pads, constant_values=value) if any(p != (0, 0) for p in pads) else x

    def windows(self, xp):
        """(N, O1..Ok, K1..Kk, C) read-only view."""
        st = xp.strides
        sp = st[1:-1]
        shape = (self.n,) + self.out + self.k + (self.c,)
        strides = (st[0],) + tuple(a * s for a, s in zip(sp, self.s)) + \
            tuple(a * d for a, d in zip(sp, self.d)) + (st[-1],)
        return as_strided(xp, shape, strides, writeable=False)

    def scatter(self, cols, dtype):
        """Adjoint of windows(): sums (N, O.., K.., C) into the unpadded input."""
        import itertools
        out = np.zeros(self.padded, dtype=dtype)
        nk = len(self.k)
        for tap in itertools.product(*(range(k) for k in self.k)):
            idx = (slice(None),) + tuple(
                slice(t * d, t * d + (o - 1) * s + 1, s)
                for t, d, o, s in zip(tap, self.d, self.out, self.s)) + (slice(None),)
            out[idx] += cols[(slice(None),) + (slice(None),) * nk + tap]
        crop = (slice(None),) + tuple(slice(g[1], g[1] + sz) for g, sz in
                                      zip(self.geo, self.size)) + (slice(None),)
        return out[crop]


_FMT3 = ("NDHWC", "NCDHW")


def _attrs3(node_attrs, with_k=False):
    fmt = node_attrs["data_format"]
    k = _spatial(node_attrs["ksize"], fmt) if with_k else None
    return (fmt, _spatial(node_attrs["strides"], fmt),
            _spatial(node_attrs.get("dilations", [1] * 5), fmt), node_attrs["padding"], k)


def _conv3d_infer(inputs, attrs):
    x, f = inputs
    _check_rank(x, 5)
    _check_rank(f, 5)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'Conv3D' Op has type {f.dtype.base_dtype.name} that "
                        f"does not match type {x.dtype.base_dtype.name} of argument 'input'.")
    fmt, st, dil, pad, _ = _attrs3(attrs)
    xd = _ndims_last(x.shape.as_tuple(), fmt) or (None,) * 5
    fd = f.shape.as_tuple() or (None,) * 5
    if xd[-1] is not None and fd[3] is not None and xd[-1] != fd[3]:
        raise ValueError(f"Dimensions must be equal, but are {xd[-1]} and {fd[3]}")
    out = [None] * 3
    if None not in fd[:3]:
        out = [_out_size(xd[1 + i], fd[i], st[i], dil[i], pad)[0] for i in range(3)]
    return [(x.dtype.base_dtype, TensorShape(_from_last_dims([xd[0]] + out + [fd[4]], fmt)))]


def _conv3d_kernel(x, f, strides, padding, data_format, dilations=(1,) * 5, **_):
    fmt = data_format
    dt = x.dtype
    x, f = _wide(_to_last(x, fmt), f)
    g = _GeoN(x.shape, f.shape[:3], _spatial(strides, fmt), _spatial(dilations, fmt), padding)
    out = np.tensordot(g.windows(g.pad(x)), f, axes=([4, 5, 6, 7], [0, 1, 2, 3]))
    return _from_last(out.astype(dt, copy=False), fmt)


def _attrs3_of(op, names=("strides", "padding", "data_format", "dilations")):
    return {k: op.get_attr(k) for k in names}


def _conv3d_grad(op, grad):
    """Conv3DBackpropInputV2 / Conv3DBackpropFilterV2, as TF."""
    from ..engine.framework.grad_state import wants_grad
    x, f = op.inputs
    a = _attrs3_of(op)
    return [apply("Conv3DBackpropInputV2", [_shape_of(x), f, grad], a) if wants_grad(0)
            else None,
            apply("Conv3DBackpropFilterV2", [x, _shape_of(f), grad], a) if wants_grad(1)
            else None]


register_op("Conv3D", infer=_conv3d_infer, kernel=_conv3d_kernel, grad=_conv3d_grad)


def _sizes_infer(pos_sizes, pos_dtype):
    def infer(inputs, attrs):
        sv = _sizes_value(inputs[pos_sizes])
        return [(inputs[pos_dtype].dtype.base_dtype,
                 TensorShape(sv if sv is not None else [None] * 5))]
    return infer


def _conv3d_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                  dilations=(1,) * 5, **_):
    fmt = data_format
    dims = _ndims_last(tuple(int(s) for s in sizes), fmt)
    dt = dy.dtype
    dy, f = _wide(_to_last(dy, fmt), f)
    g = _GeoN(dims, f.shape[:3], _spatial(strides, fmt), _spatial(dilations, fmt), padding)
    cols = np.tensordot(dy, f, axes=([4], [4]))          # (N, O.., K.., C)
    return _from_last(np.ascontiguousarray(g.scatter(cols, dy.dtype).astype(dt, copy=False)),
                      fmt)


def _conv3d_backprop_input_grad(op, grad):
    """Linear in (filter, out_backprop)."""
    from ..engine.framework.grad_state import wants_grad
    _, f, dy = op.inputs
    a = _attrs3_of(op)
    return [None,
            apply("Conv3DBackpropFilterV2", [grad, _shape_of(f), dy], a) if wants_grad(1)
            else None,
            apply("Conv3D", [grad, f], a) if wants_grad(2) else None]


register_op("Conv3DBackpropInputV2", infer=_sizes_infer(0, 1),
            kernel=_conv3d_backprop_input_kernel, grad=_conv3d_backprop_input_grad)


def _conv3d_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                   dilations=(1,) * 5, **_):
    fmt = data_format
    dt = x.dtype
    x, dy = _wide(_to_last(x, fmt), _to_last(dy, fmt))
    k = tuple(int(s) for s in sizes[:3])
    g = _GeoN(x.shape, k, _spatial(strides, fmt), _spatial(dilations, fmt), padding)
    out = np.tensordot(g.windows(g.pad(x)), dy, axes=([0, 1, 2, 3], [0, 1, 2, 3]))
    return out.astype(dt, copy=False)


def _conv3d_backprop_filter_grad(op, grad):
    """Linear in (input, out_backprop)."""
    from ..engine.framework.grad_state import wants_grad
    x, _, dy = op.inputs
    a = _attrs3_of(op)
    return [apply("Conv3DBackpropInputV2", [_shape_of(x), grad, dy], a) if wants_grad(0)
            else None, None,
            apply("Conv3D", [x, grad], a) if wants_grad(2) else None]


register_op("Conv3DBackpropFilterV2", infer=_sizes_infer(1, 0),
            kernel=_conv3d_backprop_filter_kernel, grad=_conv3d_backprop_filter_grad)


def _check_seq5(op_type, name, seq):
    seq = [int(v) for v in seq]
    if len(seq) < 5:
        raise ValueError(f"Attr '{name}' of '{op_type}' Op passed list of length {len(seq)} "
                         "less than minimum 5.")
    return seq


def _conv3d_attrs(op_type, strides, padding, data_format, dilations):
    _check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    _check_choice(op_type, "data_format", data_format, _FMT3)
    return {"strides": _check_seq5(op_type, "strides", strides), "padding": padding,
            "data_format": data_format,
            "dilations": _check_seq5(op_type, "dilations", dilations or [1] * 5)}


def conv3d(input, filter=None, strides=None, padding=None, data_format="NDHWC",
           dilations=(1, 1, 1, 1, 1), name=None, filters=None):
    """3-D convolution of a 5-D input with a [kd, kh, kw, in, out] filter.

    Args:
      strides, dilations: 5-lists in data_format order (batch and channel entries 1).
      padding: "SAME" or "VALID"; data_format: "NDHWC" or "NCDHW".
    Raises:
      ValueError: bad ranks, lists, padding or data_format.

    >>> y = tf.nn.conv3d(tf.ones([1, 4, 4, 4, 1]), tf.ones([2, 2, 2, 1, 2]), [1] * 5, "SAME")
    """
    filter = filters if filter is None else filter
    attrs = _conv3d_attrs("Conv3D", strides, padding, data_format, dilations)
    x, f = same_type_inputs("Conv3D", [input, filter], ["input", "filter"], allowed=FLOATS)
    return apply("Conv3D", [x, f], attrs, name or "Conv3D")


def conv3d_backprop_filter_v2(input, filter_sizes, out_backprop, strides, padding,
                              data_format="NDHWC", dilations=(1, 1, 1, 1, 1), name=None):
    """The gradient of conv3d with respect to its filter."""
    attrs = _conv3d_attrs("Conv3DBackpropFilterV2", strides, padding, data_format, dilations)
    x, dy = same_type_inputs("Conv3DBackpropFilterV2", [input, out_backprop],
                             ["input", "out_backprop"], allowed=FLOATS)
    return apply("Conv3DBackpropFilterV2", [x, _sizes_tensor(filter_sizes), dy], attrs,
                 name or "Conv3DBackpropFilterV2")


def conv3d_transpose(value, filter=None, output_shape=None, strides=None,
                     padding="SAME", data_format="NDHWC", name=None, filters=None,
                     dilations=None, input=None):
    """The transpose of conv3d (its gradient with respect to the input).

    Args:
      value: 5-D [batch, d, h, w, in_channels]; filter: [kd, kh, kw, out_channels,
      in_channels]; output_shape: the 5-D output shape.
    """
    value = input if value is None else value
    filter = filters if filter is None else filter
    attrs = _conv3d_attrs("Conv3DBackpropInputV2", strides, padding, data_format, dilations)
    with _scope(name, "conv3d_transpose", [value, filter, output_shape]) as scope:
        v, f = same_type_inputs("Conv3DBackpropInputV2", [value, filter], ["value", "filter"],
                                allowed=FLOATS)
        cidx = 1 if data_format == "NCDHW" else 4
        vd, fd = v.shape.as_tuple(), f.shape.as_tuple()
        if vd is not None and fd is not None and vd[cidx] is not None and \
                fd[4] is not None and vd[cidx] != fd[4]:
            raise ValueError(f"input channels does not match filter's input channels, "
                             f"{vd[cidx]} != {fd[4]}")
        return apply("Conv3DBackpropInputV2", [_sizes_tensor(output_shape), f, v], attrs,
                     scope)


# -- MaxPool3D / AvgPool3D ------------------------------------------------------------------
def _pool3d_infer(inputs, attrs):
    x = inputs[0]
    _check_rank(x, 5)
    fmt, st, _, pad, k = _attrs3(attrs, with_k=True)
    kn = attrs["ksize"][0]
    kc = attrs["ksize"][1 if fmt == "NCDHW" else 4]
    if kn != 1 or kc != 1:
        raise ValueError("Pooling is not yet supported on the batch or depth dimension.")
    xd = _ndims_last(x.shape.as_tuple(), fmt) or (None,) * 5
    out = [_out_size(xd[1 + i], k[i], st[i], 1, pad)[0] for i in range(3)]
    return [(x.dtype.base_dtype, TensorShape(_from_last_dims([xd[0]] + out + [xd[-1]], fmt)))]


def _geo3(x_last_shape, attrs):
    _, st, _, pad, k = _attrs3(attrs, with_k=True)
    return _GeoN(x_last_shape, k, st, (1, 1, 1), pad)


def _max_pool3d_kernel(x, **attrs):
    fmt = attrs["data_format"]
    x = _to_last(x, fmt)
    g = _geo3(x.shape, attrs)
    win = g.windows(g.pad(x, _lowest(x.dtype)))
    return _from_last(win.max(axis=(4, 5, 6)), fmt)


def _argmax3(x, attrs):
    g = _geo3(x.shape, attrs)
    win = g.windows(g.pad(x, _lowest(x.dtype)))
    flat = win.reshape(win.shape[:4] + (-1, g.c))
    return g, np.argmax(flat, axis=4)


def _pool3d_attrs(op):
    return {k: op.get_attr(k) for k in ("ksize", "strides", "padding", "data_format")}


register_op("MaxPool3D", infer=_pool3d_infer, kernel=_max_pool3d_kernel,
            grad=lambda op, grad: [apply("MaxPool3DGrad", [op.inputs[0], op.outputs[0], grad],
                                         _pool3d_attrs(op))])


def _max_pool3d_grad_kernel(x, y, dy, **attrs):
    """As TF's CPU kernel: every element equal to its window's maximum gets that window's
    gradient (ties all receive it, unlike 2-D MaxPoolGrad and MaxPool3DGradGrad)."""
    fmt = attrs["data_format"]
    x, y, dy = _to_last(x, fmt), _to_last(y, fmt), _to_last(dy, fmt)
    g = _geo3(x.shape, attrs)
    win = g.windows(g.pad(x, _lowest(x.dtype)))
    e = (slice(None),) * 4 + (None, None, None, slice(None))
    cols = np.where(win == y[e], dy[e], np.zeros((), dy.dtype))
    return _from_last(np.ascontiguousarray(g.scatter(cols, dy.dtype)), fmt)


def _max_pool3d_grad_grad(op, grad):
    """Linear in the gradient: the adjoint is MaxPool3DGradGrad."""
    from .array_ops import zeros_like
    x, y, _ = op.inputs
    return [zeros_like(x), zeros_like(y),
            apply("MaxPool3DGradGrad", [x, y, grad], _pool3d_attrs(op))]


register_op("MaxPool3DGrad", infer=lambda ins, a: [(ins[2].dtype.base_dtype, ins[0].shape)],
            kernel=_max_pool3d_grad_kernel, grad=_max_pool3d_grad_grad)


def _max_pool3d_grad_grad_kernel(x, y, ddx, **attrs):
    fmt = attrs["data_format"]
    x, ddx = _to_last(x, fmt), _to_last(ddx, fmt)
    g, arg = _argmax3(x, attrs)
    win = g.windows(g.pad(ddx))
    flat = win.reshape(win.shape[:4] + (-1, g.c))
    out = np.take_along_axis(flat, arg[:, :, :, :, None, :], axis=4)[:, :, :, :, 0, :]
    return _from_last(np.ascontiguousarray(out), fmt)


def _max_pool3d_grad_grad_grad(op, grad):
    """Gathering at the argmax is the adjoint of scattering there: MaxPool3DGrad."""
    from .array_ops import zeros_like
    x, y, _ = op.inputs
    return [zeros_like(x), zeros_like(y),
            apply("MaxPool3DGrad", [x, y, grad], _pool3d_attrs(op))]


register_op("MaxPool3DGradGrad", infer=lambda ins, a: [(ins[0].dtype.base_dtype, ins[1].shape)],
            kernel=_max_pool3d_grad_grad_kernel, grad=_max_pool3d_grad_grad_grad)


def _counts3(g):
    def counts(o, stride, pad, k, size):
        start = np.arange(o) * stride - pad
        return np.minimum(start + k, size) - np.maximum(start, 0)
    c = [counts(o, s, geo[1], k, sz) for o, s, geo, k, sz in
         zip(g.out, g.s, g.geo, g.k, g.size)]
    return c[0][:, None, None] * c[1][None, :, None] * c[2][None, None, :]


def _avg_pool3d_kernel(x, **attrs):
    fmt = attrs["data_format"]
    x = _to_last(x, fmt)
    g = _geo3(x.shape, attrs)
    total = g.windows(g.pad(x)).sum(axis=(4, 5, 6))
    return _from_last((total / _counts3(g)[None, ..., None]).astype(x.dtype, copy=False), fmt)


register_op("AvgPool3D", infer=_pool3d_infer, kernel=_avg_pool3d_kernel,
            grad=lambda op, grad: [apply("AvgPool3DGrad", [_shape_of(op.inputs[0]), grad],
                                         _pool3d_attrs(op))])


def _avg_pool3d_grad_kernel(sizes, dy, **attrs):
    fmt = attrs["data_format"]
    dims = _ndims_last(tuple(int(s) for s in sizes), fmt)
    dy = _to_last(dy, fmt)
    g = _geo3(dims, attrs)
    share = (dy / _counts3(g)[None, ..., None]).astype(dy.dtype, copy=False)
    cols = np.broadcast_to(share[:, :, :, :, None, None, None, :],
                           share.shape[:4] + g.k + (g.c,))
    return _from_last(np.ascontiguousarray(g.scatter(cols, dy.dtype)), fmt)


register_op("AvgPool3DGrad", infer=_sizes_infer(0, 1), kernel=_avg_pool3d_grad_kernel,
            grad=lambda op, grad: [None, apply("AvgPool3D", [grad], _pool3d_attrs(op))])


def _pool3d(op_type, input, ksize, strides, padding, data_format, name, allowed):
    _check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    _check_choice(op_type, "data_format", data_format, _FMT3)
    x = to_tensor(input, name="input")
    if x.dtype.base_dtype not in allowed:
        raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in "
                        f"list of allowed values: {', '.join(d.name for d in allowed)}")
    cidx = 1 if data_format == "NCDHW" else 4
    return apply(op_type, [x], {"ksize": _get_sequence(ksize, 3, cidx, "ksize"),
                                "strides": _get_sequence(strides, 3, cidx, "strides"),
                                "padding": padding, "data_format": data_format},
                 name or op_type)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """Max pooling over 3-D windows of a 5-D input.

    >>> y = tf.nn.max_pool3d(tf.ones([1, 4, 4, 4, 1]), [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
    """
    return _pool3d("MaxPool3D", input, ksize, strides, padding, data_format, name, FLOATS)


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """Average pooling over 3-D windows (SAME averages only real elements, as TF)."""
    return _pool3d("AvgPool3D", input, ksize, strides, padding, data_format, name, FLOATS)
