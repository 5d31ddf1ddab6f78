"""tf.contrib.resampler: op Resampler (bilinear sampling of [batch, h, w, c] data at (x, y)
warp points, the data padded with zeros so the samples fade out across the border; 0 beyond
it) and its gradient op ResamplerGrad, with TF 1.14's kernels' arithmetic order
(contrib/resampler/kernels/resampler_ops.cc)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import image_boxes as _boxes

__all__ = ["resampler"]

_DTYPES = (_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64)


def _check(data, warp):
    if data.ndim != 4:
        raise errors.UnimplementedError(
            None, None, "Only bilinear interpolation is currently supported. The input data "
            "shape must be [batch_size, data_height, data_width, data_channels], but is: " +
            _boxes._shape_str(data))
    if warp.shape[-1] != 2:
        raise errors.UnimplementedError(
            None, None, "Only bilinear interpolation is supported, warping coordinates must be "
            "2D; warp shape last entry should be 2, but shape vector is: " +
            _boxes._shape_str(warp))
    if data.shape[0] != warp.shape[0]:
        raise errors.InvalidArgumentError(
            None, None, "Batch size of data and warp tensor must be the same, but input shapes "
            "are: " + _boxes._shape_str(data) + ", " + _boxes._shape_str(warp))


def _corners(data, warp):
    """Per batch and sample: whether it is sampled, the four corners' (x, y), dx, dy."""
    _, h, w, _ = data.shape
    x, y = warp[..., 0], warp[..., 1]
    t = data.dtype.type
    inside = (x > t(-1)) & (y > t(-1)) & (x < t(w)) & (y < t(h))
    fx = np.floor(np.where(inside, x, 0).astype(np.float32)).astype(np.int64)
    fy = np.floor(np.where(inside, y, 0).astype(np.float32)).astype(np.int64)
    cx, cy = fx + 1, fy + 1
    dx = (cx.astype(data.dtype) - x).astype(data.dtype)
    dy = (cy.astype(data.dtype) - y).astype(data.dtype)
    return inside, fx, fy, cx, cy, dx, dy


def _point(data, b, xx, yy):
    """data[b, y, x, :] where (x, y) is in range, else 0: [..., channels]."""
    _, h, w, c = data.shape
    ok = (xx >= 0) & (yy >= 0) & (xx <= w - 1) & (yy <= h - 1)
    out = np.zeros(xx.shape + (c,), data.dtype)
    out[ok] = data[b[ok], yy[ok], xx[ok]]
    return out, ok


def _batch_index(warp):
    return np.broadcast_to(np.arange(warp.shape[0]).reshape((-1,) + (1,) * (warp.ndim - 2)),
                           warp.shape[:-1])


def _resampler_kernel(data, warp, T=None):
    data, warp = np.asarray(data), np.asarray(warp)
    _check(data, warp)
    one = data.dtype.type(1)
    inside, fx, fy, cx, cy, dx, dy = _corners(data, warp)
    b = _batch_index(warp)
    dx, dy = dx[..., None], dy[..., None]
    img_fxfy = dx * dy * _point(data, b, fx, fy)[0]
    img_cxcy = (one - dx) * (one - dy) * _point(data, b, cx, cy)[0]
    img_fxcy = dx * (one - dy) * _point(data, b, fx, cy)[0]
    img_cxfy = (one - dx) * dy * _point(data, b, cx, fy)[0]
    out = ((img_fxfy + img_cxcy) + img_fxcy) + img_cxfy
    out[~inside] = 0
    return out.astype(data.dtype)


def _resampler_grad_kernel(data, warp, grad_output, T=None):
    data, warp = np.asarray(data), np.asarray(warp)
    grad = np.asarray(grad_output)
    _check(data, warp)
    one = data.dtype.type(1)
    inside, fx, fy, cx, cy, dx, dy = _corners(data, warp)
    b = _batch_index(warp)
    grad_data = np.zeros_like(data)
    grad_warp = np.zeros_like(warp)
    c = data.shape[-1]
    corners = [(fx, fy), (cx, cy), (fx, cy), (cx, fy)]
    vals = [_point(data, b, xx, yy) for xx, yy in corners]
    dx_, dy_ = dx[..., None], dy[..., None]
    g = grad
    gw0 = g * ((one - dy_) * (vals[1][0] - vals[2][0]) + dy_ * (vals[3][0] - vals[0][0]))
    gw1 = g * ((one - dx_) * (vals[1][0] - vals[3][0]) + dx_ * (vals[2][0] - vals[0][0]))
    # TF multiplies left to right: grad_output_value * dx * dy, ... (not g * (dx * dy))
    weights = [(dx_, dy_), (one - dx_, one - dy_), (dx_, one - dy_), (one - dx_, dy_)]
    # TF's loop order: samples, then channels; per channel the warp entries, then the four
    # corners fxfy, cxcy, fxcy, cxfy (sequential float accumulation)
    for chan in range(c):
        grad_warp[..., 0] += np.where(inside, gw0[..., chan], 0).astype(data.dtype)
        grad_warp[..., 1] += np.where(inside, gw1[..., chan], 0).astype(data.dtype)
    idx_sets, upd = [], []
    for (xx, yy), (_, ok), wgt in zip(corners, vals, weights):
        sel = inside & ok
        idx_sets.append((b, yy, xx, sel))
        upd.append((g * wgt[0] * wgt[1]).astype(data.dtype))
    # flatten to TF's order: sample-major, then channel, then corner
    flat_b, flat_y, flat_x, flat_c, flat_v = [], [], [], [], []
    for k, (bb, yy, xx, sel) in enumerate(idx_sets):
        m = np.broadcast_to(sel[..., None], sel.shape + (c,))
        order = np.arange(m.size).reshape(m.shape) * 4 + k
        flat_b.append((np.broadcast_to(bb[..., None], m.shape)[m], order[m]))
        flat_y.append(np.broadcast_to(yy[..., None], m.shape)[m])
        flat_x.append(np.broadcast_to(xx[..., None], m.shape)[m])
        flat_c.append(np.broadcast_to(np.arange(c), m.shape)[m])
        flat_v.append(upd[k][m])
    if flat_v:
        keys = np.concatenate([o for _, o in flat_b])
        perm = np.argsort(keys, kind="stable")
        bi = np.concatenate([bb for bb, _ in flat_b])[perm]
        yi, xi, ci = (np.concatenate(a)[perm] for a in (flat_y, flat_x, flat_c))
        vi = np.concatenate(flat_v)[perm]
        np.add.at(grad_data, (bi, yi, xi, ci), vi)
    return grad_data, grad_warp


def _infer(inputs, attrs):
    data, warp = inputs[0], inputs[1]
    _boxes.check_dtype("Resampler", data, _DTYPES, "T")
    if warp.dtype.base_dtype is not data.dtype.base_dtype:
        raise TypeError(f"Input 'warp' of 'Resampler' Op has type {warp.dtype.base_dtype.name} "
                        f"that does not match type {data.dtype.base_dtype.name} of argument "
                        "'data'.")
    ws, ds = warp.shape, data.shape
    if ws.ndims is None:
        return [(data.dtype.base_dtype, TensorShape(None))]
    channels = ds.as_list()[-1] if ds.ndims else None
    return [(data.dtype.base_dtype, TensorShape(ws.as_list()[:-1] + [channels]))]


def _grad_infer(inputs, attrs):
    data, warp = inputs[0], inputs[1]
    return [(data.dtype.base_dtype, data.shape), (warp.dtype.base_dtype, warp.shape)]


def _resampler_grad(op, grad_output):
    data, warp = op.inputs
    grad_output = convert_to_tensor(grad_output, name="grad_output")
    grad_data, grad_warp = _boxes.gen_op("ResamplerGrad", [(data, "data"), (warp, "warp"),
                                                          (grad_output, "grad_output")],
                                         {"T": data.dtype.base_dtype})
    return [grad_data, grad_warp]


register_op("Resampler", infer=_infer, kernel=_resampler_kernel, grad=_resampler_grad)
register_op("ResamplerGrad", infer=_grad_infer, kernel=_resampler_grad_kernel, grad=None)


def resampler(data, warp, name="resampler"):
    """Samples `data` [batch, h, w, c] bilinearly at the (x, y) points of `warp`
    [batch, ..., 2]: [batch, ..., c]; 0 outside (-1, w) x (-1, h), zero-padded borders."""
    with name_scope(name, "resampler", [data, warp]):
        data_tensor = convert_to_tensor(data, name="data")
        warp_tensor = convert_to_tensor(warp, name="warp")
        return _boxes.gen_op("Resampler", [(data_tensor, "data"), (warp_tensor, "warp")],
                             {"T": data_tensor.dtype.base_dtype})
