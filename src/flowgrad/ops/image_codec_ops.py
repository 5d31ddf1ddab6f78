"""tf.image's codec functions beyond PNG/JPEG's (TF 1.14): decode_bmp, decode_gif, is_jpeg,
extract_jpeg_shape, decode_and_crop_jpeg, adjust_jpeg_quality, random_jpeg_quality. The ops
and their names are TF's; the kernels are in engine/ops/image_codecs_v1.py (BMP needs no
library; GIF and JPEG need Pillow, the `image` extra)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import name_scope
from ..engine.ops import image as _img
from ..engine.ops import image_codecs_v1 as _codecs  # noqa: F401 - registers the ops
from ..engine.ops._base import convert_to_tensor
from ..engine.ops.image_boxes import gen_op as _gen
from . import random_ops
from .comparison_ops import equal
from .image_quality_ops import convert_image_dtype

__all__ = ["decode_bmp", "decode_gif", "is_jpeg", "extract_jpeg_shape", "decode_and_crop_jpeg",
           "adjust_jpeg_quality", "random_jpeg_quality"]


def decode_bmp(contents, channels=0, name=None):
    """An uncompressed 8/24/32-bit BMP string to a uint8 [height, width, channels] image
    (op DecodeBmp)."""
    return _gen("DecodeBmp", [(contents, "contents", _dt.string)], {"channels": int(channels)},
                name)


def decode_gif(contents, name=None):
    """A GIF string to a uint8 [frames, height, width, 3] array (op DecodeGif, via Pillow)."""
    _img.pillow()
    return _gen("DecodeGif", [(contents, "contents", _dt.string)], {}, name)


def is_jpeg(contents, name=None):
    """True when the string starts with JPEG's magic bytes."""
    with name_scope(name, "is_jpeg"):
        substr = _gen("Substr", [(contents, "input", _dt.string), (0, "pos", _dt.int32),
                                 (3, "len", _dt.int32)], {"T": _dt.int32, "unit": "BYTE"})
        return equal(substr, b"\xff\xd8\xff", name=name)


def extract_jpeg_shape(contents, output_type=_dt.int32, name=None):
    """A JPEG string's [height, width, channels], from its header (op ExtractJpegShape)."""
    _img.pillow()
    return _gen("ExtractJpegShape", [(contents, "contents", _dt.string)],
                {"output_type": _dt.as_dtype(output_type)}, name)


def decode_and_crop_jpeg(contents, crop_window, channels=0, ratio=1, fancy_upscaling=True,
                         try_recover_truncated=False, acceptable_fraction=1, dct_method="",
                         name=None):
    """decode_jpeg, then the [y, x, height, width] crop_window of the result (op
    DecodeAndCropJpeg); the same decoding modes and limits as decode_jpeg.

    TF's libjpeg-turbo decodes only the window, so with subsampled chroma its fancy
    upsampling treats the window's right edge as the image's: there flowgrad's last column
    or two can differ by a few levels (exact without chroma subsampling, or when the
    window reaches the image's right edge)."""
    if try_recover_truncated or acceptable_fraction != 1:
        raise NotImplementedError("decode_and_crop_jpeg: try_recover_truncated, "
                                  "acceptable_fraction")
    if ratio not in (1, 2, 4, 8):
        raise ValueError("ratio must be 1, 2, 4 or 8")
    _img.pillow()
    attrs = {"channels": int(channels), "ratio": int(ratio),
             "fancy_upscaling": bool(fancy_upscaling), "try_recover_truncated": False,
             "acceptable_fraction": 1.0, "dct_method": dct_method}
    return _gen("DecodeAndCropJpeg", [(contents, "contents", _dt.string),
                                      (crop_window, "crop_window", _dt.int32)], attrs, name)


def adjust_jpeg_quality(image, jpeg_quality, name=None):
    """The image encoded as JPEG at jpeg_quality and decoded again, in its own dtype."""
    with name_scope(name, "adjust_jpeg_quality", [image]):
        image = convert_to_tensor(image, name="image")
        orig_dtype = image.dtype
        image = convert_image_dtype(image, _dt.uint8)
        if not hasattr(jpeg_quality, "op"):
            jpeg_quality = convert_to_tensor(jpeg_quality, dtype=_dt.int32)
        _img.pillow()
        image = _gen("EncodeJpegVariableQuality", [(image, "images"),
                                                   (jpeg_quality, "quality")], {})
        image = _gen("DecodeJpeg", [(image, "contents")],
                     {"channels": 0, "ratio": 1, "fancy_upscaling": True,
                      "try_recover_truncated": False, "acceptable_fraction": 1.0,
                      "dct_method": ""})
        return convert_image_dtype(image, orig_dtype)


def random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed=None):
    """adjust_jpeg_quality at a quality uniform in [min_jpeg_quality, max_jpeg_quality)."""
    if (min_jpeg_quality < 0 or max_jpeg_quality < 0 or min_jpeg_quality > 100 or
            max_jpeg_quality > 100):
        raise ValueError("jpeg encoding range must be between 0 and 100.")
    if min_jpeg_quality >= max_jpeg_quality:
        raise ValueError("`min_jpeg_quality` must be less than `max_jpeg_quality`.")
    quality = random_ops.random_uniform([], min_jpeg_quality, max_jpeg_quality, seed=seed,
                                        dtype=_dt.int32)
    return adjust_jpeg_quality(image, quality)
