"""The ops TF 1.14's tf.image.decode_image builds besides DecodeJpeg/DecodePng: Substr (the
magic bytes; registered in strings.py), DecodeGif, DecodeBmp; and ExtractJpegShape,
DecodeAndCropJpeg, EncodeJpegVariableQuality. flowgrad's decode_image is one DecodeImage
op; a
GraphDef writes it as TF's cond over these (framework/graph_def_lower.py), and these
kernels let flowgrad run such a GraphDef (its own, or TF's) too. GIF and JPEG through
Pillow (the `image` extra); BMP by TF's own reader here, with no dependency."""
from __future__ import annotations

import io

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import no_gradient_registered, register_op
from ..framework.tensor_shape import TensorShape
from . import strings as _strings  # noqa: F401 - registers Substr (TF's decode_image graph)
from .image import (_as_bytes, _decode_bmp_kernel, _decode_gif_kernel, _decode_jpeg_kernel,
                    _encode_jpeg_kernel, _invalid, pillow)

__all__ = []


def _decode_gif_infer(inputs, attrs):
    return [(_dt.uint8, TensorShape([None, None, None, 3]))]


def _decode_bmp_infer(inputs, attrs):
    ch = attrs.get("channels", 0)
    if ch not in (0, 1, 3, 4):
        raise ValueError(f"channels attribute {ch} unsupported")
    _scalar_string("DecodeBmp", inputs[0])
    return [(_dt.uint8, TensorShape([None, None, ch or None]))]


def _scalar_string(op_type, t):
    if t.dtype.base_dtype is not _dt.string:
        raise TypeError(f"Input 'contents' of '{op_type}' Op has type {t.dtype.name} that "
                        "does not match expected type of string.")
    if t.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")


def _jpeg_header(data, what="Invalid JPEG data or crop window, data size "):
    if not data.startswith(b"\xff\xd8"):
        raise _invalid(what + str(len(data)))
    img = pillow().open(io.BytesIO(data))
    comps = {"L": 1, "RGB": 3, "YCbCr": 3, "CMYK": 4}.get(img.mode, 3)
    return img.size[1], img.size[0], comps


def _extract_jpeg_shape_kernel(contents, output_type=_dt.int32):
    h, w, c = _jpeg_header(_as_bytes(contents), "Invalid JPEG data, size ")
    return np.array([h, w, c], _dt.as_dtype(output_type).as_numpy_dtype)


def _extract_jpeg_shape_infer(inputs, attrs):
    _scalar_string("ExtractJpegShape", inputs[0])
    dtype = _dt.as_dtype(attrs.get("output_type", _dt.int32))
    if dtype not in (_dt.int32, _dt.int64):
        raise TypeError(f"Value passed to parameter 'output_type' has DataType {dtype.name} "
                        "not in list of allowed values: int32, int64")
    return [(dtype, TensorShape([3]))]


def _decode_and_crop_jpeg_kernel(contents, crop_window, channels=0, ratio=1,
                                 fancy_upscaling=True, try_recover_truncated=False,
                                 acceptable_fraction=1.0, dct_method=""):
    win = np.asarray(crop_window)
    if win.shape != (4,):
        raise _invalid("crop_window must be shape [4], got " + str(list(win.shape)))
    data = _as_bytes(contents)
    h, w, _ = _jpeg_header(data)
    y, x, ch, cw = (int(v) for v in win)
    sh, sw = (h + ratio - 1) // ratio, (w + ratio - 1) // ratio
    if y < 0 or x < 0 or ch <= 0 or cw <= 0 or y + ch > sh or x + cw > sw:
        raise _invalid("Invalid JPEG data or crop window, data size " + str(len(data)))
    full = _decode_jpeg_kernel(data, channels, ratio, fancy_upscaling, try_recover_truncated,
                               acceptable_fraction, dct_method)
    return np.ascontiguousarray(full[y:y + ch, x:x + cw])


def _decode_and_crop_infer(inputs, attrs):
    _scalar_string("DecodeAndCropJpeg", inputs[0])
    win = inputs[1]
    if win.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'crop_window' of 'DecodeAndCropJpeg' Op has type "
                        f"{win.dtype.name} that does not match expected type of int32.")
    if win.shape.ndims not in (None, 1):
        raise ValueError(f"Shape must be rank 1 but is rank {win.shape.ndims} for "
                         "'DecodeAndCropJpeg'")
    ch = attrs.get("channels", 0) or None
    return [(_dt.uint8, TensorShape([None, None, ch]))]


def _encode_jpeg_quality_kernel(images, quality):
    q = np.asarray(quality)
    if q.ndim:
        raise _invalid("quality must be scalar: " + str(list(q.shape)))
    # libjpeg's jpeg_set_quality clamps the quality to [1, 100]
    return _encode_jpeg_kernel(images, quality=min(max(int(q), 1), 100))


def _encode_jpeg_quality_infer(inputs, attrs):
    img, q = inputs
    if img.dtype.base_dtype is not _dt.uint8:
        raise TypeError(f"Input 'images' of 'EncodeJpegVariableQuality' Op has type "
                        f"{img.dtype.name} that does not match expected type of uint8.")
    if q.dtype.base_dtype is not _dt.int32:
        raise TypeError(f"Input 'quality' of 'EncodeJpegVariableQuality' Op has type "
                        f"{q.dtype.name} that does not match expected type of int32.")
    if img.shape.ndims not in (None, 3):
        raise ValueError(f"Shape must be rank 3 but is rank {img.shape.ndims} for "
                         "'EncodeJpegVariableQuality'")
    if q.shape.ndims not in (None, 0):
        raise ValueError(f"Shape must be rank 0 but is rank {q.shape.ndims} for "
                         "'EncodeJpegVariableQuality'")
    return [(_dt.string, TensorShape([]))]


register_op("DecodeGif", infer=_decode_gif_infer, kernel=_decode_gif_kernel,
            grad=no_gradient_registered)
register_op("DecodeBmp", infer=_decode_bmp_infer, kernel=_decode_bmp_kernel,
            grad=no_gradient_registered)
register_op("ExtractJpegShape", infer=_extract_jpeg_shape_infer,
            kernel=_extract_jpeg_shape_kernel, grad=no_gradient_registered)
register_op("DecodeAndCropJpeg", infer=_decode_and_crop_infer,
            kernel=_decode_and_crop_jpeg_kernel, grad=no_gradient_registered)
register_op("EncodeJpegVariableQuality", infer=_encode_jpeg_quality_infer,
            kernel=_encode_jpeg_quality_kernel, grad=no_gradient_registered)
