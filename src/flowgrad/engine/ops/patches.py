"""Image rearrangements of TF 1.14: DepthToSpace / SpaceToDepth, ExtractImagePatches /
ExtractVolumePatches, and the grayscale morphology op Dilation2D with its two backprops.

Each op is one block (shape rule, kernel, TF 1.14's gradient). As TF's CPU kernels,
DepthToSpace/SpaceToDepth run NHWC only (NCHW builds, then fails when run) and the
patch ops take windows across space only.
"""
from __future__ import annotations

__all__ = ["depth_to_space", "space_to_depth", "extract_image_patches",
           "extract_volume_patches", "dilation2d", "dilation2d_backprop_input",
           "dilation2d_backprop_filter"]

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._array_util import TensorLike, _invalid, _scope
from ._base import REAL_NUMBERS, apply, check_choice, check_dtype, same_type_inputs, to_tensor
from ._windows import out_size
from .construction import ones
from .construction import range as _range
from .joining import concat
from .shape import expand_dims, reshape, shape, transpose
from .sparse import sparse_tensor_dense_mat_mul
from .sparse_structure import sparse_slice

_FORMATS = ("NHWC", "NCHW", "NCHW_VECT_C")


# -- DepthToSpace / SpaceToDepth -------------------------------------------------------------
def _check_block_attrs(op_type, block_size, data_format):
    if not isinstance(block_size, (int, np.integer)) or isinstance(block_size, bool):
        raise TypeError(f"Expected int for argument 'block_size' not {block_size!r}.")
    if block_size < 2:
        raise ValueError(f"Attr 'block_size' of '{op_type}' Op passed {block_size} less than "
                         "minimum 2.")
    data_format = check_choice(op_type, "data_format", data_format, _FORMATS)
    if data_format == "NCHW_VECT_C":
        raise NotImplementedError(f"flowgrad: {op_type} with data_format='NCHW_VECT_C' (TF "
                                  "runs it for qint8 on GPU only) is not supported")


def _depth_space_infer_for(op_type):
    to_space = op_type == "DepthToSpace"

    def infer(inputs, attrs):
        x = inputs[0]
        bs, fmt = attrs["block_size"], attrs["data_format"]
        dims = x.shape.as_tuple()
        if dims is None:
            return [(x.dtype.base_dtype, TensorShape([None] * 4))]
        if len(dims) != 4:
            raise ValueError(f"Shape must be rank 4 but is rank {len(dims)}")
        n, h, w, c = (dims[0], dims[2], dims[3], dims[1]) if fmt == "NCHW" else dims
        if to_space:
            if c is not None and c % (bs * bs):
                raise ValueError(f"Dimension size must be evenly divisible by {bs * bs} but is "
                                 f"{c}")
            h, w = (None if h is None else h * bs), (None if w is None else w * bs)
            c = None if c is None else c // (bs * bs)
        else:
            for d in (h, w):
                if d is not None and d % bs:
                    raise ValueError(f"Dimension size must be evenly divisible by {bs} but is "
                                     f"{d}")
            h, w = (None if h is None else h // bs), (None if w is None else w // bs)
            c = None if c is None else c * bs * bs
        out = [n, c, h, w] if fmt == "NCHW" else [n, h, w, c]
        return [(x.dtype.base_dtype, TensorShape(out))]
    return infer


def _depth_to_space_kernel(x, block_size, data_format="NHWC", **_):
    if data_format != "NHWC":
        raise _invalid(f"Only NHWC data_format supported on CPU. Got {data_format}")
    x = np.asarray(x)
    if x.ndim != 4:
        raise _invalid(f"Input rank should be: 4 instead of: {x.ndim}")
    b, h, w, c = x.shape
    bs = block_size
    if c % (bs * bs):
        raise _invalid(f"Input depth dimension {c} should be divisible by: {bs * bs}")
    y = x.reshape(b, h, w, bs, bs, c // (bs * bs)).transpose(0, 1, 3, 2, 4, 5)
    return y.reshape(b, h * bs, w * bs, c // (bs * bs))


def _space_to_depth_kernel(x, block_size, data_format="NHWC", **_):
    if data_format != "NHWC":
        raise _invalid(f"Only NHWC data_format supported on CPU. Got {data_format}")
    x = np.asarray(x)
    if x.ndim != 4:
        raise _invalid(f"Input rank should be: 4 instead of: {x.ndim}")
    b, h, w, c = x.shape
    bs = block_size
    if h % bs or w % bs:
        raise _invalid(f"Image width {w} and height {h} should be divisible by block_size: "
                       f"{bs}")
    y = x.reshape(b, h // bs, bs, w // bs, bs, c).transpose(0, 1, 3, 2, 4, 5)
    return y.reshape(b, h // bs, w // bs, bs * bs * c)


def _depth_to_space_grad(op, grad):
    """The inverse rearrangement: space_to_depth(grad)."""
    return [space_to_depth(grad, op._get_attr("block_size"), op._get_attr("data_format"))]


def _space_to_depth_grad(op, grad):
    """The inverse rearrangement: depth_to_space(grad)."""
    return [depth_to_space(grad, op._get_attr("block_size"), op._get_attr("data_format"))]


register_op("DepthToSpace", infer=_depth_space_infer_for("DepthToSpace"),
            kernel=_depth_to_space_kernel, grad=_depth_to_space_grad)
register_op("SpaceToDepth", infer=_depth_space_infer_for("SpaceToDepth"),
            kernel=_space_to_depth_kernel, grad=_space_to_depth_grad)


def _depth_space(op_type, input, block_size, name, data_format):  # noqa: A002
    _check_block_attrs(op_type, block_size, data_format)
    with _scope(name, op_type, [input]) as scope:
        x = input if isinstance(input, Tensor) else to_tensor(input, name="input")
        return apply(op_type, [x], {"block_size": int(block_size), "data_format": data_format},
                     scope)


def depth_to_space(input: TensorLike, block_size: int, data_format: str = "NHWC",  # noqa: A002
                   name: str | None = None) -> Tensor:
    """Moves depth blocks of size block_size**2 into block_size x block_size spatial blocks."""
    return _depth_space("DepthToSpace", input, block_size, name, data_format)


def space_to_depth(input: TensorLike, block_size: int, data_format: str = "NHWC",  # noqa: A002
                   name: str | None = None) -> Tensor:
    """Moves block_size x block_size spatial blocks into the depth dimension."""
    return _depth_space("SpaceToDepth", input, block_size, name, data_format)


# -- ExtractImagePatches / ExtractVolumePatches ------------------------------------------------
def _patches_geometry(spatial, ksizes, strides, rates, padding):
    """Per spatial dim: (out, pad_before, pad_after); unknown sizes give out None. TF's shape
    functions and kernels both use GetWindowedOutputSizeVerbose: a window larger than a VALID
    input gives an empty output unless the size is negative, the kernel's error."""
    return [out_size(s, k, st, r, padding, run=True)
            for s, k, st, r in zip(spatial, ksizes, strides, rates)]


def _patch_attrs_check(op_type, attrs, rank):
    for key in ("ksizes", "strides") + (("rates",) if rank == 4 else ()):
        v = attrs[key]
        if len(v) != rank:
            raise ValueError(f"{op_type} requires the {key} attribute to contain {rank} "
                             f"values, but got: {len(v)}")


def _patches_infer_for(op_type, rank):
    def infer(inputs, attrs):
        x = inputs[0]
        _patch_attrs_check(op_type, attrs, rank)
        dims = x.shape.as_tuple()
        if dims is None:
            dims = (None,) * rank
        if len(dims) != rank:
            raise ValueError(f"Shape must be rank {rank} but is rank {len(dims)}")
        k, s = attrs["ksizes"][1:-1], attrs["strides"][1:-1]
        r = attrs["rates"][1:-1] if rank == 4 else [1] * (rank - 2)
        depth = None if dims[-1] is None else dims[-1] * int(np.prod(k))
        if None in dims[1:-1]:
            # as TF 1.14's shape functions: [batch, ?, ?, depth], of rank 4 for
            # ExtractVolumePatches too
            return [(x.dtype.base_dtype, TensorShape([dims[0], None, None, depth]))]
        try:
            geo = _patches_geometry(dims[1:-1], k, s, r, attrs["padding"])
        except errors.InvalidArgumentError as e:   # the shape function's ValueError
            raise ValueError(e.message) from None
        return [(x.dtype.base_dtype, TensorShape([dims[0]] + [g[0] for g in geo] + [depth]))]
    return infer


def _check_across_space(seq, what):
    if seq[0] != 1 or seq[-1] != 1:
        raise errors.UnimplementedError(None, None, f"Only support {what} across space.")


def _patches(x, ksizes, strides, rates, padding):
    """Windows of x [b, *spatial, d] as [b, *out, prod(k) * d] (zero padding), TF's order."""
    _check_across_space(ksizes, "ksizes")
    _check_across_space(strides, "strides")
    _check_across_space(rates, "rates")
    x = np.asarray(x)
    k, s, r = ksizes[1:-1], strides[1:-1], rates[1:-1]
    geo = _patches_geometry(x.shape[1:-1], k, s, r, padding)
    xp = np.pad(x, [(0, 0)] + [(g[1], g[2]) for g in geo] + [(0, 0)])
    out_sp = [g[0] for g in geo]
    if 0 in out_sp:
        return np.zeros((x.shape[0], *out_sp, int(np.prod(k)) * x.shape[-1]), x.dtype)
    taps = []
    for offs in np.ndindex(*k):
        sl = tuple(slice(o * rr, o * rr + (n - 1) * ss + 1, ss)
                   for o, rr, ss, n in zip(offs, r, s, out_sp))
        taps.append(xp[(slice(None),) + sl + (slice(None),)])
    out = np.stack(taps, axis=-2) if taps else np.zeros(
        (x.shape[0], *out_sp, 0, x.shape[-1]), x.dtype)
    return out.reshape((x.shape[0], *out_sp, -1))


def _eip_kernel(images, ksizes, strides, rates, padding, **_):
    return _patches(images, ksizes, strides, rates, padding)


def _evp_kernel(input, ksizes, strides, padding, **_):  # noqa: A002
    return _patches(input, ksizes, strides, [1] * len(ksizes), padding)


def _patches_grad(op, grad):
    """TF 1.14's: a sparse 0/1 matrix mapping each input position to the patch entries that
    read it (built by extracting patches of position indices), times the gradient."""
    x = op._inputs[0]
    rank = x.shape.ndims
    dims = x.shape.as_tuple()
    spatial = list(dims[1:-1])
    x_shape = shape(x)
    batch_size = x_shape[0]
    channels = x_shape[rank - 1]
    input_indices_num = 1 + int(np.prod(spatial))
    input_idx = reshape(_range(1, input_indices_num, dtype=_dt.int64),
                        tuple([1] + spatial + [1]))
    ksizes = op._get_attr("ksizes")
    if op.type == "ExtractImagePatches":
        idx_patched = extract_image_patches(input_idx, ksizes, op._get_attr("strides"),
                                            op._get_attr("rates"), op._get_attr("padding"))
    else:
        idx_patched = extract_volume_patches(input_idx, ksizes, op._get_attr("strides"),
                                             op._get_attr("padding"))
    out_spatial = list(op.outputs[0].shape.as_tuple()[1:-1])
    k = list(ksizes[1:-1])
    kprod = int(np.prod(k))
    output_indices_num = int(np.prod(out_spatial)) * kprod
    output_idx = reshape(_range(output_indices_num, dtype=_dt.int64),
                         tuple([1] + out_spatial + [kprod]))
    idx_matrix = concat([expand_dims(idx_patched, axis=-1), expand_dims(output_idx, axis=-1)],
                        axis=-1)
    idx_map = reshape(idx_matrix, (-1, 2))
    sp_values = ones([output_indices_num], dtype=grad.dtype.base_dtype)
    with _scope(None, "SparseTensor", []):
        sp_shape = to_tensor(np.array([input_indices_num, output_indices_num], np.int64),
                             name="dense_shape")
    s_ind, s_val, s_shape = sparse_slice(idx_map, sp_values, sp_shape,
                                         to_tensor(np.array([1, 0], np.int64)),
                                         to_tensor(np.array([input_indices_num - 1,
                                                             output_indices_num], np.int64)))
    n_sp = len(spatial)
    grad_expanded = transpose(reshape(grad, [batch_size] + out_spatial + k + [channels]),
                              tuple(range(1, 2 * n_sp + 1)) + (0, 2 * n_sp + 1))
    grad_flat = reshape(grad_expanded, [-1, batch_size * channels])
    with _scope(None, "SparseTensorDenseMatMul", []):  # sparse_ops' wrapper scope
        jac = sparse_tensor_dense_mat_mul(s_ind, s_val, s_shape, grad_flat)
    grad_out = reshape(jac, spatial + [batch_size, channels])
    return [transpose(grad_out, (n_sp,) + tuple(range(n_sp)) + (n_sp + 1,))]


register_op("ExtractImagePatches", infer=_patches_infer_for("ExtractImagePatches", 4),
            kernel=_eip_kernel, grad=_patches_grad)
register_op("ExtractVolumePatches", infer=_patches_infer_for("ExtractVolumePatches", 5),
            kernel=_evp_kernel, grad=_patches_grad)


def _int_list(op_type, name, v):
    if not isinstance(v, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{op_type}' Op, not {v!r}.")
    return [int(i) for i in v]


def _padding(op_type, padding):
    return check_choice(op_type, "padding", padding, ("SAME", "VALID"))


def extract_image_patches(images: TensorLike, ksizes, strides, rates, padding: str,
                          name: str | None = None) -> Tensor:
    """The patches of `images` [b, rows, cols, d] as [b, out_rows, out_cols, kr * kc * d]."""
    attrs = {"ksizes": _int_list("ExtractImagePatches", "ksizes", ksizes),
             "strides": _int_list("ExtractImagePatches", "strides", strides),
             "rates": _int_list("ExtractImagePatches", "rates", rates),
             "padding": _padding("ExtractImagePatches", padding)}
    with _scope(name, "ExtractImagePatches", [images]) as scope:
        x = images if isinstance(images, Tensor) else to_tensor(images, name="images")
        check_dtype("ExtractImagePatches", x, REAL_NUMBERS, "images")
        return apply("ExtractImagePatches", [x], attrs, scope)


def extract_volume_patches(input: TensorLike, ksizes, strides, padding: str,  # noqa: A002
                           name: str | None = None) -> Tensor:
    """The 3-D patches of `input` [b, planes, rows, cols, d]."""
    attrs = {"ksizes": _int_list("ExtractVolumePatches", "ksizes", ksizes),
             "strides": _int_list("ExtractVolumePatches", "strides", strides),
             "padding": _padding("ExtractVolumePatches", padding)}
    with _scope(name, "ExtractVolumePatches", [input]) as scope:
        x = input if isinstance(input, Tensor) else to_tensor(input, name="input")
        check_dtype("ExtractVolumePatches", x, REAL_NUMBERS, "input")
        return apply("ExtractVolumePatches", [x], attrs, scope)


# -- Dilation2D and its backprops ----------------------------------------------------------------
def _dilation_geometry(in_hw, f_hw, attrs):
    s, r = attrs["strides"], attrs["rates"]
    return [out_size(in_hw[i], f_hw[i], s[i + 1], r[i + 1], attrs["padding"]) for i in (0, 1)]


def _dilation_check(op_type, x, f, attrs):
    for key in ("strides", "rates"):
        if len(attrs[key]) != 4:
            raise ValueError(f"{op_type} requires the {key} attribute to contain 4 values, but "
                             f"got: {len(attrs[key])}")
    xs, fs = x.shape.as_tuple(), f.shape.as_tuple()
    if xs is not None and len(xs) != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {len(xs)}")
    if fs is not None and len(fs) != 3:
        raise ValueError(f"Shape must be rank 3 but is rank {len(fs)}")
    if xs is not None and fs is not None and None not in (xs[3], fs[2]) and xs[3] != fs[2]:
        raise ValueError(f"Dimensions must be equal, but are {xs[3]} and {fs[2]}")
    return xs, fs


def _dilation_infer(inputs, attrs):
    x, f = inputs[:2]
    xs, fs = _dilation_check("Dilation2D", x, f, attrs)
    if xs is None or fs is None:
        return [(x.dtype.base_dtype, TensorShape([None] * 4))]
    geo = _dilation_geometry(xs[1:3], fs[:2], attrs)
    depth = xs[3] if xs[3] is not None else fs[2]
    return [(x.dtype.base_dtype, TensorShape([xs[0], geo[0][0], geo[1][0], depth]))]


def _dilation_argmax(x, f, strides, rates, padding):
    """(out, best_h, best_w, best_i, best_j): the max over taps of x + f, and where it is
    (the first maximal tap in row-major filter order, as TF's strict `>` scan)."""
    x, f = np.asarray(x), np.asarray(f)
    b, h, w, d = x.shape
    fh, fw, _ = f.shape
    sh, sw, rh, rw = strides[1], strides[2], rates[1], rates[2]
    (oh, pt, _), (ow, pl, _) = (out_size(h, fh, sh, rh, padding), out_size(w, fw, sw, rw,
                                                                          padding))
    low = np.finfo(x.dtype).min if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    out = np.full((b, oh, ow, d), low, dtype=x.dtype)
    best = np.zeros((4, b, oh, ow, d), dtype=np.int64)
    found = np.zeros((b, oh, ow, d), dtype=bool)
    ys = np.arange(oh) * sh - pt
    xs = np.arange(ow) * sw - pl
    for i in range(fh):
        hh = ys + i * rh
        for j in range(fw):
            ww = xs + j * rw
            ok = (hh >= 0)[:, None] & (hh < h)[:, None] & (ww >= 0)[None, :] & (ww < w)[None, :]
            if not ok.any():
                continue
            cand = x[:, np.clip(hh, 0, h - 1)][:, :, np.clip(ww, 0, w - 1)] + f[i, j]
            better = (cand > out) | ~found
            better &= ok[None, :, :, None]
            out = np.where(better, cand, out)
            found |= better
            for k, v in enumerate((hh, ww)):
                idx = v[:, None] if k == 0 else v[None, :]
                best[k] = np.where(better, np.broadcast_to(idx[None, :, :, None], better.shape),
                                   best[k])
            best[2] = np.where(better, i, best[2])
            best[3] = np.where(better, j, best[3])
    return out, best


def _dilation_kernel(input, filter, strides, rates, padding, **_):  # noqa: A002
    return _dilation_argmax(input, filter, strides, rates, padding)[0]


def _dilation_backprop_input_kernel(input, filter, out_backprop, strides, rates, padding,  # noqa: A002
                                    **_):
    x = np.asarray(input)
    _, best = _dilation_argmax(x, filter, strides, rates, padding)
    dy = np.asarray(out_backprop)
    grad = np.zeros_like(x)
    bi, _, _, di = np.indices(dy.shape)
    np.add.at(grad, (bi, best[0], best[1], di), dy)
    return grad


def _dilation_backprop_filter_kernel(input, filter, out_backprop, strides, rates, padding,  # noqa: A002
                                     **_):
    f = np.asarray(filter)
    _, best = _dilation_argmax(input, f, strides, rates, padding)
    dy = np.asarray(out_backprop)
    grad = np.zeros_like(f)
    _, _, _, di = np.indices(dy.shape)
    np.add.at(grad, (best[2], best[3], di), dy)
    return grad


def _dilation_grad(op, grad):
    """TF's _Dilation2DGrad: the gradient goes to the input and filter taps of each max."""
    x, f = op._inputs
    a = (op._get_attr("strides"), op._get_attr("rates"), op._get_attr("padding"))
    return [dilation2d_backprop_input(x, f, grad, *a), dilation2d_backprop_filter(x, f, grad, *a)]


def _backprop_infer_for(op_type, of_filter):
    def infer(inputs, attrs):
        x, f, dy = inputs
        _dilation_check(op_type, x, f, attrs)
        t = f if of_filter else x
        return [(t.dtype.base_dtype, t.shape)]
    return infer


register_op("Dilation2D", infer=_dilation_infer, kernel=_dilation_kernel, grad=_dilation_grad)
register_op("Dilation2DBackpropInput", infer=_backprop_infer_for("Dilation2DBackpropInput", False),
            kernel=_dilation_backprop_input_kernel, grad=no_gradient_registered)
register_op("Dilation2DBackpropFilter",
            infer=_backprop_infer_for("Dilation2DBackpropFilter", True),
            kernel=_dilation_backprop_filter_kernel, grad=no_gradient_registered)


def _dilation_attrs(op_type, strides, rates, padding):
    return {"strides": _int_list(op_type, "strides", strides),
            "rates": _int_list(op_type, "rates", rates), "padding": _padding(op_type, padding)}


def dilation2d(input: TensorLike, filter: TensorLike, strides, rates, padding: str,  # noqa: A002
               name: str | None = None) -> Tensor:
    """Grayscale dilation: out = max over taps of input + filter (op Dilation2D)."""
    attrs = _dilation_attrs("Dilation2D", strides, rates, padding)
    with _scope(name, "Dilation2D", [input, filter]) as scope:
        x, f = same_type_inputs("Dilation2D", [input, filter], ["input", "filter"],
                                allowed=REAL_NUMBERS)
        return apply("Dilation2D", [x, f], attrs, scope)


def _backprop(op_type, input, filter, out_backprop, strides, rates, padding, name):  # noqa: A002
    attrs = _dilation_attrs(op_type, strides, rates, padding)
    with _scope(name, op_type, [input, filter, out_backprop]) as scope:
        x, f, dy = same_type_inputs(op_type, [input, filter, out_backprop],
                                    ["input", "filter", "out_backprop"], allowed=REAL_NUMBERS)
        return apply(op_type, [x, f, dy], attrs, scope)


def dilation2d_backprop_input(input, filter, out_backprop, strides, rates, padding,  # noqa: A002
                              name=None) -> Tensor:
    """The gradient of Dilation2D with respect to its input."""
    return _backprop("Dilation2DBackpropInput", input, filter, out_backprop, strides, rates,
                     padding, name)


def dilation2d_backprop_filter(input, filter, out_backprop, strides, rates, padding,  # noqa: A002
                               name=None) -> Tensor:
    """The gradient of Dilation2D with respect to its filter."""
    return _backprop("Dilation2DBackpropFilter", input, filter, out_backprop, strides, rates,
                     padding, name)
