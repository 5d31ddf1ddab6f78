"""tf.image's box functions (TF 1.14): non-max suppression, crop_and_resize,
draw_bounding_boxes, sample_distorted_bounding_box, extract_glimpse.

Each builds the ops TF 1.14's image_ops_impl.py and its generated wrappers build, with the
same names; the kernels are in engine/ops/image_boxes.py. SampleDistortedBoundingBoxV2 is
registered here: it draws from the session's Philox stream for the op (TF's numbers).
"""
from __future__ import annotations

from collections import namedtuple

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import image_boxes as _boxes
from ..engine.ops import philox
from ..engine.ops._base import check_choice, const_value, convert_to_tensor
from .random_ops import _stream

__all__ = [
    "non_max_suppression", "non_max_suppression_padded", "non_max_suppression_overlaps",
    "combined_non_max_suppression", "crop_and_resize", "draw_bounding_boxes",
    "sample_distorted_bounding_box", "extract_glimpse",
]

_gen = _boxes.gen_op
_F32 = np.float32
_NMS_TYPES = (_dt.float16, _dt.float32)   # NonMaxSuppressionV3 / V4's T

# TF 1.14 returns its generated wrappers' namedtuples (`.valid_outputs`, `.nmsed_boxes`)
_NMSV4Output = namedtuple("NonMaxSuppressionV4", ["selected_indices", "valid_outputs"])
_CombinedNMSOutput = namedtuple("CombinedNonMaxSuppression",
                                ["nmsed_boxes", "nmsed_scores", "nmsed_classes",
                                 "valid_detections"])


# -- non-max suppression ----------------------------------------------------------------------
def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5,
                        score_threshold=float("-inf"), name=None):
    """Indices of the boxes greedy non-max suppression keeps, by descending score
    (op NonMaxSuppressionV3): boxes scoring <= score_threshold are dropped, and each kept
    box suppresses the later ones whose IoU with it exceeds iou_threshold."""
    with name_scope(name, "non_max_suppression"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        return _gen("NonMaxSuppressionV3", [
            (boxes, "boxes", _dt.float32, "preferred", _NMS_TYPES),
            (scores, "scores", _dt.float32, "preferred"),
            (max_output_size, "max_output_size", _dt.int32),
            (iou_threshold, "iou_threshold"), (score_threshold, "score_threshold")],
            _type_of(0))


def _type_of(i, **attrs):
    """The attrs with T taken from converted input i (TF's wrappers infer it so)."""
    return lambda inputs: {"T": inputs[i].dtype.base_dtype, **attrs}


def non_max_suppression_padded(boxes, scores, max_output_size, iou_threshold=0.5,
                               score_threshold=float("-inf"), pad_to_max_output_size=False,
                               name=None):
    """non_max_suppression that also returns the number of valid indices, and pads the
    indices with zeros to max_output_size when pad_to_max_output_size (NonMaxSuppressionV4)."""
    with name_scope(name, "non_max_suppression_padded"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        return _NMSV4Output(*_gen("NonMaxSuppressionV4", [
            (boxes, "boxes", _dt.float32, "preferred", _NMS_TYPES),
            (scores, "scores", _dt.float32, "preferred"),
            (max_output_size, "max_output_size", _dt.int32), (iou_threshold, "iou_threshold"),
            (score_threshold, "score_threshold")],
            _type_of(0, pad_to_max_output_size=bool(pad_to_max_output_size))))


def non_max_suppression_overlaps(overlaps, scores, max_output_size, overlap_threshold=0.5,
                                 score_threshold=float("-inf"), name=None):
    """Greedy non-max suppression over a given [n, n] overlap matrix
    (op NonMaxSuppressionWithOverlaps)."""
    with name_scope(name, "non_max_suppression_overlaps"):
        overlap_threshold = convert_to_tensor(overlap_threshold, name="overlap_threshold")
        return _gen("NonMaxSuppressionWithOverlaps", [
            (overlaps, "overlaps", _dt.float32), (scores, "scores", _dt.float32),
            (max_output_size, "max_output_size", _dt.int32),
            (overlap_threshold, "overlap_threshold", _dt.float32),
            (score_threshold, "score_threshold", _dt.float32)])


def combined_non_max_suppression(boxes, scores, max_output_size_per_class, max_total_size,
                                 iou_threshold=0.5, score_threshold=float("-inf"),
                                 pad_per_class=False, clip_boxes=True, name=None):
    """Per-class NMS over a batch, merged by score (op CombinedNonMaxSuppression): returns
    (nmsed_boxes, nmsed_scores, nmsed_classes, valid_detections)."""
    with name_scope(name, "combined_non_max_suppression"):
        iou_threshold = convert_to_tensor(iou_threshold, dtype=_dt.float32,
                                          name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, dtype=_dt.float32,
                                            name="score_threshold")
        return _CombinedNMSOutput(*_gen("CombinedNonMaxSuppression", [
            (boxes, "boxes", _dt.float32), (scores, "scores", _dt.float32),
            (max_output_size_per_class, "max_output_size_per_class", _dt.int32),
            (max_total_size, "max_total_size", _dt.int32), (iou_threshold, "iou_threshold"),
            (score_threshold, "score_threshold")],
            {"pad_per_class": bool(pad_per_class), "clip_boxes": bool(clip_boxes)}))


# -- crop_and_resize, draw_bounding_boxes, extract_glimpse ------------------------------------
def crop_and_resize(image, boxes, box_ind=None, crop_size=None, method="bilinear",
                    extrapolation_value=0, name=None, box_indices=None):
    """Crops boxes (normalized [y1, x1, y2, x2]) out of a batch of images and resizes each to
    crop_size, bilinearly or by nearest neighbour (op CropAndResize; float32 output).
    Differentiable with respect to the image and the boxes, as TF."""
    if box_ind is not None and box_indices is not None:
        raise ValueError("Cannot specify both 'box_indices' and 'box_ind'")
    box_ind = box_indices if box_indices is not None else box_ind
    def attrs(inputs):   # checked inside the op's name scope, as TF's op_def_library does
        return {"T": inputs[0].dtype.base_dtype,
                "method": check_choice("CropAndResize", "method", method,
                                       ("bilinear", "nearest")),
                "extrapolation_value": float(extrapolation_value)}
    return _gen("CropAndResize", [(image, "image"), (boxes, "boxes", _dt.float32),
                                  (box_ind, "box_ind", _dt.int32),
                                  (crop_size, "crop_size", _dt.int32)], attrs, name)


def draw_bounding_boxes(images, boxes, name=None, colors=None):
    """The images with each box's outline drawn, cycling through TF's colour table or
    `colors` (ops DrawBoundingBoxes / DrawBoundingBoxesV2)."""
    if colors is None:
        return _gen("DrawBoundingBoxes", [(images, "images", _dt.float32, "preferred"),
                                          (boxes, "boxes", _dt.float32)],
                    _type_of(0), name)
    return _gen("DrawBoundingBoxesV2", [(images, "images", _dt.float32, "preferred"),
                                        (boxes, "boxes", _dt.float32),
                                        (colors, "colors", _dt.float32)], _type_of(0), name)


def extract_glimpse(input, size, offsets, centered=True,  # noqa: A002 - TF's name
                    normalized=True, uniform_noise=True, name=None):
    """Windows of `size` at `offsets` ([y, x] per image), filled with noise where they leave
    the image (op ExtractGlimpse). The noise is flowgrad's own draw (TF's is unseeded)."""
    return _gen("ExtractGlimpse", [(input, "input", _dt.float32), (size, "size", _dt.int32),
                                   (offsets, "offsets", _dt.float32)],
                {"centered": bool(centered), "normalized": bool(normalized),
                 "uniform_noise": bool(uniform_noise), "noise": "uniform"}, name)


# -- SampleDistortedBoundingBoxV2 -------------------------------------------------------------
def _uniform_u32(words, n):
    """SimplePhilox::Uniform(n): TF's ExactUniformInt, rejecting the low 2**32 % n words."""
    rem = (2 ** 32) % n
    while True:
        bits = next(words)
        if bits >= rem:
            return bits % n


def _rand_float(words):
    return _F32(np.uint32(0x3F800000 | (next(words) & 0x7FFFFF)).view(_F32) - _F32(1.0))


def _lrintf(x):
    return int(np.rint(_F32(x)))


def _random_crop(width, height, min_rel, max_rel, aspect, words):
    """TF's GenerateRandomCrop in float32: (x, y, w, h) or None."""
    if max_rel <= 0 or aspect <= 0 or width <= 0 or height <= 0 or min_rel > max_rel:
        return None
    min_area = _F32(_F32(min_rel * _F32(width)) * _F32(height))
    max_area = _F32(_F32(max_rel * _F32(width)) * _F32(height))
    h = _lrintf(np.sqrt(_F32(min_area / aspect)))
    max_h = _lrintf(np.sqrt(_F32(max_area / aspect)))
    if _lrintf(_F32(max_h) * aspect) > width:
        max_h = int((width + 0.5 - float(_F32(1e-7))) / float(aspect))
    max_h = min(max_h, height)
    h = min(h, max_h)
    if h < max_h:
        h += _uniform_u32(words, max_h - h + 1)
    w = _lrintf(_F32(h) * aspect)
    area = _F32(w * h)
    if area < min_area:
        h += 1
        w = _lrintf(_F32(h) * aspect)
        area = _F32(w * h)
    if area > max_area:
        h -= 1
        w = _lrintf(_F32(h) * aspect)
        area = _F32(w * h)
    if area < min_area or area > max_area or w > width or h > height or w <= 0 or h <= 0:
        return None
    y = _uniform_u32(words, height - h) if h < height else 0
    x = _uniform_u32(words, width - w) if w < width else 0
    return x, y, w, h


def _area(r):
    return _F32((r[2] - r[0]) * (r[3] - r[1]))


def _covers(crop, min_covered, rects):
    if _area(crop) < 1:
        return False
    for r in rects:
        a = _area(r)
        if a < 1:
            continue
        x0, y0 = max(crop[0], r[0]), max(crop[1], r[1])
        x1, y1 = min(crop[2], r[2]), min(crop[3], r[3])
        inter = (0, 0, 0, 0) if x0 > x1 or y0 > y1 else (x0, y0, x1, y1)
        if _F32(_area(inter) / a) >= min_covered:
            return True
    return False


def _sdbb_bind(node, ctx):
    stream = _stream(node, ctx)
    attrs = node.attrs
    attempts = int(attrs["max_attempts"])
    use_image = bool(attrs["use_image_if_no_bounding_boxes"])

    def invalid(msg):
        return errors.InvalidArgumentError(None, None, msg)

    # TF checks the attrs when it builds the kernel, at the first run
    if len(attrs["aspect_ratio_range"]) != 2:
        raise invalid("Aspect ratio range field must specify 2 dimensions")
    lo_aspect, hi_aspect = (_F32(v) for v in attrs["aspect_ratio_range"])
    if not (lo_aspect > 0 and hi_aspect > 0):
        raise invalid(f"Aspect ratio range must be non-negative: [{lo_aspect:g}, {hi_aspect:g}]")
    if len(attrs["area_range"]) != 2:
        raise invalid("Area range field must specify 2 dimensions")
    lo_area, hi_area = (_F32(v) for v in attrs["area_range"])
    if not (lo_area > 0 and hi_area > 0):
        raise invalid(f"Area range must be non-negative: [{lo_area:g}, {hi_area:g}]")
    if not (lo_area <= 1 and hi_area <= 1):
        raise invalid(f"Area range must be less then or equal to 1.0: [{lo_area:g}, "
                      f"{hi_area:g}]")
    if attempts <= 0:
        raise invalid(f"Max attempts must be non-negative: {attempts}")

    def kernel(image_size, bounding_boxes, min_object_covered):
        size = np.asarray(image_size)
        if size.ndim != 1:
            raise invalid("image_size must be 1-dimensional" + _shape_str(size))
        if size.shape[0] != 3:
            raise invalid("image_size must contain 3 elements" + _shape_str(size))
        height, width = int(size[0]), int(size[1])
        if not 0 <= height < 2 ** 31 - 1:
            raise invalid("image height cannot be >= int32 max")
        if not 0 <= width < 2 ** 31 - 1:
            raise invalid("image width cannot be >= int32 max")
        boxes = np.asarray(bounding_boxes, _F32)
        if boxes.ndim != 3:
            raise invalid("input boxes must be 3-dimensional [batch, num_boxes, coords]: "
                          + _shape_str(boxes))
        if boxes.shape[-1] != 4:
            raise invalid("bounding boxes must have shape [4] or [*, 4], got "
                          + _shape_str(boxes))
        covered = np.asarray(min_object_covered)
        if covered.ndim:
            raise invalid("min_object_covered must be 0-D, got shape " + _shape_str(covered))
        covered = _F32(covered)
        if not covered >= 0:
            raise invalid(f"Min object covered must be non-negative: {float(covered):g}")
        rects = []
        for b in boxes.reshape(-1, 4):
            for v in b:
                if not 0.0 <= v <= 1.0:
                    raise invalid(f"All bounding box coordinates must be in [0.0, 1.0]: "
                                  f"{float(v):g}")
            rects.append((int(b[1] * _F32(width)), int(b[0] * _F32(height)),
                          int(b[3] * _F32(width)), int(b[2] * _F32(height))))
        image_rect = (0, 0, width, height)
        if not rects:
            if not use_image:
                raise invalid("No bounding boxes provided as input. One must enable "
                              "use_image_if_no_bounding_boxes if you wish to not provide "
                              "any bounding boxes.")
            rects.append(image_rect)
        counter = stream.reserve_32(4 * attempts)
        words = _philox_words(stream.key, counter)
        crop = None
        for _ in range(attempts):
            aspect = _F32(_rand_float(words) * (hi_aspect - lo_aspect) + lo_aspect)
            r = _random_crop(width, height, lo_area, hi_area, aspect, words)
            if r is not None:
                x, y, w, h = r
                cand = (x, y, x + w, y + h)
                if _covers(cand, covered, rects):
                    crop = cand
                    break
        if crop is None:
            crop = image_rect
        dtype = size.dtype  # T(-1) wraps for uint8, as TF's cast
        begin = np.array([crop[1], crop[0], 0], np.int64).astype(dtype)
        out_size = np.array([crop[3] - crop[1], crop[2] - crop[0], -1], np.int64).astype(dtype)
        bboxes = np.array([[[_F32(crop[1]) / _F32(height), _F32(crop[0]) / _F32(width),
                             _F32(crop[3]) / _F32(height), _F32(crop[2]) / _F32(width)]]],
                          _F32)
        return begin, out_size, bboxes
    return kernel


def _philox_words(key, counter):
    """TF's SimplePhilox over a local generator: Philox blocks from `counter`, word by word."""
    block = 0
    while True:
        chunk = philox.philox_blocks(key, counter + block, 16).reshape(-1)
        block += 16
        yield from (int(w) for w in chunk)


def _shape_str(a):
    return "[" + ",".join(str(d) for d in np.shape(a)) + "]"


def _sdbb_infer(inputs, attrs, op="SampleDistortedBoundingBoxV2"):
    size, boxes, covered = inputs
    dtype = size.dtype.base_dtype
    if dtype not in (_dt.uint8, _dt.int8, _dt.int16, _dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'image_size' has DataType {dtype.name} not "
                        "in list of allowed values: uint8, int8, int16, int32, int64")
    if boxes.dtype.base_dtype is not _dt.float32:
        raise TypeError(f"Input 'bounding_boxes' of '{op}' Op has type "
                        f"{boxes.dtype.base_dtype.name} that does not match expected type of "
                        "float32.")
    # TF's shape function (the framework adds the op's name and input shapes): the ranks,
    # then image_size holds 3 values and each box 4
    if size.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {size.shape.ndims}")
    if boxes.shape.ndims not in (None, 3):
        raise ValueError(f"Shape must be rank 3 but is rank {boxes.shape.ndims}")
    if covered is not None and covered.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {covered.shape.ndims}")
    _boxes.dim_is(size, 0, 3)
    _boxes.dim_is(boxes, 2, 4)
    return [(dtype, TensorShape([3])), (dtype, TensorShape([3])),
            (_dt.float32, TensorShape([1, 1, 4]))]


register_op("SampleDistortedBoundingBoxV2", infer=_sdbb_infer, bind=_sdbb_bind, grad=None,
            stateful=True)


# the v1 op of old GraphDefs: min_object_covered an attr, which TF's kernel checks when it is
# built (before the other attrs), then V2's kernel and Philox stream
def _sdbb_v1_bind(node, ctx):
    covered = _F32(node.attrs.get("min_object_covered", 0.1))
    if not covered >= 0:
        raise errors.InvalidArgumentError(
            None, None, f"Min object covered must be non-negative: {float(covered):g}")
    kernel = _sdbb_bind(node, ctx)
    return lambda image_size, bounding_boxes: kernel(image_size, bounding_boxes, covered)


register_op("SampleDistortedBoundingBox",
            infer=lambda inputs, attrs: _sdbb_infer(inputs + [None], attrs,
                                                    "SampleDistortedBoundingBox"),
            bind=_sdbb_v1_bind, grad=None, stateful=True)


# RandomCrop (removed at GraphDef version 8): a [height, width] window of a [h, w, c] image
# at offsets drawn as TF's kernel draws them (two words of one reserved Philox call: the
# width's offset first, each word mod the room; none drawn when the size is the image's)
def _random_crop_bind(node, ctx):
    stream = _stream(node, ctx)

    def invalid(msg):
        return errors.InvalidArgumentError(None, None, msg)

    def kernel(image, size):
        image, size = np.asarray(image), np.asarray(size)
        if image.ndim != 3:
            raise invalid("input must be 3-dimensional" + _shape_str(image))
        if size.shape != (2,):
            raise invalid("shape_t must have two elements" + _shape_str(size))
        height, width = image.shape[:2]
        th, tw = int(size[0]), int(size[1])
        if th == height and tw == width:
            return image
        if width < tw:
            raise errors.FailedPreconditionError(
                None, None, f"width must be >= target_width: width = {width}, target_width = "
                f"{tw}")
        if height < th:
            raise errors.FailedPreconditionError(
                None, None, f"height must be >= target_height: height = {height}, "
                f"target_height = {th}")
        words = _philox_words(stream.key, stream.reserve_32(2))
        x = next(words) % (width - tw + 1) if width > tw else 0
        y = next(words) % (height - th + 1) if height > th else 0
        return image[y:y + th, x:x + tw]
    return kernel


def _random_crop_infer(inputs, attrs):
    image, size = inputs
    if image.shape.ndims not in (None, 3):
        raise ValueError(f"Shape must be rank 3 but is rank {image.shape.ndims} for "
                         "'RandomCrop'")
    dims = const_value(size)
    hw = [None, None] if dims is None else [int(d) for d in np.asarray(dims).reshape(-1)[:2]]
    channels = image.shape[2] if image.shape.ndims == 3 else None
    return [(image.dtype.base_dtype, TensorShape(hw + [channels]))]


register_op("RandomCrop", infer=_random_crop_infer, bind=_random_crop_bind, grad=None,
            stateful=True)


def _float_list(v):
    """A list(float) attr (its length is the kernel's to check, as TF's)."""
    return [float(x) for x in v]


_SDBB = namedtuple("SampleDistortedBoundingBoxV2", ["begin", "size", "bboxes"])   # TF's result


def sample_distorted_bounding_box(image_size, bounding_boxes, seed=None, seed2=None,
                                  min_object_covered=0.1, aspect_ratio_range=None,
                                  area_range=None, max_attempts=None,
                                  use_image_if_no_bounding_boxes=None, name=None):
    """A random crop (begin, size, bboxes) covering at least `min_object_covered` of one of
    the boxes (op SampleDistortedBoundingBoxV2). As TF 1.14's v1 function, `seed` and `seed2`
    go to the op as given (the graph seed is not used): with both unset it is
    nondeterministic; with a seed it prints TF's numbers."""
    attrs = {"seed": int(seed or 0), "seed2": int(seed2 or 0),
             "aspect_ratio_range": _float_list([0.75, 1.33] if aspect_ratio_range is None
                                               else aspect_ratio_range),
             "area_range": _float_list([0.05, 1.0] if area_range is None else area_range),
             "max_attempts": int(100 if max_attempts is None else max_attempts),
             "use_image_if_no_bounding_boxes": bool(use_image_if_no_bounding_boxes)}
    with name_scope(name, "sample_distorted_bounding_box"):
        args = [(image_size, "image_size"), (bounding_boxes, "bounding_boxes", _dt.float32),
                (min_object_covered, "min_object_covered", _dt.float32)]
        return _SDBB(*_gen("SampleDistortedBoundingBoxV2", args, _type_of(0, **attrs), name))
