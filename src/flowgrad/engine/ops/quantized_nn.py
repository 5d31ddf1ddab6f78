"""QuantizedMaxPool, QuantizedAvgPool, QuantizedConv2D and QuantizedReluX (TF 1.14's
quantized_pooling_ops.cc, quantized_conv_ops.cc, quantized_activation_ops.cc, nn_ops.cc
shape functions). QuantizedConv2D runs for quint8 x quint8 -> qint32 only, as in TF: integer
sums of (level - level of 0.0) products, exact. TF 1.14 registers the pool kernels
for quint8 only: max pooling over the real (unpadded) elements of each window (or across
groups of channels), average
pooling as the int32 sum truncated by the count of real elements; the input's range passes
through. TF 1.14 registers no kernel at all for QuantizedReluX: the op builds, and any run of
its graph fails with TF's placer error (as do the other three with other dtypes: their
`no_kernel` prop, runtime/placement.py), even one that does not fetch it. None has a
gradient.
"""
from __future__ import annotations

import collections

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, to_tensor
from .cudnn_rnn import no_kernel_error
from ._windows import Geo, check_choice, check_rank, out_size
from .pooling import _window_counts

_QUANTIZED = (_dt.qint8, _dt.quint8, _dt.qint32, _dt.qint16, _dt.quint16)
_SCALAR = TensorShape([])


def _no_kernel(kinds, registered):
    """The `no_kernel` prop (runtime/placement.py): TF's placer error, which fails every run
    of the graph, when the op's dtype attrs `kinds` are not those of its CPU kernel
    (`registered`: {attr: dtype}; None: no kernel at all), else None."""
    def check(op):
        if registered is not None and all(op._attrs.get(k) == registered[k] for k in kinds):
            return None
        line = "; ".join(f"{k} in [DT_{registered[k].name.upper()}]" for k in kinds) \
            if registered is not None else None
        return no_kernel_error(op, kernels=[f"device='CPU'; {line}"] if line else ())
    return check


# -- pools ---------------------------------------------------------------------------------
def _pool_infer(pool_name):
    def infer(inputs, attrs):
        x = inputs[0]
        check_rank(x, 4)
        for t in inputs[1:]:
            check_rank(t, 0)
        ksize, strides = attrs["ksize"], attrs["strides"]
        if len(ksize) != 4:
            raise ValueError(f"{pool_name} requires the ksize attribute to contain 4 values, "
                             f"but got: {len(ksize)}")
        if len(strides) != 4:
            raise ValueError(f"{pool_name} requires the stride attribute to contain 4 values, "
                             f"but got: {len(strides)}")
        n, h, w, c = x.shape.as_tuple() if x.shape.ndims is not None else (None,) * 4
        oh = out_size(h, ksize[1], strides[1], 1, attrs["padding"])[0]
        ow = out_size(w, ksize[2], strides[2], 1, attrs["padding"])[0]
        if pool_name == "MaxPool":   # TF's MaxPoolShape windows the depth too (statically)
            c = out_size(c, ksize[3], strides[3], 1, attrs["padding"])[0]
        return [(x.dtype.base_dtype, TensorShape([n, oh, ow, c])),
                (_dt.float32, _SCALAR), (_dt.float32, _SCALAR)]
    return infer


def _check_pool_attrs(ksize, strides, depth, avg):
    """TF's kernel and PoolParameters checks, made when the kernel runs."""
    def unimplemented(msg):
        return errors.UnimplementedError(None, None, msg)
    if ksize[0] != 1 or strides[0] != 1:
        raise unimplemented("Pooling is not yet supported on the batch dimension.")
    if ksize[3] != 1 and (ksize[1] != 1 or ksize[2] != 1):
        raise unimplemented("MaxPooling supports exactly one of pooling across depth or "
                            "pooling across width/height.")
    if ksize[3] != 1:
        if depth % ksize[3]:
            raise unimplemented("Depthwise max pooling requires the depth window to evenly "
                                "divide the input depth")
        if strides[3] != ksize[3]:
            raise unimplemented("Depthwise max pooling requires the depth window to equal "
                                "the depth stride")
        if avg:
            raise unimplemented("Non-spatial pooling is not yet supported. Volunteers? :)")


def _first(v):
    return np.asarray(np.asarray(v, np.float32).reshape(-1)[0], np.float32)


def _pool_bind(reduce):
    def bind(node, ctx):
        attrs = node.attrs

        def run(x, mn, mx):
            raw = np.asarray(x).view(np.uint8)
            ksize = attrs["ksize"]
            _check_pool_attrs(ksize, attrs["strides"], raw.shape[3], reduce is _avg)
            if ksize[3] != 1:   # across depth: the spatial strides are ignored, as in TF
                out = raw.reshape(raw.shape[:3] + (-1, ksize[3])).max(axis=-1)
                return out.view(_dt.quint8.as_numpy_dtype), _first(mn), _first(mx)
            g = Geo(raw.shape, attrs["ksize"][1:3], attrs["strides"], (1, 1, 1, 1),
                    attrs["padding"], "NHWC")
            out = reduce(raw, g).astype(np.uint8).view(_dt.quint8.as_numpy_dtype)
            return out, _first(mn), _first(mx)
        return run
    return bind


def _max(raw, g):
    out = np.zeros((g.n, g.oh, g.ow, g.c), np.uint8)
    for _, oi, ii in g.taps():
        np.maximum(out[oi], raw[ii], out=out[oi])
    return out


def _avg(raw, g):
    total = np.zeros((g.n, g.oh, g.ow, g.c), np.int64)
    for _, oi, ii in g.taps():
        total[oi] += raw[ii]
    return total // _window_counts(g)[None, :, :, None]   # int32 division: all >= 0


for _type, _reduce in (("QuantizedMaxPool", _max), ("QuantizedAvgPool", _avg)):
    register_op(_type, infer=_pool_infer(_type[9:]), bind=_pool_bind(_reduce), grad=None,
                no_kernel=_no_kernel(("T",), {"T": _dt.quint8}))


# -- QuantizedConv2D (quantized_conv_ops.cc, quantization_utils.h) --------------------------
def _conv_infer(inputs, attrs):
    x, f = inputs[:2]
    check_rank(x, 4)
    check_rank(f, 4)
    for t in inputs[2:]:
        check_rank(t, 0)
    strides, dilations = attrs["strides"], attrs.get("dilations", [1, 1, 1, 1])
    for what, seq in (("stride", strides), ("dilation", dilations)):
        if len(seq) != 4:
            raise ValueError(f"Conv2D on data format NHWC requires the {what} attribute to "
                             f"contain 4 values, but got: {len(seq)}")
    xd = x.shape.as_tuple() if x.shape.ndims is not None else (None,) * 4
    fd = f.shape.as_tuple() if f.shape.ndims is not None else (None,) * 4
    if xd[3] is not None and fd[2] is not None and xd[3] != fd[2]:
        raise ValueError(f"Depth of input ({xd[3]}) is not a multiple of input depth of filter "
                         f"({fd[2]})")
    oh = out_size(xd[1], fd[0], strides[1], dilations[1], attrs["padding"])[0] \
        if fd[0] is not None else None
    ow = out_size(xd[2], fd[1], strides[2], dilations[2], attrs["padding"])[0] \
        if fd[1] is not None else None
    return [(attrs["out_type"], TensorShape([xd[0], oh, ow, fd[3]])),
            (_dt.float32, _SCALAR), (_dt.float32, _SCALAR)]


def _zero_level(mn, mx):
    """TF's FloatToQuantizedUnclamped<quint8>(0.0f, min, max): the level of 0.0."""
    span = float(np.float32(np.float32(mx) - np.float32(mn)))
    if span == 0.0:
        return 0
    scale = 256 / (span * (256 / 255.0))
    v = float(np.float32(mn)) * scale
    return -int(np.sign(v) * np.floor(abs(v) + 0.5))   # round(0 * scale) - round(min * scale)


def _level(mn, mx):
    """TF's FloatForOneQuantizedLevel<quint8> in float32."""
    return np.float32(np.float32(np.float32(mx) - np.float32(mn)) / np.float32(255))


def _check_conv_attrs(strides, dilations):
    def invalid(msg):
        return errors.InvalidArgumentError(None, None, msg)
    if strides[1] != strides[2]:
        raise invalid("Current implementation only supports equal length strides in the row "
                      "and column dimensions.")
    if strides[0] != 1 or strides[3] != 1:
        raise invalid("Current implementation does not yet support strides in the batch and "
                      "depth dimensions.")
    if dilations[1] != 1:
        raise invalid("Current implementation only supports dilated rate as 1 in the row and "
                      "column dimensions.")
    if dilations[0] != 1 or dilations[3] != 1:
        raise invalid("Current implementation does not yet support dilations in the batch and "
                      "depth dimensions.")


def _conv_bind(node, ctx):
    attrs = node.attrs

    def run(x, f, min_x, max_x, min_f, max_f):
        _check_conv_attrs(attrs["strides"], attrs.get("dilations", [1, 1, 1, 1]))
        min_x, max_x, min_f, max_f = (_first(v) for v in (min_x, max_x, min_f, max_f))
        xs = np.asarray(x).view(np.uint8).astype(np.int64) - _zero_level(min_x, max_x)
        fs = np.asarray(f).view(np.uint8).astype(np.int64) - _zero_level(min_f, max_f)
        g = Geo(xs.shape, fs.shape[:2], attrs["strides"], (1, 1, 1, 1), attrs["padding"],
                "NHWC")
        out = np.zeros((g.n, g.oh, g.ow, fs.shape[3]), np.int64)
        for t, oi, ii in g.taps():   # padding is the zero level: it adds nothing
            out[oi] += np.tensordot(xs[ii], fs[t // g.kw, t % g.kw], axes=([3], [0]))
        level = np.float32(_level(min_x, max_x) * _level(min_f, max_f))
        return (out.astype(np.int32).view(_dt.qint32.as_numpy_dtype),   # int32 accumulation
                np.asarray(level * np.float32(-2.0 ** 31), np.float32),
                np.asarray(level * np.float32(2.0 ** 31 - 1), np.float32))
    return run


register_op("QuantizedConv2D", infer=_conv_infer, bind=_conv_bind, grad=None,
            no_kernel=_no_kernel(("Tinput", "Tfilter", "out_type"),
                                 {"Tinput": _dt.quint8, "Tfilter": _dt.quint8,
                                  "out_type": _dt.qint32}))


# -- QuantizedReluX: no kernel in TF 1.14 -----------------------------------------------------
def _relu_x_infer(inputs, attrs):
    for t in inputs[1:]:
        check_rank(t, 0)
    return [(attrs["out_type"], inputs[0].shape), (_dt.float32, _SCALAR),
            (_dt.float32, _SCALAR)]


def _relu_x_bind(node, ctx):   # never reached: placement fails first (no_kernel)
    raise no_kernel_error(node.op)


register_op("QuantizedReluX", infer=_relu_x_infer, bind=_relu_x_bind, grad=None,
            no_kernel=_no_kernel(("Tinput", "out_type"), None))


# -- wrappers (TF 1.14's gen_nn_ops) ---------------------------------------------------------
QuantizedMaxPool = collections.namedtuple("QuantizedMaxPool",
                                          ["output", "min_output", "max_output"])
QuantizedAvgPool = collections.namedtuple("QuantizedAvgPool",
                                          ["output", "min_output", "max_output"])
QuantizedConv2D = collections.namedtuple("QuantizedConv2D",
                                         ["output", "min_output", "max_output"])
QuantizedReluX = collections.namedtuple("QuantizedReluX",
                                        ["activations", "min_activations", "max_activations"])


def _ints(op_type, value, arg):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_type}' Op, not {value!r}.")
    return [int(v) for v in value]


def _quantized(op_type, value, arg):
    t = to_tensor(value, name=arg)
    if t.dtype.base_dtype not in _QUANTIZED:
        raise TypeError(f"Value passed to parameter '{arg}' has DataType "
                        f"{t.dtype.base_dtype.name} not in list of allowed values: qint8, "
                        "quint8, qint32, qint16, quint16")
    return t


def _f32(value, arg):
    if hasattr(value, "dtype"):
        return to_tensor(value)
    return to_tensor(value, dtype=_dt.float32, name=arg)


def _pool(op_type, result, input, min_input, max_input, ksize, strides,  # noqa: A002
          padding, name):
    ksize = _ints(op_type, ksize, "ksize")
    strides = _ints(op_type, strides, "strides")
    check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    with name_scope(name or op_type) as scope:   # TF's op_def_library takes the name
        x = _quantized(op_type, input, "input")
        ts = [x, _f32(min_input, "min_input"), _f32(max_input, "max_input")]
        return result(*apply(op_type, ts, {"T": x.dtype.base_dtype, "ksize": ksize,
                                           "strides": strides, "padding": padding}, scope))


def quantized_max_pool(input, min_input, max_input, ksize, strides, padding,  # noqa: A002
                       name=None):
    """Max pooling of a quint8 tensor; (output, min_output, max_output) (QuantizedMaxPool)."""
    return _pool("QuantizedMaxPool", QuantizedMaxPool, input, min_input, max_input, ksize,
                 strides, padding, name)


def quantized_avg_pool(input, min_input, max_input, ksize, strides, padding,  # noqa: A002
                       name=None):
    """Average pooling of a quint8 tensor (integer division by the real elements of each
    window); (output, min_output, max_output) (QuantizedAvgPool)."""
    return _pool("QuantizedAvgPool", QuantizedAvgPool, input, min_input, max_input, ksize,
                 strides, padding, name)


def quantized_conv2d(input, filter, min_input, max_input, min_filter, max_filter,  # noqa: A002
                     strides, padding, out_type=_dt.qint32, dilations=(1, 1, 1, 1),
                     name=None):
    """2-D convolution of quint8 input and filter to qint32 (QuantizedConv2D): the sum of
    products of levels taken relative to the level of 0.0; (output, min_output,
    max_output)."""
    op = "QuantizedConv2D"
    strides = _ints(op, strides, "strides")
    check_choice(op, "padding", padding, ("SAME", "VALID"))
    out_type = _dt.qint32 if out_type is None else _dt.as_dtype(out_type)
    if out_type not in _QUANTIZED:
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} "
                        "not in list of allowed values: qint8, quint8, qint32, qint16, quint16")
    dilations = _ints(op, [1, 1, 1, 1] if dilations is None else dilations, "dilations")
    with name_scope(name or op) as scope:   # TF's op_def_library takes the name
        x = _quantized(op, input, "input")
        f = _quantized(op, filter, "filter")
        ts = [x, f] + [_f32(v, n) for v, n in ((min_input, "min_input"),
                                               (max_input, "max_input"),
                                               (min_filter, "min_filter"),
                                               (max_filter, "max_filter"))]
        return QuantizedConv2D(*apply(op, ts, {"Tinput": x.dtype.base_dtype,
                                               "Tfilter": f.dtype.base_dtype,
                                               "out_type": out_type, "strides": strides,
                                               "padding": padding, "dilations": dilations},
                                      scope))


def quantized_relu_x(features, max_value, min_features, max_features, out_type=_dt.quint8,
                     name=None):
    """The QuantizedReluX op, as TF 1.14 builds it (it has no kernel to run it)."""
    op = "QuantizedReluX"
    out_type = _dt.quint8 if out_type is None else _dt.as_dtype(out_type)
    if out_type not in _QUANTIZED:
        raise TypeError(f"Value passed to parameter 'out_type' has DataType {out_type.name} "
                        "not in list of allowed values: qint8, quint8, qint32, qint16, quint16")
    with name_scope(name or op) as scope:   # TF's op_def_library takes the name
        x = _quantized(op, features, "features")
        ts = [x, _f32(max_value, "max_value"), _f32(min_features, "min_features"),
              _f32(max_features, "max_features")]
        return QuantizedReluX(*apply(op, ts, {"Tinput": x.dtype.base_dtype,
                                              "out_type": out_type}, scope))
