"""The ops TF 1.14's tf.image.decode_image builds besides DecodeJpeg/DecodePng: Substr (the
magic bytes), DecodeGif, DecodeBmp. flowgrad's decode_image is one DecodeImage op; a
GraphDef writes it as TF's cond over these (framework/graph_def_lower.py), and these
kernels let flowgrad run such a GraphDef (its own, or TF's) too. GIF and BMP through
Pillow (the `image` extra)."""
from __future__ import annotations

import builtins
import io

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .image import _as_bytes, _invalid, _to_array, pillow

__all__ = []


def _substr_infer(inputs, attrs):
    s, pos, ln = inputs
    if s.dtype.base_dtype is not _dt.string:
        raise TypeError(f"Input 'input' of 'Substr' Op has type {s.dtype.name} that does not "
                        "match expected type of string.")
    for t, arg in ((pos, "pos"), (ln, "len")):
        if t.dtype.base_dtype not in (_dt.int32, _dt.int64):
            raise TypeError(f"Input '{arg}' of 'Substr' Op has type {t.dtype.name} that is "
                            "not in the list of allowed values: int32, int64")
    if attrs.get("unit", "BYTE") not in ("BYTE", "UTF8_CHAR"):
        raise ValueError(f"Attr 'unit' of 'Substr' Op: {attrs.get('unit')!r} not in "
                         "['BYTE', 'UTF8_CHAR']")
    return [(_dt.string, s.shape if pos.shape.ndims == 0 and ln.shape.ndims == 0
             else TensorShape(None))]


def _substr_kernel(input, pos, len, unit="BYTE"):  # noqa: A002 - TF's argument names
    if unit != "BYTE":
        raise _invalid("Substr: unit UTF8_CHAR is not supported by flowgrad")
    s = np.asarray(input, dtype=object)
    p, n = np.broadcast_arrays(np.asarray(pos), np.asarray(len))
    if p.ndim and p.shape != s.shape:
        s, p, n = np.broadcast_arrays(s, p, n)
    out = np.empty(s.shape, dtype=object)
    flat_s, flat_p, flat_n = s.reshape(-1), np.broadcast_to(p, s.shape).reshape(-1), \
        np.broadcast_to(n, s.shape).reshape(-1)
    res = out.reshape(-1)
    for i, (v, a, b) in enumerate(zip(flat_s, flat_p, flat_n)):
        v = v.encode() if isinstance(v, str) else bytes(v)
        a = int(a) + builtins.len(v) if int(a) < 0 else int(a)
        if a < 0 or a > builtins.len(v):
            raise _invalid(f"pos {int(flat_p[i])} out of range for string b'{v.decode('latin-1')}'"
                           f" at index {i}")
        res[i] = v[a:a + max(int(b), 0)]
    return out


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


register_op("Substr", infer=_substr_infer, kernel=_substr_kernel, grad=None)
register_op("DecodeGif", infer=_decode_gif_infer, kernel=_decode_gif_kernel, grad=None)
register_op("DecodeBmp", infer=_decode_bmp_infer, kernel=_decode_bmp_kernel, grad=None)
