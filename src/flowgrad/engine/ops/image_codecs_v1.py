"""The ops TF 1.14's tf.image.decode_image builds besides DecodeJpeg/DecodePng: Substr (the
magic bytes; registered in strings.py), DecodeGif, DecodeBmp. flowgrad's decode_image is
one DecodeImage op; a
GraphDef writes it as TF's cond over these (framework/graph_def_lower.py), and these
kernels let flowgrad run such a GraphDef (its own, or TF's) too. GIF and BMP through
Pillow (the `image` extra)."""
from __future__ import annotations

import io

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import strings as _strings  # noqa: F401 - registers Substr (TF's decode_image graph)
from .image import _as_bytes, _invalid, _to_array, pillow

__all__ = []


def _decode_gif_infer(inputs, attrs):
    return [(_dt.uint8, TensorShape([None, None, None, 3]))]


def _decode_gif_kernel(contents):
    data = _as_bytes(contents)
    if not data.startswith(b"GIF"):
        raise _invalid("Failed to decode gif image: not a GIF file")
    img = pillow().open(io.BytesIO(data))
    frames = []
    for i in range(getattr(img, "n_frames", 1)):
        img.seek(i)
        frames.append(np.asarray(img.convert("RGB")))
    return np.stack(frames)


def _decode_bmp_infer(inputs, attrs):
    ch = attrs.get("channels", 0)
    if ch not in (0, 1, 3, 4):
        raise ValueError(f"channels attribute {ch} unsupported")
    return [(_dt.uint8, TensorShape([None, None, ch or None]))]


def _decode_bmp_kernel(contents, channels=0):
    data = _as_bytes(contents)
    if not data.startswith(b"BM"):
        raise _invalid("Malformed BMP: the file does not start with 'BM'")
    img = pillow().open(io.BytesIO(data))
    img.load()
    return _to_array(img, int(channels), np.uint8)


register_op("DecodeGif", infer=_decode_gif_infer, kernel=_decode_gif_kernel, grad=None)
register_op("DecodeBmp", infer=_decode_bmp_infer, kernel=_decode_bmp_kernel, grad=None)
