"""tf.image's dtype conversion and image-quality functions (TF 1.14): convert_image_dtype,
total_variation, PSNR, SSIM, MS-SSIM, image_gradients, sobel_edges and the YIQ/YUV colour
matrices, each building the ops TF 1.14's image_ops_impl.py builds, with the same names."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.ops._base import const_value, convert_to_tensor
from ..engine.ops.construction import range as _range
from ..engine.ops.pooling import avg_pool
from . import array_ops, control_flow_ops, math_ops, nn_ops
from .comparison_ops import equal, greater_equal, not_equal
from .conv_ops import depthwise_conv2d
from .linalg_ops import tensordot
from .logging_ops import Assert

__all__ = [
    "convert_image_dtype", "total_variation", "rgb_to_yiq", "yiq_to_rgb", "rgb_to_yuv",
    "yuv_to_rgb", "psnr", "ssim", "ssim_multiscale", "image_gradients", "sobel_edges",
]


def _saturate_cast(value, dtype, name=None):
    with name_scope(name, "saturate_cast", [value]) as name:
        value = convert_to_tensor(value, name="value")
        dtype = _dt.as_dtype(dtype).base_dtype
        if value.dtype.min < dtype.min:
            value = math_ops.maximum(value, convert_to_tensor(dtype.min, dtype=value.dtype,
                                                              name="min"))
        if value.dtype.max > dtype.max:
            value = math_ops.minimum(value, convert_to_tensor(dtype.max, dtype=value.dtype,
                                                              name="max"))
        return math_ops.cast(value, dtype, name=name)


def convert_image_dtype(image, dtype, saturate: bool = False, name: str | None = None) -> Tensor:
    """Converts between image dtypes, rescaling: floats are in [0, 1), integers in [0, MAX].

    >>> tf.Session().run(tf.image.convert_image_dtype(tf.constant([0, 255], tf.uint8),
    ...                                               tf.float32))
    array([0., 1.], dtype=float32)
    """
    image = convert_to_tensor(image, name="image")
    dtype = _dt.as_dtype(dtype)
    if dtype == image.dtype:
        return array_ops.identity(image, name=name)
    src = image.dtype
    with name_scope(name, "convert_image", [image]) as name:
        if src.is_integer and dtype.is_integer:
            if src.max > dtype.max:
                scaled = math_ops.div(image, (src.max + 1) // (dtype.max + 1))
                if saturate:
                    return _saturate_cast(scaled, dtype, name=name)
                return math_ops.cast(scaled, dtype, name=name)
            cast = _saturate_cast(image, dtype) if saturate else math_ops.cast(image, dtype)
            return math_ops.multiply(cast, (dtype.max + 1) // (src.max + 1), name=name)
        if src.is_floating and dtype.is_floating:
            return math_ops.cast(image, dtype, name=name)
        if src.is_integer:
            cast = math_ops.cast(image, dtype)
            return math_ops.multiply(cast, 1. / src.max, name=name)
        scaled = math_ops.multiply(image, dtype.max + 0.5)
        if saturate:
            return _saturate_cast(scaled, dtype, name=name)
        return math_ops.cast(scaled, dtype, name=name)


# -- total variation, colour matrices -----------------------------------------------------------
def total_variation(images, name=None):
    """Sum of absolute differences of neighbouring pixels, per image (a scalar for 3-D)."""
    with name_scope(name, "total_variation"):
        ndims = images.get_shape().ndims
        if ndims == 3:
            dif1 = images[1:, :, :] - images[:-1, :, :]
            dif2 = images[:, 1:, :] - images[:, :-1, :]
            axis = None
        elif ndims == 4:
            dif1 = images[:, 1:, :, :] - images[:, :-1, :, :]
            dif2 = images[:, :, 1:, :] - images[:, :, :-1, :]
            axis = [1, 2, 3]
        else:
            raise ValueError("'images' must be either 3 or 4-dimensional.")
        return (math_ops.reduce_sum(math_ops.abs(dif1), axis=axis) +
                math_ops.reduce_sum(math_ops.abs(dif2), axis=axis))


_RGB_TO_YIQ = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617],
               [0.114, -0.32134392, 0.31119955]]
_YIQ_TO_RGB = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021],
               [0.6208248, -0.64720424, 1.70423049]]
_RGB_TO_YUV = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
               [0.114, 0.43601035, -0.10001026]]
_YUV_TO_RGB = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]


def _colour_matrix(images, kernel):
    images = convert_to_tensor(images, name="images")
    kernel = convert_to_tensor(kernel, dtype=images.dtype, name="kernel")
    ndims = images.get_shape().ndims
    return tensordot(images, kernel, axes=[[ndims - 1], [0]])


def rgb_to_yiq(images):
    """RGB to YIQ (a matrix product over the last axis)."""
    return _colour_matrix(images, _RGB_TO_YIQ)


def yiq_to_rgb(images):
    """YIQ to RGB (a matrix product over the last axis)."""
    return _colour_matrix(images, _YIQ_TO_RGB)


def rgb_to_yuv(images):
    """RGB to YUV (a matrix product over the last axis)."""
    return _colour_matrix(images, _RGB_TO_YUV)


def yuv_to_rgb(images):
    """YUV to RGB (a matrix product over the last axis)."""
    return _colour_matrix(images, _YUV_TO_RGB)


# -- PSNR, SSIM, MS-SSIM ------------------------------------------------------------------------
def _verify_compatible_image_shapes(img1, img2):
    shape1 = img1.get_shape().with_rank_at_least(3)
    shape2 = img2.get_shape().with_rank_at_least(3)
    shape1[-3:].assert_is_compatible_with(shape2[-3:])
    if shape1.ndims is not None and shape2.ndims is not None:
        for d1, d2 in zip(reversed(shape1.dims[:-3]), reversed(shape2.dims[:-3])):
            if not (d1 == 1 or d2 == 1 or d1.is_compatible_with(d2)):
                raise ValueError(f"Two images are not compatible: {shape1} and {shape2}")
    shape1, shape2 = array_ops.shape_n([img1, img2])
    checks = [Assert(greater_equal(array_ops.size(shape1), 3), [shape1, shape2],
                     summarize=10),
              Assert(math_ops.reduce_all(equal(shape1[-3:], shape2[-3:])), [shape1, shape2],
                     summarize=10)]
    return shape1, shape2, checks


def psnr(a, b, max_val, name=None):
    """Peak signal-to-noise ratio per image, in dB, over the last three axes."""
    with name_scope(name, "PSNR", [a, b]):
        max_val = math_ops.cast(max_val, a.dtype)
        max_val = convert_image_dtype(max_val, _dt.float32)
        a = convert_image_dtype(a, _dt.float32)
        b = convert_image_dtype(b, _dt.float32)
        mse = math_ops.reduce_mean(math_ops.squared_difference(a, b), [-3, -2, -1])
        value = math_ops.subtract(20 * math_ops.log(max_val) / math_ops.log(10.0),
                                  np.float32(10 / np.log(10)) * math_ops.log(mse), name="psnr")
        _, _, checks = _verify_compatible_image_shapes(a, b)
        with get_default_graph().control_dependencies(checks):
            return array_ops.identity(value)


def _ssim_helper(x, y, reducer, max_val, compensation=1.0, k1=0.01, k2=0.03):
    c1 = (k1 * max_val) ** 2
    c2 = (k2 * max_val) ** 2
    mean0 = reducer(x)
    mean1 = reducer(y)
    num0 = mean0 * mean1 * 2.0
    den0 = math_ops.square(mean0) + math_ops.square(mean1)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = reducer(x * y) * 2.0
    den1 = reducer(math_ops.square(x) + math_ops.square(y))
    c2 *= compensation
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    return luminance, cs


def _static(t, dims):
    """The static shape TF's shape inference finds by evaluating the constant parts of the
    shape arguments (flowgrad's does not fold StridedSlice/ConcatV2 of constants)."""
    t.set_shape(dims)


def _fspecial_gauss(size, sigma):
    size = convert_to_tensor(size, _dt.int32)
    sigma = convert_to_tensor(sigma)
    coords = math_ops.cast(_range(size), sigma.dtype)
    coords -= math_ops.cast(size - 1, sigma.dtype) / 2.0
    g = math_ops.square(coords)
    g *= -0.5 / math_ops.square(sigma)
    g = array_ops.reshape(g, shape=[1, -1]) + array_ops.reshape(g, shape=[-1, 1])
    g = array_ops.reshape(g, shape=[1, -1])
    g = nn_ops.softmax(g)
    return array_ops.reshape(g, shape=[size, size, 1, 1])


def _ssim_per_channel(img1, img2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01,
                      k2=0.03):
    filter_size = constant(filter_size, dtype=_dt.int32)
    filter_sigma = constant(filter_sigma, dtype=img1.dtype)
    shape1, shape2 = array_ops.shape_n([img1, img2])
    checks = [Assert(math_ops.reduce_all(greater_equal(shape1[-3:-1], filter_size)),
                     [shape1, filter_size], summarize=8),
              Assert(math_ops.reduce_all(greater_equal(shape2[-3:-1], filter_size)),
                     [shape2, filter_size], summarize=8)]
    with get_default_graph().control_dependencies(checks):
        img1 = array_ops.identity(img1)
    kernel = _fspecial_gauss(filter_size, filter_sigma)
    kernel = array_ops.tile(kernel, multiples=[1, 1, shape1[-1], 1])
    size = const_value(filter_size)
    _static(kernel, [int(size), int(size), None, 1])  # the channels come from ShapeN: unknown
    compensation = 1.0

    def reducer(x):
        shape = array_ops.shape(x)
        dims = x.shape.as_list() if x.shape.ndims is not None else None
        x = array_ops.reshape(x, shape=array_ops.concat([[-1], shape[-3:]], 0))
        if dims is not None:
            lead = None if None in dims[:-3] else int(np.prod(dims[:-3], dtype=np.int64))
            _static(x, [lead] + dims[-3:])
        y = depthwise_conv2d(x, kernel, strides=[1, 1, 1, 1], padding="VALID")
        out = array_ops.reshape(y, array_ops.concat([shape[:-3], array_ops.shape(y)[1:]], 0))
        if dims is not None:
            _static(out, dims[:-3] + y.shape.as_list()[1:])
        return out

    luminance, cs = _ssim_helper(img1, img2, reducer, max_val, compensation, k1, k2)
    axes = constant([-3, -2], dtype=_dt.int32)
    ssim_val = math_ops.reduce_mean(luminance * cs, axes)
    cs = math_ops.reduce_mean(cs, axes)
    return ssim_val, cs


def ssim(img1, img2, max_val, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03):
    """Structural similarity per image (a Gaussian window of filter_size and filter_sigma),
    averaged over channels."""
    _, _, checks = _verify_compatible_image_shapes(img1, img2)
    with get_default_graph().control_dependencies(checks):
        img1 = array_ops.identity(img1)
    max_val = math_ops.cast(max_val, img1.dtype)
    max_val = convert_image_dtype(max_val, _dt.float32)
    img1 = convert_image_dtype(img1, _dt.float32)
    img2 = convert_image_dtype(img2, _dt.float32)
    per_channel, _ = _ssim_per_channel(img1, img2, max_val, filter_size, filter_sigma, k1, k2)
    return math_ops.reduce_mean(per_channel, [-1])


_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def ssim_multiscale(img1, img2, max_val, power_factors=_MSSSIM_WEIGHTS, filter_size=11,
                    filter_sigma=1.5, k1=0.01, k2=0.03):
    """Multi-scale SSIM: SSIM's contrast-structure term at len(power_factors) scales (each
    halving by 2x2 average pooling, symmetric-padded to even sizes), weighted."""
    with name_scope(None, "MS-SSIM", [img1, img2]):
        img1 = convert_to_tensor(img1, name="img1")
        img2 = convert_to_tensor(img2, name="img2")
        shape1, shape2, checks = _verify_compatible_image_shapes(img1, img2)
        with get_default_graph().control_dependencies(checks):
            img1 = array_ops.identity(img1)
        max_val = math_ops.cast(max_val, img1.dtype)
        max_val = convert_image_dtype(max_val, _dt.float32)
        img1 = convert_image_dtype(img1, _dt.float32)
        img2 = convert_image_dtype(img2, _dt.float32)
        imgs = [img1, img2]
        shapes = [shape1, shape2]
        heads = [s[:-3] for s in shapes]
        tails = [s[-3:] for s in shapes]
        divisor = [1, 2, 2, 1]
        divisor_tensor = constant(divisor[1:], dtype=_dt.int32)

        def do_pad(images, remainder):
            padding = array_ops.expand_dims(remainder, -1)
            padding = array_ops.pad(padding, [[1, 0], [1, 0]])
            return [array_ops.pad(x, padding, mode="SYMMETRIC") for x in images]

        mcs = []
        for k in range(len(power_factors)):
            with name_scope(None, "Scale%d" % k, imgs):
                if k > 0:
                    flat = [array_ops.reshape(x, array_ops.concat([[-1], t], 0))
                            for x, t in zip(imgs, tails)]
                    remainder = tails[0] % divisor_tensor
                    need_padding = math_ops.reduce_any(not_equal(remainder, 0))
                    padded = control_flow_ops.cond(need_padding,
                                                   lambda: do_pad(flat, remainder),
                                                   lambda: flat)
                    down = [avg_pool(x, ksize=divisor, strides=divisor, padding="VALID")
                            for x in padded]
                    tails = [x[1:] for x in array_ops.shape_n(down)]
                    imgs = [array_ops.reshape(x, array_ops.concat([h, t], 0))
                            for x, h, t in zip(down, heads, tails)]
                per_channel, cs = _ssim_per_channel(*imgs, max_val=max_val,
                                                    filter_size=filter_size,
                                                    filter_sigma=filter_sigma, k1=k1, k2=k2)
                mcs.append(nn_ops.relu(cs))
        mcs.pop()
        mcs_and_ssim = array_ops.stack(mcs + [nn_ops.relu(per_channel)], axis=-1)
        ms_ssim = math_ops.reduce_prod(math_ops.pow(mcs_and_ssim, power_factors), [-1])
        return math_ops.reduce_mean(ms_ssim, [-1])


# -- image gradients, Sobel ---------------------------------------------------------------------
def image_gradients(image):
    """(dy, dx): forward differences along height and width, zero in the last row/column."""
    if image.get_shape().ndims != 4:
        raise ValueError("image_gradients expects a 4D tensor [batch_size, h, w, d], not %s.",
                         image.get_shape())
    image_shape = array_ops.shape(image)
    batch_size, height, width, depth = array_ops.unstack(image_shape)
    dy = image[:, 1:, :, :] - image[:, :-1, :, :]
    dx = image[:, :, 1:, :] - image[:, :, :-1, :]
    shape = array_ops.stack([batch_size, 1, width, depth])
    dy = array_ops.concat([dy, array_ops.zeros(shape, image.dtype)], 1)
    dy = array_ops.reshape(dy, image_shape)
    shape = array_ops.stack([batch_size, height, 1, depth])
    dx = array_ops.concat([dx, array_ops.zeros(shape, image.dtype)], 2)
    dx = array_ops.reshape(dx, image_shape)
    return dy, dx


def sobel_edges(image):
    """The 3x3 Sobel responses (dy, dx) of each channel, reflect-padded: [..., 2] appended."""
    static_shape = image.get_shape()
    image_shape = array_ops.shape(image)
    kernels = [[[-1, -2, -1], [0, 0, 0], [1, 2, 1]], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]
    num_kernels = len(kernels)
    kernels = np.expand_dims(np.transpose(np.asarray(kernels), (1, 2, 0)), -2)
    kernels_tf = constant(kernels, dtype=image.dtype)
    kernels_tf = array_ops.tile(kernels_tf, [1, 1, image_shape[-1], 1], name="sobel_filters")
    _static(kernels_tf, [3, 3, static_shape[-1].value if static_shape.ndims else None,
                         num_kernels])
    padded = array_ops.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    output = depthwise_conv2d(padded, kernels_tf, [1, 1, 1, 1], "VALID")
    shape = array_ops.concat([image_shape, [num_kernels]], 0)
    output = array_ops.reshape(output, shape=shape)
    output.set_shape(static_shape.concatenate([num_kernels]))
    return output
