"""Image ops: resizing, colour adjustments, colour spaces, PNG/JPEG codecs (TF's image_ops).

Images are [batch, height, width, channels] for the resize ops and [..., 3] for
the colour ops. Kernels follow TF 1.14's CPU kernels step by step in float32
(the same scale, sampling positions, weights and order of arithmetic), so
results agree with TF's to the last bit or within float32 rounding.

Resizing is separable: every method maps an output row (column) to a few
input rows (columns) with weights. `_axis_*` give those maps; the gradient
kernels apply the transposed maps as dense [out, in] matrices.

PNG and JPEG go through Pillow, an optional dependency (`pip install
flowgrad[image]`), imported when an encode/decode op runs.
"""
from __future__ import annotations

import io

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.graph import Tensor
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, check_dtype, const_value, typed_input
from . import jpeg_fancy, png_writer
from ._array_util import no_dtype_kernel, refined_ints
from .joining import slice as _slice

_RESIZE_TYPES = (_dt.int8, _dt.uint8, _dt.int16, _dt.uint16, _dt.int32, _dt.int64, _dt.float16,
                 _dt.float32, _dt.float64, _dt.bfloat16)
_F32 = np.float32


def _no_gradient(op, *grads):
    """TF 1.14 registers no gradient for this op: tf.gradients raises its LookupError."""
    raise LookupError(f"No gradient defined for operation '{op.name}' (op type: {op.type})")


# -- sampling maps along one axis ------------------------------------------------------------
def _check_centers(align_corners, half_pixel):
    """TF's ImageResizerState check (forward and gradient kernels)."""
    if half_pixel and align_corners:
        raise errors.InvalidArgumentError(
            None, None, "If half_pixel_centers is True, align_corners must be False.")


def _scale(in_size, out_size, align_corners):
    """TF's CalculateResizeScale, in float32."""
    if align_corners and out_size > 1:
        return _F32(in_size - 1) / _F32(out_size - 1)
    return _F32(in_size) / _F32(out_size)


def _positions(out_size, scale, half_pixel, nn=False):
    """Input coordinates of the output samples (TF's Legacy/HalfPixel scalers)."""
    x = np.arange(out_size, dtype=_F32)
    if not half_pixel:
        return x * scale
    if nn:  # HalfPixelScalerForNN: no -0.5
        return (x + _F32(0.5)) * scale
    return (x + _F32(0.5)) * scale - _F32(0.5)


def _axis_linear(in_size, out_size, align_corners, half_pixel):
    """(lower, upper, lerp) per output index, as TF's compute_interpolation_weights."""
    _check_centers(align_corners, half_pixel)
    pos = _positions(out_size, _scale(in_size, out_size, align_corners), half_pixel)
    floor = np.floor(pos)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(pos).astype(np.int64), in_size - 1)
    return lower, upper, (pos - floor).astype(_F32)


def _axis_nearest(in_size, out_size, align_corners, half_pixel, check=True):
    if check:   # TF 1.14's ResizeNearestNeighborGrad takes both (no check)
        _check_centers(align_corners, half_pixel)
    pos = _positions(out_size, _scale(in_size, out_size, align_corners), half_pixel, nn=True)
    idx = np.floor(pos + _F32(0.5)) if align_corners else np.floor(pos)  # roundf: pos >= 0
    idx = np.minimum(idx.astype(np.int64), in_size - 1)
    return np.maximum(idx, 0) if half_pixel else idx


_TABLE_SIZE = 1024


def _cubic_table(a):
    """TF's coefficient table: x is a float, `a` a double, so each entry is computed in
    double and stored as float."""
    x = (np.arange(_TABLE_SIZE + 1, dtype=np.float64) / _TABLE_SIZE).astype(_F32)
    xd = x.astype(np.float64)
    t0 = ((a + 2) * xd - (a + 3)) * xd * xd + 1
    x1 = (x + _F32(1.0)).astype(np.float64)
    t1 = ((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a
    return t0.astype(_F32), t1.astype(_F32)


_CUBIC = {False: _cubic_table(-0.75), True: _cubic_table(-0.5)}


def _axis_cubic(in_size, out_size, align_corners, half_pixel):
    """(indices [4, out], weights [4, out]) as TF's GetWeightsAndIndices."""
    _check_centers(align_corners, half_pixel)
    pos = _positions(out_size, _scale(in_size, out_size, align_corners), half_pixel)
    loc = np.floor(pos).astype(np.int64)
    offset = np.rint((pos - loc.astype(_F32)) * _F32(_TABLE_SIZE)).astype(np.int64)
    t0, t1 = _CUBIC[half_pixel]
    raw = np.stack([loc - 1, loc, loc + 1, loc + 2])
    idx = np.clip(raw, 0, in_size - 1)
    w = np.stack([t1[offset], t0[offset], t0[_TABLE_SIZE - offset], t1[_TABLE_SIZE - offset]])
    if half_pixel:  # Keys cubic: samples outside the image get weight 0, renormalized
        w = np.where(idx == raw, w, _F32(0))
        total = w[0] + w[1] + w[2] + w[3]
        ok = np.abs(total) >= _F32(1000.0) * np.finfo(_F32).tiny
        w = np.where(ok, w * (_F32(1.0) / np.where(ok, total, _F32(1))), w)
    return idx, w.astype(_F32)


def _axis_area(in_size, out_size, align_corners):
    """Per output cell: first and end input cells and TF's weight for a cell v (its overlap)."""
    scale = _scale(in_size, out_size, align_corners)
    o = np.arange(out_size)
    in0 = o.astype(_F32) * scale
    in1 = (o + 1).astype(_F32) * scale
    start = np.floor(in0).astype(np.int64)
    end = np.ceil(in1).astype(np.int64)

    def weight(v):
        vf = v.astype(_F32)
        return np.where(vf < in0, np.where(vf + 1 > in1, scale, vf + 1 - in0),
                        np.where(vf + 1 > in1, in1 - vf, _F32(1))).astype(_F32)
    return start, end, weight, scale


# -- shape rules -----------------------------------------------------------------------------
def _size_dims(op_type, size):
    if size.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {size.shape.ndims}")
    n = size.shape.as_tuple()
    if n is not None and n[0] is not None and n[0] != 2:
        raise ValueError(f"Dimension must be 2 but is {n[0]}")
    v = const_value(size)
    if v is None:   # what TF's shape refiner evaluates (a Pack of constants, casts)
        v = refined_ints(size, partial=False)
    # TF's MakeDim: -1 is an unknown size
    return (None, None) if v is None else tuple(int(d) if d >= 0 else None
                                                for d in np.asarray(v).reshape(-1))


def _images_dims(op_type, images):
    dims = images.shape.as_tuple()
    if dims is None:
        return (None,) * 4
    if len(dims) != 4:
        raise ValueError(f"Shape must be rank 4 but is rank {len(dims)}")
    return dims


def _resize_infer(op_type, out_dtype=None):
    def infer(inputs, attrs):
        images, size = inputs
        check_dtype(op_type, images, _RESIZE_TYPES, "images")
        if size.dtype.base_dtype is not _dt.int32:
            raise TypeError(f"Input 'size' of '{op_type}' Op has type {size.dtype.name} that "
                            "does not match expected type of int32.")
        b, _, _, c = _images_dims(op_type, images)
        h, w = _size_dims(op_type, size)
        dtype = out_dtype or images.dtype.base_dtype
        return [(dtype, TensorShape([b, h, w, c]))]
    return infer


def _resize_grad_infer(inputs, attrs):
    grads, original = inputs
    b, h, w, c = _images_dims("ResizeGrad", original)
    return [(original.dtype.base_dtype, TensorShape([b, h, w, c]))]


def _out_size(size):
    h, w = (int(v) for v in np.asarray(size).reshape(-1))
    return h, w


# -- ResizeBilinear --------------------------------------------------------------------------
def _bilinear_kernel(images, size, align_corners=False, half_pixel_centers=False):
    x = np.asarray(images).astype(_F32, copy=False)
    _, in_h, in_w, _ = x.shape
    out_h, out_w = _out_size(size)
    ylo, yhi, yl = _axis_linear(in_h, out_h, align_corners, half_pixel_centers)
    xlo, xhi, xl = _axis_linear(in_w, out_w, align_corners, half_pixel_centers)
    top, bottom = x[:, ylo], x[:, yhi]
    xl = xl[None, None, :, None]
    tl, tr, bl, br = top[:, :, xlo], top[:, :, xhi], bottom[:, :, xlo], bottom[:, :, xhi]
    t = tl + (tr - tl) * xl
    bt = bl + (br - bl) * xl
    return (t + (bt - t) * yl[None, :, None, None]).astype(_F32, copy=False)


def _scatter_taps(g, out_hw, iy, wy, ix, wx, dtype, cast_first):
    """TF's resize-gradient loop: for b, y, x in raster order and each tap pair (i over the
    y taps, j over the x taps), out[b, iy[i, y], ix[j, x]] += g[b, y, x] * wy[i, y] * wx[j, x].

    np.add.at applies repeated indices in array order, so every output element sums its
    terms in TF's order. `cast_first`: TF converts g to the output type before multiplying
    (ResizeBicubicGrad) rather than after (ResizeBilinearGrad)."""
    b, _, _, c = g.shape
    gv = g.astype(dtype) if cast_first else g
    wy = wy.T[None, :, None, :, None, None]  # [1, h, 1, ky, 1, 1]
    wx = wx.T[None, None, :, None, :, None]  # [1, 1, w, 1, kx, 1]
    terms = (gv[:, :, :, None, None, :] * wy.astype(gv.dtype)) * wx.astype(gv.dtype)
    terms = terms.astype(dtype, copy=False)
    oh, ow = out_hw
    # flat output index of every term (1-D indices take np.add.at's fast path)
    flat = ((np.arange(b)[:, None, None, None, None, None] * oh +
             iy.T[None, :, None, :, None, None]) * ow +
            ix.T[None, None, :, None, :, None]) * c + np.arange(c)
    out = np.zeros(b * oh * ow * c, dtype)
    np.add.at(out, np.broadcast_to(flat, terms.shape).ravel(), terms.ravel())
    return out.reshape(b, oh, ow, c)


def _bilinear_grad_kernel(grads, original_image, align_corners=False, half_pixel_centers=False):
    g = np.asarray(grads).astype(_F32, copy=False)
    _, in_h, in_w, _ = np.shape(original_image)
    dtype = np.asarray(original_image).dtype
    ylo, yhi, yl = _axis_linear(in_h, g.shape[1], align_corners, half_pixel_centers)
    xlo, xhi, xl = _axis_linear(in_w, g.shape[2], align_corners, half_pixel_centers)
    one = _F32(1)
    return _scatter_taps(g, (in_h, in_w), np.stack([ylo, yhi]), np.stack([one - yl, yl]),
                         np.stack([xlo, xhi]), np.stack([one - xl, xl]), dtype, False)


def _resize_attrs(op):
    return {"align_corners": op._get_attr("align_corners"),
            "half_pixel_centers": op._get_attr("half_pixel_centers")}


def _bilinear_grad(op, grad):
    """ResizeBilinearGrad: the transposed interpolation, into the input's shape."""
    return [apply("ResizeBilinearGrad", [grad, op._inputs[0]], _resize_attrs(op)), None]


def _bilinear_grad_grad(op, grad):
    """ResizeBilinearGrad is linear in `grads`: its gradient is the forward resize.

    TF 1.14 registers none; flowgrad adds it so second-order gradients work.
    """
    out = resize_op("ResizeBilinear", grad, _static_or_dynamic_hw(op._inputs[0]),
                    _resize_attrs(op))
    if op._inputs[0].dtype.base_dtype is not _dt.float32:
        out = apply("Cast", [out], {"SrcT": _dt.float32, "DstT": op._inputs[0].dtype.base_dtype,
                                    "Truncate": False})
    return [out, None]


register_op("ResizeBilinear", infer=_resize_infer("ResizeBilinear", _dt.float32),
            kernel=_bilinear_kernel, grad=_bilinear_grad)
register_op("ResizeBilinearGrad", infer=_resize_grad_infer, kernel=_bilinear_grad_kernel,
            grad=_bilinear_grad_grad)


def _static_or_dynamic_hw(t):
    """An image's [height, width]: a list when static (converted by the op), else a Slice."""
    dims = t.shape.as_tuple()
    if dims is not None and dims[1] is not None and dims[2] is not None:
        return [int(dims[1]), int(dims[2])]
    shape = apply("Shape", [t], {"out_type": _dt.int32})
    return _slice(shape, [1], [2])


def resize_op(op_type: str, images, size, attrs: dict, name: str | None = None) -> Tensor:
    """Creates a resize op as TF's generated wrapper does: its `size` input is converted
    inside the op's name scope (so a constant size is named '<op>/size', a list holding
    tensors is packed as '<op>/size', vgg_preprocessing's [new_height, new_width])."""
    g = images.graph
    with g.as_default(), g.name_scope(name or op_type) as scope:
        size = typed_input(size, _dt.int32, op_type, "size")   # a list of tensors: a Pack
        return apply(op_type, [images, size], attrs, scope)


# -- ResizeNearestNeighbor -------------------------------------------------------------------
def _nearest_kernel(images, size, align_corners=False, half_pixel_centers=False):
    x = np.asarray(images)
    out_h, out_w = _out_size(size)
    iy = _axis_nearest(x.shape[1], out_h, align_corners, half_pixel_centers)
    ix = _axis_nearest(x.shape[2], out_w, align_corners, half_pixel_centers)
    return x[:, iy][:, :, ix]


def _nearest_grad_kernel(grads, size, align_corners=False, half_pixel_centers=False):
    g = np.asarray(grads)
    out_h, out_w = _out_size(size)
    iy = _axis_nearest(out_h, g.shape[1], align_corners, half_pixel_centers, check=False)
    ix = _axis_nearest(out_w, g.shape[2], align_corners, half_pixel_centers, check=False)
    out = np.zeros((g.shape[0], out_h, out_w, g.shape[3]), g.dtype)
    np.add.at(out, (slice(None), iy[:, None], ix[None, :]), g)
    return out


def _nearest_grad(op, grad):
    """ResizeNearestNeighborGrad: each input pixel sums the gradients of its copies."""
    return [resize_op("ResizeNearestNeighborGrad", grad, _static_or_dynamic_hw(op._inputs[0]),
                      _resize_attrs(op)), None]


def _nearest_grad_grad(op, grad):
    """ResizeNearestNeighborGrad is linear: its gradient is the forward gather.

    TF 1.14 registers none; flowgrad adds it so second-order gradients work.
    """
    return [resize_op("ResizeNearestNeighbor", grad, _static_or_dynamic_hw(op._inputs[0]),
                      _resize_attrs(op)), None]


def _nearest_grad_infer(inputs, attrs):
    grads, size = inputs
    b, _, _, c = _images_dims("ResizeNearestNeighborGrad", grads)
    h, w = _size_dims("ResizeNearestNeighborGrad", size)
    return [(grads.dtype.base_dtype, TensorShape([b, h, w, c]))]


register_op("ResizeNearestNeighbor", infer=_resize_infer("ResizeNearestNeighbor"),
            kernel=_nearest_kernel, grad=_nearest_grad)
register_op("ResizeNearestNeighborGrad", infer=_nearest_grad_infer, kernel=_nearest_grad_kernel,
            grad=_nearest_grad_grad)


# -- ResizeBicubic ---------------------------------------------------------------------------
def _bicubic_kernel(images, size, align_corners=False, half_pixel_centers=False):
    """TF interpolates along y first (its cached columns), then along x."""
    x = np.asarray(images).astype(_F32, copy=False)
    out_h, out_w = _out_size(size)
    iy, wy = _axis_cubic(x.shape[1], out_h, align_corners, half_pixel_centers)
    ix, wx = _axis_cubic(x.shape[2], out_w, align_corners, half_pixel_centers)
    wy = wy[:, None, :, None, None]
    rows = np.moveaxis(x[:, iy], 1, 0)  # [4, b, out_h, w, c]
    cols = rows[0] * wy[0] + rows[1] * wy[1] + rows[2] * wy[2] + rows[3] * wy[3]
    wx = wx[:, None, None, :, None]
    v = np.moveaxis(cols[:, :, ix], 2, 0)  # [4, b, out_h, out_w, c]
    return (v[0] * wx[0] + v[1] * wx[1] + v[2] * wx[2] + v[3] * wx[3]).astype(_F32, copy=False)


def _bicubic_grad_kernel(grads, original_image, align_corners=False, half_pixel_centers=False):
    g = np.asarray(grads).astype(_F32, copy=False)
    _, in_h, in_w, _ = np.shape(original_image)
    dtype = np.asarray(original_image).dtype
    iy, wy = _axis_cubic(in_h, g.shape[1], align_corners, half_pixel_centers)
    ix, wx = _axis_cubic(in_w, g.shape[2], align_corners, half_pixel_centers)
    return _scatter_taps(g, (in_h, in_w), iy, wy, ix, wx, dtype, True)


def _bicubic_grad(op, grad):
    """ResizeBicubicGrad: the transposed cubic interpolation."""
    return [apply("ResizeBicubicGrad", [grad, op._inputs[0]], _resize_attrs(op)), None]


def _bicubic_grad_grad(op, grad):
    """ResizeBicubicGrad is linear in `grads`: its gradient is the forward resize (flowgrad
    adds it; TF 1.14 registers none)."""
    out = resize_op("ResizeBicubic", grad, _static_or_dynamic_hw(op._inputs[0]),
                    _resize_attrs(op))
    if op._inputs[0].dtype.base_dtype is not _dt.float32:
        out = apply("Cast", [out], {"SrcT": _dt.float32, "DstT": op._inputs[0].dtype.base_dtype,
                                    "Truncate": False})
    return [out, None]


register_op("ResizeBicubic", infer=_resize_infer("ResizeBicubic", _dt.float32),
            kernel=_bicubic_kernel, grad=_bicubic_grad)
register_op("ResizeBicubicGrad", infer=_resize_grad_infer, kernel=_bicubic_grad_kernel,
            grad=_bicubic_grad_grad)


# -- ResizeArea ------------------------------------------------------------------------------
def _area_kernel(images, size, align_corners=False):
    """TF's ComputePatchSum: along x the first cell weighted, the middle ones added, the last
    weighted; those row sums weighted along y; times 1 / (scale_y * scale_x). Each step is a
    whole-array operation per cell offset, in TF's order (masked steps add an exact 0)."""
    x = np.asarray(images).astype(_F32, copy=False)
    _, in_h, in_w, _ = x.shape
    out_h, out_w = _out_size(size)
    xs, xe, xw, sx = _axis_area(in_w, out_w, align_corners)
    ys, ye, yw, sy = _axis_area(in_h, out_h, align_corners)
    zero = _F32(0)

    def col(v):
        return x[:, :, np.clip(v, 0, in_w - 1)]
    rows = col(xs) * xw(xs)[None, None, :, None]
    for k in range(1, int((xe - xs).max(initial=0)) - 1):
        v = xs + k
        rows = rows + np.where((v < xe - 1)[None, None, :, None], col(v), zero)
    last = (xs + 1 != xe)[None, None, :, None]
    rows = np.where(last, rows + col(xe - 1) * xw(xe - 1)[None, None, :, None], rows)
    total = np.zeros((x.shape[0], out_h, out_w, x.shape[3]), _F32)
    for k in range(int((ye - ys).max(initial=0))):
        v = ys + k
        term = rows[:, np.clip(v, 0, in_h - 1)] * yw(v)[None, :, None, None]
        total = total + np.where((v < ye)[None, :, None, None], term, zero)
    with np.errstate(divide="ignore"):
        scale = _F32(1.0 / np.float64(sy * sx))
    with np.errstate(invalid="ignore"):
        return (total * scale).astype(_F32, copy=False)


register_op("ResizeArea", infer=_resize_infer("ResizeArea", _dt.float32), kernel=_area_kernel,
            grad=_no_gradient)


# -- colour: AdjustContrastv2, AdjustSaturation, AdjustHue, RGBToHSV, HSVToRGB ----------------
_COLOR_TYPES = (_dt.float16, _dt.float32)


def _rgb_infer(op_type, types, arg="images"):
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, types, arg)
        dims = x.shape.as_tuple()
        if dims is not None and (len(dims) < 1 or dims[-1] not in (None, 3)):
            raise ValueError(f"Dimension must be 3 but is {dims[-1] if dims else 0}")
        for t in inputs[1:]:
            if t.shape.ndims not in (None, 0):
                raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
        return [(x.dtype.base_dtype, x.shape)]
    return infer


def _contrast_infer(inputs, attrs):
    x, factor = inputs
    check_dtype("AdjustContrastv2", x, _COLOR_TYPES, "images")
    if x.shape.ndims is not None and x.shape.ndims < 3:
        raise ValueError(f"Shape must be at least rank 3 but is rank {x.shape.ndims}")
    if factor.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {factor.shape.ndims}")
    return [(x.dtype.base_dtype, x.shape)]


def _fold_mean(x):
    """TF's ReduceMeanAcrossImage: each image's pixels are halved and added pairwise (the
    second half onto the first) until one pixel remains, then scaled by 1 / pixel count."""
    b, n, c = x.shape[0], x.shape[-3] * x.shape[-2], x.shape[-1]
    plane = x.reshape(b, n, c)
    acc = np.empty_like(plane)
    remaining, first = n, True
    while True:
        right = remaining // 2
        left = remaining - right
        if first:
            acc[:, :right] = plane[:, left:left + right] + plane[:, :right]
            if left > right:
                acc[:, right] = plane[:, right]
            first = False
        else:
            acc[:, :right] += acc[:, left:left + right]
        remaining = left
        if remaining <= 1:
            return acc[:, 0] * (_F32(1.0) / _F32(n))


def _check_image_args(x, **scalars):
    """The adjust kernels' first checks (AdjustContrastOpV2Base, AdjustHSVOpBase, ...): images
    of rank at least 3, then each named argument a scalar."""
    if x.ndim < 3:
        raise _invalid(f"input must be at least 3-D, got shape[{','.join(map(str, x.shape))}]")
    for name, t in scalars.items():
        if np.ndim(t):
            raise _invalid(f"{name} must be scalar: [{','.join(map(str, np.shape(t)))}]")


def _contrast_kernel(images, contrast_factor):
    """mean + factor * (x - mean) per image and channel, with TF's folded mean."""
    x = np.asarray(images)
    _check_image_args(x, contrast_factor=contrast_factor)
    if x.size == 0:         # TF computes nothing for an empty input
        return x.copy()
    f = x.astype(_F32, copy=False)
    lead = f.shape[:-3]
    flat = f.reshape((-1,) + f.shape[-3:])
    mean = _fold_mean(flat)[:, None, None, :]
    out = mean + _F32(contrast_factor) * (flat - mean)
    return out.reshape(lead + f.shape[-3:]).astype(x.dtype, copy=False)


register_op("AdjustContrastv2", infer=_contrast_infer, kernel=_contrast_kernel,
            grad=_no_gradient)


# AdjustContrast (v1, removed at GraphDef version 2): float output clipped to [min, max]
def _contrast_v1_infer(inputs, attrs):
    x = inputs[0]
    for t in inputs[1:]:
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    if x.shape.ndims is not None and x.shape.ndims < 3:
        raise ValueError(f"Shape must be at least rank 3 but is rank {x.shape.ndims}")
    if x.dtype.base_dtype is _dt.float32:
        # TF 1.14's float kernel returns zeros (rank 4) or crashes the process (rank 5)
        raise NotImplementedError("tf.raw_ops.AdjustContrast on float32 images: TF 1.14's "
                                  "kernel leaves its output undefined")
    return [(_dt.float32, x.shape)]


def _contrast_v1_kernel(images, contrast_factor, min_value, max_value):
    """TF's functor: the images cast to float, each channel's mean an Eigen reduction over
    height and width (summed column by column: width outer, height inner, in float), then
    (x - mean) * factor + mean, min(max_value) and max(min_value)."""
    x = np.asarray(images)
    _check_image_args(x, contrast_factor=contrast_factor, min_value=min_value,
                      max_value=max_value)
    f = x.astype(_F32)
    h, w, c = f.shape[-3:]
    flat = f.reshape((-1, h, w, c))
    if flat.size == 0:
        return f
    cols = np.swapaxes(flat, 1, 2).reshape(flat.shape[0], w * h, c)
    mean = (np.cumsum(cols, axis=1, dtype=_F32)[:, -1] / _F32(h * w))[:, None, None, :]
    out = (flat - mean) * _F32(contrast_factor) + mean
    out = np.maximum(np.minimum(out, _F32(max_value)), _F32(min_value))
    return out.reshape(f.shape)


_CONTRAST_V1_TYPES = ("DT_DOUBLE", "DT_FLOAT", "DT_INT32", "DT_INT16", "DT_INT8", "DT_UINT8")


def _contrast_v1_bind(node, ctx):
    """TF 1.14 registers CPU kernels for the types above only (int64, allowed by the op,
    fails when the graph runs)."""
    t = node.op._inputs[0].dtype.base_dtype
    if t not in (_dt.float64, _dt.float32, _dt.int32, _dt.int16, _dt.int8, _dt.uint8):
        err = no_dtype_kernel(node.op, "T", t, _CONTRAST_V1_TYPES)

        def fail(*_):
            raise err
        return fail
    return _contrast_v1_kernel


register_op("AdjustContrast", infer=_contrast_v1_infer, bind=_contrast_v1_bind,
            grad=no_gradient_registered)


def _hv_range(r, g, b):
    """TF's rgb_to_hv_range: hue in [0, 6) plus the min and max channel."""
    r_lt_g = r < g
    cat = np.where(r_lt_g, np.where(b < r, 1, np.where(b > g, 3, 2)),
                   np.where(b < g, 0, np.where(b > r, 4, 5)))
    vmax = np.choose(cat, [r, g, g, b, b, r])
    vmid = np.choose(cat, [g, r, b, g, r, b])
    vmin = np.choose(cat, [b, b, r, r, g, g])
    span = vmax - vmin
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (vmid - vmin) / span
    h = cat.astype(_F32) + np.where(cat % 2 == 0, ratio, _F32(1) - ratio)
    return np.where(vmax == vmin, _F32(0), h).astype(_F32), vmin, vmax


def _hv_range_to_rgb(h, vmin, vmax):
    cat = h.astype(np.int64)
    ratio = h - cat.astype(_F32)
    ratio = np.where(cat % 2 == 0, ratio, _F32(1) - ratio)
    vmid = vmin + ratio * (vmax - vmin)
    cat = np.clip(cat, 0, 5)
    r = np.choose(cat, [vmax, vmid, vmin, vmin, vmid, vmax])
    g = np.choose(cat, [vmid, vmax, vmax, vmid, vmin, vmin])
    b = np.choose(cat, [vmin, vmin, vmid, vmax, vmax, vmid])
    return r, g, b


def _hue_kernel(images, delta):
    x = np.asarray(images)
    f = x.astype(_F32, copy=False)
    h, vmin, vmax = _hv_range(f[..., 0], f[..., 1], f[..., 2])
    h = h + _F32(delta) * _F32(6)
    h = np.where(h < 0, h + _F32(6) * np.ceil(-h / _F32(6)), h)
    h = np.where(h >= 6, h - _F32(6) * np.floor(h / _F32(6)), h).astype(_F32)
    return np.stack(_hv_range_to_rgb(h, vmin, vmax), axis=-1).astype(x.dtype, copy=False)


def _rgb_to_hsv_f32(r, g, b):
    """The float rgb_to_hsv inside TF's AdjustSaturation kernel."""
    vv = np.maximum(r, np.maximum(g, b))
    rng = vv - np.minimum(r, np.minimum(g, b))
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(vv > 0, rng / vv, _F32(0))
        norm = _F32(1.0) / (_F32(6.0) * rng)
        # TF adds the double constants 2.0 / 6.0 and 4.0 / 6.0: the sum is rounded from double
        hh = np.where(r == vv, norm * (g - b),
                      np.where(g == vv, ((norm * (b - r)).astype(np.float64) + 2.0 / 6.0),
                               ((norm * (r - g)).astype(np.float64) + 4.0 / 6.0)).astype(_F32))
    hh = np.where(rng <= 0, _F32(0), hh)
    hh = np.where(hh < 0, hh + _F32(1), hh)
    return hh.astype(_F32), s.astype(_F32), vv


def _hsv_to_rgb_f32(h, s, v):
    c = s * v
    m = v - c
    dh = h * _F32(6)
    cat = dh.astype(np.int64)
    fmodu = np.mod(dh, _F32(2))
    fmodu = np.where(fmodu <= 0, fmodu + _F32(2), fmodu)  # TF's loops: (0, 2) not [0, 2)
    fmodu = np.where(fmodu >= 2, fmodu - _F32(2), fmodu)
    x = c * (_F32(1) - np.abs(fmodu - _F32(1)))
    z = np.zeros_like(c)
    out_of_range = (cat < 0) | (cat > 5)
    cat = np.clip(cat, 0, 5)
    r = np.where(out_of_range, z, np.choose(cat, [c, x, z, z, x, c]))
    g = np.where(out_of_range, z, np.choose(cat, [x, c, c, x, z, z]))
    b = np.where(out_of_range, z, np.choose(cat, [z, z, x, c, c, x]))
    return r + m, g + m, b + m


def _saturation_kernel(images, scale):
    x = np.asarray(images)
    f = x.astype(_F32, copy=False)
    h, s, v = _rgb_to_hsv_f32(f[..., 0], f[..., 1], f[..., 2])
    s = np.clip(s * _F32(scale), _F32(0), _F32(1))
    return np.stack(_hsv_to_rgb_f32(h, s, v), axis=-1).astype(x.dtype, copy=False)


def _hsv_adjust_infer(op_type):
    """TF's shape function for AdjustHue / AdjustSaturation: UnchangedShapeWithRankAtLeast(3);
    the channel count and the scalar delta / scale are the kernel's checks, at run time."""
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, _COLOR_TYPES, "images")
        if x.shape.ndims is not None and x.shape.ndims < 3:
            raise ValueError(f"Shape must be at least rank 3 but is rank {x.shape.ndims}")
        return [(x.dtype.base_dtype, x.shape)]
    return infer


def _hsv_adjust_kernel(adjust, arg):
    """AdjustHSVOpBase::Compute's checks (adjust_hue_op.cc, adjust_saturation_op.cc) before
    `adjust`: rank at least 3, a scalar `arg`, three channels."""
    def kernel(images, value):
        x = np.asarray(images)
        _check_image_args(x, **{arg: value})
        if x.shape[-1] != 3:
            raise _invalid(f"input must have 3 channels but instead has {x.shape[-1]} channels.")
        return adjust(x, value)
    return kernel


register_op("AdjustHue", infer=_hsv_adjust_infer("AdjustHue"),
            kernel=_hsv_adjust_kernel(_hue_kernel, "delta"), grad=_no_gradient)
register_op("AdjustSaturation", infer=_hsv_adjust_infer("AdjustSaturation"),
            kernel=_hsv_adjust_kernel(_saturation_kernel, "scale"), grad=_no_gradient)

_HSV_TYPES = (_dt.float16, _dt.float32, _dt.float64)


def _check_hsv_channels(x):
    """RGBToHSVOp / HSVToRGBOp's checks (colorspace_op.cc): rank at least 1, three channels
    (a FailedPrecondition)."""
    if x.ndim < 1:
        raise _invalid("input must be at least 1D[]")
    if x.shape[-1] != 3:
        raise errors.FailedPreconditionError(
            None, None, f"input must have 3 channels but input only has {x.shape[-1]} channels.")


def _rgb_to_hsv_kernel(images):
    x = np.asarray(images)
    _check_hsv_channels(x)
    t = x.dtype.type
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = np.maximum(np.maximum(r, g), b)
    rng = v - np.minimum(np.minimum(r, g), b)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(v > 0, rng / v, t(0))
        norm = (t(1) / rng) * (t(1) / t(6))
        h = np.where(r == v, norm * (g - b),
                     np.where(g == v, norm * (b - r) + t(2) / t(6), norm * (r - g) + t(4) / t(6)))
    h = np.where(rng > 0, h, t(0))
    h = np.where(h < 0, h + t(1), h)
    return np.stack([h, s, v], axis=-1).astype(x.dtype, copy=False)


def _hsv_to_rgb_kernel(images):
    x = np.asarray(images)
    _check_hsv_channels(x)
    t = x.dtype.type
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = h * t(6)
    dr = np.clip(np.abs(dh - t(3)) - t(1), t(0), t(1))
    dg = np.clip(-np.abs(dh - t(2)) + t(2), t(0), t(1))
    db = np.clip(-np.abs(dh - t(4)) + t(2), t(0), t(1))
    one_s = -s + t(1)
    return np.stack([(one_s + s * dr) * v, (one_s + s * dg) * v, (one_s + s * db) * v],
                    axis=-1).astype(x.dtype, copy=False)


register_op("RGBToHSV", infer=_rgb_infer("RGBToHSV", _HSV_TYPES), kernel=_rgb_to_hsv_kernel,
            grad=None)
register_op("HSVToRGB", infer=_rgb_infer("HSVToRGB", _HSV_TYPES), kernel=_hsv_to_rgb_kernel,
            grad=None)


# -- codecs (Pillow) -------------------------------------------------------------------------
def pillow():
    """PIL.Image, or ImportError naming the extra that installs it."""
    try:
        from PIL import Image  # lazy: optional dependency (the image extra)
    except ImportError:
        raise ImportError("PNG/JPEG encoding and decoding need Pillow: install the extra "
                          "`flowgrad[image]` (pip install 'flowgrad[image]')") from None
    return Image


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _as_bytes(contents):
    v = np.asarray(contents, dtype=object)
    if v.shape != ():
        raise _invalid(f"contents must be scalar, got shape {list(v.shape)}")
    v = v.item()
    return v.encode() if isinstance(v, str) else bytes(v)


_MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}


def _png_gray(rgba, channels):
    """libpng's png_set_rgb_to_gray(0.299, 0.587) in fixed point, as TF's DecodePng asks."""
    rgb = rgba[..., :3].astype(np.int64)
    gray = (9797 * rgb[..., 0] + 19234 * rgb[..., 1] + 3737 * rgb[..., 2]) >> 15  # truncates
    gray = gray.astype(np.uint8)[..., None]
    return gray if channels == 1 else np.concatenate([gray, rgba[..., 3:]], axis=-1)


def _to_array(img, channels, dtype):
    """Pillow image -> [h, w, c] array with TF's channel rules (0 keeps the file's)."""
    bits16 = img.mode in ("I;16", "I;16B", "I;16L", "I")
    if channels == 0:
        channels = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4, "P": 4 if "transparency" in img.info
                    else 3, "1": 1, "I;16": 1, "I;16B": 1, "I": 1, "CMYK": 3,
                    "YCbCr": 3}.get(img.mode, 3)
    if bits16 and channels == 1:
        a = np.asarray(img, dtype=np.int64).astype(np.uint16)
        a = a[..., None]
        if dtype == np.uint8:
            a = (a >> 8).astype(np.uint8)
        return a
    if channels in (1, 2) and img.mode in ("RGB", "RGBA", "P"):
        a = _png_gray(np.asarray(img.convert("RGBA")), channels)
    else:
        a = np.asarray(img.convert(_MODES[channels]))
    a = a.reshape(a.shape[0], a.shape[1], channels)
    if dtype == np.uint16:
        a = a.astype(np.uint16) * np.uint16(257)
    return a


def _gif_frames(data):
    """A GIF's frames [n, h, w, 3] (giflib's errors as TF words them)."""
    prefix = f"Invalid GIF data (size {len(data)}), failed to open gif file: "
    if not data.startswith(b"GIF"):   # giflib's D_GIF_ERR_NOT_GIF_FILE
        raise _invalid(prefix + "Data is not in GIF format")
    if len(data) < 13:                # D_GIF_ERR_NO_SCRN_DSCR
        raise _invalid(prefix + "No screen descriptor detected")
    image_mod = pillow()
    try:
        img = image_mod.open(io.BytesIO(data))
        frames = []
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            frames.append(np.asarray(img.convert("RGB")))
    except (OSError, ValueError, EOFError, SyntaxError, image_mod.DecompressionBombError) as e:
        raise _invalid(f"Failed to decode gif image: {e}") from None  # Pillow's reason
    return np.stack(frames)


# -- TF 1.14's DecodeImageOp: DecodeJpeg, DecodePng and DecodeGif tell the format by its
# magic bytes and decode any of the three (a PNG given to decode_jpeg decodes)
_MAGIC = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"))
_C_ESCAPES = {10: "\\n", 13: "\\r", 9: "\\t", 34: '\\"', 39: "\\'", 92: "\\\\"}


def _c_escape(data):
    """absl::CEscape: a few escapes, other unprintable bytes as three octal digits."""
    return "".join(_C_ESCAPES.get(b) or (chr(b) if 32 <= b < 127 else f"\\{b:03o}")
                   for b in data)


def _image_format(data):
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    what = f"unknown format starting with '{_c_escape(data[:16])}'" if data else "empty file"
    raise _invalid("Expected image (JPEG, PNG, or GIF), got " + what)


def _decoded_as(data, fmt, channels, dtype, gif_op=False):
    """`data` of format `fmt` decoded by a DecodeImageOp of another format (DecodeGif's
    channels are 3 and its result a batch of frames)."""
    if fmt != "PNG" and dtype != _dt.uint8:
        raise _invalid(f"{fmt} does not support uint16 output")
    if fmt == "PNG":
        out = _decode_png_kernel(data, channels, dtype)
    elif fmt == "JPEG":
        out = _decode_jpeg_kernel(data, channels)
    else:
        if channels not in (0, 3):
            raise _invalid(f"channels must be 0 or 3 for GIF, got {channels}")
        out = _gif_frames(data)
        if gif_op:
            return out
        if out.shape[0] != 1:
            raise _invalid(f"Got {out.shape[0]} frames, but animated gifs can only be decoded "
                           "by tf.image.decode_gif or tf.image.decode_image")
        return out[0]
    return out[None] if gif_op else out


def _decode_gif_kernel(contents):
    data = _as_bytes(contents)
    fmt = _image_format(data)
    if fmt != "GIF":
        return _decoded_as(data, fmt, 3, _dt.uint8, gif_op=True)
    return _gif_frames(data)


def _decode_png_kernel(contents, channels=0, dtype=_dt.uint8):
    data = _as_bytes(contents)
    fmt = _image_format(data)
    if fmt != "PNG":
        return _decoded_as(data, fmt, int(channels), dtype)
    image_mod = pillow()
    img = image_mod.open(io.BytesIO(data))
    raw = img.tile[0][3] if img.tile else ()
    raw = raw[0] if isinstance(raw, tuple) else raw
    if dtype == _dt.uint16 and img.mode in ("RGB", "RGBA", "LA") and ";16" in str(raw):
        raise errors.UnimplementedError(None, None, "DecodePng: 16-bit colour PNGs as uint16 "
                                        "(Pillow reads them as 8-bit)")
    img.load()
    return _to_array(img, int(channels), dtype.as_numpy_dtype)


def _jpeg_scale(img, ratio, fast, gray):
    """Asks Pillow's JPEG decoder for libjpeg's 1/ratio scaling, with `fast` its draft mode
    (JDCT_IFAST and plain chroma replication), with `gray` libjpeg's own grayscale output
    (the Y plane): what PIL's draft() does, with the exact scale TF asks for."""
    d, e, o, a = img.tile[0]
    if gray and a[0] == "RGB":
        img._mode = "L"
        a = ("L", "")
    if ratio != 1:
        e = (e[0], e[1], (e[2] - e[0] + ratio - 1) // ratio + e[0],
             (e[3] - e[1] + ratio - 1) // ratio + e[1])
        img._size = ((img.size[0] + ratio - 1) // ratio, (img.size[1] + ratio - 1) // ratio)
    tile = img.tile[0]
    img.tile = [tile._replace(extents=e, args=a) if hasattr(tile, "_replace") else (d, e, o, a)]
    img.decoderconfig = (ratio, 1 if fast else 0)


def _decode_jpeg_kernel(contents, channels=0, ratio=1, fancy_upscaling=True,
                        try_recover_truncated=False, acceptable_fraction=1.0, dct_method=""):
    """libjpeg through Pillow. Pillow's decoder runs JDCT_ISLOW with fancy upsampling, or
    (draft) JDCT_IFAST without it: TF's INTEGER_ACCURATE and its (INTEGER_FAST, no fancy
    upscaling) are exact. TF's default, INTEGER_FAST with fancy upscaling, is exact when no
    chroma needs upsampling (4:4:4, grayscale, ratio > 1) and on 4:2:2 / 4:2:0 chroma
    (jpeg_fancy finishes Pillow's draft decode); other samplings use the ISLOW decode,
    within a few levels of TF's."""
    if dct_method not in ("", "INTEGER_FAST", "INTEGER_ACCURATE"):
        raise _invalid("dct_method must be one of {'', 'INTEGER_FAST', 'INTEGER_ACCURATE'}")
    data = _as_bytes(contents)
    fmt = _image_format(data)
    if fmt != "JPEG":
        return _decoded_as(data, fmt, int(channels), _dt.uint8)
    image_mod = pillow()
    from PIL import JpegImagePlugin  # lazy: optional dependency (the image extra)
    img = image_mod.open(io.BytesIO(data))
    fast = dct_method != "INTEGER_ACCURATE"
    upsampled = ratio == 1 and channels != 1 and JpegImagePlugin.get_sampling(img) > 0
    if fast and fancy_upscaling and upsampled and jpeg_fancy.supported(img):
        return jpeg_fancy.decode(img)
    if fast and fancy_upscaling and upsampled:
        fast = False  # no IFAST + fancy in Pillow: the accurate decode is the nearest
    elif not fast and not fancy_upscaling and upsampled:
        raise errors.UnimplementedError(None, None, "DecodeJpeg: dct_method='INTEGER_ACCURATE'"
                                        " with fancy_upscaling=False on subsampled chroma "
                                        "(Pillow cannot combine them)")
    _jpeg_scale(img, int(ratio), fast, int(channels) == 1)
    img.load()
    return _to_array(img, int(channels), np.uint8)


def _decode_infer(op_type):
    def infer(inputs, attrs):
        c = inputs[0]
        if c.dtype.base_dtype is not _dt.string:
            raise TypeError(f"Input 'contents' of '{op_type}' Op has type {c.dtype.name} that "
                            "does not match expected type of string.")
        if c.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {c.shape.ndims}")
        ch = attrs.get("channels", 0) or None
        dtype = attrs.get("dtype", _dt.uint8)
        return [(dtype, TensorShape([None, None, ch]))]
    return infer


def _int32_at(data, offset):
    return int(np.frombuffer(data, "<i4", 1, offset)[0])


def _decode_bmp_kernel(contents, channels=0):
    """TF 1.14's own BMP reader (no Pillow): the header's pixel offset, width, height and
    the 32-bit word at the bit count; uncompressed 8/24/32-bit rows, bottom-up unless the
    height is negative, padded to 4 bytes; BGR(A) to RGB(A). Every size is checked against
    the data before any pixel is read."""
    if np.asarray(contents, dtype=object).shape != ():
        raise _invalid("contents must be scalar, got shape "
                       f"{list(np.asarray(contents, dtype=object).shape)}")
    data = _as_bytes(contents)
    if len(data) < 32:
        raise _invalid("Incomplete bmp content, requires at least 32 bytes to find the header "
                       f"size, width, height, and bpp, got {len(data)} bytes")
    header_size = _int32_at(data, 10)
    width = _int32_at(data, 18)
    height = _int32_at(data, 22)
    bpp = _int32_at(data, 28)
    depth = int(bpp / 8) if bpp >= 0 else -int(-bpp / 8)      # C's truncating division
    if channels:
        if channels != depth:
            raise _invalid(f"channels attribute {channels} does not match bits per pixel from "
                           f"file {depth}")
    else:
        channels = depth
    if channels not in (1, 3, 4):
        raise _invalid(f"Number of channels must be 1, 3 or 4, was {channels}")
    if width <= 0:
        raise _invalid("Width must be positive")
    if height == 0:
        raise _invalid("Height must be nonzero")
    if header_size < 0:
        raise _invalid("header size must be nonnegative")
    rows = abs(height)
    if width * rows >= (2 ** 31 - 1) // 8:
        raise _invalid("Total possible pixel bytes must be less than 2^30")
    row_size = (channels * width + 3) // 4 * 4
    expected = header_size + (rows - 1) * row_size + (width - 1) * channels + channels
    if expected > len(data):
        raise _invalid(f"Incomplete bmp content, requires at least {expected} bytes, got "
                       f"{len(data)} bytes")
    raw = np.frombuffer(data, np.uint8, len(data) - header_size, header_size)
    raw = np.concatenate([raw, np.zeros(rows * row_size - raw.size, np.uint8)]) \
        if raw.size < rows * row_size else raw[:rows * row_size]
    px = raw.reshape(rows, row_size)[:, :width * channels].reshape(rows, width, channels)
    if height > 0:
        px = px[::-1]
    if channels >= 3:
        px = np.concatenate([px[..., 2::-1], px[..., 3:]], axis=-1)
    return np.ascontiguousarray(px)


# -- JPEG header, crop, variable quality (Pillow) ---------------------------------------------
def _decode_image_kernel(contents, channels=0, dtype=_dt.uint8, expand_animations=True):
    """TF 1.14's decode_image graph: conds on the first bytes (JPEG's 3, PNG's 3, 'GIF')
    running DecodeJpeg, DecodePng or DecodeGif, else DecodeBmp (channels 0) after an
    Assert of its 'BM'; its Asserts' errors."""
    data = _as_bytes(contents)
    if data.startswith(b"\xff\xd8\xff"):
        a = _decode_jpeg_kernel(data, channels)
    elif data.startswith(b"\x89PN"):
        a = _decode_png_kernel(data, channels, _dt.uint8 if dtype == _dt.uint8 else _dt.uint16)
    elif data.startswith(b"GIF"):
        if channels in (1, 4):
            raise _invalid("assertion failed: [Channels must be in (None, 0, 3) when decoding "
                           "GIF images]")
        a = _decode_gif_kernel(data)
        if not expand_animations:
            a = a[0]
    elif not data.startswith(b"BM"):
        raise _invalid("assertion failed: [Unable to decode bytes as JPEG, PNG, GIF, or BMP]")
    elif channels == 1:
        raise _invalid("assertion failed: [Channels must be in (None, 0, 3) when decoding BMP "
                       "images]")
    else:
        a = _decode_bmp_kernel(data)
    return _convert_uint8(a, dtype)


def _convert_uint8(a, dtype):
    """convert_image_dtype from uint8/uint16 to `dtype` (what decode_image does after decoding)."""
    src = _dt.as_dtype(a.dtype)
    if dtype == src:
        return a
    out = dtype.as_numpy_dtype
    if dtype.is_floating:
        return a.astype(out) * out(1.0 / src.max)
    if dtype.max < src.max:
        return (a // ((src.max + 1) // (dtype.max + 1))).astype(out)
    return a.astype(out) * out((dtype.max + 1) // (src.max + 1))


def _decode_image_infer(inputs, attrs):
    # TF 1.14's decode_image is a cond over the formats: without animations its BMP
    # branch (decode_bmp without channels) leaves every dim unknown
    shape = TensorShape(None) if attrs.get("expand_animations", True) else \
        TensorShape([None, None, None])
    return [(attrs.get("dtype", _dt.uint8), shape)]


register_op("DecodePng", infer=_decode_infer("DecodePng"), kernel=_decode_png_kernel, grad=None)
register_op("DecodeJpeg", infer=_decode_infer("DecodeJpeg"), kernel=_decode_jpeg_kernel,
            grad=None)
register_op("DecodeImage", infer=_decode_image_infer, kernel=_decode_image_kernel, grad=None)


def _encode_infer(op_type, types):
    def infer(inputs, attrs):
        x = inputs[0]
        check_dtype(op_type, x, types, "image")
        if x.shape.ndims not in (None, 3):
            raise ValueError(f"Shape must be rank 3 but is rank {x.shape.ndims}")
        return [(_dt.string, TensorShape([]))]
    return infer


def _encode_png_kernel(image, compression=-1):
    a = np.asarray(image)
    c = a.shape[-1]
    if c not in _MODES:
        raise _invalid(f"image must have 1, 2, 3, or 4 channels, got {c}")
    if not -1 <= compression <= 9:
        raise _invalid(f"compression should be in [-1,9], got {compression}")
    return np.array(png_writer.encode_png(a, int(compression)), dtype=object)


def _encode_jpeg_kernel(image, format="", quality=95, progressive=False,  # noqa: A002
                        optimize_size=False, chroma_downsampling=True, density_unit="in",
                        x_density=300, y_density=300, xmp_metadata=""):
    a = np.asarray(image)
    c = a.shape[-1]
    if format == "grayscale":
        c = 1
    elif format == "rgb":
        c = 3
    if c not in (1, 3) or (format == "" and a.shape[-1] not in (1, 3)):
        raise _invalid(f"image must have 1 or 3 channels, got {a.shape}")
    image_mod = pillow()
    img = image_mod.fromarray(a[..., 0] if c == 1 else a, _MODES[c])
    buf = io.BytesIO()
    kw = {"quality": int(quality), "progressive": bool(progressive),
          "optimize": bool(optimize_size), "subsampling": 2 if chroma_downsampling else 0}
    if density_unit == "in":
        kw["dpi"] = (int(x_density), int(y_density))
    img.save(buf, "JPEG", **kw)
    return np.array(buf.getvalue(), dtype=object)


register_op("EncodePng", infer=_encode_infer("EncodePng", (_dt.uint8, _dt.uint16)),
            kernel=_encode_png_kernel, grad=None)
register_op("EncodeJpeg", infer=_encode_infer("EncodeJpeg", (_dt.uint8,)),
            kernel=_encode_jpeg_kernel, grad=None)


def image_op(op_type: str, inputs: list, attrs: dict | None = None,
             name: str | None = None) -> Tensor:
    """Creates one of the ops above (the surface module builds the TF functions on it)."""
    return apply(op_type, inputs, attrs, name)
