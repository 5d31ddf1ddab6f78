"""tf.nn's convolution and pooling functions: TF 1.14's composites, and the op binders.

The primitive ops live in the engine: engine/ops/convolution.py (Conv2D,
DepthwiseConv2dNative, Conv3D and their backprop ops) and pooling.py
(MaxPool, AvgPool, MaxPoolWithArgmax, the 3-D pools and their gradient ops),
on the window geometry of engine/ops/_windows.py; their binders (conv2d,
max_pool, ...) are re-exported here.

This module writes the composites over those ops: conv1d and the 1-D pools
(over an inserted height of 1), conv2d_transpose / conv3d_transpose,
depthwise_conv2d with a rate, separable and atrous convolutions,
tf.nn.convolution, tf.nn.pool and TF 2's pooling entry points.

>>> y = tf.nn.conv1d(tf.ones([1, 5, 2]), tf.ones([3, 2, 4]), 1, "SAME")
>>> y.shape.as_list()
[1, 5, 4]
"""
from __future__ import annotations

__all__ = [
    "atrous_conv2d",
    "atrous_conv2d_transpose",
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
    "conv3d_backprop_filter",
    "conv3d_backprop_filter_v2",
    "conv3d_transpose",
    "conv_transpose",
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

from typing import Sequence

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import const_value, constant, convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import (FLOATS, apply, refuse_bytes_format, same_type_inputs, to_tensor,
                                typed_input)
from ..engine.ops._nn_util import IntOrInts, TensorLike
from ..engine.ops.shape import shape
from ..engine.ops._windows import check_choice, get_sequence
from ..engine.ops import fused_pad_conv  # noqa: F401 - registers TF's FusedPadConv2D ops
from ..engine.ops.convolution import (
    batch_to_space_nd,
    space_to_batch_nd,
    conv3d_attrs,
    depthwise_attrs,
    padding_attrs,
    conv2d,
    conv2d_backprop_filter,
    conv2d_backprop_input,
    conv3d,
    conv3d_backprop_filter_v2,
    depthwise_conv2d_native,
    depthwise_conv2d_native_backprop_filter,
    depthwise_conv2d_native_backprop_input,
)
from . import space_ops as _space_ops
from ..engine.ops.pooling import avg_pool, avg_pool3d, max_pool, max_pool3d, max_pool_with_argmax
from .array_ops import concat, expand_dims, squeeze


def conv2d_transpose(value: TensorLike | None = None, filter: TensorLike | None = None,
                     output_shape: TensorLike | None = None, strides: IntOrInts | None = None,
                     padding: str = "SAME", data_format: str = "NHWC", name: str | None = None,
                     input: TensorLike | None = None, filters: TensorLike | None = None,
                     dilations: IntOrInts | None = None) -> Tensor:
    """The transpose of conv2d (the gradient of conv2d with respect to its input).

    Args:
      value: 4-D input [batch, h, w, in_channels] (NHWC).
      filter: [kh, kw, output_channels, in_channels].
      output_shape: 1-D of 4 ints, the output's shape.
    Returns:
      A tensor of shape `output_shape`.
    Raises:
      ValueError: output_shape is not a 4-D shape (the op's shape error; channels that
        differ from the filter's are the kernel's error, as TF 1.14).

    >>> y = tf.nn.conv2d_transpose(tf.ones([1, 3, 3, 2]), tf.ones([3, 3, 1, 2]), [1, 6, 6, 1],
    ...                            [1, 2, 2, 1])
    >>> y.shape.as_list()
    [1, 6, 6, 1]
    """
    value = input if value is None else value
    filter = filters if filter is None else filter
    refuse_bytes_format(data_format)
    check_choice("Conv2DBackpropInput", "data_format", data_format, ("NHWC", "NCHW"))
    with _scope(name, "conv2d_transpose", [value, filter, output_shape]) as scope_name:
        value, filter = same_type_inputs("Conv2DBackpropInput", [value, filter],
                                         ["value", "filter"], allowed=FLOATS)
        cidx = 1 if data_format == "NCHW" else 3
        if value.shape.ndims is not None and value.shape.ndims != 4:
            raise ValueError(f"value must be a 4-D tensor, got shape {value.shape}")
        # TF 1.14 (conv2d_transpose_v2) checks no channels here: Conv2DBackpropInput's
        # shape function reads output_shape as a 4-D shape, its kernel the rest. The op
        # wrapper converts output_shape as its int32 input_sizes (a list holding tensors,
        # e.g. [tf.shape(x)[0], h, w, c], packs)
        sizes = typed_input(output_shape, _dt.int32, "Conv2DBackpropInput", "input_sizes")
        padding, explicit = padding_attrs("Conv2DBackpropInput", padding, data_format)
        return apply("Conv2DBackpropInput", [sizes, filter, value],
                     {"strides": get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                      "explicit_paddings": explicit, "data_format": data_format,
                      "dilations": get_sequence(dilations, 2, cidx, "dilations")},
                     scope_name)


def _scope(name, default, values):
    return name_scope(name, default, [v for v in values if hasattr(v, "op")])


# -- conv1d ----------------------------------------------------------------------------------
def conv1d(value: TensorLike | None = None, filters: TensorLike | None = None,
           stride: IntOrInts | None = None, padding: str | None = None,
           use_cudnn_on_gpu: bool | None = None, data_format: str | None = None,
           name: str | None = None, input: TensorLike | None = None,
           dilations: IntOrInts | None = None) -> Tensor:
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
    value = input if value is None else value
    with _scope(name, "conv1d", [value, filters]) as scope_name:
        if data_format is None or data_format in ("NHWC", "NWC"):
            data_format, spatial, cidx = "NHWC", 1, 2
        elif data_format in ("NCHW", "NCW"):
            data_format, spatial, cidx = "NCHW", 2, 1
        else:
            raise ValueError("data_format must be \"NWC\" or \"NCW\".")
        # values go to expand_dims as they are: TF reads a variable there and converts a
        # NumPy value there (conv1d/ExpandDims/input)
        x, f = value, filters
        # (other ranks: the ExpandDims' or Conv2D's shape error, as TF)
        bad = _first_tensor(stride)   # (a Tensor: TF's conv2d wrapper refuses it, below)
        stride = get_sequence(1 if bad is not None else stride, 1, cidx, "stride")
        dil = get_sequence(dilations, 1, cidx, "dilations")
        strides = stride[:spatial] + [1] + stride[spatial:]
        dil = dil[:spatial] + [1] + dil[spatial:]
        x4 = expand_dims(x, spatial)
        f4 = expand_dims(f, 0)   # a variable is read inside ExpandDims_1, as TF
        if bad is not None:
            raise TypeError(f"Expected int for argument 'strides' not {bad!r}.")
        y = conv2d(x4, f4, strides, padding, data_format=data_format, dilations=dil,
                   name=scope_name)
        return squeeze(y, [spatial])


def depthwise_conv2d(input: TensorLike, filter: TensorLike, strides: IntOrInts, padding: str,
                     rate: IntOrInts | None = None, name: str | None = None,
                     data_format: str | None = None, dilations: IntOrInts | None = None) -> Tensor:
    """Depthwise 2-D convolution with an optional dilation `rate` ([rh, rw]).

    Dilation is passed to DepthwiseConv2dNative directly (TF rewrites it with
    SpaceToBatchND; the result is the same).

    >>> y = tf.nn.depthwise_conv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 2]), [1, 1, 1, 1],
    ...                            "SAME", rate=[2, 2])
    >>> y.shape.as_list()
    [1, 5, 5, 4]
    """
    if rate is not None and dilations is not None:
        raise ValueError("Cannot specify both 'rate' and 'dilations'")
    rate = dilations if rate is None else rate
    data_format = data_format or "NHWC"
    with _scope(name, "depthwise", [input, filter]) as scope_name:
        # TF's ops: tensor_in/filter_in conversions, then with_space_to_batch's filter
        # Shape and dilation_rate constants
        x = to_tensor(input, name="tensor_in")
        f = to_tensor(filter, name="filter_in")
        return _with_space_to_batch(x, f, strides, padding, rate, data_format, scope_name)


def _with_space_to_batch(x, f, strides, padding, rate, data_format, op_name):
    """TF's nn_ops.with_space_to_batch around DepthwiseConv2dNative `op_name`: the
    filter's Shape and the dilation_rate constant in the current scope; with a rate
    above 1 the op runs VALID on SpaceToBatchND's output, undone by BatchToSpaceND, with
    TF's padding constants. Where TF computes those paddings at run time (input spatial
    dims or rate not known when building) flowgrad passes the rate to the op's
    dilations instead: the same values, other ops."""
    filter_shape = shape(f)
    rate_t = to_tensor([1, 1] if rate is None else rate, dtype=_dt.int32,
                       name="dilation_rate")
    if rate_t.shape.ndims != 1:
        raise ValueError("rate must be rank 1")
    if not rate_t.shape.is_fully_defined():
        raise ValueError("rate must have known shape")
    check_choice("DepthwiseConv2dNative", "padding", padding, ("SAME", "VALID"))
    x, f = same_type_inputs("DepthwiseConv2dNative", [x, f], ["input", "filter"],
                            allowed=FLOATS)
    rate_v = constant_value(rate_t)   # TF's tensor_util.constant_value
    if rate_v is not None and (rate_v < 1).any():
        raise ValueError("dilation_rate must be positive")
    spatial_dims = [2, 3] if data_format.startswith("NC") else [1, 2]
    dims = x.shape.as_tuple()
    in_spatial = None if dims is None else [dims[i] for i in spatial_dims]
    fshape = None
    if rate_v is not None and not (rate_v == 1).all() and padding == "SAME":
        fshape = constant_value(filter_shape)
    static = (rate_v is not None and in_spatial is not None and None not in in_spatial
              and (padding == "VALID" or fshape is not None))
    if rate_v is None or (rate_v == 1).all() or not static:
        cidx = 1 if data_format == "NCHW" else 3
        dil = None if rate_v is None else [int(r) for r in rate_v]
        attrs = depthwise_attrs(strides, padding, data_format,
                                get_sequence(dil if dil is not None else rate, 2, cidx,
                                             "rate"))
        return apply("DepthwiseConv2dNative", [x, f], attrs, op_name)
    base = space_to_batch_base_paddings(padding, fshape, rate_v)

    def op(y):
        return apply("DepthwiseConv2dNative", [y, f],
                     depthwise_attrs(strides, "VALID", data_format, None), op_name)
    return space_to_batch_call(x, op, base, rate_v, spatial_dims)


def space_to_batch_base_paddings(padding, filter_shape, rate):
    """TF's _WithSpaceToBatch base paddings for a rate above 1: for SAME, the dilated
    filter's extra padding as a constant named "stack" (in the current scope); for
    VALID, zeros (a NumPy array). `filter_shape` starts with the spatial dims."""
    rate = np.asarray(rate, np.int64)
    if padding != "SAME":
        return np.zeros([len(rate), 2], np.int32)
    fs = np.asarray(filter_shape[:len(rate)], np.int64)
    pad_extra = fs + (fs - 1) * (rate - 1) - 1
    start = pad_extra // 2
    return to_tensor(np.stack([start, pad_extra - start], axis=1).astype(np.int32),
                     name="stack")


def space_to_batch_call(x, op, base_paddings, rate, spatial_dims):
    """TF's _with_space_to_batch_call where the input's spatial dims are known: the
    required paddings, SpaceToBatchND, `op` (a VALID op on the batched input), then
    BatchToSpaceND; a channels-first input gets a block of 1 over its channels."""
    dims = x.shape.as_tuple()
    rate = np.asarray(rate, np.int32)
    paddings, crops = _required_space_to_batch_paddings([dims[i] for i in spatial_dims],
                                                        rate, base_paddings)
    lead = spatial_dims[0] - 1
    block = np.concatenate([np.ones([lead], np.int32), rate]).astype(np.int32)
    paddings = np.concatenate([np.zeros([lead, 2], np.int32), paddings]).astype(np.int32)
    crops = np.concatenate([np.zeros([lead, 2], np.int32), crops]).astype(np.int32)
    y = space_to_batch_nd(x, block, paddings)
    return batch_to_space_nd(op(y), block, crops)


def _required_space_to_batch_paddings(input_shape, block_shape, base_paddings):
    """TF's required_space_to_batch_paddings where everything is known when building:
    its constants (input_shape, base_paddings when given as values, paddings, crops)
    and the values of the paddings and crops."""
    with name_scope(None, "required_space_to_batch_paddings"):
        to_tensor(np.asarray(input_shape, np.int32), name="input_shape")
        if not isinstance(base_paddings, Tensor):
            base_paddings = to_tensor(base_paddings, dtype=_dt.int32, name="base_paddings")
        base = np.asarray(const_value(base_paddings), np.int64)
        block = np.asarray(block_shape, np.int64)
        full = np.asarray(input_shape, np.int64) + base[:, 0] + base[:, 1]
        extra = (block - full % block) % block
        paddings = np.stack([base[:, 0], base[:, 1] + extra], axis=1).astype(np.int32)
        crops = np.stack([np.zeros_like(extra), extra], axis=1).astype(np.int32)
        to_tensor(paddings, name="paddings")
        to_tensor(crops, name="crops")
        return paddings, crops


def max_pool2d(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
               data_format: str = "NHWC", name: str | None = None) -> Tensor:
    """max_pool under its TF 2 name."""
    return max_pool(input, ksize, strides, padding, data_format, name)


avg_pool2d = avg_pool  # TF 1.14's tf.nn.avg_pool2d is avg_pool (value, ..., input)


# =========================================================================================
# Composite convolutions
# =========================================================================================
def separable_conv2d(input: TensorLike, depthwise_filter: TensorLike, pointwise_filter: TensorLike,
                     strides: IntOrInts, padding: str, rate: IntOrInts | None = None,
                     name: str | None = None, data_format: str | None = None,
                     dilations: IntOrInts | None = None) -> Tensor:
    """A depthwise convolution followed by a 1x1 (pointwise) convolution.

    Args:
      depthwise_filter: [kh, kw, in_channels, channel_multiplier].
      pointwise_filter: [1, 1, in_channels * channel_multiplier, out_channels].
    Raises:
      ValueError: the pointwise filter is not 1x1.
    """
    if rate is not None and dilations is not None:
        raise ValueError("Cannot specify both 'rate' and 'dilations'")
    rate = dilations if rate is None else rate
    data_format = data_format or "NHWC"
    with _scope(name, "separable_conv2d", [input, depthwise_filter, pointwise_filter]) as sc:
        x = to_tensor(input, name="tensor_in")
        dw = to_tensor(depthwise_filter, name="depthwise_filter")
        pw = to_tensor(pointwise_filter, name="pointwise_filter")
        pw.shape.with_rank(4)
        pd = pw.shape.as_tuple()
        for d in pd[:2]:   # TF: dims[0], then dims[1], assert_is_compatible_with(1)
            if d not in (None, 1):
                raise ValueError(f"Dimensions {d} and 1 are not compatible")
        depthwise = _with_space_to_batch(x, dw, strides, padding, rate, data_format,
                                         "depthwise")
        return conv2d(depthwise, pw, [1, 1, 1, 1], "VALID", data_format=data_format, name=sc)


def atrous_conv2d(value: TensorLike, filters: TensorLike, rate: int, padding: str,
                  name: str | None = None) -> Tensor:
    """2-D convolution with holes: TF's convolution with dilation_rate [rate, rate] (on
    SpaceToBatchND's output for a rate above 1, as TF builds it).

    Raises:
      ValueError: rate < 1.
    """
    return convolution(value, filters, padding, dilation_rate=np.broadcast_to(rate, (2,)),
                       name=name)


def convolution(input: TensorLike, filter: TensorLike | None, padding: str | None,
                strides: IntOrInts | None = None, dilation_rate: IntOrInts | None = None,
                name: str | None = None, data_format: str | None = None,
                filters: TensorLike | None = None, dilations: IntOrInts | None = None) -> Tensor:
    """N-d convolution for N = 1, 2 or 3 (conv1d / conv2d / conv3d with dilations).

    Raises:
      NotImplementedError: filters of other ranks.
    """
    filter = filters if filter is None else filter
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    f = to_tensor(filter, name="filter")
    _check_convolution_shapes(input, f, data_format)
    n = None if f.shape.ndims is None else f.shape.ndims - 2
    undilated = not _holds_tensor(dilation_rate) and \
        all(d == 1 for d in np.ravel(1 if dilation_rate is None else dilation_rate))
    if not undilated and (_holds_tensor(dilation_rate) or _holds_tensor(strides)):
        # TF 1.14's convolution_internal takes a Tensor (not a Python sequence) as one
        # value, never equal to 1, so it builds a Convolution, whose NumPy arrays of the
        # rates and strides fail (in the convolution's name scope, which is then taken)
        with name_scope(name, "convolution", [input, f]):
            raise ValueError("setting an array element with a sequence.")
    if n in (2, 3) and _holds_tensor(strides):
        # (the undilated path: gen_nn_ops' conv2d/conv3d takes each stride as an int;
        # conv1d's, below, after its ExpandDims)
        with name_scope(name, "convolution", [input, f]):
            raise TypeError(f"Expected int for argument 'strides' not "
                            f"{_first_tensor(strides)!r}.")
    if n is not None and 1 <= n <= 3 and dilation_rate is not None:
        rates = np.asarray(dilation_rate, np.int64).reshape(-1)
        if rates.size == 1 and n > 1:
            rates = np.broadcast_to(rates, (n,))
        if rates.size == n and np.any(rates != 1):
            with name_scope(name, "convolution", [input, f]) as scope:
                return _dilated_convolution(input, f, n, padding, strides, rates,
                                            data_format, scope)
    if n == 2:
        fmt = data_format or "NHWC"
        cidx = 1 if fmt.startswith("NC") else 3
        return conv2d(input, f, get_sequence(strides, 2, cidx, "strides"), padding,
                      data_format=fmt, dilations=get_sequence(dilation_rate, 2, cidx,
                                                               "dilations"),
                      name=name or "convolution")
    if n == 1:
        fmt = data_format or "NWC"
        return conv1d(input, f, strides if strides is not None else 1, padding,
                      data_format=fmt, dilations=dilation_rate, name=name or "convolution")
    if n == 3:
        fmt = data_format or "NDHWC"
        cidx = 1 if fmt.startswith("NC") else 4
        return conv3d(input, f, get_sequence(strides, 3, cidx, "strides"), padding,
                      data_format=fmt, dilations=get_sequence(dilation_rate, 3, cidx,
                                                               "dilations"),
                      name=name or "convolution")
    raise NotImplementedError(f"flowgrad's convolution supports 1-D, 2-D and 3-D filters, got "
                              f"a filter of rank {f.shape.ndims}")


def _holds_tensor(v):
    return _first_tensor(v) is not None


def _first_tensor(v):
    """A Tensor given for a list of ints (itself, or its first Tensor element), else None."""
    if isinstance(v, Tensor):
        return v
    if isinstance(v, (list, tuple)):
        return next((e for e in v if isinstance(e, Tensor)), None)
    return None


def _check_convolution_shapes(x, f, data_format):
    """TF 1.14's nn_ops.Convolution checks of the input's and filter's ranks and channels."""
    s = getattr(x, "shape", None)
    xs = s if hasattr(s, "ndims") else TensorShape(np.shape(x))
    total = xs.ndims if xs.ndims is not None else f.shape.ndims
    if total is None:
        raise ValueError("rank of input or filter must be known")
    n = total - 2
    if xs.ndims is not None and xs.ndims != n + 2:
        raise ValueError("input tensor must have rank %d" % (n + 2))
    if f.shape.ndims is not None and f.shape.ndims != n + 2:
        raise ValueError("filter tensor must have rank %d" % (n + 2))
    if xs.ndims is None or f.shape.ndims is None:
        return
    c = xs.as_tuple()[1 if data_format and data_format.startswith("NC") else n + 1]
    fc = f.shape.as_tuple()[n]
    if c is not None and fc is not None and c != fc:
        raise ValueError("number of input channels does not match corresponding dimension of "
                         f"filter, {c} != {fc}")


def _dilated_convolution(input, f, n, padding, strides, rates, data_format, scope):  # noqa: A002
    """TF 1.14's nn_ops.Convolution with a dilation rate above 1: its _WithSpaceToBatch
    (the dilation_rate constant, SAME's filter_shape and base paddings, SpaceToBatchND)
    around the undilated VALID convolution named `scope`, then BatchToSpaceND."""
    if np.any(rates < 1):
        raise ValueError("all values of dilation_rate must be positive")
    steps = np.ones(n, np.int64) if strides is None else np.asarray(strides, np.int64)
    if steps.size == 1 and n > 1:
        steps = np.broadcast_to(steps, (n,))
    if steps.size != n:
        raise ValueError("len(strides)=%d but should be %d" % (steps.size, n))
    if np.any(steps < 1):
        raise ValueError("all values of strides must be positive")
    if np.any(steps > 1):
        raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
    x = to_tensor(input, name="input")
    fmt = data_format or {1: "NWC", 2: "NHWC", 3: "NDHWC"}[n]

    def op(inp, _num_spatial_dims, op_padding):
        if n == 1:
            return conv1d(inp, f, 1, op_padding, data_format=fmt, name=scope)
        conv = conv2d if n == 2 else conv3d
        return conv(inp, f, [1] * (n + 2), op_padding, data_format=fmt, name=scope)
    fshape = f.shape.as_list() if f.shape.is_fully_defined() else shape(f)
    return _space_ops.with_space_to_batch(x, rates.astype(np.int32), padding, op,
                                          filter_shape=fshape, data_format=fmt)


def _strides_and_dilation_rate(n, strides, dilation_rate):
    """TF 1.14's _get_strides_and_dilation_rate: both as int32 arrays of length n."""
    if dilation_rate is None:
        dilation_rate = [1] * n
    elif len(dilation_rate) != n:
        raise ValueError("len(dilation_rate)=%d but should be %d" % (len(dilation_rate), n))
    dilation_rate = np.array(dilation_rate, dtype=np.int32)
    if np.any(dilation_rate < 1):
        raise ValueError("all values of dilation_rate must be positive")
    if strides is None:
        strides = [1] * n
    elif len(strides) != n:
        raise ValueError("len(strides)=%d but should be %d" % (len(strides), n))
    strides = np.array(strides, dtype=np.int32)
    if np.any(strides < 1):
        raise ValueError("all values of strides must be positive")
    if np.any(strides > 1) and np.any(dilation_rate > 1):
        raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
    return strides, dilation_rate


def pool(input: TensorLike, window_shape: Sequence[int], pooling_type: str, padding: str,
         dilation_rate: IntOrInts | None = None, strides: IntOrInts | None = None,
         name: str | None = None, data_format: str | None = None,
         dilations: IntOrInts | None = None) -> Tensor:
    """N-d max or average pooling, N = len(window_shape) in 1..3 (TF 1.14's tf.nn.pool):
    MaxPool/AvgPool (1-D through a height of 1) or MaxPool3D/AvgPool3D, dilated through
    with_space_to_batch (SpaceToBatchND / BatchToSpaceND) as TF builds it.

    Raises:
      ValueError: TF's: a pooling_type other than "MAX" or "AVG", N outside 1..3, an
        input of another rank, SAME padding with a dilation rate above 1, strides above
        the window or above 1 with dilation.
    """
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    with name_scope(name, "%s_pool" % pooling_type.lower(), [input]) as scope:
        input = to_tensor(input, name="input")  # noqa: A001 - TF's name
        n = len(window_shape)
        if n < 1 or n > 3:
            raise ValueError("It is required that 1 <= num_spatial_dims <= 3.")
        input.get_shape().with_rank(n + 2)
        strides, dilation_rate = _strides_and_dilation_rate(n, strides, dilation_rate)
        if padding == "SAME" and np.any(dilation_rate > 1):
            raise ValueError("pooling with SAME padding is not implemented for "
                             "dilation_rate > 1")
        if np.any(strides > window_shape):
            raise ValueError("strides > window_shape not supported due to inconsistency "
                             "between CPU and GPU implementations")
        if pooling_type not in ("MAX", "AVG"):
            raise ValueError("%d-D %s pooling is not supported." % (n, pooling_type))
        fn = {("MAX", 3): max_pool3d, ("AVG", 3): avg_pool3d}.get(
            (pooling_type, n), max_pool if pooling_type == "MAX" else avg_pool)
        if data_format is None or not data_format.startswith("NC"):
            window = [1] + list(window_shape) + [1]
            steps = [1] + list(strides) + [1]
            spatial_dims = range(1, n + 1)
        else:
            window = [1, 1] + list(window_shape)
            steps = [1, 1] + list(strides)
            spatial_dims = range(2, n + 2)
        if n == 1:
            if data_format is None or data_format == "NWC":
                fmt = "NHWC"
            elif data_format == "NCW":
                fmt = "NCHW"
            else:
                raise ValueError("data_format must be either \"NWC\" or \"NCW\".")
            window = [1] + window
            steps = [1] + steps
        else:
            fmt = data_format or ("NHWC" if n == 2 else "NDHWC")
        window = [int(w) for w in window]
        steps = [int(st) for st in steps]

        def op(converted_input, _, converted_padding):
            if n == 1:
                converted_input = expand_dims(converted_input, spatial_dims[0])
            result = fn(converted_input, window, steps, converted_padding, data_format=fmt,
                        name=scope)
            if n == 1:
                result = squeeze(result, [spatial_dims[0]])
            return result
        return _space_ops.with_space_to_batch(input, dilation_rate, padding, op,
                                              filter_shape=list(window_shape),
                                              spatial_dims=spatial_dims)


# -- TF 2 style pooling entry points and 1-D variants -------------------------------------------
def _pool_nd(fn, input, ksize, strides, padding, data_format, name):
    x = to_tensor(input, name="input")
    rank = x.shape.ndims
    if rank is not None:
        n = rank - 2
    elif data_format is not None:
        n = len(data_format) - 2
    else:
        raise ValueError("The input must have a rank or a data format must be given.")
    if not 1 <= n <= 3:
        raise ValueError("Input tensor must be of rank 3, 4 or 5 but was {}.".format(n + 2))
    if n == 2:
        return fn(x, ksize, strides, padding, data_format=data_format or "NHWC", name=name)
    if n == 1:
        return _pool1d(fn, x, ksize, strides, padding, data_format, name)
    cidx = 4 if data_format is None or not data_format.startswith("NC") else 1
    fn3 = max_pool3d if fn is max_pool else avg_pool3d
    return fn3(x, get_sequence(ksize, 3, cidx, "ksize"), get_sequence(strides, 3, cidx, "strides"),
               padding, data_format=data_format or "NDHWC", name=name)


def _pool1d(fn, x, ksize, strides, padding, data_format, name):
    """1-D pooling: pool a height-1 2-D input, then squeeze.

    TF 1.14's max_pool1d/avg_pool1d insert the height axis in the wrong place for
    NWC and pool a size-1 dimension (an identity for SAME, an error for VALID);
    flowgrad pools the width, as documented and as later TF versions do.
    """
    data_format = data_format or "NWC"
    if data_format not in ("NWC", "NCW"):
        raise ValueError("data_format must be \"NWC\" or \"NCW\".")
    spatial = 1 if data_format == "NWC" else 2
    cidx = 2 if data_format == "NWC" else 1
    k = get_sequence(ksize, 1, cidx, "ksize")
    s = get_sequence(strides, 1, cidx, "strides")
    k = k[:spatial] + [1] + k[spatial:]
    s = s[:spatial] + [1] + s[spatial:]
    fmt2 = "NHWC" if data_format == "NWC" else "NCHW"
    with _scope(name, "MaxPool1d" if fn is max_pool else "AvgPool1D", [x]) as scope:
        y = fn(expand_dims(x, spatial), k, s, padding, data_format=fmt2, name=scope)
        return squeeze(y, [spatial])


def max_pool_v2(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
                data_format: str | None = None, name: str | None = None) -> Tensor:
    """Max pooling of a 1-D (rank 3), 2-D (rank 4) or 3-D (rank 5: MaxPool3D) input
    (TF 2's tf.nn.max_pool)."""
    return _pool_nd(max_pool, input, ksize, strides, padding, data_format, name)


def avg_pool_v2(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
                data_format: str | None = None, name: str | None = None) -> Tensor:
    """Average pooling of a 1-D (rank 3), 2-D (rank 4) or 3-D (rank 5: AvgPool3D) input
    (TF 2's tf.nn.avg_pool)."""
    return _pool_nd(avg_pool, input, ksize, strides, padding, data_format, name)


def max_pool1d(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
               data_format: str = "NWC", name: str | None = None) -> Tensor:
    """Max pooling over 1-D windows of a [batch, width, channels] input."""
    return _pool1d(max_pool, to_tensor(input, name="input"), ksize, strides, padding,
                   data_format, name)


def avg_pool1d(input: TensorLike, ksize: IntOrInts, strides: IntOrInts, padding: str,
               data_format: str = "NWC", name: str | None = None) -> Tensor:
    """Average pooling over 1-D windows of a [batch, width, channels] input."""
    return _pool1d(avg_pool, to_tensor(input, name="input"), ksize, strides, padding,
                   data_format, name)


def conv1d_transpose(input: TensorLike, filters: TensorLike, output_shape: TensorLike,
                     strides: IntOrInts, padding: str = "SAME", data_format: str = "NWC",
                     dilations: IntOrInts | None = None, name: str | None = None) -> Tensor:
    """The transpose of conv1d as TF 1.14 builds it: Conv2DBackpropInput over an inserted
    height of 1, the output shape (a list or a tensor) extended by a ConcatV2.

    Args:
      input: [batch, width, in_channels] (NWC) or [batch, in_channels, width] (NCW).
      filters: [width, output_channels, in_channels].
      output_shape: [batch, out_width, output_channels] (NWC): a list or a 1-D int tensor.
    """
    with _scope(name, "conv1d_transpose", [input, filters, output_shape]) as scope:
        return _conv1d_transpose_v2(input, filters, output_shape, strides, padding,
                                    data_format, dilations, scope)


depthwise_conv2d_backprop_input = depthwise_conv2d_native_backprop_input
depthwise_conv2d_backprop_filter = depthwise_conv2d_native_backprop_filter


def conv3d_transpose(value: TensorLike, filter: TensorLike | None = None,
                     output_shape: TensorLike | None = None, strides: IntOrInts | None = None,
                     padding: str = "SAME", data_format: str = "NDHWC", name: str | None = None,
                     input: TensorLike | None = None, filters: TensorLike | None = None,
                     dilations: IntOrInts | None = None) -> Tensor:
    """The transpose of conv3d (its gradient with respect to the input).

    Args:
      value: 5-D [batch, d, h, w, in_channels]; filter: [kd, kh, kw, out_channels,
      in_channels]; output_shape: the 5-D output shape.
    """
    value = input if value is None else value
    filter = filters if filter is None else filter
    attrs = conv3d_attrs("Conv3DBackpropInputV2", strides, padding, data_format, dilations)
    with _scope(name, "conv3d_transpose", [value, filter, output_shape]) as scope:
        v, f = same_type_inputs("Conv3DBackpropInputV2", [value, filter], ["value", "filter"],
                                allowed=FLOATS)
        cidx = 1 if data_format == "NCDHW" else 4
        vd, fd = v.shape.as_tuple(), f.shape.as_tuple()
        if vd is not None and fd is not None and vd[cidx] is not None and \
                fd[4] is not None and vd[cidx] != fd[4]:
            raise ValueError(f"input channels does not match filter's input channels, "
                             f"{vd[cidx]} != {fd[4]}")
        return apply("Conv3DBackpropInputV2", [_tshape_input(output_shape), f, v], attrs,
                     scope)


def _tshape_input(sizes):
    """Conv3DBackpropInputV2's input_sizes (type attr Tshape: int32, the default, or int64),
    converted as TF's op wrapper converts it."""
    t = sizes if isinstance(sizes, Tensor) else to_tensor(sizes, name="input_sizes")
    if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
        raise TypeError("Value passed to parameter 'input_sizes' has DataType "
                        f"{t.dtype.base_dtype.name} not in list of allowed values: int32, int64")
    return t


conv3d_backprop_filter = conv3d_backprop_filter_v2   # TF 1.14's tf.nn.conv3d_backprop_filter


def _input_sizes(sizes):
    """A Const named input_sizes (TF's op wrapper converts the argument so) or the tensor."""
    if isinstance(sizes, Tensor):
        return sizes
    if isinstance(sizes, (list, tuple)) and any(isinstance(x, Tensor) for x in sizes):
        # a list holding tensors packs (TF's autopacking: an `input_sizes` Pack)
        return convert_to_tensor(list(sizes), _dt.int32, name="input_sizes")
    return constant(np.asarray(sizes, dtype=np.int32).reshape(-1), name="input_sizes")


def _transpose_nd(input, filters, output_shape, strides, padding, data_format,  # noqa: A002
                  dilations, name, n):
    """TF 1.14's conv2d_transpose_v2 / conv3d_transpose_v2: one Conv2DBackpropInput /
    Conv3DBackpropInputV2 named `name`, its input_sizes a Const in that scope."""
    fmt = data_format or ("NHWC" if n == 2 else "NDHWC")
    cidx = 1 if fmt.startswith("NC") else n + 1
    with name_scope(name) as scope:
        sizes = _input_sizes(output_shape)
        if n == 2:
            return conv2d_backprop_input(sizes, filters, input,
                                         get_sequence(strides, 2, cidx, "strides"), padding,
                                         data_format=fmt,
                                         dilations=get_sequence(dilations, 2, cidx,
                                                                "dilations"),
                                         name=scope)
        attrs = conv3d_attrs("Conv3DBackpropInputV2", get_sequence(strides, 3, cidx, "strides"),
                             padding, fmt, get_sequence(dilations, 3, cidx, "dilations"))
        f, v = same_type_inputs("Conv3DBackpropInputV2", [filters, input],
                                ["filter", "out_backprop"], allowed=FLOATS)
        return apply("Conv3DBackpropInputV2", [sizes, f, v], attrs, scope)


def _conv1d_transpose_v2(input, filters, output_shape, strides, padding,  # noqa: A002
                         data_format, dilations, name):
    """TF 1.14's conv1d_transpose: expand to 2-D (the output shape through a concat)."""
    if data_format is None or data_format == "NWC":
        fmt, spatial, cidx = "NHWC", 1, 2
    elif data_format == "NCW":
        fmt, spatial, cidx = "NCHW", 2, 1
    else:
        raise ValueError("data_format must be \"NWC\" or \"NCW\".")
    strides = [1] + get_sequence(strides, 1, cidx, "stride")
    dilations = [1] + get_sequence(dilations, 1, cidx, "dilations")
    x = expand_dims(input, spatial)
    f = expand_dims(filters, 0)
    out = list(output_shape) if not isinstance(output_shape, Tensor) else output_shape
    out = concat([out[:spatial], [1], out[spatial:]], 0)
    y = conv2d_backprop_input(out, f, x, strides, padding, data_format=fmt,
                              dilations=dilations, name=name)
    return squeeze(y, [spatial])


def conv_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                   data_format=None, dilations=None, name=None):
    """The transpose of convolution: 1-D, 2-D or 3-D by the length of output_shape."""
    with name_scope(name, "conv_transpose", [input, filters, output_shape]) as name:
        if isinstance(output_shape, Tensor):
            n = output_shape.shape[0] - 2
            n = None if n is None else int(n)
        elif hasattr(output_shape, "__len__"):
            n = len(output_shape) - 2
        else:
            raise ValueError("output_shape must be a tensor or sized collection.")
        if n is None or not 1 <= n <= 3:
            raise ValueError(f"output_shape must be of length 3, 4 or 5 but was "
                             f"{None if n is None else n + 2}.")
        if n == 1:
            return _conv1d_transpose_v2(input, filters, output_shape, strides, padding,
                                        data_format, dilations, name)
        return _transpose_nd(input, filters, output_shape, strides, padding, data_format,
                             dilations, name, n)


def atrous_conv2d_transpose(value, filters, output_shape, rate, padding, name=None):
    """The transpose of atrous_conv2d (TF 1.14's composition: SpaceToBatchND, a VALID
    Conv2DBackpropInput, BatchToSpaceND)."""
    with name_scope(name, "atrous_conv2d_transpose", [value, filters, output_shape]) as name:
        value = to_tensor(value, name="value")
        filters = to_tensor(filters, name="filters")
        if not value.shape.dims[3].is_compatible_with(filters.shape[3]):
            raise ValueError("value's input channels does not match filters' input channels, "
                             f"{value.shape[3]} != {filters.shape[3]}")
        if rate < 1:
            raise ValueError(f"rate {rate} cannot be less than one")
        if rate == 1:
            with name_scope("conv2d_transpose") as scope:   # TF's conv2d_transpose (v1)
                return _transpose_nd(value, filters, output_shape, [1, 1, 1, 1], padding,
                                     "NHWC", None, scope, 2)
        output_shape_ = to_tensor(output_shape, name="output_shape")
        if not output_shape_.shape.is_compatible_with([4]):
            raise ValueError(f"output_shape must have shape (4,), got {output_shape_.shape}")
        if isinstance(output_shape, tuple):
            output_shape = list(output_shape)
        if isinstance(output_shape, (list, np.ndarray)):
            if not filters.shape.dims[2].is_compatible_with(output_shape[3]):
                raise ValueError("output_shape does not match filter's output channels, "
                                 f"{output_shape[3]} != {filters.shape[2]}")
        if padding == "SAME":
            if filters.shape.is_fully_defined():
                fshape = filters.shape.as_list()
            else:
                fshape = shape(filters)
            fh_up = fshape[0] + (fshape[0] - 1) * (rate - 1)
            fw_up = fshape[1] + (fshape[1] - 1) * (rate - 1)
            pad_top = (fh_up - 1) // 2
            pad_bottom = fh_up - 1 - pad_top
            pad_left = (fw_up - 1) // 2
            pad_right = fw_up - 1 - pad_left
        elif padding == "VALID":
            pad_top = pad_bottom = pad_left = pad_right = 0
        else:
            raise ValueError(f"padding must be either VALID or SAME: {padding}")
        in_height = output_shape[1] + pad_top + pad_bottom
        in_width = output_shape[2] + pad_left + pad_right
        pad_bottom_extra = (rate - in_height % rate) % rate
        pad_right_extra = (rate - in_width % rate) % rate
        value = _space_ops.space_to_batch(value, [[0, pad_bottom_extra], [0, pad_right_extra]],
                                          block_size=rate)
        input_sizes = [rate * rate * output_shape[0], (in_height + pad_bottom_extra) // rate,
                       (in_width + pad_right_extra) // rate, output_shape[3]]
        with name_scope("Conv2DBackpropInput") as scope:   # TF's op wrapper scope
            value = conv2d_backprop_input(_input_sizes(input_sizes), filters, value,
                                          strides=[1, 1, 1, 1], padding="VALID",
                                          data_format="NHWC", name=scope)
        crops = [[pad_top, pad_bottom + pad_bottom_extra], [pad_left, pad_right + pad_right_extra]]
        return _space_ops.batch_to_space(value, crops, block_size=rate)

