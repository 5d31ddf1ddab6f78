"""Convolution ops: Conv2D, DepthwiseConv2dNative and Conv3D, with TF's backprop ops
(Conv2DBackpropInput/Filter, DepthwiseConv2dNativeBackpropInput/Filter,
Conv3DBackpropInputV2/FilterV2), each with a gradient of its own, so
second-order gradients work. Conv2D's three kernels are im2col plus one GEMM over the
batch; the others work on window views (see _windows.py).

Composites (conv1d, conv2d_transpose, separable and atrous convolutions,
tf.nn.convolution) are in the TensorFlow surface (flowgrad.ops.conv_ops).
"""
from __future__ import annotations

import itertools
from typing import Sequence

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors, threads
from ..framework.constant_op import const_value, constant, convert_to_tensor
from ..framework.grad_state import wants_grad
from ..framework.graph import Tensor, name_scope
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import refined_ints, shape_value
from . import eigen_bmm as _eigen_bmm
from . import eigen_half_mm as _eigen_half_mm
from . import eigen_gebp as _eigen_gebp
from . import fused_matmul as _fused_matmul
from .eigen_bmm import _gemv_cols
from .eigen_sum import cpu_threads
from .host_cpu import eigen_caches
from ._base import FLOATS, apply, refuse_bytes_format, same_type_inputs
from ._nn_util import IntOrInts, TensorLike, shape_of
from ._windows import (
    FMT3,
    attrs3,
    check_choice,
    check_depthwise_out_shape,
    check_out_shape,
    check_rank,
    check_strides_kernel,
    from_last,
    from_last_dims,
    from_nhwc,
    from_nhwc_dims,
    Geo,
    geometry,
    GeoN,
    get_sequence,
    ndims_last,
    nhwc_dims,
    out_size,
    pad_nhwc,
    sizes_infer,
    sizes_tensor,
    spatial,
    to_last,
    to_nhwc,
    wide,
)

# =========================================================================================
# Conv2D
# =========================================================================================
def _conv_attrs(node_attrs):
    return (node_attrs["strides"], node_attrs["padding"], node_attrs["data_format"],
            node_attrs.get("dilations", [1, 1, 1, 1]), node_attrs.get("explicit_paddings", []))


def _conv2d_infer(inputs, attrs):
    x, f = inputs
    check_rank(x, 4)
    check_rank(f, 4)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'Conv2D' Op has type {f.dtype.base_dtype.name} that "
                        f"does not match type {x.dtype.base_dtype.name} of argument 'input'.")
    strides, padding, fmt, dil, explicit = _conv_attrs(attrs)
    check_explicit_paddings(padding, explicit, fmt)
    xd = nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
    fd = f.shape.as_tuple() or (None,) * 4
    if xd[3] is not None and fd[2] is not None and xd[3] != fd[2]:
        # TF 1.14's shape function allows grouped convolutions (its kernel does not)
        if fd[2] == 0 or xd[3] % fd[2]:
            raise ValueError(f"Depth of input ({xd[3]}) is not a multiple of input depth of "
                             f"filter ({fd[2]})")
        groups = xd[3] // fd[2]
        if fd[3] is not None and fd[3] % groups:
            raise ValueError(f"Depth of output ({fd[3]}) is not a multiple of the number of "
                             f"groups ({groups})")
    out_hw = [None, None]
    if fd[0] is not None and fd[1] is not None:
        geo = geometry(xd[1:3], fd[:2], strides, dil, padding, fmt, explicit)
        out_hw = [g[0] for g in geo]
    return [(x.dtype.base_dtype, TensorShape(from_nhwc_dims(xd[0], out_hw[0], out_hw[1], fd[3],
                                                            fmt)))]


def _as_matmul(g, x_shape, strides, dilations, padding, data_format):
    """Does TF 1.14's CPU Conv2D (LaunchConv2DOp) run these patches as a MatMul: a 1x1
    filter of stride 1, or a VALID filter the input's size (no dilation)?"""
    sh, sw = (strides[1], strides[2]) if data_format == "NHWC" else (strides[2], strides[3])
    dh, dw = (dilations[1], dilations[2]) if data_format == "NHWC" else \
        (dilations[2], dilations[3])
    if g.kh == 1 and g.kw == 1 and sh == 1 and sw == 1:
        return True
    return (g.kh, g.kw) == tuple(x_shape[1:3]) and dh == 1 and dw == 1 and padding == "VALID"


def _conv2d_kernel(x, f, strides, padding, data_format, dilations=(1, 1, 1, 1),
                   explicit_paddings=(), **_):
    check_strides_kernel(strides, data_format, dilations)
    dt = x.dtype
    x, f = wide(to_nhwc(x, data_format), f)
    in_depth, patch_depth = x.shape[3], f.shape[2]
    if in_depth != patch_depth:      # TF's kernel checks (conv_ops.cc)
        if patch_depth == 0 or in_depth % patch_depth:
            raise errors.InvalidArgumentError(
                None, None, f"input depth must be evenly divisible by filter depth: "
                f"{in_depth} vs {patch_depth}")
        raise errors.UnimplementedError(
            None, None, "Generic conv implementation does not support grouped convolutions "
            "for now.")
    g = Geo(x.shape, f.shape[:2], strides, dilations, padding, data_format, explicit_paddings)
    o = f.shape[3]
    cols, fm = g.im2col(x), f.reshape(g.kh * g.kw * g.c, o)
    if dt == np.float16 and cols.shape[1] and \
            _as_matmul(g, x.shape, strides, dilations, padding, data_format):
        # TF's MatMulConvFunctor: Eigen's half contraction, in half (eigen_half_mm); the
        # widened columns are exact halves
        out = _eigen_half_mm.matmul(cols.astype(dt), fm.astype(dt), pool=cpu_threads())
    elif cols.dtype == np.float32 and cols.shape[0] == 1 and cols.shape[1]:
        # one output pixel: the contraction's one column goes to Eigen's matrix-vector
        # product, as a one-row MatMul's (fused_matmul.gemv)
        out = _fused_matmul.gemv(fm, cols[0], o).reshape(1, o)
    elif cols.dtype == np.float32 and cols.shape[0] > 1 and cols.shape[1]:
        # the contraction's order of additions and depth slices (fused_matmul.product, one
        # output channel included). TF 1.14 runs a 1x1 filter of stride 1 and a VALID
        # filter the input's size as a MatMul; every other one through SpatialConvolution,
        # whose image-patch input costs more in Eigen's cost model: other threads and depth
        # shards (patch_product; 81 of 81 convolutions and filter gradients to TF's bits)
        if _as_matmul(g, x.shape, strides, dilations, padding, data_format):
            out = _fused_matmul.product(cols, fm, cpu_threads())
        else:
            out = _fused_matmul.patch_product(cols, fm, cpu_threads())
    elif cols.dtype == np.float64 and cols.shape[0] > 1 and cols.shape[1] and o:
        # Eigen's double GEBP kernel (eigen_gebp.product64), its threads and depth shards
        # decided on the image-patch input's cost as float32's
        cost = 0.0 if _as_matmul(g, x.shape, strides, dilations, padding, data_format) \
            else _eigen_gebp.PATCH_COST64
        out = _eigen_gebp.product64(cols, fm, cpu_threads(), rhs_cost=cost)
    elif cols.dtype == np.float64 and cols.shape[0] == 1 and cols.shape[1]:
        out = _fused_matmul.gemv(fm, cols[0], o).reshape(1, o)   # one output pixel
    else:
        out = threads.matmul(cols, fm)   # the whole batch
    return from_nhwc(out.reshape(g.n, g.oh, g.ow, o).astype(dt, copy=False), data_format)


def convert_padding(padding):
    """TF's _convert_padding: (padding, explicit_paddings) of a padding string or a list of
    four [before, after] pairs ("EXPLICIT"), with TF's messages for a malformed list. The
    string is checked later, as an attr of the op."""
    if isinstance(padding, str) and padding == "EXPLICIT":
        raise ValueError('"EXPLICIT" is not a valid value for the padding parameter. To use '
                         'explicit padding, the padding parameter must be a list.')
    if not isinstance(padding, (list, tuple)):
        return padding, []
    explicit = []
    for i, pair in enumerate(padding):
        if not isinstance(pair, (list, tuple)):
            raise ValueError(f"When padding is a list, each element of padding must be a "
                             f"list/tuple of size 2. Element with index {i} of padding is not "
                             f"a list/tuple")
        if len(pair) != 2:
            raise ValueError(f"When padding is a list, each element of padding must be a "
                             f"list/tuple of size 2. Element with index {i} of padding has "
                             f"size {len(pair)}")
        explicit.extend(int(v) for v in pair)
    if len(padding) != 4:
        raise ValueError(f"When padding is a list, it must be of size 4. Got padding of size: "
                         f"{len(padding)}")
    return "EXPLICIT", explicit


def check_explicit_paddings(padding, explicit, data_format):
    """TF's CheckValidPadding (a shape function's): explicit paddings are nonnegative and
    zero on the batch and depth dimensions."""
    if padding != "EXPLICIT":
        return
    if any(v < 0 for v in explicit):
        raise ValueError("All elements of explicit_paddings must be nonnegative")
    pairs = [explicit[2 * i:2 * i + 2] for i in range(4)]
    n, _, _, c = nhwc_dims(pairs, data_format)
    if n != [0, 0] or c != [0, 0]:
        raise ValueError("Nonzero explicit padding in the batch or depth dimensions is not "
                         "supported")


def padding_attrs(op_type, padding, data_format):
    """Validates padding (a string or explicit [[b, a]] * 4 pairs); returns (padding, explicit)."""
    if isinstance(padding, (list, tuple)):
        pairs = [list(p) for p in padding]
        if len(pairs) != 4 or any(len(p) != 2 for p in pairs):
            raise ValueError(f"When padding is a list, it must be of length 4 of pairs, got "
                             f"{padding}")
        n, _, _, c = nhwc_dims(pairs, data_format)
        if n != [0, 0] or c != [0, 0]:
            raise ValueError("The padding of the batch and depth dimensions must be 0, got "
                             f"{padding}")
        return "EXPLICIT", [int(v) for p in pairs for v in p]
    check_choice(op_type, "padding", padding, ("SAME", "VALID", "EXPLICIT"))
    if padding == "EXPLICIT":
        raise ValueError("padding='EXPLICIT' needs the paddings as a list of pairs")
    return padding, []


def conv2d(input: TensorLike, filter: TensorLike | None = None, strides: IntOrInts = None,
           padding: str | Sequence[Sequence[int]] = None, use_cudnn_on_gpu: bool = True,
           data_format: str = "NHWC", dilations: IntOrInts = (1, 1, 1, 1),
           name: str | None = None, filters: TensorLike | None = None) -> Tensor:
    """2-D convolution (cross-correlation, as TF) of a 4-D input with a
    [kh, kw, in_channels, out_channels] filter (Conv2D).

    `strides` and `dilations` take 1, 2 or 4 ints (batch and channel entries 1);
    `padding` is "SAME", "VALID" or explicit [[0, 0], [top, bottom], [left, right], [0, 0]].

    >>> y = tf.nn.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, "VALID")
    >>> with tf.Session() as sess:
    ...     print(sess.run(y)[0, :, :, 0])
    [[4. 4.]
     [4. 4.]]
    """
    if filters is not None:
        if filter is not None:
            raise ValueError("Cannot specify both 'filter' and 'filters'")
        filter = filters
    padding, explicit = convert_padding(padding)
    data_format = "NHWC" if data_format is None else data_format
    refuse_bytes_format(data_format)
    cidx = 1 if str(data_format).startswith("NC") else 3
    strides = get_sequence(strides, 2, cidx, "strides")
    dilations = get_sequence(dilations, 2, cidx, "dilations")
    attrs = {"strides": strides, "padding": padding, "explicit_paddings": explicit,
             "data_format": data_format, "dilations": dilations, "use_cudnn_on_gpu": True}
    # TF's op wrapper converts the inputs inside the op's scope (Conv2D/ReadVariableOp),
    # then checks their dtypes and the attrs: a call failing there uses up the name
    with name_scope(name, "Conv2D", [input, filter]) as scope:
        x, f = same_type_inputs("Conv2D", [input, filter], ["input", "filter"],
                                allowed=FLOATS)
        check_choice("Conv2D", "padding", padding, ("SAME", "VALID", "EXPLICIT"))
        check_choice("Conv2D", "data_format", data_format, ("NHWC", "NCHW"))
        return apply("Conv2D", [x, f], attrs, scope)


# -- Conv2DBackpropInput ----------------------------------------------------------------
def _backprop_infer(op_type, sizes_at):
    """The shape rule of a BackpropInput (sizes_at=0: sizes, filter, out_backprop) or
    BackpropFilter op (sizes_at=1: input, sizes, out_backprop): the shape `sizes` holds."""
    other_name, sizes_name = ("filter", "input_sizes") if sizes_at == 0 else \
        ("input", "filter_sizes")

    def infer(inputs, attrs):
        sizes, other, dy = inputs[sizes_at], inputs[1 - sizes_at], inputs[2]
        check_rank(other, 4)
        check_rank(dy, 4)
        if other.dtype.base_dtype is not dy.dtype.base_dtype:
            raise TypeError(f"Input 'out_backprop' of '{op_type}' Op has type "
                            f"{dy.dtype.base_dtype.name} that does not match type "
                            f"{other.dtype.base_dtype.name} of argument '{other_name}'.")
        if sizes.shape.ndims not in (None, 1):
            raise ValueError(f"Shape must be rank 1 but is rank {sizes.shape.ndims}")
        n = sizes.shape.as_tuple()[0] if sizes.shape.ndims == 1 else None
        if n is not None and n != 4:   # TF reads the sizes as a 4-D shape
            raise ValueError(f"Shape must be rank 4 but is rank {n}")
        sv = shape_value(sizes)   # TF's MakeShapeFromShapeTensor (known shapes, slices, packs)
        if sv is not None and len(sv) != 4:
            raise ValueError(f"Shape must be rank 4 but is rank {len(sv)}")
        sv = None if sv is None else [None if d is None or d < 0 else int(d) for d in sv]
        return [(other.dtype.base_dtype, TensorShape(sv if sv is not None else [None] * 4))]
    return infer


def _check_cpu_backprop_dilations(dilations):
    """TF 1.14's CPU Conv2DBackpropInput / Conv2DBackpropFilter kernels (Conv2DCustomBackprop*
    constructors) refuse a dilation in attr positions 1 or 2 (whatever the data format),
    after the batch and depth checks: tf.nn.conv1d / conv2d with dilations runs forward
    but its gradient fails at run time."""
    if int(dilations[1]) != 1 or int(dilations[2]) != 1:
        raise errors.InvalidArgumentError(
            None, None, "Current libxsmm and customized CPU implementations do not yet "
            "support dilation rates larger than 1.")


def _conv2d_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                  dilations=(1, 1, 1, 1), explicit_paddings=(),
                                  intra_threads=None, **_):
    check_strides_kernel(strides, data_format, dilations)
    _check_cpu_backprop_dilations(dilations)
    n, h, w, c = nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dt = dy.dtype
    dy = to_nhwc(dy, data_format)
    if dt != np.float16:
        dy, f = wide(dy, f)
    label = "Conv2DCustomBackpropInput"   # TF's ConvBackpropComputeDimensions checks
    if c != f.shape[2] and (f.shape[2] == 0 or c % f.shape[2]):
        raise errors.InvalidArgumentError(
            None, None, f"{label}: input depth must be evenly divisible by filter depth")
    if f.shape[3] != dy.shape[3]:
        raise errors.InvalidArgumentError(
            None, None, f"{label}: filter and out_backprop must have the same out_depth")
    g = Geo((n, h, w, c), f.shape[:2], strides, dilations, padding, data_format,
            explicit_paddings)
    check_out_shape(g, dy, label, data_format)
    o = f.shape[3]
    rows = g.n * g.oh * g.ow
    if dt == np.float16 and g.oh * g.ow * (g.kh * g.kw * c + o) * g.n <= _HALF_WORKING_SET:
        # TF's Conv2DCustomBackpropInputOp in half: the columns out_backprop @ filter^T in
        # one Eigen contraction (eigen_half_mm), then Col2im adds them up in half
        cols = _eigen_half_mm.matmul(dy.reshape(rows, o), f.reshape(-1, o), transpose_b=True,
                                     pool=intra_threads or cpu_threads())
        return from_nhwc(g.col2im_half(cols), data_format)
    dy, f = wide(dy, f)
    # col2im of (N*OH*OW, O) @ (O, KH*KW*C); one column (1x1, C 1) as TF's contraction
    product = (lambda a, b: _fused_matmul.product(a, b, intra_threads or cpu_threads())) \
        if dy.dtype == np.float32 and rows > 1 else None
    if dy.dtype == np.float64 and rows > 1:
        if (g.kh, g.kw) == (h, w) and padding == "VALID":
            # a filter the input's size: one contraction over the batch (Eigen's double
            # GEBP, eigen_gebp.product64)
            product = lambda a, b: _eigen_gebp.product64(   # noqa: E731
                a, b, intra_threads or cpu_threads())
        else:
            # each image's columns are an Eigen matrix product (C = A * B^T on row-major
            # maps): BatchMatMul's sequential kernel (eigen_bmm: the lazy product, gemv,
            # or the double GEBP on one thread)
            product = lambda a, b: _eigen_bmm.batch_matmul(   # noqa: E731
                a.reshape(g.n, -1, a.shape[1]), b[None], False, True).reshape(
                    a.shape[0], -1)
    if dy.dtype in (np.float32, np.float64) and rows == 1 and o:
        # one output pixel: Eigen's matrix-vector product over the filter read transposed
        # (fused_matmul.gemv)
        product = lambda a, b: _fused_matmul.gemv(b, a[0], 1).reshape(1, -1)   # noqa: E731
    if product is not None and dy.dtype == np.float32 and g.n > 1 and o:
        if _parallel_backprop_input(g, c, o, intra_threads or cpu_threads()):
            # TF's use_parallel_contraction: each image's columns are a contraction of
            # their own on the intra-op pool, as a batch of one computes them
            per = g.oh * g.ow
            if per == 1:   # a matrix-vector product per image
                product = lambda a, b: _fused_matmul.gemv_rows(b, a, 1)   # noqa: E731
            else:
                product = lambda a, b: np.concatenate([   # noqa: E731
                    _fused_matmul.product(a[i * per:(i + 1) * per], b,
                                          intra_threads or cpu_threads())
                    for i in range(g.n)])
        else:
            # else TF shards the images over its threads, each image's columns one call
            # of MKL-DNN's sgemm on one thread (Conv2DCustomBackpropInputMatMulFunctor):
            # its depth blocks only; the images' rows go in one call
            product = _fused_matmul.sgemm
    dx = g.col2im_gemm(dy.reshape(rows, o), f.reshape(g.kh * g.kw * c, o).T, dy.dtype,
                       product)
    return from_nhwc(dx.astype(dt, copy=False), data_format)


def _parallel_backprop_input(g, c, o, threads):
    """TF 1.14's Conv2DCustomBackpropInputOp use_parallel_contraction (batch > 1): the work
    unit of one image (out_backprop, filter and columns, in values) per worker thread is at
    least its fixed L2 size, 256 KiB of floats; then each image is contracted in turn on
    the pool, else the images are sharded over the threads."""
    per, total = g.oh * g.ow, g.kh * g.kw * c
    return (per * o + total * o + per * total) // threads >= (256 << 10) // 4


# -- Conv2DBackpropFilter ---------------------------------------------------------------
def _conv2d_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                   dilations=(1, 1, 1, 1), explicit_paddings=(),
                                   intra_threads=None, **_):
    check_strides_kernel(strides, data_format, dilations)
    _check_cpu_backprop_dilations(dilations)
    dt = x.dtype
    half = dt == np.float16
    x, dy = to_nhwc(x, data_format), to_nhwc(dy, data_format)
    if not half:
        x, dy = wide(x, dy)
    kh, kw = int(sizes[0]), int(sizes[1])
    g = Geo(x.shape, (kh, kw), strides, dilations, padding, data_format, explicit_paddings)
    check_out_shape(g, dy, "Conv2DCustomBackpropFilter", data_format)
    o = dy.shape[3]
    rows = g.n * g.oh * g.ow
    depth = kh * kw * g.c
    pool = intra_threads or cpu_threads()
    if (half or dt in (np.float32, np.float64)) and rows and o and depth:
        # TF 1.14's Conv2DCustomBackpropFilterOp: shards of images (30 MiB per shard's
        # im2col, out_backprop and result), each one contraction (KH*KW*C, positions) @
        # (positions, O), added shard after shard: in float32 in TF's order of additions
        # and depth slices (_filter_contraction), in half by Eigen's half contraction
        # (eigen_half_mm) and half additions
        positions = g.oh * g.ow
        work = positions * depth + positions * o + depth * o
        shard = -(-((30 << 20) // dt.itemsize) // work)
        out = None
        for i in range(0, g.n, shard):
            xs = x[i:i + shard]
            gs = g if len(xs) == g.n else Geo(xs.shape, (kh, kw), strides, dilations, padding,
                                              data_format, explicit_paddings)
            cols, d2 = gs.im2col(xs), dy[i:i + shard].reshape(-1, o)
            part = _eigen_half_mm.matmul(cols, d2, transpose_a=True, pool=pool) if half \
                else _filter_contraction(cols, d2, pool)
            out = part if out is None else out + part
        return out.reshape(kh, kw, g.c, o)
    x, dy = wide(x, dy)
    # one GEMM: (KH*KW*C, N*OH*OW) @ (N*OH*OW, O)
    out = threads.matmul(g.im2col(x).T, dy.reshape(rows, o))
    return out.reshape(kh, kw, g.c, o).astype(dt, copy=False)


def _filter_contraction(cols, d2, pool):
    """A custom filter-gradient kernel's contraction of its im2col columns cols
    [positions, depth] with out_backprop d2 [positions, O] over the positions (float32).
    Eigen sees the result's transpose; a depth of one is its one column: Eigen's gemv
    over out_backprop (fused_matmul.gemv), else fused_matmul.product of cols^T and d2."""
    if cols.shape[1] == 1:
        return _fused_matmul.gemv(d2, cols[:, 0], d2.shape[1]).reshape(1, -1)
    if cols.dtype == np.float64:   # Eigen's double GEBP
        return _eigen_gebp.product64(cols.T, d2, pool)
    return _fused_matmul.product(cols.T, d2, pool)


_HALF_WORKING_SET = (30 << 20) // 2   # TF's target working set, in halves


def conv2d_backprop_input(input_sizes: TensorLike, filter: TensorLike | None = None,
                          out_backprop: TensorLike | None = None, strides: IntOrInts = None,
                          padding: str | Sequence[Sequence[int]] = None,
                          use_cudnn_on_gpu: bool = True, data_format: str = "NHWC",
                          dilations: IntOrInts = (1, 1, 1, 1), name: str | None = None,
                          filters: TensorLike | None = None) -> Tensor:
    """The gradient of conv2d with respect to its input, of shape `input_sizes`
    (Conv2DBackpropInput)."""
    filter = filters if filter is None else filter
    check_choice("Conv2DBackpropInput", "data_format", data_format, ("NHWC", "NCHW"))
    padding, explicit = padding_attrs("Conv2DBackpropInput", padding, data_format)
    cidx = 1 if data_format == "NCHW" else 3
    with name_scope(name, "Conv2DBackpropInput", []) as scope:   # TF's op wrapper scope
        sizes = sizes_tensor(input_sizes, "Conv2DBackpropInput", "input_sizes")
        f, dy = same_type_inputs("Conv2DBackpropInput", [filter, out_backprop],
                                 ["filter", "out_backprop"], allowed=FLOATS)
        return apply("Conv2DBackpropInput", [sizes, f, dy],
                     {"strides": get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                      "explicit_paddings": explicit, "data_format": data_format,
                      "dilations": get_sequence(dilations, 2, cidx, "dilations")}, scope)


def conv2d_backprop_filter(input: TensorLike, filter_sizes: TensorLike,
                           out_backprop: TensorLike, strides: IntOrInts,
                           padding: str | Sequence[Sequence[int]],
                           use_cudnn_on_gpu: bool = True, data_format: str = "NHWC",
                           dilations: IntOrInts = (1, 1, 1, 1),
                           name: str | None = None) -> Tensor:
    """The gradient of conv2d with respect to its filter, of shape `filter_sizes`
    (Conv2DBackpropFilter)."""
    check_choice("Conv2DBackpropFilter", "data_format", data_format, ("NHWC", "NCHW"))
    padding, explicit = padding_attrs("Conv2DBackpropFilter", padding, data_format)
    cidx = 1 if data_format == "NCHW" else 3
    with name_scope(name, "Conv2DBackpropFilter", []) as scope:
        x, dy = same_type_inputs("Conv2DBackpropFilter", [input, out_backprop],
                                 ["input", "out_backprop"], allowed=FLOATS)
        sizes = sizes_tensor(filter_sizes, "Conv2DBackpropFilter", "filter_sizes")
        return apply("Conv2DBackpropFilter", [x, sizes, dy],
                     {"strides": get_sequence(strides, 2, cidx, "strides"), "padding": padding,
                      "explicit_paddings": explicit, "data_format": data_format,
                      "dilations": get_sequence(dilations, 2, cidx, "dilations")}, scope)


# =========================================================================================
# Depthwise convolution
# =========================================================================================
def _depthwise_infer(inputs, attrs):
    x, f = inputs
    check_rank(x, 4)
    check_rank(f, 4)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'DepthwiseConv2dNative' Op has type "
                        f"{f.dtype.base_dtype.name} that does not match type "
                        f"{x.dtype.base_dtype.name} of argument 'input'.")
    strides, padding, fmt, dil, _ = _conv_attrs(attrs)
    xd = nhwc_dims(x.shape.as_tuple(), fmt) or (None,) * 4
    fd = f.shape.as_tuple() or (None,) * 4
    if xd[3] is not None and fd[2] is not None and xd[3] != fd[2]:
        raise ValueError(f"Dimensions must be equal, but are {xd[3]} and {fd[2]}")
    out_hw = [None, None]
    if fd[0] is not None and fd[1] is not None:
        out_hw = [g[0] for g in geometry(xd[1:3], fd[:2], strides, dil, padding, fmt)]
    c = xd[3] if xd[3] is not None else fd[2]
    oc = c * fd[3] if c is not None and fd[3] is not None else None
    return [(x.dtype.base_dtype, TensorShape(from_nhwc_dims(xd[0], out_hw[0], out_hw[1], oc,
                                                            fmt)))]


# TF 1.14's CPU kernels (depthwise_conv_op.cc, depthwise_conv_grad_op.cc) add in float32
# (float64) one product at a time, in an order the kernels below keep for those dtypes
# (float16 is contracted in float32 as before):
# - the output: a sum from 0 over the filter taps in row-major order;
# - the input's gradient: per depth-multiplier index, a sum over the taps (row-major) of
#   the outputs reading the pixel; these sums added in depth-multiplier order;
# - the filter's gradient: per image, a sum from 0 over the output pixels in row-major
#   order; the images' sums added in batch order.
_ORDERED = (np.float32, np.float64)
_CHUNK = 1 << 22      # products held at once by the filter's gradient


def _depthwise_kernel(x, f, strides, padding, data_format, dilations=(1, 1, 1, 1), **_):
    check_strides_kernel(strides, data_format, dilations)
    dt = x.dtype
    x = to_nhwc(x, data_format)
    if dt != np.float16:
        x, f = wide(x, f)
    g = Geo(x.shape, f.shape[:2], strides, dilations, padding, data_format)
    cols = g.windows(pad_nhwc(x, g.geo))
    if dt in _ORDERED or dt == np.float16:
        # TF's DepthwiseConv2DKernel: each output adds its taps' products in filter order,
        # in the input's type (half: product and sum each rounded, Eigen::half's scalars)
        out = np.zeros((g.n, g.oh, g.ow) + f.shape[2:], dt)
        for i in range(g.kh):
            for j in range(g.kw):
                out += cols[:, :, :, i, j, :, None] * f[i, j]
    else:
        out = np.einsum("nhwijc,ijcm->nhwcm", cols, f, optimize=True)
    out = out.reshape(g.n, g.oh, g.ow, f.shape[2] * f.shape[3]).astype(dt, copy=False)
    return from_nhwc(out, data_format)


def _depthwise_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                     dilations=(1, 1, 1, 1), **_):
    n, h, w, c = nhwc_dims(tuple(int(s) for s in sizes), data_format)
    dt = dy.dtype
    dy = to_nhwc(dy, data_format)
    if dt != np.float16:
        dy, f = wide(dy, f)
    g = Geo((n, h, w, c), f.shape[:2], strides, dilations, padding, data_format)
    check_depthwise_out_shape(g, dy, "DepthwiseConv2DBackpropInput")
    dy5 = dy.reshape(n, g.oh, g.ow, c, f.shape[3])
    if dt in _ORDERED or dt == np.float16:   # (half: each product and sum rounded)
        dx = None
        for d in range(f.shape[3]):     # taps in order within each index (_scatter_taps)
            part = g.scatter(dy5[:, :, :, None, None, :, d] * f[:, :, :, d], dt)
            dx = part if dx is None else dx + part
        if dx is None:
            dx = np.zeros((n, h, w, c), dt)
    else:
        cols = np.einsum("nhwcm,ijcm->nhwijc", dy5, f, optimize=True)
        dx = g.scatter(cols, dy.dtype).astype(dt, copy=False)
    return from_nhwc(np.ascontiguousarray(dx), data_format)


def _depthwise_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                      dilations=(1, 1, 1, 1), **_):
    dt = x.dtype
    x, dy = to_nhwc(x, data_format), to_nhwc(dy, data_format)
    if dt != np.float16:
        x, dy = wide(x, dy)
    kh, kw, c, m = (int(s) for s in sizes)
    g = Geo(x.shape, (kh, kw), strides, dilations, padding, data_format)
    check_depthwise_out_shape(g, dy, "DepthwiseConv2DBackpropFilter")
    cols = g.windows(pad_nhwc(x, g.geo))
    dy5 = dy.reshape(g.n, g.oh, g.ow, c, m)
    if dt not in _ORDERED and dt != np.float16:
        out = np.einsum("nhwijc,nhwcm->ijcm", cols, dy5, optimize=True)
        return out.astype(dt, copy=False)
    rows = max(1, _CHUNK // max(1, g.ow * kh * kw * c * m))   # output rows at a time
    out = np.zeros((kh, kw, c, m), dt)
    for b in range(g.n):
        part = np.zeros((1, kh, kw, c, m), dt)      # the kernel's zeroed buffer
        for r in range(0, g.oh, rows):
            prods = cols[b, r:r + rows, :, :, :, :, None] * dy5[b, r:r + rows, :, None, None]
            prods = prods.reshape((prods.shape[0] * g.ow, kh, kw, c, m))
            # np.add.reduce over the leading axis adds row by row, in order (but a single
            # column pairwise: one filter value is summed by cumsum, in order); in half
            # each product and sum rounded, as Eigen::half's scalars
            stacked = np.concatenate([part, prods])
            part = np.cumsum(stacked, axis=0)[-1:] if part.size == 1 else \
                np.add.reduce(stacked, axis=0, keepdims=True)
        out = part[0] if b == 0 else out + part[0]
    return out.astype(dt, copy=False)


def depthwise_attrs(strides, padding, data_format, dilations):
    data_format = data_format or "NHWC"
    check_choice("DepthwiseConv2dNative", "data_format", data_format, ("NHWC", "NCHW"))
    check_choice("DepthwiseConv2dNative", "padding", padding, ("SAME", "VALID"))
    cidx = 1 if data_format == "NCHW" else 3
    return {"strides": get_sequence(strides, 2, cidx, "strides"), "padding": padding,
            "data_format": data_format, "dilations": get_sequence(dilations, 2, cidx,
                                                                  "dilations")}


def depthwise_conv2d_native(input: TensorLike, filter: TensorLike, strides: IntOrInts,
                            padding: str, data_format: str = "NHWC",
                            dilations: IntOrInts = (1, 1, 1, 1),
                            name: str | None = None) -> Tensor:
    """Depthwise 2-D convolution: input channel c convolved with its own M filters
    filter[:, :, c, :] gives output channels c*M .. c*M + M-1 (DepthwiseConv2dNative)."""
    attrs = depthwise_attrs(strides, padding, data_format, dilations)
    x, f = same_type_inputs("DepthwiseConv2dNative", [input, filter], ["input", "filter"],
                            allowed=FLOATS)
    return apply("DepthwiseConv2dNative", [x, f], attrs, name or "DepthwiseConv2dNative")


def depthwise_conv2d_native_backprop_input(input_sizes: TensorLike, filter: TensorLike,
                                           out_backprop: TensorLike, strides: IntOrInts,
                                           padding: str, data_format: str = "NHWC",
                                           dilations: IntOrInts = (1, 1, 1, 1),
                                           name: str | None = None) -> Tensor:
    """The gradient of depthwise_conv2d_native with respect to its input."""
    attrs = depthwise_attrs(strides, padding, data_format, dilations)
    with name_scope(name, "DepthwiseConv2dNativeBackpropInput", []) as scope:
        sizes = sizes_tensor(input_sizes, "DepthwiseConv2dNativeBackpropInput", "input_sizes")
        f, dy = same_type_inputs("DepthwiseConv2dNativeBackpropInput", [filter, out_backprop],
                                 ["filter", "out_backprop"], allowed=FLOATS)
        return apply("DepthwiseConv2dNativeBackpropInput", [sizes, f, dy], attrs, scope)


def depthwise_conv2d_native_backprop_filter(input: TensorLike, filter_sizes: TensorLike,
                                            out_backprop: TensorLike, strides: IntOrInts,
                                            padding: str, data_format: str = "NHWC",
                                            dilations: IntOrInts = (1, 1, 1, 1),
                                            name: str | None = None) -> Tensor:
    """The gradient of depthwise_conv2d_native with respect to its filter."""
    attrs = depthwise_attrs(strides, padding, data_format, dilations)
    with name_scope(name, "DepthwiseConv2dNativeBackpropFilter", []) as scope:
        x, dy = same_type_inputs("DepthwiseConv2dNativeBackpropFilter", [input, out_backprop],
                                 ["input", "out_backprop"], allowed=FLOATS)
        sizes = sizes_tensor(filter_sizes, "DepthwiseConv2dNativeBackpropFilter",
                             "filter_sizes")
        return apply("DepthwiseConv2dNativeBackpropFilter", [x, sizes, dy], attrs, scope)


# =========================================================================================
# 3-D convolution (NDHWC / NCDHW), on N-d window views
# =========================================================================================
def _conv3d_infer(inputs, attrs):
    x, f = inputs
    check_rank(x, 5)
    check_rank(f, 5)
    if x.dtype.base_dtype is not f.dtype.base_dtype:
        raise TypeError(f"Input 'filter' of 'Conv3D' Op has type {f.dtype.base_dtype.name} that "
                        f"does not match type {x.dtype.base_dtype.name} of argument 'input'.")
    fmt, st, dil, pad, _ = attrs3(attrs)
    xd = ndims_last(x.shape.as_tuple(), fmt) or (None,) * 5
    fd = f.shape.as_tuple() or (None,) * 5
    if xd[-1] is not None and fd[3] is not None and xd[-1] != fd[3]:
        raise ValueError(f"Dimensions must be equal, but are {xd[-1]} and {fd[3]}")
    out = [None] * 3
    if None not in fd[:3]:
        out = [out_size(xd[1 + i], fd[i], st[i], dil[i], pad)[0] for i in range(3)]
    return [(x.dtype.base_dtype, TensorShape(from_last_dims([xd[0]] + out + [fd[4]], fmt)))]


def _check_cpu_conv3d_dilations(dilations, data_format, forward):
    """TF 1.14's CPU Conv3D (LaunchConvOp, at run time) and Conv3DBackpropInputV2 /
    FilterV2 kernels (their constructors) refuse a spatial dilation other than 1: a
    tf.nn.conv3d with dilations fails when the session runs it."""
    if any(int(d) != 1 for d in spatial(dilations, data_format)):
        raise errors.InvalidArgumentError(None, None, (
            "CPU implementation of Conv3D currently only supports dilated rates of 1."
            if forward else
            "Current CPU implementation does not yet support dilation rates larger than 1."))


def _conv3d_kernel(x, f, strides, padding, data_format, dilations=(1,) * 5, **_):
    _check_cpu_conv3d_dilations(dilations, data_format, True)
    fmt = data_format
    dt = x.dtype
    x, f = wide(to_last(x, fmt), f)
    g = GeoN(x.shape, f.shape[:3], spatial(strides, fmt), spatial(dilations, fmt), padding)
    win = g.windows(g.pad(x))
    rows, depth, o = int(np.prod(win.shape[:4])), int(np.prod(f.shape[:4])), f.shape[4]
    if dt in (np.float32, np.float64) and rows == 1 and depth and o:
        # one output voxel: Eigen's matrix-vector product (fused_matmul.gemv)
        out = _fused_matmul.gemv(f.reshape(depth, o), win.reshape(depth), o)
        return from_last(out.reshape(win.shape[:4] + (o,)), fmt)
    if dt == np.float32 and rows > 1 and depth and o:
        # TF's CuboidConvolution contraction (MKL-DNN's sgemm): each output adds its
        # patch's products by fused multiply-adds, one after the other, in the
        # contraction's depth slices (fused_matmul.product), its threads and depth shards
        # decided on the volume-patch input's cost (patch_product; a 1x1x1 filter of
        # stride 1 and a VALID filter the input's size are MatMuls: 79 of 79 to TF's bits)
        ks, st = tuple(f.shape[:3]), tuple(spatial(strides, fmt))
        as_mm = (ks == (1, 1, 1) and st == (1, 1, 1)) or (
            ks == tuple(x.shape[1:4]) and padding == "VALID" and
            tuple(spatial(dilations, fmt)) == (1, 1, 1))
        x2, f2 = win.reshape(rows, depth), f.reshape(depth, o)
        out = _fused_matmul.product(x2, f2, cpu_threads()) if as_mm else \
            _fused_matmul.patch_product(x2, f2, cpu_threads(), volume=True)
        return from_last(out.reshape(win.shape[:4] + (o,)), fmt)
    if dt == np.float64 and rows > 1 and depth and o:
        # CuboidConvolution in double: Eigen's double GEBP (eigen_gebp.product64), threads
        # and depth shards decided on the volume patches' cost as float32's
        ks, st = tuple(f.shape[:3]), tuple(spatial(strides, fmt))
        as_mm = (ks == (1, 1, 1) and st == (1, 1, 1)) or (
            ks == tuple(x.shape[1:4]) and padding == "VALID" and
            tuple(spatial(dilations, fmt)) == (1, 1, 1))
        x2, f2 = win.reshape(rows, depth), f.reshape(depth, o)
        cost = 0.0 if as_mm else _eigen_gebp.VOLUME_PATCH_COST64
        out = _eigen_gebp.product64(x2, f2, cpu_threads(), rhs_cost=cost, rhs_loads=as_mm)
        return from_last(out.reshape(win.shape[:4] + (o,)), fmt)
    out = np.tensordot(win, f, axes=([4, 5, 6, 7], [0, 1, 2, 3]))
    return from_last(out.astype(dt, copy=False), fmt)


def _conv3d_backprop_input_kernel(sizes, f, dy, strides, padding, data_format,
                                  dilations=(1,) * 5, **_):
    _check_cpu_conv3d_dilations(dilations, data_format, False)
    fmt = data_format
    dims = ndims_last(tuple(int(s) for s in sizes), fmt)
    dt = dy.dtype
    dy, f = wide(to_last(dy, fmt), f)
    g = GeoN(dims, f.shape[:3], spatial(strides, fmt), spatial(dilations, fmt), padding)
    if dt in (np.float16, np.float32, np.float64) and dy.size and f.size:
        # TF 1.14's Conv3DCustomBackpropInputOp: its im2col kernel, or Eigen's
        # CuboidConvolutionBackwardInput where the im2col buffer would be too large
        # (float64 and float16: the same choice with their element sizes, Eigen's double
        # GEBP kernel; half's contractions and Col2im add in half)
        shard = _custom_input_shard(g, f.shape[4], dt.itemsize)
        if dt == np.float16:
            dy, f = dy.astype(np.float16), f.astype(np.float16)
        if shard is None:
            dx = _cuboid_backward_input(g, dy, f)
        elif g.n == 1:
            dx = _custom_backward_input(g, dy, f)
        else:
            dx = _custom_backward_input_batch(g, dy, f)
        return from_last(dx.astype(dt, copy=False), fmt)
    cols = np.tensordot(dy, f, axes=([4], [4]))          # (N, O.., K.., C)
    return from_last(np.ascontiguousarray(g.scatter(cols, dy.dtype).astype(dt, copy=False)),
                     fmt)


def _tap_index(g, tap):
    """The (N, O1..O3) slice of the padded input that kernel tap `tap` reads."""
    return (slice(None),) + tuple(slice(t * d, t * d + (o - 1) * s + 1, s)
                                  for t, d, o, s in zip(tap, g.d, g.out, g.s))


def _crop(g):
    return (slice(None),) + tuple(slice(p[1], p[1] + sz) for p, sz in zip(g.geo, g.size))


def _custom_input_shard(g, o, itemsize=4):
    """The images Conv3DCustomBackpropInputOp (TF 1.14) works on at once (1 for a single
    image, whose columns are one parallel contraction; else ceil(L3 / sizeof(T) / work)
    images,
    however many the batch has), or None where its im2col buffer (that many images'
    columns) would be over 25 times its tensors' size and it falls back on Eigen's
    CuboidConvolutionBackwardInput (checked with the oracle's log: overheads 29, 26 and
    26 fall back; 89 images of 8^3 x 32, 3x3x3 -> 32 take the custom kernel, 88 not)."""
    taps = int(np.prod(g.k))
    positions = int(np.prod(g.out))
    depth = taps * g.c
    work = positions * o + depth * o + positions * depth
    shard = 1 if g.n == 1 else -(-(_EIGEN_L3 // itemsize) // work)
    total = g.n * int(np.prod(g.size)) * g.c + depth * o + g.n * positions * o
    if shard * positions * depth // total > _MAX_TEMP_OVERHEAD:
        return None
    return shard


def _col2im(g, cols, out):
    """TF's Col2im into the padded `out` (N, padded.., C): the columns (N, O.., taps, C)
    added output position after output position (raster order), so an input element gets
    its taps' columns from the last tap to the first."""
    taps = list(itertools.product(*(range(k) for k in g.k)))
    for j in reversed(range(len(taps))):
        out[_tap_index(g, taps[j])] += cols[..., j, :]


def _custom_backward_input(g, dy, f):
    """TF 1.14's Conv3DBackpropInputV2 on one image (Conv3DCustomBackpropInputOp): the
    columns out_backprop @ filter^T (P, K*C) in one contraction (fused_matmul.product;
    Eigen's gemv for one output position), then Col2im (_col2im)."""
    rows, o = int(np.prod(dy.shape[:4])), dy.shape[4]
    taps, c = int(np.prod(g.k)), f.shape[3]
    if dy.dtype == np.float16:   # Eigen's half contraction
        cols = _eigen_half_mm.matmul(dy.reshape(rows, o), f.reshape(-1, o).T,
                                     pool=cpu_threads())
    elif rows == 1:
        # one output position: the contraction's column-major gemv
        cols = _gemv_cols(f.reshape(1, -1, o), dy.reshape(1, o))
    elif dy.dtype == np.float64:   # Eigen's double GEBP
        cols = _eigen_gebp.product64(dy.reshape(rows, o), f.reshape(-1, o).T, cpu_threads())
    else:
        cols = _fused_matmul.product(dy.reshape(rows, o), f.reshape(-1, o).T, cpu_threads())
    out = np.zeros(g.padded, dy.dtype)
    _col2im(g, cols.reshape(dy.shape[:4] + (taps, c)), out)
    return out[_crop(g)]


def _custom_backward_input_batch(g, dy, f):
    """TF 1.14's Conv3DCustomBackpropInputOp on a batch (under its buffer limit): each
    image's columns are Eigen's matrix product `A * B.transpose()` on row-major maps
    (out_backprop's image [P, O] times the filter [K*C, O] transposed: its GEBP kernel,
    eigen_bmm.batch_matmul), then Col2im (_col2im); the shards only share the images
    among threads."""
    o, c = dy.shape[4], f.shape[3]
    positions, taps = int(np.prod(dy.shape[1:4])), int(np.prod(g.k))
    w = f.reshape(-1, o).T                                 # B^T: (O, K*C)
    out = np.zeros(g.padded, dy.dtype)
    step = max(1, (1 << 22) // (positions * taps * c))     # images' columns held at once
    for i in range(0, g.n, step):
        part = dy[i:i + step]
        if dy.dtype == np.float16:   # Eigen's half matrix product, one thread per image
            cols = _eigen_half_mm.batch_matmul(part.reshape(-1, positions, o), w[None],
                                               adj_y=True)
        else:
            cols = _eigen_bmm.batch_matmul(part.reshape(-1, positions, o), w, adj_y=True)
        _col2im(g, cols.reshape(part.shape[:4] + (taps, c)), out[i:i + step])
    return out[_crop(g)]


def _cuboid_backward_input(g, dy, f):
    """TF 1.14's Conv3DBackpropInputV2 where its custom kernel falls back (Eigen's
    CuboidConvolutionBackwardInput, checked against TF for batches of 1 to 88): each input
    element is one contraction of out_backprop's patch (the taps from the last to the
    first, the output channels fastest; zeros where no output reads it) with the reversed
    kernel, summed by fused multiply-adds (fused_matmul.product), image by image under the
    whole batch's blocking, Eigen's threads and depth shards decided on the volume-patch
    operand's cost (as patch_product's)."""
    taps = list(itertools.product(*(range(k) for k in g.k)))[::-1]
    c, o = f.shape[3], f.shape[4]
    depth = len(taps) * o
    w = np.stack([f[tap] for tap in taps]).transpose(0, 2, 1).reshape(depth, c)
    per_image = int(np.prod(g.size))
    shape = (g.n * per_image, c)
    pool = cpu_threads()
    dt = dy.dtype
    if dt == np.float16:
        # the whole batch's patches at once (Eigen's half kernel groups rows across images)
        patches = np.zeros(g.padded[:-1] + (len(taps), o), np.float16)
        for j, tap in enumerate(taps):
            patches[_tap_index(g, tap) + (j,)] = dy
        patches = np.ascontiguousarray(patches[_crop(g)]).reshape(shape[0], depth)
        out = _eigen_half_mm.matmul(patches, w.astype(np.float16), pool=pool,
                                    rhs_cost=_fused_matmul.VOLUME_PATCH_COST, rhs_loads=False)
        # + 0: Eigen adds into zeroed accumulators, so a sum of -0 products is +0
        return out.reshape((g.n,) + g.size + (c,)) + np.float16(0)
    out = np.empty((g.n,) + g.size + (c,), dt)
    for i in range(g.n):
        patches = np.zeros((1,) + g.padded[1:-1] + (len(taps), o), dt)
        for j, tap in enumerate(taps):
            patches[_tap_index(g, tap) + (j,)] = dy[i:i + 1]
        patches = np.ascontiguousarray(patches[_crop(g)]).reshape(per_image, depth)
        if dt == np.float64:   # Eigen's double GEBP, the same plan on double's sizes
            part = _eigen_gebp.product64(patches, w, pool, shape, 0,
                                         _eigen_gebp.VOLUME_PATCH_COST64, False,
                                         i * per_image)
        else:
            part = _fused_matmul.product(patches, w, pool, shape,
                                         _fused_matmul.VOLUME_PATCH_COST, False)
        out[i] = part.reshape(g.size + (c,))
    return out


def _conv3d_backprop_filter_kernel(x, sizes, dy, strides, padding, data_format,
                                   dilations=(1,) * 5, **_):
    _check_cpu_conv3d_dilations(dilations, data_format, False)
    fmt = data_format
    dt = x.dtype
    x, dy = wide(to_last(x, fmt), to_last(dy, fmt))
    k = tuple(int(s) for s in sizes[:3])
    g = GeoN(x.shape, k, spatial(strides, fmt), spatial(dilations, fmt), padding)
    c, o = x.shape[4], dy.shape[4]
    if dt == np.float16 and x.size and dy.size and c and int(np.prod(k)):
        # TF 1.14 registers no custom kernel for half: Eigen's CuboidConvolutionBackwardKernel,
        # its contraction summed in half (eigen_half_mm)
        return _cuboid_backward_kernel(g, x, dy, half=True).reshape(k + (c, o))
    if dt in (np.float32, np.float64) and x.size and dy.size and c and int(np.prod(k)):
        if _custom_filter_shard(g, o, dt.itemsize) is None:
            out = _cuboid_backward_kernel(g, x, dy)
        else:
            out = _custom_backward_filter(g, x, dy)
        return out.reshape(k + (c, o))
    win = g.windows(g.pad(x))
    out = np.tensordot(win, dy, axes=([0, 1, 2, 3], [0, 1, 2, 3]))
    return out.astype(dt, copy=False)


# Eigen's L3 cache size on the host (Eigen::internal::CacheSizes().m_l3: host_cpu; the AMD
# EPYC's read back from the op's col_buffer_overhead log: 320 MiB)
_EIGEN_L3 = eigen_caches()[2]
_MAX_TEMP_OVERHEAD = 25   # Conv3DCustomBackpropFilterOp's kMaxTempAllocationOverhead


def _custom_filter_shard(g, o, itemsize=4):
    """The images Conv3DCustomBackpropFilterOp (TF 1.14) contracts at once, or None where
    its im2col buffer would be over 25 times its tensors' size and it falls back on
    Eigen's CuboidConvolutionBackwardKernel."""
    taps = int(np.prod(g.k))
    positions = int(np.prod(g.out))
    depth = taps * g.c
    work = positions * depth + positions * o + depth * o
    shard = -(-(_EIGEN_L3 // itemsize) // work)
    total = g.n * int(np.prod(g.size)) * g.c + depth * o + g.n * positions * o
    if shard * positions * depth // total > _MAX_TEMP_OVERHEAD:
        return None
    return shard


def _custom_backward_filter(g, x, dy):
    """TF 1.14's Conv3DCustomBackpropFilterOp: for each shard of images, the im2col
    patches (output positions image by image, in raster order) contracted with
    out_backprop over those positions (fused_matmul.product, as a MatMul of the
    patches transposed: _filter_contraction), the shards' results added in turn."""
    shard = _custom_filter_shard(g, dy.shape[4], x.dtype.itemsize)
    win = g.windows(g.pad(x))
    depth = int(np.prod(win.shape[4:]))
    o = dy.shape[4]
    pool = cpu_threads()
    out = None
    for i in range(0, g.n, shard):
        cols = np.ascontiguousarray(win[i:i + shard]).reshape(-1, depth)
        part = _filter_contraction(cols, dy[i:i + shard].reshape(-1, o), pool)
        out = part if out is None else out + part
    return out


def _cuboid_backward_kernel(g, x, dy, half=False):
    """TF 1.14's Eigen CuboidConvolutionBackwardKernel (the custom op's fallback): the
    volume patches of out_backprop, inflated by the strides to the input's size (zeros
    between and around its values), one per kernel tap, contracted with the input over
    the input's positions with the batch fastest (then width, height, planes). Eigen's
    left-hand side is the input, its right-hand side the patches, whose cost decides
    the threads and depth shards (fused_matmul.patch_product, volume); one tap and one
    output channel make a vector: Eigen's gemv (fused_matmul.gemv). Zero products add
    nothing, but they set where the depth is cut: the patches are written one of the
    contraction's runs (fused_matmul.depth_runs) at a time, each summed as product()
    sums it; with strides (mostly zeros), and more than one input and output channel,
    each tap's run is summed over its nonzero terms alone (the same sums)."""
    taps = list(itertools.product(*(range(kk) for kk in g.k)))
    c, o = x.shape[4], dy.shape[4]
    xb = np.ascontiguousarray(np.moveaxis(x, 0, 3)).reshape(-1, c)     # (R, C)
    depth = xb.shape[0]
    dyb = np.moveaxis(dy, 0, 3)                              # (O1, O2, O3, N, O)
    reads = []     # per tap: (input positions read, ascending; out_backprop rows) or None
    for tap in taps:
        src, pos = [], np.zeros(1, np.int64)
        for t, n, s, p, sz in zip(tap, g.out, g.s, g.geo, g.size):
            i0 = t - p[1]                    # the input position output 0 reads at tap t
            lo = max(0, -(i0 // s))           # the first output inside the input
            hi = min(n - 1, (sz - 1 - i0) // s)
            if hi < lo:
                break
            src.append(slice(lo, hi + 1))
            pos = (pos[:, None] * sz + np.arange(i0 + lo * s, i0 + hi * s + 1, s)).ravel()
        else:
            pos = (pos[:, None] * g.n + np.arange(g.n)).ravel()
            reads.append((pos, np.ascontiguousarray(dyb[tuple(src)]).reshape(-1, o)))
            continue
        reads.append(None)
    if len(taps) * o == 1 and not half:
        patches = np.zeros(depth, x.dtype)
        if reads[0] is not None:
            patches[reads[0][0]] = reads[0][1][:, 0]
        out = _fused_matmul.gemv(xb, patches, c).reshape(1, 1, c)
        return out.transpose(0, 2, 1)
    if x.dtype == np.float64 or half:
        # Eigen's double GEBP (eigen_gebp.product64) over the whole inflated patches, its
        # threads and depth shards decided on their volume-patch cost. Its output rows
        # are (output channel, tap) with the taps from the last to the first, an order
        # the double kernel's row groups see (float32's sums are the same in any order):
        # 33 of 33 random cases TF's bits, 8 differ with (tap, channel) rows. `half`:
        # Eigen's half contraction (eigen_half_mm.matmul) on the same patches, with the
        # volume-patch cost (63 of 63 random cases)
        t = len(taps)
        patches = np.zeros((depth, o, t), np.float16 if half else np.float64)
        for j, read in enumerate(reads):
            if read is not None:
                patches[read[0], :, t - 1 - j] = read[1]
        if half:
            total = _eigen_half_mm.matmul(patches.reshape(depth, -1).T, xb.astype(np.float16),
                                          pool=cpu_threads(),
                                          rhs_cost=_fused_matmul.VOLUME_PATCH_COST,
                                          rhs_loads=False)
            # + 0: Eigen adds into zeroed accumulators, so a sum of -0 products is +0
            return total.reshape(o, t, c)[:, ::-1].transpose(1, 2, 0) + np.float16(0)
        total = _eigen_gebp.product64(patches.reshape(depth, -1).T, xb, cpu_threads(),
                                      rhs_cost=_eigen_gebp.VOLUME_PATCH_COST64,
                                      rhs_loads=False)
        return total.reshape(o, t, c)[:, ::-1].transpose(1, 2, 0)
    runs = _fused_matmul.depth_runs(len(taps) * o, c, depth, cpu_threads(),
                                    rhs_cost=_fused_matmul.VOLUME_PATCH_COST, rhs_loads=False)
    # every (input position, tap) pair that reads a value, by input position
    kept = [(j, read) for j, read in enumerate(reads) if read is not None]
    pos = np.concatenate([read[0] for _, read in kept] or [np.zeros(0, np.int64)])
    tap = np.concatenate([np.full(len(read[0]), j) for j, read in kept] or
                         [np.zeros(0, np.int64)])
    order = np.argsort(pos, kind="stable")
    pos, tap = pos[order], tap[order]
    vals = np.concatenate([read[1] for _, read in kept] or [np.zeros((0, o), np.float32)])
    vals = vals[order]
    buf = np.empty((max(b - a for shard in runs for a, b in shard), len(taps), o), np.float32)
    sparse = o > 1 and c > 1 and int(np.prod(g.s)) > 1
    total = None
    for shard in runs:
        acc = None
        for a, b in shard:
            # the run's slice of the patches, (positions, taps, O): a column-major
            # (taps*O, positions) left operand
            if sparse:
                part = np.zeros((len(taps), o, c), np.float32)
                for j, read in kept:
                    lo, hi = np.searchsorted(read[0], (a, b))
                    if hi > lo:
                        part[j] = threads.matmul(read[1][lo:hi].T, xb[read[0][lo:hi]],
                                                 rows=False)
                part = part.reshape(-1, c)
            else:
                block = buf[:b - a]
                block.fill(0)
                lo, hi = np.searchsorted(pos, (a, b))
                block[pos[lo:hi] - a, tap[lo:hi]] = vals[lo:hi]
                lhs = block.reshape(b - a, -1).T
                part = _fused_matmul.fma_matmul(lhs, xb[a:b]) if c == 1 else \
                    threads.matmul(lhs, xb[a:b], rows=False)
            acc = part if acc is None else acc + part
        total = acc if total is None else total + acc
    return total.reshape(len(taps), o, c).transpose(0, 2, 1)


def _check_seq5(op_type, name, seq):
    seq = [int(v) for v in seq]
    if len(seq) < 5:
        raise ValueError(f"Attr '{name}' of '{op_type}' Op passed list of length {len(seq)} "
                         "less than minimum 5.")
    return seq


def conv3d_attrs(op_type, strides, padding, data_format, dilations):
    check_choice(op_type, "padding", padding, ("SAME", "VALID"))
    check_choice(op_type, "data_format", data_format, FMT3)
    return {"strides": _check_seq5(op_type, "strides", strides), "padding": padding,
            "data_format": data_format,
            "dilations": _check_seq5(op_type, "dilations", dilations or [1] * 5)}


def conv3d(input: TensorLike, filter: TensorLike | None = None,
           strides: Sequence[int] = None, padding: str = None, data_format: str = "NDHWC",
           dilations: Sequence[int] = (1, 1, 1, 1, 1), name: str | None = None,
           filters: TensorLike | None = None) -> Tensor:
    """3-D convolution of a 5-D input with a [kd, kh, kw, in, out] filter (Conv3D);
    strides and dilations are 5-lists in data_format order.

    >>> y = tf.nn.conv3d(tf.ones([1, 4, 4, 4, 1]), tf.ones([2, 2, 2, 1, 2]), [1] * 5, "SAME")
    >>> y.shape.as_list()
    [1, 4, 4, 4, 2]
    """
    filter = filters if filter is None else filter
    attrs = conv3d_attrs("Conv3D", strides, padding, data_format, dilations)
    x, f = same_type_inputs("Conv3D", [input, filter], ["input", "filter"], allowed=FLOATS)
    return apply("Conv3D", [x, f], attrs, name or "Conv3D")


def conv3d_backprop_filter_v2(input: TensorLike, filter_sizes: TensorLike,
                              out_backprop: TensorLike, strides: Sequence[int], padding: str,
                              data_format: str = "NDHWC",
                              dilations: Sequence[int] = (1, 1, 1, 1, 1),
                              name: str | None = None) -> Tensor:
    """The gradient of conv3d with respect to its filter (Conv3DBackpropFilterV2)."""
    attrs = conv3d_attrs("Conv3DBackpropFilterV2", strides, padding, data_format, dilations)
    x, dy = same_type_inputs("Conv3DBackpropFilterV2", [input, out_backprop],
                             ["input", "out_backprop"], allowed=FLOATS)
    with name_scope(name or "Conv3DBackpropFilterV2") as scope:   # TF's op wrapper scope
        sizes = filter_sizes if isinstance(filter_sizes, Tensor) else convert_to_tensor(
            np.asarray(filter_sizes, dtype=np.int32).reshape(-1), name="filter_sizes")
        return apply("Conv3DBackpropFilterV2", [x, sizes, dy], attrs, scope)


# =========================================================================================
# Gradients and registration
# =========================================================================================
def _pass_attrs(op):
    return {k: op._get_attr(k) for k in ("strides", "padding", "data_format", "dilations",
                                        "explicit_paddings") if k in op._attrs}


def _conv_grads(fwd, bp_input, bp_filter):
    """The gradient rules of one family: y = F(x, f), BI(sizes, f, dy) = dL/dx and
    BF(x, sizes, dy) = dL/df. All three are bilinear, so each one's gradient is
    built from the other two."""
    def fwd_grad(op, grad):
        """dx = BI(shape(x), f, g); df = BF(x, shape(f), g)."""
        x, f = op._inputs
        attrs = _pass_attrs(op)
        if fwd == "Conv2D":  # TF's shape_n
            sx, sf = apply("ShapeN", [x, f], {"out_type": _dt.int32, "N": 2}, "ShapeN")
            dx = apply(bp_input, [sx, f, grad], attrs) if wants_grad(0) else None
            df = apply(bp_filter, [x, sf, grad], attrs) if wants_grad(1) else None
            return [dx, df]
        # TF's: shape(x), BackpropInput, shape(f), BackpropFilter, in that order
        dx = apply(bp_input, [shape_of(x), f, grad], attrs) if wants_grad(0) else None
        df = apply(bp_filter, [x, shape_of(f), grad], attrs) if wants_grad(1) else None
        return [dx, df]

    def bp_input_grad(op, grad):
        """Linear in (filter, out_backprop): d/df = BF(g, shape(f), dy), d/ddy = F(g, f)."""
        _, f, dy = op._inputs
        attrs = _pass_attrs(op)
        df = apply(bp_filter, [grad, shape_of(f), dy], attrs) if wants_grad(1) else None
        ddy = apply(fwd, [grad, f], attrs) if wants_grad(2) else None
        return [None, df, ddy]

    def bp_filter_grad(op, grad):
        """Linear in (input, out_backprop): d/dx = BI(shape(x), g, dy), d/ddy = F(x, g)."""
        x, _, dy = op._inputs
        attrs = _pass_attrs(op)
        dx = apply(bp_input, [shape_of(x), grad, dy], attrs) if wants_grad(0) else None
        ddy = apply(fwd, [x, grad], attrs) if wants_grad(2) else None
        return [dx, None, ddy]
    return fwd_grad, bp_input_grad, bp_filter_grad


# (op type, shape rule, kernel) of the forward op, its BackpropInput and its BackpropFilter
_FAMILIES = [
    (("Conv2D", _conv2d_infer, _conv2d_kernel),
     ("Conv2DBackpropInput", _backprop_infer("Conv2DBackpropInput", 0),
      _conv2d_backprop_input_kernel),
     ("Conv2DBackpropFilter", _backprop_infer("Conv2DBackpropFilter", 1),
      _conv2d_backprop_filter_kernel)),
    (("DepthwiseConv2dNative", _depthwise_infer, _depthwise_kernel),
     ("DepthwiseConv2dNativeBackpropInput",
      _backprop_infer("DepthwiseConv2dNativeBackpropInput", 0),
      _depthwise_backprop_input_kernel),
     ("DepthwiseConv2dNativeBackpropFilter",
      _backprop_infer("DepthwiseConv2dNativeBackpropFilter", 1),
      _depthwise_backprop_filter_kernel)),
    (("Conv3D", _conv3d_infer, _conv3d_kernel),
     ("Conv3DBackpropInputV2", sizes_infer(0, 1), _conv3d_backprop_input_kernel),
     ("Conv3DBackpropFilterV2", sizes_infer(1, 0), _conv3d_backprop_filter_kernel)),
]
for _family in _FAMILIES:
    for (_type, _infer, _kernel), _grad in zip(_family, _conv_grads(*(r[0] for r in _family))):
        register_op(_type, infer=_infer, kernel=_kernel, grad=_grad,
                    **({"intra_op_threads": True} if _type in ("Conv2DBackpropFilter",
                                                              "Conv2DBackpropInput") else {}))
del _family, _type, _infer, _kernel, _grad


# Conv3DBackpropInput / Conv3DBackpropFilter (TF's first form, removed at GraphDef version
# 10): the V2 kernels (NDHWC) with the sizes read from the input (filter) itself; TF's shape
# rule gives that input's shape, rank 5; TF 1.14 registers no gradient for either
def _conv3d_v1_infer(pos):
    def infer(inputs, attrs):
        t = inputs[pos]
        if t.shape.ndims not in (None, 5):
            raise ValueError(f"Shape must be rank 5 but is rank {t.shape.ndims}")
        return [(t.dtype.base_dtype, t.shape if t.shape.ndims else TensorShape([None] * 5))]
    return infer


def _conv3d_bi_v1_kernel(x, f, dy, strides, padding, dilations=(1,) * 5, **_):
    return _conv3d_backprop_input_kernel(np.shape(x), f, dy, strides, padding, "NDHWC",
                                         dilations)


def _conv3d_bf_v1_kernel(x, f, dy, strides, padding, dilations=(1,) * 5, **_):
    return _conv3d_backprop_filter_kernel(x, np.shape(f), dy, strides, padding, "NDHWC",
                                          dilations)


register_op("Conv3DBackpropInput", infer=_conv3d_v1_infer(0), kernel=_conv3d_bi_v1_kernel,
            grad=no_gradient_registered)
register_op("Conv3DBackpropFilter", infer=_conv3d_v1_infer(1), kernel=_conv3d_bf_v1_kernel,
            grad=no_gradient_registered)


# =========================================================================================
# SpaceToBatchND / BatchToSpaceND (TF's with_space_to_batch wraps dilated depthwise
# convolutions in them); each is the other's gradient
# =========================================================================================
def _s2b_block_pairs(inputs, name, attrs=None):
    # (TF's input_tensor: constant subgraphs evaluated whole); SpaceToBatch and BatchToSpace
    # (inputs: input, pairs) take the block from their `block_size` attr
    if attrs is not None and "block_size" in attrs:
        pairs = _read_whole(inputs[1])
        return [int(attrs["block_size"])] * 2, (
            None if pairs is None else np.asarray(pairs).reshape(-1, 2).astype(np.int64))
    block, pairs = (_read_whole(t) for t in inputs[1:3])
    if inputs[1].shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {inputs[1].shape.ndims} for "
                         f"'{name}'")
    return (None if block is None else [int(b) for b in np.reshape(block, -1)],
            None if pairs is None else np.asarray(pairs).reshape(-1, 2).astype(np.int64))


def _read_whole(t):
    return const_value(t) if const_value(t) is not None else refined_ints(t, partial=False)


def _s2b_partial(x, inputs, attrs, block, dims, space_to_batch):
    """TF's SpaceToBatchShapeHelper/BatchToSpaceShapeHelper with the paddings (crops) or
    the block not known when building: the batch multiplied (divided, evenly) by a known
    block, the block dims unknown, the dims after them the input's."""
    dt = x.dtype.base_dtype
    if dims is None:
        return [(dt, TensorShape(None))]
    m = 2 if attrs is not None and "block_size" in attrs else \
        (None if inputs[1].shape.ndims != 1 else inputs[1].shape.as_tuple()[0])
    if m is None or len(dims) < m + 1:
        return [(dt, TensorShape([None] * len(dims)))]
    batch = dims[0] if block is not None else None
    for b in block or ():
        if batch is None:
            break
        if space_to_batch:
            batch *= b
        elif batch % b:
            raise ValueError(f"Dimension size must be evenly divisible by {b} but is {batch}")
        else:
            batch //= b
    return [(dt, TensorShape([batch] + [None] * m + list(dims[1 + m:])))]


def _space_to_batch_infer(inputs, attrs):
    x = inputs[0]
    block, pads = _s2b_block_pairs(inputs, "SpaceToBatchND", attrs)
    dims = x.shape.as_tuple()
    if block is not None and any(b < 1 for b in block):
        raise ValueError("block_shape must be positive")
    if dims is None or block is None or pads is None:
        return _s2b_partial(x, inputs, attrs, block, dims, True)
    m = len(block)
    out = [None if dims[0] is None else dims[0] * int(np.prod(block))]
    for i, b in enumerate(block):
        d = dims[1 + i]
        if pads[i, 0] < 0 or pads[i, 1] < 0:
            raise ValueError("paddings cannot be negative")
        if d is None:
            out.append(None)
            continue
        padded = d + int(pads[i, 0]) + int(pads[i, 1])
        if padded % b:
            raise ValueError(f"Dimension size must be evenly divisible by {b} but is {padded}")
        out.append(padded // b)
    return [(x.dtype.base_dtype, TensorShape(out + list(dims[1 + m:])))]


def _space_to_batch_kernel(x, block_shape, paddings):
    x = np.asarray(x)
    block = [int(b) for b in np.reshape(block_shape, -1)]
    pads = np.asarray(paddings).reshape(-1, 2)
    m = len(block)
    if (pads < 0).any() or any(b < 1 for b in block):
        raise _opinvalid("Negative paddings or block_shape < 1")
    widths = [(0, 0)] + [(int(a), int(b)) for a, b in pads] + [(0, 0)] * (x.ndim - 1 - m)
    p = np.pad(x, widths)
    for i, b in enumerate(block):
        if p.shape[1 + i] % b:
            raise _opinvalid(f"padded_shape[{i}]={p.shape[1 + i]} is not divisible by "
                             f"block_shape[{i}]={b}")
    batch, rest = p.shape[0], p.shape[1 + m:]
    shape = [batch]
    for i, b in enumerate(block):
        shape += [p.shape[1 + i] // b, b]
    p = p.reshape(shape + list(rest))
    perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
            + list(range(1 + 2 * m, 1 + 2 * m + len(rest))))
    p = p.transpose(perm)
    return np.ascontiguousarray(p).reshape(
        [batch * int(np.prod(block))] + [p.shape[1 + m + i] for i in range(m)] + list(rest))


def _batch_to_space_infer(inputs, attrs):
    x = inputs[0]
    block, crops = _s2b_block_pairs(inputs, "BatchToSpaceND", attrs)
    dims = x.shape.as_tuple()
    if block is not None and any(b < 1 for b in block):
        raise ValueError("block_shape must be positive")
    if dims is None or block is None or crops is None:
        return _s2b_partial(x, inputs, attrs, block, dims, False)
    m = len(block)
    prod = int(np.prod(block))
    if dims[0] is not None:
        batch = dims[0]
        for b in block:   # TF divides the batch by each block size in turn
            if batch % b:
                raise ValueError(f"Dimension size must be evenly divisible by {b} but is "
                                 f"{batch}")
            batch //= b
    out = [None if dims[0] is None else dims[0] // prod]
    for i, b in enumerate(block):
        d = dims[1 + i]
        c0, c1 = int(crops[i, 0]), int(crops[i, 1])
        if c0 < 0 or c1 < 0:
            raise ValueError("crops cannot be negative")
        if d is not None and d * b < c0 + c1:
            raise ValueError(f"Negative dimension size caused by subtracting {c0 + c1} from "
                             f"{d * b}")
        out.append(None if d is None else d * b - c0 - c1)
    return [(x.dtype.base_dtype, TensorShape(out + list(dims[1 + m:])))]


def _batch_to_space_kernel(x, block_shape, crops):
    x = np.asarray(x)
    block = [int(b) for b in np.reshape(block_shape, -1)]
    crops = np.asarray(crops).reshape(-1, 2)
    m = len(block)
    prod = int(np.prod(block))
    if x.shape[0] % prod:
        raise _opinvalid(f"Input batch dimension ({x.shape[0]}) is not divisible by product "
                         f"of block sizes ({prod})")
    batch, spatial_dims, rest = x.shape[0] // prod, x.shape[1:1 + m], x.shape[1 + m:]
    y = x.reshape(block + [batch] + list(spatial_dims) + list(rest))
    perm = [m]
    for i in range(m):
        perm += [m + 1 + i, i]
    perm += list(range(2 * m + 1, y.ndim))
    y = np.ascontiguousarray(y.transpose(perm)).reshape(
        [batch] + [spatial_dims[i] * block[i] for i in range(m)] + list(rest))
    index = [slice(None)] + [slice(int(crops[i, 0]), y.shape[1 + i] - int(crops[i, 1]))
                             for i in range(m)]
    return np.ascontiguousarray(y[tuple(index)])


def _opinvalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _space_to_batch_grad(op, grad):
    return [batch_to_space_nd(grad, op._inputs[1], op._inputs[2]), None, None]


def _batch_to_space_grad(op, grad):
    return [space_to_batch_nd(grad, op._inputs[1], op._inputs[2]), None, None]


register_op("SpaceToBatchND", infer=_space_to_batch_infer, kernel=_space_to_batch_kernel,
            grad=_space_to_batch_grad)
register_op("BatchToSpaceND", infer=_batch_to_space_infer, kernel=_batch_to_space_kernel,
            grad=_batch_to_space_grad)


# SpaceToBatch / BatchToSpace: TF's first forms, 4-D input and a square `block_size` attr
def _v1_infer(nd_infer):
    def infer(inputs, attrs):
        x = inputs[0]
        if x.shape.ndims is not None and x.shape.ndims != 4:
            raise ValueError(f"Shape must be rank 4 but is rank {x.shape.ndims}")
        return nd_infer(inputs, attrs)
    return infer


def _v1_grad(nd_type):
    """TF 1.14's rule: the other op's ND form (its `block_shape` an int64 Const), rank 4."""
    def grad_rule(op, grad):
        with name_scope(None, nd_type, [grad, op._inputs[1]]) as scope:
            block = constant(np.array([op._get_attr("block_size")] * 2, np.int64),
                             name="block_shape")
            out = apply(nd_type, [grad, block, op._inputs[1]], None, scope)
        return [out, None]
    return grad_rule


register_op("SpaceToBatch", infer=_v1_infer(_space_to_batch_infer),
            kernel=lambda x, paddings, block_size, **_: _space_to_batch_kernel(
                x, [block_size] * 2, paddings),
            grad=_v1_grad("BatchToSpaceND"))
register_op("BatchToSpace", infer=_v1_infer(_batch_to_space_infer),
            kernel=lambda x, crops, block_size, **_: _batch_to_space_kernel(
                x, [block_size] * 2, crops),
            grad=_v1_grad("SpaceToBatchND"))


def space_to_batch_nd(input: TensorLike, block_shape: TensorLike, paddings: TensorLike,
                      name: str | None = None) -> Tensor:
    """Zero-pads the M spatial dims of `input` by `paddings` and moves blocks of
    `block_shape` into the batch dim (SpaceToBatchND)."""
    with name_scope(name, "SpaceToBatchND", [input, block_shape, paddings]) as scope:
        x = convert_to_tensor(input, name="input")
        b = convert_to_tensor(block_shape, _dt.int32, name="block_shape")
        p = convert_to_tensor(paddings, _dt.int32, name="paddings")
        return apply("SpaceToBatchND", [x, b, p], None, scope)


def batch_to_space_nd(input: TensorLike, block_shape: TensorLike, crops: TensorLike,
                      name: str | None = None) -> Tensor:
    """The inverse of space_to_batch_nd: moves batch blocks back into the spatial dims
    and crops them by `crops` (BatchToSpaceND)."""
    with name_scope(name, "BatchToSpaceND", [input, block_shape, crops]) as scope:
        x = convert_to_tensor(input, name="input")
        b = convert_to_tensor(block_shape, _dt.int32, name="block_shape")
        c = convert_to_tensor(crops, _dt.int32, name="crops")
        return apply("BatchToSpaceND", [x, b, c], None, scope)
