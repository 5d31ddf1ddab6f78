"""TF 1.14's FusedPadConv2D and FusedResizeAndPadConv2D (what optimize_for_inference's
fuse_resize_and_conv writes for MirrorPad / ResizeBilinear before a Conv2D): the
bilinear resize (align_corners from `resize_align_corners`, no half-pixel centers), the
mirror padding, then the NHWC convolution, each by flowgrad's kernel of that op (every
output image is the first input image's, as TF 1.14's kernels give); shapes as TF's
CommonFusedConvCalculations."""
from __future__ import annotations

import numpy as np

from ..framework.registry import no_gradient_registered, register_op
from .convolution import _conv2d_infer, _conv2d_kernel
from .image import _bilinear_kernel, _resize_infer
from .joining import _mirror_pad_infer, _mirror_pad_kernel


class _Shaped:
    """What a shape rule reads of an intermediate tensor: its dtype and static shape."""
    __slots__ = ("dtype", "shape")

    def __init__(self, dtype, shape):
        self.dtype, self.shape = dtype, shape


def _conv_attrs(attrs):
    return {"strides": attrs["strides"], "padding": attrs["padding"], "data_format": "NHWC"}


def _fused_infer(has_resize):
    def infer(inputs, attrs):
        x = inputs[0]
        if has_resize:
            (_, shape), = _resize_infer("FusedResizeAndPadConv2D")(inputs[:2], {})
            x = _Shaped(x.dtype, shape)
        paddings, f = inputs[-2:]
        (_, padded), = _mirror_pad_infer([x, paddings], {"mode": attrs["mode"]})
        return _conv2d_infer([_Shaped(x.dtype, padded), f], _conv_attrs(attrs))
    return infer


def _first_image_for_all(out, batch):
    """TF 1.14's fused kernels (conv_ops_fused.cc) compute every output image from the
    batch's first input image: the result of image 0, `batch` times (what TF answers)."""
    return np.repeat(out[:1], batch, axis=0)


def _pad_conv(x, paddings, f, mode, strides, padding):
    return _conv2d_kernel(_mirror_pad_kernel(x, paddings, mode), f, strides, padding, "NHWC")


def _fused_pad_conv_kernel(x, paddings, f, mode, strides, padding, **_):
    x = np.asarray(x)
    return _first_image_for_all(_pad_conv(x, paddings, f, mode, strides, padding), len(x))


def _fused_resize_pad_conv_kernel(x, size, paddings, f, mode, strides, padding,
                                  resize_align_corners=False, **_):
    x = np.asarray(x)
    resized = _bilinear_kernel(x, size, align_corners=resize_align_corners)
    out = _pad_conv(np.asarray(resized).astype(x.dtype, copy=False), paddings, f, mode,
                    strides, padding)
    return _first_image_for_all(out, len(x))


# (TF 1.14 registers no gradients: tf.gradients through them is TF's LookupError)
register_op("FusedPadConv2D", infer=_fused_infer(False), kernel=_fused_pad_conv_kernel,
            grad=no_gradient_registered)
register_op("FusedResizeAndPadConv2D", infer=_fused_infer(True),
            kernel=_fused_resize_pad_conv_kernel, grad=no_gradient_registered)
