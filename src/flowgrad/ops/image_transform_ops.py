"""tf.contrib.image's projective transforms (contrib/image/python/ops/image_ops.py): op
ImageProjectiveTransformV2 (its kernel follows TF's ProjectiveGenerator: float32 arithmetic,
round-half-away nearest neighbour or bilinear sampling, zeros outside the input) and its
gradient (the transform by the inverse matrices), and the functions building it with TF's op
names: transform, rotate, translate, angles_to_projective_transforms,
translations_to_projective_transforms, compose_transforms, flat_transforms_to_matrices,
matrices_to_flat_transforms.
"""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import image_boxes as _boxes
from ..engine.ops._array_util import whole_value
from ..engine.ops.matrix import matrix_inverse
from . import array_ops, linalg_ops, math_ops
from .tensor_util import constant_value

__all__ = ["angles_to_projective_transforms", "compose_transforms",
           "flat_transforms_to_matrices", "matrices_to_flat_transforms", "rotate", "transform",
           "translate", "translations_to_projective_transforms"]

_OP = "ImageProjectiveTransformV2"
_IMAGE_DTYPES = (_dt.uint8, _dt.int32, _dt.int64, _dt.float16, _dt.float32, _dt.float64)
_F32 = np.float32


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _infer(inputs, attrs):
    images, transforms, output_shape = inputs
    _boxes.check_dtype(_OP, images, _IMAGE_DTYPES, "dtype")
    _boxes._type_check(_OP, transforms, _dt.float32, "transforms")
    _boxes._type_check(_OP, output_shape, _dt.int32, "output_shape")
    _boxes._rank_check(_OP, images, 4, "images")
    # TF's SetOutputToSizedImage: input_tensor, the size's constant subgraph evaluated whole
    # (tf.shape(x)[1:3] of a partly known x is unknown)
    size = whole_value(output_shape)
    size = None if size is None else np.asarray(size).reshape(-1).tolist()
    hw = [None, None] if size is None or len(size) != 2 else \
        [None if d < 0 else int(d) for d in size]
    dims = images.shape.as_list() if images.shape.ndims is not None else [None] * 4
    return [(images.dtype.base_dtype, TensorShape([dims[0]] + hw + [dims[3]]))]


def _round_half_away(v):
    """std::round of float32 values, as int64 (exact: float32 + 0.5 in float64)."""
    v = v.astype(np.float64)
    return (np.sign(v) * np.floor(np.abs(v) + 0.5)).astype(np.int64)


def _kernel(images, transforms, output_shape, dtype=None, interpolation=None):
    images = np.asarray(images)
    transforms = np.asarray(transforms, _F32)
    interpolation = interpolation.decode() if isinstance(interpolation, bytes) \
        else interpolation
    if interpolation not in ("NEAREST", "BILINEAR"):
        raise _invalid(f"Invalid interpolation {interpolation}. Supported types: NEAREST, "
                       "BILINEAR")
    if images.ndim != 4:
        raise _invalid("Input images must have rank 4")
    n, h, w, c = images.shape
    if not (transforms.ndim == 2 and transforms.shape[0] in (n, 1) and
            transforms.shape[1] == 8):
        raise _invalid("Input transform should be num_images x 8 or 1 x 8")
    shape = np.asarray(output_shape)
    if shape.ndim != 1:
        raise _invalid("output shape must be 1-dimensional" + _boxes._shape_str(shape))
    if shape.size != 2:
        raise _invalid("output shape must have two elements" + _boxes._shape_str(shape))
    out_h, out_w = int(shape[0]), int(shape[1])
    if out_h <= 0 or out_w <= 0:
        raise _invalid("output dimensions must be positive")
    oy, ox = np.meshgrid(np.arange(out_h, dtype=_F32), np.arange(out_w, dtype=_F32),
                         indexing="ij")
    out = np.zeros((n, out_h, out_w, c), images.dtype)
    flat = images.astype(_F32)
    with np.errstate(all="ignore"):
        for b in range(n):
            t = transforms[0 if transforms.shape[0] == 1 else b]
            proj = t[6] * ox + t[7] * oy + _F32(1)
            in_x = (t[0] * ox + t[1] * oy + t[2]) / proj
            in_y = (t[3] * ox + t[4] * oy + t[5]) / proj
            ok = proj != 0

            def read(yy, xx, src=flat, b=b):
                inside = ok & (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
                vals = np.zeros((out_h, out_w, c), src.dtype)
                vals[inside] = src[b, yy[inside], xx[inside]]
                return vals

            if interpolation == "NEAREST":
                # nearest copies T values; bilinear computes in float
                res = read(_round_half_away(np.where(ok, in_y, -1)),
                           _round_half_away(np.where(ok, in_x, -1)), images)
            else:
                y0, x0 = np.floor(in_y), np.floor(in_x)
                y1, x1 = y0 + _F32(1), x0 + _F32(1)
                iy0, ix0, iy1, ix1 = (np.where(ok & np.isfinite(a), a, -1).astype(np.int64)
                                      for a in (y0, x0, y1, x1))
                wx0, wx1 = (x1 - in_x)[..., None], (in_x - x0)[..., None]
                top = wx0 * read(iy0, ix0) + wx1 * read(iy0, ix1)
                bottom = wx0 * read(iy1, ix0) + wx1 * read(iy1, ix1)
                res = (y1 - in_y)[..., None] * top + (in_y - y0)[..., None] * bottom
                res[~ok] = 0
            out[b] = res  # T(float): truncation for the integer types
    return out


def _grad(op, grad):
    """TF's gradient: `grad` transformed by the inverse of each transform, to the input's
    size (no gradient for the transforms and the output shape)."""
    images, transforms = op.inputs[0], op.inputs[1]
    transforms = flat_transforms_to_matrices(transforms=transforms)
    inverse = matrix_inverse(transforms)
    transforms = matrices_to_flat_transforms(inverse)
    output = _boxes.gen_op(_OP, [(grad, "images"), (transforms, "transforms"),
                                 (array_ops.shape(images)[1:3], "output_shape")],
                           {"dtype": grad.dtype.base_dtype,
                            "interpolation": op._get_attr("interpolation")})
    return [output, None, None]


register_op(_OP, infer=_infer, kernel=_kernel, grad=_grad)


def _to_batch(image_or_images):
    rank = image_or_images.shape.ndims
    if rank is None:
        raise TypeError("image_or_images rank must be statically known")
    if rank == 2:
        return image_or_images[None, :, :, None]
    if rank == 3:
        return image_or_images[None, :, :, :]
    if rank == 4:
        return image_or_images
    raise TypeError("Images should have rank between 2 and 4.")


def _from_batch(output, rank):
    if rank == 2:
        return output[0, :, :, 0]
    if rank == 3:
        return output[0, :, :, :]
    return output


def transform(images, transforms, interpolation="NEAREST", output_shape=None, name=None):
    """Applies projective `transforms` ([8] or [num_images, 8]: each maps an output point to
    the input point sampled) to image(s) of rank 2 (HW), 3 (HWC) or 4 (NHWC)."""
    with name_scope(name, "transform"):
        image_or_images = convert_to_tensor(images, name="images")
        transform_or_transforms = convert_to_tensor(transforms, name="transforms",
                                                    dtype=_dt.float32)
        if image_or_images.dtype.base_dtype not in _IMAGE_DTYPES:
            raise TypeError("Invalid dtype %s." % image_or_images.dtype)
        images = _to_batch(image_or_images)
        if output_shape is None:
            output_shape = array_ops.shape(images)[1:3]
            value = constant_value(output_shape)
            if value is not None:
                output_shape = value
        output_shape = convert_to_tensor(output_shape, _dt.int32, name="output_shape")
        if not output_shape.shape.is_compatible_with([2]):
            raise ValueError("output_shape must be a 1-D Tensor of 2 elements: new_height, "
                             "new_width")
        if transform_or_transforms.shape.ndims == 1:
            transforms = transform_or_transforms[None]
        elif transform_or_transforms.shape.ndims is None:
            raise TypeError("transform_or_transforms rank must be statically known")
        elif transform_or_transforms.shape.ndims == 2:
            transforms = transform_or_transforms
        else:
            raise TypeError("Transforms should have rank 1 or 2.")
        output = _boxes.gen_op(_OP, [(images, "images"), (transforms, "transforms"),
                                     (output_shape, "output_shape")],
                               {"dtype": images.dtype.base_dtype,
                                "interpolation": interpolation.upper()})
        return _from_batch(output, image_or_images.shape.ndims)


def angles_to_projective_transforms(angles, image_height, image_width, name=None):
    """[num_angles, 8] transforms rotating images counterclockwise by `angles` (radians)
    about their centres."""
    with name_scope(name, "angles_to_projective_transforms"):
        angle_or_angles = convert_to_tensor(angles, name="angles", dtype=_dt.float32)
        if angle_or_angles.shape.ndims == 0:
            angles = angle_or_angles[None]
        elif angle_or_angles.shape.ndims == 1:
            angles = angle_or_angles
        else:
            raise TypeError("Angles should have rank 0 or 1.")
        cos, sin = math_ops.cos, math_ops.sin
        x_offset = ((image_width - 1) - (cos(angles) * (image_width - 1) -
                                         sin(angles) * (image_height - 1))) / 2.0
        y_offset = ((image_height - 1) - (sin(angles) * (image_width - 1) +
                                          cos(angles) * (image_height - 1))) / 2.0
        num_angles = array_ops.shape(angles)[0]
        return array_ops.concat(
            values=[cos(angles)[:, None], -sin(angles)[:, None], x_offset[:, None],
                    sin(angles)[:, None], cos(angles)[:, None], y_offset[:, None],
                    array_ops.zeros((num_angles, 2), _dt.float32)], axis=1)


def rotate(images, angles, interpolation="NEAREST", name=None):
    """Rotates image(s) counterclockwise by `angles` (radians), zeros outside."""
    with name_scope(name, "rotate"):
        image_or_images = convert_to_tensor(images)
        if image_or_images.dtype.base_dtype not in _IMAGE_DTYPES:
            raise TypeError("Invalid dtype %s." % image_or_images.dtype)
        images = _to_batch(image_or_images)
        image_height = math_ops.cast(array_ops.shape(images)[1], _dt.float32)[None]
        image_width = math_ops.cast(array_ops.shape(images)[2], _dt.float32)[None]
        output = transform(images,
                           angles_to_projective_transforms(angles, image_height, image_width),
                           interpolation=interpolation)
        return _from_batch(output, image_or_images.shape.ndims)


def translations_to_projective_transforms(translations, name=None):
    """[num, 8] transforms translating images by `translations` ([dx, dy] or [num, 2])."""
    with name_scope(name, "translations_to_projective_transforms"):
        translation_or_translations = convert_to_tensor(translations, name="translations",
                                                        dtype=_dt.float32)
        rank = translation_or_translations.shape.ndims
        if rank is None:
            raise TypeError("translation_or_translations rank must be statically known")
        if rank == 1:
            translations = translation_or_translations[None]
        elif rank == 2:
            translations = translation_or_translations
        else:
            raise TypeError("Translations should have rank 1 or 2.")
        num = array_ops.shape(translations)[0]
        return array_ops.concat(
            values=[array_ops.ones((num, 1), _dt.float32), array_ops.zeros((num, 1), _dt.float32),
                    -translations[:, 0, None], array_ops.zeros((num, 1), _dt.float32),
                    array_ops.ones((num, 1), _dt.float32), -translations[:, 1, None],
                    array_ops.zeros((num, 2), _dt.float32)], axis=1)


def translate(images, translations, interpolation="NEAREST", name=None):
    """Translates image(s) by `translations` ([dx, dy] per image), zeros outside."""
    with name_scope(name, "translate"):
        return transform(images, translations_to_projective_transforms(translations),
                         interpolation=interpolation)


def flat_transforms_to_matrices(transforms):
    """[N, 8] (or [8]) flat transforms to [N, 3, 3] matrices."""
    with name_scope("flat_transforms_to_matrices"):
        transforms = convert_to_tensor(transforms, name="transforms")
        if transforms.shape.ndims not in (1, 2):
            raise ValueError("Transforms should be 1D or 2D, got: %s" % transforms)
        transforms = array_ops.reshape(transforms, constant([-1, 8]))
        num_transforms = array_ops.shape(transforms)[0]
        return array_ops.reshape(
            array_ops.concat([transforms, array_ops.ones([num_transforms, 1])], axis=1),
            constant([-1, 3, 3]))


def matrices_to_flat_transforms(transform_matrices):
    """[N, 3, 3] (or [3, 3]) matrices to [N, 8] flat transforms (normalized by entry 8)."""
    with name_scope("matrices_to_flat_transforms"):
        transform_matrices = convert_to_tensor(transform_matrices, name="transform_matrices")
        if transform_matrices.shape.ndims not in (2, 3):
            raise ValueError("Matrices should be 2D or 3D, got: %s" % transform_matrices)
        transforms = array_ops.reshape(transform_matrices, constant([-1, 9]))
        transforms /= transforms[:, 8:9]
        return transforms[:, :8]


def compose_transforms(*transforms):
    """The flat transform applying the last of `transforms` first."""
    assert transforms, "transforms cannot be empty"
    with name_scope("compose_transforms"):
        composed = flat_transforms_to_matrices(transforms[0])
        for tr in transforms[1:]:
            composed = linalg_ops.matmul(composed, flat_transforms_to_matrices(tr))
        return matrices_to_flat_transforms(composed)
