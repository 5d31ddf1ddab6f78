"""tf.image: resizing, flips, crops, colour adjustments and PNG/JPEG codecs (TF 1.14).

Each function builds the ops TF 1.14's image_ops_impl.py builds, in the same
order and with the same names, so graphs (and the seeds of random ops created
after them) match TF's. The primitive ops (ResizeBilinear, AdjustHue,
DecodePng, ...) live in engine/ops/image.py.

>>> img = tf.constant([[[0.], [1.]], [[2.], [3.]]])
>>> tf.Session().run(tf.image.flip_left_right(img))[:, :, 0]
array([[1., 0.],
       [3., 2.]], dtype=float32)
"""
from __future__ import annotations

__all__ = [
    "ResizeMethod", "resize_images", "resize", "resize_bilinear", "resize_nearest_neighbor",
    "resize_bicubic", "resize_area", "resize_image_with_pad", "resize_image_with_crop_or_pad",
    "resize_with_crop_or_pad", "flip_left_right", "flip_up_down", "rot90", "transpose_image",
    "transpose", "central_crop", "crop_to_bounding_box", "pad_to_bounding_box",
    "per_image_standardization", "convert_image_dtype", "adjust_brightness", "adjust_contrast",
    "adjust_saturation", "adjust_hue", "adjust_gamma", "rgb_to_grayscale", "grayscale_to_rgb",
    "rgb_to_hsv", "hsv_to_rgb", "random_flip_left_right", "random_flip_up_down", "random_crop",
    "random_brightness", "random_contrast", "random_saturation", "random_hue", "decode_png",
    "encode_png", "decode_jpeg", "encode_jpeg", "decode_image",
]


from .ops import image_box_ops as _box_ops
from .ops import image_codec_ops as _codec_ops
from .ops import image_quality_ops as _quality_ops
from .ops import image_segmentation_ops as _segmentation_ops  # noqa: F401 - tf.contrib.image's
from .ops import image_transform_ops as _transform_ops  # noqa: F401 - ops, registered here
from .ops import nth_element_ops as _nth_element_ops  # noqa: F401 - tf.contrib.nn's op
from .ops import resampler_ops as _resampler_ops  # noqa: F401 - tf.contrib.resampler's ops
from .ops.image_box_ops import (combined_non_max_suppression, crop_and_resize,  # noqa: F401
                                draw_bounding_boxes, extract_glimpse, non_max_suppression,
                                non_max_suppression_overlaps, non_max_suppression_padded,
                                sample_distorted_bounding_box)
from .ops.image_codec_ops import (adjust_jpeg_quality, decode_and_crop_jpeg,  # noqa: F401
                                  decode_bmp, decode_gif, extract_jpeg_shape, is_jpeg,
                                  random_jpeg_quality)
from .ops.image_quality_ops import (_saturate_cast, convert_image_dtype,  # noqa: F401
                                    image_gradients, psnr, rgb_to_yiq, rgb_to_yuv, sobel_edges,
                                    ssim, ssim_multiscale, total_variation, yiq_to_rgb,
                                    yuv_to_rgb)
from .engine.framework import dtypes as _dt
from .engine.framework.graph import Tensor, get_default_graph, name_scope
from .engine.framework.static_value import constant_value_as_shape
from .engine.ops import image as _img
from .engine.ops._base import convert_to_tensor
from .ops import array_ops, check_ops, control_flow_ops, math_ops, nn_ops, random_ops
from .ops.comparison_ops import equal, less
from .ops.linalg_ops import tensordot
from .ops.space_ops import extract_image_patches, extract_patches  # noqa: F401 - TF's aliases
from .ops.logging_ops import Assert

__all__ += _box_ops.__all__ + _codec_ops.__all__ + [
    n for n in _quality_ops.__all__ if n not in __all__]

_op = _img.image_op


def _is_tensor(x):
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element")


def _assert(cond, ex_type, msg):
    """A static check raises `ex_type`; a tensor check becomes an Assert op."""
    if _is_tensor(cond):
        return [Assert(cond, [msg])]
    if not cond:
        raise ex_type(msg)
    return []


def _image_dims(image, rank):
    shape = image.shape
    if shape.is_fully_defined():
        return shape.as_list()
    static = shape.with_rank(rank).as_list()
    dynamic = array_ops.unstack(array_ops.shape(image), rank)
    return [s if s is not None else d for s, d in zip(static, dynamic)]


def _shape_with_rank_at_least(image, rank, message):
    """The static shape of `image` with at least `rank` dimensions (an unknown rank counts as
    `rank`, as TF's image checks take it); ValueError(message) otherwise."""
    try:
        if image.shape.ndims is None:
            return image.shape.with_rank(rank)
        return image.shape.with_rank_at_least(rank)
    except ValueError:
        raise ValueError(message) from None


def _assert_rank_at_least_3(image, message):
    return check_ops.assert_greater_equal(array_ops.rank(image), 3, message=message)


def _check_at_least_3d(image, require_static=True):
    shape = _shape_with_rank_at_least(image, 3, "'image' must be at least three-dimensional.")
    if require_static and not shape.is_fully_defined():
        raise ValueError("'image' must be fully defined.")
    if any(d == 0 for d in shape.as_list() if shape.ndims is not None):
        raise ValueError(f"all dims of 'image.shape' must be > 0: {shape}")
    if shape.is_fully_defined():
        return []
    # TF's two check_ops asserts (their ops count for the seeds of later graph-seeded ops)
    return [check_ops.assert_positive(array_ops.shape(image),
                                      ["all dims of 'image.shape' must be > 0."]),
            _assert_rank_at_least_3(image, "'image' must be at least three-dimensional.")]


def _check_grayscale(image):
    """TF's _CheckGrayscaleImage(require_static=False): rank at least 2 (an unknown rank
    counts as 2) and one channel, checked now when the shape is fully defined, else two
    check_ops asserts on the dynamic shape."""
    shape = _shape_with_rank_at_least(
        image, 2, "A grayscale image must be at least two-dimensional.")
    if shape.is_fully_defined():
        if shape.as_list()[-1] != 1:
            raise ValueError("Last dimension of a grayscale image should be size 1.")
        return []
    return [check_ops.assert_equal(
                array_ops.shape(image)[-1], 1,
                message="Last dimension of a grayscale image should be size 1."),
            _assert_rank_at_least_3(image, "A grayscale image must be at least two-dimensional.")]


def _with_dependencies(dependencies, output_tensor, name=None):
    """TF's with_dependencies: one Identity named 'control_dependency' after `dependencies`."""
    with name_scope(name, "control_dependency", list(dependencies) + [output_tensor]) as name:
        with get_default_graph().control_dependencies(dependencies):
            return array_ops.identity(output_tensor, name=name)


def _assert_at_least_3d(image):
    return _with_dependencies(_check_at_least_3d(image, require_static=False), image)


def _fix_flip_shape(image, result):
    if image.shape.ndims is None:
        result.set_shape([None, None, None])
    else:
        result.set_shape(image.shape)
    return result


# -- flips, rotations, transposes --------------------------------------------------------------
def _flip(image, flip_index, scope_name):
    with name_scope(None, scope_name, [image]):
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.ndims
        if ndims == 3 or ndims is None:
            return _fix_flip_shape(image, array_ops.reverse(image, [flip_index]))
        if ndims == 4:
            return array_ops.reverse(image, [flip_index + 1])
        raise ValueError("'image' must have either 3 or 4 dimensions.")


def flip_left_right(image) -> Tensor:
    """The image mirrored horizontally (width axis); 3-D or 4-D."""
    return _flip(image, 1, "flip_left_right")


def flip_up_down(image) -> Tensor:
    """The image mirrored vertically (height axis); 3-D or 4-D."""
    return _flip(image, 0, "flip_up_down")


def _random_flip(image, flip_index, seed, scope_name):
    with name_scope(None, scope_name, [image]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.ndims
        if ndims == 3 or ndims is None:
            uniform = random_ops.random_uniform([], 0, 1.0, seed=seed)
            mirror = less(uniform, .5)
            result = control_flow_ops.cond(mirror, lambda: array_ops.reverse(image, [flip_index]),
                                           lambda: image, name=scope)
            return _fix_flip_shape(image, result)
        if ndims == 4:
            batch = array_ops.shape(image)[0]
            # TF auto-packs [batch] inside random_uniform's scope; flowgrad packs it here
            uniform = random_ops.random_uniform(array_ops.stack([batch]), 0, 1.0, seed=seed)
            flips = math_ops.round(array_ops.reshape(uniform, array_ops.stack([batch, 1, 1, 1])))
            flips = math_ops.cast(flips, image.dtype)
            flipped = array_ops.reverse(image, [flip_index + 1])
            return flips * flipped + (1 - flips) * image
        raise ValueError("'image' must have either 3 or 4 dimensions.")


def random_flip_left_right(image, seed: int | None = None) -> Tensor:
    """Flips horizontally with probability 1/2 (per image for a batch)."""
    return _random_flip(image, 1, seed, "random_flip_left_right")


def random_flip_up_down(image, seed: int | None = None) -> Tensor:
    """Flips vertically with probability 1/2 (per image for a batch)."""
    return _random_flip(image, 0, seed, "random_flip_up_down")


def rot90(image, k=1, name: str | None = None) -> Tensor:
    """The image rotated counter-clockwise by k * 90 degrees (k may be a tensor)."""
    with name_scope(name, "rot90", [image, k]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        k = convert_to_tensor(k, dtype=_dt.int32, name="k")
        k.shape.assert_has_rank(0)
        k = math_ops.mod(k, 4)
        ndims = image.shape.ndims
        if ndims == 3 or ndims is None:
            h, w, perm = 0, 1, [1, 0, 2]
        elif ndims == 4:
            h, w, perm = 1, 2, [0, 2, 1, 3]
        else:
            raise ValueError("'image' must have either 3 or 4 dimensions.")
        cases = [(equal(k, 1), lambda: array_ops.transpose(array_ops.reverse(image, [w]), perm)),
                 (equal(k, 2), lambda: array_ops.reverse(image, [h, w])),
                 (equal(k, 3), lambda: array_ops.reverse(array_ops.transpose(image, perm), [w]))]
        result = control_flow_ops.case(cases, default=lambda: image, exclusive=True, name=scope)
        if ndims == 4:
            shape = result.shape.as_list() if result.shape.ndims else [None] * 4
            result.set_shape([shape[0], None, None, shape[3]])
        else:
            result.set_shape([None, None, image.shape.as_list()[2] if ndims else None])
        return result


def transpose_image(image, name: str | None = None) -> Tensor:
    """Swaps height and width (3-D or 4-D)."""
    with name_scope(name, "transpose", [image]):
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.ndims
        if ndims == 3 or ndims is None:
            return array_ops.transpose(image, [1, 0, 2], name=name)
        if ndims == 4:
            return array_ops.transpose(image, [0, 2, 1, 3], name=name)
        raise ValueError("'image' must have either 3 or 4 dimensions.")


transpose = transpose_image


# -- crops and pads ----------------------------------------------------------------------------
def central_crop(image, central_fraction: float) -> Tensor:
    """The central `central_fraction` of the image along height and width."""
    with name_scope(None, "central_crop", [image]):
        image = convert_to_tensor(image, name="image")
        if central_fraction <= 0.0 or central_fraction > 1.0:
            raise ValueError("central_fraction must be within (0, 1]")
        if central_fraction == 1.0:
            return image
        _assert_at_least_3d(image)
        rank = image.shape.ndims
        if rank not in (3, 4):
            raise ValueError("`image` should either be a Tensor with rank = 3 or rank = 4. "
                             f"Had rank = {rank}.")
        dims = image.shape.as_list()
        off = 0 if rank == 3 else 1

        def dim(idx):   # TF's order: both dims, then both starts, then both sizes
            n = dims[idx]
            return (n, False) if n is not None else (array_ops.shape(image)[idx], True)

        def start(n, dynamic):
            if dynamic:
                nd = math_ops.cast(n, _dt.float64)
                return math_ops.cast((nd - nd * central_fraction) / 2, _dt.int32)
            return int((float(n) - float(n) * central_fraction) / 2)
        (img_h, dyn_h), (img_w, dyn_w) = dim(off), dim(off + 1)
        h0, w0 = start(img_h, dyn_h), start(img_w, dyn_w)
        hs, ws = img_h - h0 * 2, img_w - w0 * 2
        if rank == 3:
            begin, size = array_ops.stack([h0, w0, 0]), array_ops.stack([hs, ws, -1])
        else:
            begin, size = array_ops.stack([0, h0, w0, 0]), array_ops.stack([-1, hs, ws, -1])
        image = array_ops.slice(image, begin, size)
        hw = [None if dyn_h else hs, None if dyn_w else ws]
        image.set_shape(hw + [dims[2]] if rank == 3 else [dims[0]] + hw + [dims[3]])
        return image


def _as_batch(image):
    ndims = image.shape.ndims
    if ndims == 3:
        return array_ops.expand_dims(image, 0), False
    if ndims is None:
        image = array_ops.expand_dims(image, 0)
        image.set_shape([None] * 4)
        return image, False
    if ndims != 4:
        raise ValueError("'image' must have either 3 or 4 dimensions.")
    return image, True


def pad_to_bounding_box(image, offset_height, offset_width, target_height,
                        target_width) -> Tensor:
    """Pads with zeros to [target_height, target_width], the image at the given offset."""
    with name_scope(None, "pad_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _as_batch(image)
        checks = _check_at_least_3d(image, require_static=False)
        batch, height, width, depth = _image_dims(image, rank=4)
        after_w = target_width - offset_width - width
        after_h = target_height - offset_height - height
        checks += _assert(offset_height >= 0, ValueError, "offset_height must be >= 0")
        checks += _assert(offset_width >= 0, ValueError, "offset_width must be >= 0")
        checks += _assert(after_w >= 0, ValueError, "width must be <= target - offset")
        checks += _assert(after_h >= 0, ValueError, "height must be <= target - offset")
        image = _with_dependencies(checks, image)
        paddings = array_ops.reshape(array_ops.stack([0, 0, offset_height, after_h, offset_width,
                                                      after_w, 0, 0]), [4, 2])
        padded = array_ops.pad(image, paddings)
        padded.set_shape([None if _is_tensor(i) else i
                          for i in (batch, target_height, target_width, depth)])
        return padded if is_batch else array_ops.squeeze(padded, axis=[0])


def crop_to_bounding_box(image, offset_height, offset_width, target_height,
                         target_width) -> Tensor:
    """The [target_height, target_width] window whose top-left corner is at the offsets."""
    with name_scope(None, "crop_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _as_batch(image)
        checks = _check_at_least_3d(image, require_static=False)
        batch, height, width, depth = _image_dims(image, rank=4)
        checks += _assert(offset_width >= 0, ValueError, "offset_width must be >= 0.")
        checks += _assert(offset_height >= 0, ValueError, "offset_height must be >= 0.")
        checks += _assert(target_width > 0, ValueError, "target_width must be > 0.")
        checks += _assert(target_height > 0, ValueError, "target_height must be > 0.")
        checks += _assert(width >= (target_width + offset_width), ValueError,
                          "width must be >= target + offset.")
        checks += _assert(height >= (target_height + offset_height), ValueError,
                          "height must be >= target + offset.")
        image = _with_dependencies(checks, image)
        cropped = array_ops.slice(image, array_ops.stack([0, offset_height, offset_width, 0]),
                                  array_ops.stack([-1, target_height, target_width, -1]))
        cropped.set_shape([None if _is_tensor(i) else i
                           for i in (batch, target_height, target_width, depth)])
        return cropped if is_batch else array_ops.squeeze(cropped, axis=[0])


def _max(x, y):
    return math_ops.maximum(x, y) if _is_tensor(x) or _is_tensor(y) else max(x, y)


def _min(x, y):
    return math_ops.minimum(x, y) if _is_tensor(x) or _is_tensor(y) else min(x, y)


def resize_image_with_crop_or_pad(image, target_height, target_width) -> Tensor:
    """Centrally crops or zero-pads the image to [target_height, target_width]."""
    with name_scope(None, "resize_image_with_crop_or_pad", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _as_batch(image)
        checks = _check_at_least_3d(image, require_static=False)
        checks += _assert(target_width > 0, ValueError, "target_width must be > 0.")
        checks += _assert(target_height > 0, ValueError, "target_height must be > 0.")
        image = _with_dependencies(checks, image)
        if _is_tensor(target_height):
            target_height = _with_dependencies(checks, target_height)
        if _is_tensor(target_width):
            target_width = _with_dependencies(checks, target_width)
        _, height, width, _ = _image_dims(image, rank=4)
        width_diff = target_width - width
        height_diff = target_height - height
        cropped = crop_to_bounding_box(image, _max(-height_diff // 2, 0),
                                       _max(-width_diff // 2, 0),
                                       _min(target_height, height), _min(target_width, width))
        resized = pad_to_bounding_box(cropped, _max(height_diff // 2, 0),
                                      _max(width_diff // 2, 0), target_height, target_width)
        if resized.shape.ndims is None:
            raise ValueError("resized contains no shape.")
        _, rh, rw, _ = _image_dims(resized, rank=4)

        def eq(x, y):
            return equal(x, y) if _is_tensor(x) or _is_tensor(y) else x == y
        checks = _assert(eq(rh, target_height), ValueError, "resized height is not correct.")
        checks += _assert(eq(rw, target_width), ValueError, "resized width is not correct.")
        resized = _with_dependencies(checks, resized)
        return resized if is_batch else array_ops.squeeze(resized, axis=[0])


resize_with_crop_or_pad = resize_image_with_crop_or_pad


# -- resizing ----------------------------------------------------------------------------------
class ResizeMethod:
    """tf.image.ResizeMethod (TF 1.x's integer values)."""
    BILINEAR = 0
    NEAREST_NEIGHBOR = 1
    BICUBIC = 2
    AREA = 3


_METHOD_NAMES = {"bilinear": 0, "nearest": 1, "bicubic": 2, "area": 3}


def _resize_op(op_type, images, size, align_corners, half_pixel_centers, name):
    images = convert_to_tensor(images, name="images")
    if _is_tensor(size) and size.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'size' of '{op_type}' Op has type {size.dtype.name} that does "
                        "not match expected type of int32.")
    attrs = {"align_corners": bool(align_corners)}
    if op_type != "ResizeArea":   # TF 1.14's ResizeArea has no half_pixel_centers attr
        attrs["half_pixel_centers"] = bool(half_pixel_centers)
    return _img.resize_op(op_type, images, size, attrs, name)


def resize_bilinear(images, size, align_corners: bool = False, name: str | None = None,
                    half_pixel_centers: bool = False) -> Tensor:
    """Bilinear resize of [batch, h, w, c] images to `size` (op ResizeBilinear; float32 out)."""
    return _resize_op("ResizeBilinear", images, size, align_corners, half_pixel_centers, name)


def resize_nearest_neighbor(images, size, align_corners: bool = False, name: str | None = None,
                            half_pixel_centers: bool = False) -> Tensor:
    """Nearest-neighbour resize (op ResizeNearestNeighbor; keeps the dtype)."""
    return _resize_op("ResizeNearestNeighbor", images, size, align_corners, half_pixel_centers,
                      name)


def resize_bicubic(images, size, align_corners: bool = False, name: str | None = None,
                   half_pixel_centers: bool = False) -> Tensor:
    """Bicubic resize (op ResizeBicubic; Keys a=-0.75, or a=-0.5 with half-pixel centers)."""
    return _resize_op("ResizeBicubic", images, size, align_corners, half_pixel_centers, name)


def resize_area(images, size, align_corners: bool = False, name: str | None = None) -> Tensor:
    """Area-averaging resize (op ResizeArea; float32 out; no gradient in TF 1.14)."""
    return _resize_op("ResizeArea", images, size, align_corners, False, name)


_RESIZERS = {0: resize_bilinear, 1: resize_nearest_neighbor, 2: resize_bicubic, 3: resize_area}


def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners: bool = False,
                  preserve_aspect_ratio: bool = False, name: str | None = None) -> Tensor:
    """Resizes 3-D or 4-D `images` to `size` = [new_height, new_width] with `method`.

    TF 1.x rules: no half-pixel centers; an image already of that size is returned as is.
    """
    method = _METHOD_NAMES.get(method, method)
    if method not in _RESIZERS:
        raise ValueError("Resize method is not implemented.")

    def resize_fn(images_t, new_size):
        return _RESIZERS[method](images_t, new_size, align_corners=align_corners)
    return _resize_common(images, resize_fn, size, preserve_aspect_ratio, name)


resize = resize_images


def _resize_common(images, resizer_fn, size, preserve_aspect_ratio, name):
    with name_scope(name, "resize", [images, size]):
        images = convert_to_tensor(images, name="images")
        if images.shape.ndims is None:
            raise ValueError("'images' contains no shape.")
        is_batch = True
        if images.shape.ndims == 3:
            is_batch = False
            images = array_ops.expand_dims(images, 0)
        elif images.shape.ndims != 4:
            raise ValueError("'images' must have either 3 or 4 dimensions.")
        _, height, width, _ = images.shape.as_list()
        try:
            if isinstance(size, (list, tuple)) and any(_is_tensor(v) for v in size):
                size = array_ops.stack(list(size), name="size")  # TF's auto-packing
            else:
                size = convert_to_tensor(size, _dt.int32, name="size")
        except (TypeError, ValueError):
            raise ValueError("'size' must be a 1-D int32 Tensor") from None
        if not size.shape.is_compatible_with([2]):
            raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
        new_h, new_w = _const_hw(size)
        if preserve_aspect_ratio:
            _, cur_h, cur_w, _ = _image_dims(images, rank=4)
            f32 = _dt.float32
            scale_h = math_ops.cast(new_h, f32) / math_ops.cast(cur_h, f32)
            scale_w = math_ops.cast(new_w, f32) / math_ops.cast(cur_w, f32)
            scale = math_ops.minimum(scale_h, scale_w)
            scaled_h = math_ops.cast(math_ops.round(scale * math_ops.cast(cur_h, f32)), _dt.int32)
            scaled_w = math_ops.cast(math_ops.round(scale * math_ops.cast(cur_w, f32)), _dt.int32)
            size = array_ops.stack([scaled_h, scaled_w], name="size")
            new_h, new_w = _const_hw(size)
        if None not in (new_w, width, new_h, height) and width == new_w and height == new_h:
            return images if is_batch else array_ops.squeeze(images, axis=[0])
        images = resizer_fn(images, size)
        images.set_shape([None, new_h, new_w, None])
        return images if is_batch else array_ops.squeeze(images, axis=[0])


def _const_hw(size):
    """TF's tensor_util.constant_value_as_shape of a [2] size: Python's folding only (a
    Const, Shape/StridedSlice of a known shape, Pack/Cast of constants; no arithmetic: a
    computed size is not skipped even when the C++ shape function knows it)."""
    s = constant_value_as_shape(size)
    return (None, None) if s.ndims is None else tuple(s.as_list())


def resize_image_with_pad(image, target_height, target_width, method=ResizeMethod.BILINEAR,
                          align_corners: bool = False) -> Tensor:
    """Resizes keeping the aspect ratio, then zero-pads to [target_height, target_width]."""
    with name_scope(None, "resize_image_with_pad", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _as_batch(image)
        checks = _check_at_least_3d(image, require_static=False)
        checks += _assert(target_width > 0, ValueError, "target_width must be > 0.")
        checks += _assert(target_height > 0, ValueError, "target_height must be > 0.")
        image = _with_dependencies(checks, image)
        _, height, width, _ = _image_dims(image, rank=4)
        f64 = _dt.float64
        f_h, f_w = math_ops.cast(height, dtype=f64), math_ops.cast(width, dtype=f64)
        f_th, f_tw = math_ops.cast(target_height, dtype=f64), math_ops.cast(target_width, f64)
        ratio = _max(f_w / f_tw, f_h / f_th)
        rh_float, rw_float = f_h / ratio, f_w / ratio
        rh = math_ops.cast(math_ops.floor(rh_float), dtype=_dt.int32)
        rw = math_ops.cast(math_ops.floor(rw_float), dtype=_dt.int32)
        pad_h, pad_w = (f_th - rh_float) / 2, (f_tw - rw_float) / 2   # both before the floors
        pad_h, pad_w = math_ops.floor(pad_h), math_ops.floor(pad_w)
        p_h = _max(0, math_ops.cast(pad_h, dtype=_dt.int32))
        p_w = _max(0, math_ops.cast(pad_w, dtype=_dt.int32))
        resized = resize_images(image, [rh, rw], method, align_corners=align_corners)
        padded = pad_to_bounding_box(resized, p_h, p_w, target_height, target_width)
        if padded.shape.ndims is None:
            raise ValueError("padded contains no shape.")
        _image_dims(padded, rank=4)
        return padded if is_batch else array_ops.squeeze(padded, axis=[0])


# -- dtype conversion and colour -----------------------------------------------------------------
def _float_image(image):
    if image.dtype in (_dt.float16, _dt.float32):
        return image
    return convert_image_dtype(image, _dt.float32)


def per_image_standardization(image) -> Tensor:
    """(image - mean) / max(stddev, 1/sqrt(num_pixels)) per image, as float32."""
    with name_scope(None, "per_image_standardization", [image]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        num_pixels = math_ops.reduce_prod(array_ops.shape(image)[-3:])
        image = math_ops.cast(image, dtype=_dt.float32)
        mean = math_ops.reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
        variance = (math_ops.reduce_mean(math_ops.square(image), axis=[-1, -2, -3],
                                         keepdims=True) - math_ops.square(mean))
        variance = nn_ops.relu(variance)
        stddev = math_ops.sqrt(variance)
        min_stddev = math_ops.rsqrt(math_ops.cast(num_pixels, _dt.float32))
        scale = math_ops.maximum(stddev, min_stddev)
        image = math_ops.subtract(image, mean)
        return math_ops.div(image, scale, name=scope)


def adjust_brightness(image, delta) -> Tensor:
    """image + delta in float, converted back to the image's dtype with saturation."""
    with name_scope(None, "adjust_brightness", [image, delta]) as name:
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _float_image(image)
        adjusted = math_ops.add(flt, math_ops.cast(delta, flt.dtype), name=name)
        return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_contrast(images, contrast_factor) -> Tensor:
    """(x - mean) * contrast_factor + mean per channel of each image (op AdjustContrastv2)."""
    with name_scope(None, "adjust_contrast", [images, contrast_factor]) as name:
        images = convert_to_tensor(images, name="images")
        orig = images.dtype
        flt = _float_image(images)
        factor = convert_to_tensor(contrast_factor, _dt.float32, name="contrast_factor")
        adjusted = _op("AdjustContrastv2", [flt, factor], None, name)
        return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_gamma(image, gamma=1, gain=1) -> Tensor:
    """gain * image ** gamma, in float, back to the image's dtype with saturation."""
    with name_scope(None, "adjust_gamma", [image, gamma, gain]):
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _float_image(image)
        check = _assert(gamma >= 0, ValueError, "Gamma should be a non-negative real number.")
        if check:
            gamma = _with_dependencies(check, gamma)
        adjusted = gain * flt ** gamma
        return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_hue(image, delta, name: str | None = None) -> Tensor:
    """Rotates the hue of RGB images by `delta` (in [-1, 1]) turns (op AdjustHue)."""
    with name_scope(name, "adjust_hue", [image]):
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _float_image(image)
        with name_scope(None, "AdjustHue", [flt, delta]) as scope:
            delta = convert_to_tensor(delta, _dt.float32, name="delta")
            out = _op("AdjustHue", [flt, delta], None, scope)
        return convert_image_dtype(out, orig)


def adjust_saturation(image, saturation_factor, name: str | None = None) -> Tensor:
    """Scales the HSV saturation of RGB images, clipped to [0, 1] (op AdjustSaturation)."""
    with name_scope(name, "adjust_saturation", [image]):
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _float_image(image)
        with name_scope(None, "AdjustSaturation", [flt, saturation_factor]) as scope:
            scale = convert_to_tensor(saturation_factor, _dt.float32, name="scale")
            out = _op("AdjustSaturation", [flt, scale], None, scope)
        return convert_image_dtype(out, orig)


def rgb_to_grayscale(images, name: str | None = None) -> Tensor:
    """Weighted sum 0.2989 R + 0.5870 G + 0.1140 B, keeping a last axis of size 1."""
    with name_scope(name, "rgb_to_grayscale", [images]) as name:
        images = convert_to_tensor(images, name="images")
        orig = images.dtype
        flt = convert_image_dtype(images, _dt.float32)
        gray = tensordot(flt, [0.2989, 0.5870, 0.1140], [-1, -1])
        gray = array_ops.expand_dims(gray, -1)
        return convert_image_dtype(gray, orig, name=name)


def grayscale_to_rgb(images, name: str | None = None) -> Tensor:
    """Repeats the single channel three times."""
    with name_scope(name, "grayscale_to_rgb", [images]) as name:
        images = convert_to_tensor(images, name="images")
        shape = images.shape
        images = _with_dependencies(_check_grayscale(images), images)
        rank_1 = array_ops.expand_dims(array_ops.rank(images) - 1, 0)
        multiples = array_ops.concat([array_ops.ones(rank_1, dtype=_dt.int32),
                                      array_ops.expand_dims(3, 0)], 0)
        rgb = array_ops.tile(images, multiples, name=name)
        if shape.ndims is not None:
            rgb.set_shape(shape.as_list()[:-1] + [3])
        return rgb


def rgb_to_hsv(images, name: str | None = None) -> Tensor:
    """RGB in [0, 1] to HSV (op RGBToHSV; float16/32/64; no gradient in TF 1.14)."""
    with name_scope(name or "RGBToHSV") as scope:   # TF converts in it: RGBToHSV/images
        return _op("RGBToHSV", [convert_to_tensor(images, name="images")], None, scope)


def hsv_to_rgb(images, name: str | None = None) -> Tensor:
    """HSV to RGB (op HSVToRGB; float16/32/64; no gradient in TF 1.14)."""
    with name_scope(name or "HSVToRGB") as scope:   # TF converts in it: HSVToRGB/images
        return _op("HSVToRGB", [convert_to_tensor(images, name="images")], None, scope)


# -- random distortions ------------------------------------------------------------------------
def random_brightness(image, max_delta, seed: int | None = None) -> Tensor:
    """adjust_brightness by a delta uniform in [-max_delta, max_delta)."""
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_ops.random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_brightness(image, delta)


def _random_factor(lower, upper, seed):
    """A factor uniform in [lower, upper), with TF's checks (random_contrast/saturation)."""
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    return random_ops.random_uniform([], lower, upper, seed=seed)


def random_contrast(image, lower, upper, seed: int | None = None) -> Tensor:
    """adjust_contrast by a factor uniform in [lower, upper)."""
    return adjust_contrast(image, _random_factor(lower, upper, seed))


def random_saturation(image, lower, upper, seed: int | None = None) -> Tensor:
    """adjust_saturation by a factor uniform in [lower, upper)."""
    return adjust_saturation(image, _random_factor(lower, upper, seed))


def random_hue(image, max_delta, seed: int | None = None) -> Tensor:
    """adjust_hue by a delta uniform in [-max_delta, max_delta), max_delta <= 0.5."""
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_ops.random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_hue(image, delta)


def random_crop(value, size, seed: int | None = None, name: str | None = None) -> Tensor:
    """A window of `size` at a uniformly random offset (tf.random_crop)."""
    with name_scope(name, "random_crop", [value, size]) as name:
        value = convert_to_tensor(value, name="value")
        size = convert_to_tensor(size, dtype=_dt.int32, name="size")
        shape = array_ops.shape(value)
        check = Assert(math_ops.reduce_all(shape >= size),
                       ["Need value.shape >= size, got ", shape, size], summarize=1000)
        shape = _with_dependencies([check], shape)
        limit = shape - size + 1
        offset = random_ops.random_uniform(array_ops.shape(shape), dtype=size.dtype,
                                           maxval=size.dtype.max, seed=seed) % limit
        return array_ops.slice(value, offset, size, name=name)


# -- codecs ------------------------------------------------------------------------------------
def decode_png(contents, channels: int = 0, dtype=_dt.uint8, name: str | None = None) -> Tensor:
    """A PNG string to a uint8/uint16 [height, width, channels] image (op DecodePng)."""
    _img.pillow()
    contents = convert_to_tensor(contents, _dt.string, name="contents")
    return _op("DecodePng", [contents], {"channels": int(channels),
                                         "dtype": _dt.as_dtype(dtype)}, name or "DecodePng")


def encode_png(image, compression: int = -1, name: str | None = None) -> Tensor:
    """A uint8/uint16 [height, width, channels] image to a PNG string (op EncodePng)."""
    _img.pillow()
    image = convert_to_tensor(image, name="image")
    return _op("EncodePng", [image], {"compression": int(compression)}, name or "EncodePng")


def decode_jpeg(contents, channels: int = 0, ratio: int = 1, fancy_upscaling: bool = True,
                try_recover_truncated: bool = False, acceptable_fraction: float = 1,
                dct_method: str = "", name: str | None = None) -> Tensor:
    """A JPEG string to a uint8 [height, width, channels] image (op DecodeJpeg, via Pillow).

    Bit-exact with TF for dct_method='INTEGER_ACCURATE', for fancy_upscaling=False, and for
    the default (INTEGER_FAST + fancy upscaling) on 4:4:4, 4:2:2 and 4:2:0 chroma and
    grayscale; other chroma samplings decode within a few levels of TF's.
    """
    if try_recover_truncated or acceptable_fraction != 1:
        raise NotImplementedError("decode_jpeg: try_recover_truncated, acceptable_fraction")
    if ratio not in (1, 2, 4, 8):
        raise ValueError("ratio must be 1, 2, 4 or 8")
    _img.pillow()
    contents = convert_to_tensor(contents, _dt.string, name="contents")
    attrs = {"channels": int(channels), "ratio": int(ratio),
             "fancy_upscaling": bool(fancy_upscaling),
             "try_recover_truncated": False, "acceptable_fraction": 1.0,
             "dct_method": dct_method}
    return _op("DecodeJpeg", [contents], attrs, name or "DecodeJpeg")


def encode_jpeg(image, format: str = "", quality: int = 95,  # noqa: A002 - TF's name
                progressive: bool = False, optimize_size: bool = False,
                chroma_downsampling: bool = True, density_unit: str = "in",
                x_density: int = 300, y_density: int = 300, xmp_metadata: str = "",
                name: str | None = None) -> Tensor:
    """A uint8 [height, width, 1 or 3] image to a JPEG string (op EncodeJpeg, via Pillow)."""
    if xmp_metadata:
        raise NotImplementedError("encode_jpeg: xmp_metadata")
    if density_unit != "in":
        raise NotImplementedError("encode_jpeg: density_unit other than 'in'")
    if format not in ("", "grayscale", "rgb"):
        raise ValueError(f"format must be '', 'grayscale' or 'rgb', got {format!r}")
    _img.pillow()
    image = convert_to_tensor(image, name="image")
    attrs = {"format": format, "quality": int(quality), "progressive": bool(progressive),
             "optimize_size": bool(optimize_size),
             "chroma_downsampling": bool(chroma_downsampling), "density_unit": density_unit,
             "x_density": int(x_density), "y_density": int(y_density), "xmp_metadata": ""}
    return _op("EncodeJpeg", [image], attrs, name or "EncodeJpeg")


def decode_image(contents, channels: int | None = None, dtype=_dt.uint8,
                 name: str | None = None, expand_animations: bool = True) -> Tensor:
    """Decodes a BMP, GIF, JPEG or PNG string, converting to `dtype` as convert_image_dtype.

    One DecodeImage op (TF 2's op) instead of TF 1.14's tf.cond over the format; the
    graph's op ids advance as past TF's ops (`_decode_image_tf_ops`), so that a later random
    op draws TF's seed. Its static shape is TF's merge of the branches: unknown, or rank 3
    with unknown channels (BMP's) without animations.
    """
    if channels not in (None, 0, 1, 3, 4):
        raise ValueError("channels must be in (None, 0, 1, 3, 4)")
    _img.pillow()
    dtype = _dt.as_dtype(dtype)
    with name_scope(name, "decode_image"):
        given_tensor = isinstance(contents, Tensor)
        contents = convert_to_tensor(contents, _dt.string, name="contents")
        out = _op("DecodeImage", [contents], {"channels": int(channels or 0), "dtype": dtype,
                                              "expand_animations": bool(expand_animations)})
        # flowgrad made 1 op (and a Const of non-tensor contents, which TF converts 3 times)
        out.graph._last_id += _decode_image_tf_ops(dtype, expand_animations) - (
            1 if given_tensor else 0)
        return out


def _decode_image_tf_ops(dtype, expand_animations):
    """How many ops TF 1.14's decode_image makes of a tensor: its nested conds (76 ops),
    convert_image_dtype's Cast and Mul in each of the 4 branches unless to uint8 (PNG decodes
    straight to uint16, so 3 for it), and the first frame's gather without animations.
    (Contents not a tensor: 2 more, their Consts for Substr and is_jpeg.)"""
    n = 76 if dtype == _dt.uint8 else 82 if dtype == _dt.uint16 else 84
    return n + (0 if expand_animations else 3)

