"""BiasAdd and BiasAddGrad: a 1-D bias added along the channel axis, and its adjoint."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor, name_scope
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import eigen_sum as _eigen_sum
from ._base import NUMBERS, apply, check_choice, refuse_bytes_format, same_type_inputs, to_tensor
from ._nn_util import TensorLike
from .construction import ones_like
from .joining import concat, tile
from .construction import range as _range
from .reductions import reduce_sum
from .shape import rank, reshape, shape

_QUANTIZED = (_dt.qint8, _dt.quint8, _dt.qint32, _dt.qint16, _dt.quint16)


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
    fmt = op._get_attr("data_format")
    return [grad if wants_grad(0) else None,
            apply("BiasAddGrad", [grad], {"data_format": fmt}) if wants_grad(1) else None]


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
    """TF 1.14's BiasGradOp: NHWC g as [rows, C], each channel's values added one after
    the other from 0 (Eigen's generic reducer over the outer dim); NCHW g as [N, C, rest],
    each (n, c) row summed as Eigen reduces an inner dim (eigen_sum.row_sums), those added
    over n in order. float16 accumulates in float32."""
    ax = _channel_axis(g.ndim, data_format)
    if g.dtype.kind not in "fc":
        axes = tuple(i for i in range(g.ndim) if i != ax)
        return np.sum(g, axis=axes, dtype=g.dtype)
    c = g.shape[ax]
    acc = g.astype(np.float32) if g.dtype == np.float16 else g
    if acc.size == 0:
        return np.zeros(c, g.dtype)
    if data_format == "NCHW":
        n = g.shape[0]
        rows = _eigen_sum.row_sums(np.ascontiguousarray(acc).reshape(n * c, -1))
        rows = np.asarray(rows, acc.dtype).reshape(n, c)
    else:
        rows = acc.reshape(-1, c)
    if c > 1:   # NumPy adds row after row over the outer axis: each channel in order
        out = np.add.reduce(rows, axis=0)
    else:   # one channel: its values added in order too (NumPy's reduce of one column is
        # pairwise; cumsum adds one after the other)
        out = np.cumsum(rows[:, 0], dtype=rows.dtype)[-1:]
    return out.astype(g.dtype, copy=False)


def _bias_add_grad_grad(op, received_grad):
    """BiasAddGrad sums over non-channel axes: its adjoint broadcasts back, as TF 1.14's
    _BiasAddGradGrad builds it: the [C] gradient reshaped to [1, ..., C] ([1, C, 1, ...]
    for NCHW) and tiled by the input's other dimensions."""
    fmt = op._get_attr("data_format")
    shp = shape(op._inputs[0])
    bias_shape = shape(received_grad)
    if fmt == "NCHW":
        expanded_shape = concat([ones_like(shp[:1]), bias_shape, ones_like(shp[2:])], 0)
        tile_mults = concat([shp[:1], [1], shp[2:]], 0)
    else:
        expanded_shape = concat([ones_like(shp[:-1]), bias_shape], 0)
        tile_mults = concat([shp[:-1], [1]], 0)
    return [tile(reshape(received_grad, expanded_shape), tile_mults)]


register_op("BiasAddGrad", infer=_bias_add_grad_infer, kernel=_bias_add_grad_kernel,
            grad=_bias_add_grad_grad)


# -- BiasAddV1: TF's first BiasAdd (NHWC only), with its own gradient rule ----------------------
def _bias_add_v1_infer(inputs, attrs):
    x, b = inputs
    if x.shape.ndims is not None and x.shape.ndims < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {x.shape.ndims}")
    return _bias_add_infer(inputs, {"data_format": "NHWC"})


def _bias_add_v1_grad(op, grad):
    """TF 1.14's _BiasAddGradV1: d bias = reduce_sum(g, range(rank(g) - 1))."""
    return [grad, reduce_sum(grad, _range(rank(grad) - 1))]


register_op("BiasAddV1", infer=_bias_add_v1_infer, kernel=_bias_add_kernel,
            grad=_bias_add_v1_grad)


def bias_add(value: TensorLike, bias: TensorLike, data_format: str | None = None,
             name: str | None = None) -> Tensor:
    """Adds a 1-D bias to the channel axis of `value` (last for NHWC, 1 for NCHW).

    >>> with tf.Session() as sess:
    ...     print(sess.run(tf.nn.bias_add(tf.zeros([2, 3]), [1.0, 2.0, 3.0])))
    [[1. 2. 3.]
     [1. 2. 3.]]
    """
    refuse_bytes_format(data_format)
    fmt = check_choice("BiasAdd", "data_format", data_format or "NHWC", ("NHWC", "NCHW"))
    with name_scope(name, "BiasAdd", [t for t in (value, bias) if hasattr(t, "op")]) as scope:
        # TF's nn_ops.bias_add converts bias to value's dtype (a bias tensor of another
        # dtype: ValueError); its op wrapper checks the types, numbers and quantized ones,
        # before the shapes
        value = to_tensor(value, name="input")
        bias = to_tensor(bias, dtype=value.dtype.base_dtype, name="bias")
        x, b = same_type_inputs("BiasAdd", [value, bias], ["value", "bias"],
                                allowed=NUMBERS + _QUANTIZED)
        return apply("BiasAdd", [x, b], {"data_format": fmt}, scope)
