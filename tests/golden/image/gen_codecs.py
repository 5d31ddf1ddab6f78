# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.image's BMP/GIF/JPEG helpers under TF 1.14: decode_bmp (hand-made files, errors on
malformed ones), decode_gif (frames.gif, single.gif beside this file), is_jpeg,
extract_jpeg_shape, decode_and_crop_jpeg, adjust_jpeg_quality, random_jpeg_quality (seeded);
values, errors and the ops each call creates. tests/test_image_codecs.py runs the same
functions with flowgrad."""
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def _read(name):
    with open(os.path.join(HERE, name), "rb") as f:
        return f.read()


def _bmp(pixels, bpp, top_down=False, header_extra=0, bitcount_word=None):
    """An uncompressed BMP: pixels [h, w, c] (RGB(A) or gray) stored as BGR(A) rows."""
    h, w, c = pixels.shape
    row = (c * w + 3) // 4 * 4
    data = bytearray()
    rows = range(h) if top_down else range(h - 1, -1, -1)
    for i in rows:
        px = pixels[i]
        if c >= 3:
            px = np.concatenate([px[:, 2::-1], px[:, 3:]], axis=1)
        line = px.astype(np.uint8).tobytes()
        data += line + b"\0" * (row - len(line))
    offset = 54 + header_extra
    header = b"BM" + struct.pack("<IHHI", offset + len(data), 0, 0, offset)
    info = struct.pack("<IiiHHIIiiII", 40, w, -h if top_down else h, 1, bpp, 0, len(data), 2835, 2835, 0, 0)
    if bitcount_word is not None:
        info = info[:14] + struct.pack("<I", bitcount_word) + info[18:]
    return header + info + b"\0" * header_extra + bytes(data)


def _px(shape, seed=0):
    return np.random.RandomState(seed).randint(0, 256, size=shape).astype(np.uint8)


def bmp_values(tf):
    out = []
    for c, bpp in ((3, 24), (4, 32), (1, 8)):
        for top_down in (False, True):
            out.append(tf.image.decode_bmp(_bmp(_px((5, 7, c), c), bpp, top_down)))
    out.append(tf.image.decode_bmp(_bmp(_px((3, 2, 3), 9), 24, header_extra=6), channels=3))
    out.append(tf.image.decode_bmp(_bmp(_px((1, 1, 4), 10), 32), channels=4))
    return out


def _bmp_error(data, channels=0):
    def case(tf):
        return [tf.image.decode_bmp(data, channels=channels)]
    return case


def gif_values(tf):
    return [tf.image.decode_gif(_read("frames.gif")), tf.image.decode_gif(_read("single.gif"))]


def gif_error(tf):
    return [tf.image.decode_gif(b"GIF89a" + b"\0" * 4)]


def _jpeg(tf, shape, seed, **kw):
    return tf.image.encode_jpeg(tf.constant(_px(shape, seed)), **kw)


def jpeg_helpers(tf):
    rgb = _jpeg(tf, (17, 23, 3), 3, quality=90, chroma_downsampling=False)
    gray = _jpeg(tf, (9, 12, 1), 4, quality=80)
    return [tf.image.is_jpeg(rgb), tf.image.is_jpeg(b"\x89PNG"), tf.image.is_jpeg(b"\xff\xd8"),
            tf.image.extract_jpeg_shape(rgb), tf.image.extract_jpeg_shape(gray, output_type=tf.int64),
            tf.image.decode_and_crop_jpeg(rgb, [2, 3, 10, 12]), tf.image.decode_and_crop_jpeg(rgb, [0, 0, 17, 23], channels=1),
            tf.image.decode_and_crop_jpeg(gray, [1, 2, 5, 4]), tf.image.decode_and_crop_jpeg(rgb, [1, 1, 4, 5], ratio=2),
            tf.image.decode_and_crop_jpeg(_jpeg(tf, (17, 23, 3), 3, quality=90), [3, 4, 9, 11], dct_method="INTEGER_ACCURATE")]


def jpeg_crop_error(tf):
    return [tf.image.decode_and_crop_jpeg(_jpeg(tf, (8, 8, 3), 3), [4, 4, 5, 2])]


def jpeg_shape_error(tf):
    return [tf.image.extract_jpeg_shape(b"not a jpeg")]


def jpeg_quality_gray(tf):
    x = tf.constant(_px((16, 20, 1), 5))
    xf = tf.image.convert_image_dtype(x, tf.float32)
    return [tf.image.adjust_jpeg_quality(x, 30), tf.image.adjust_jpeg_quality(x, tf.constant(75)),
            tf.image.adjust_jpeg_quality(xf, 50)]


def jpeg_quality_random(tf):
    x = tf.constant(_px((16, 20, 1), 6))
    return [tf.image.random_jpeg_quality(x, 20, 90, seed=3), tf.image.random_jpeg_quality(x, 50, 51, seed=4)]


def jpeg_quality_rgb(tf):
    return [tf.image.adjust_jpeg_quality(tf.constant(_px((16, 20, 3), 7)), 60)]


def jpeg_quality_clamped(tf):
    x = tf.constant(_px((6, 5, 1), 7))
    return [tf.image.adjust_jpeg_quality(x, 101), tf.image.adjust_jpeg_quality(x, 0), tf.image.adjust_jpeg_quality(x, -5)]


VALUE_CASES = {f.__name__: f for f in (bmp_values, gif_values, gif_error, jpeg_helpers, jpeg_crop_error, jpeg_shape_error,
                                       jpeg_quality_gray, jpeg_quality_random, jpeg_quality_rgb, jpeg_quality_clamped)}
_GOOD = _bmp(_px((4, 5, 3), 1), 24)
VALUE_CASES.update({
    "bmp_error_short": _bmp_error(_GOOD[:20]),
    "bmp_error_truncated": _bmp_error(_GOOD[:-3]),
    "bmp_error_channels": _bmp_error(_GOOD, channels=4),
    "bmp_error_bpp": _bmp_error(_bmp(_px((2, 2, 2), 1), 16)),
    "bmp_error_compressed": _bmp_error(_bmp(_px((2, 2, 4), 1), 32, bitcount_word=32 | 3 << 16)),
    "bmp_error_width": _bmp_error(_GOOD[:18] + struct.pack("<i", -4) + _GOOD[22:]),
    "bmp_error_height": _bmp_error(_GOOD[:22] + struct.pack("<i", 0) + _GOOD[26:]),
    "bmp_error_huge": _bmp_error(_GOOD[:18] + struct.pack("<ii", 60000, 60000) + _GOOD[26:]),
    "bmp_error_offset": _bmp_error(_GOOD[:10] + struct.pack("<i", -7) + _GOOD[14:]),
    "bmp_error_offset_past_end": _bmp_error(_GOOD[:10] + struct.pack("<i", 10 ** 6) + _GOOD[14:]),
})
RANDOM_CASES = {"jpeg_quality_random"}


def _p(tf, shape, dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float32, shape, name=name)


OPS_CASES = {
    "decode_bmp": lambda tf: tf.image.decode_bmp(_p(tf, [], tf.string)),
    "decode_gif": lambda tf: tf.image.decode_gif(_p(tf, [], tf.string), name="g"),
    "is_jpeg": lambda tf: tf.image.is_jpeg(_p(tf, [], tf.string)),
    "is_jpeg_named": lambda tf: tf.image.is_jpeg(_p(tf, [], tf.string), name="j"),
    "extract_jpeg_shape": lambda tf: tf.image.extract_jpeg_shape(_p(tf, [], tf.string)),
    "decode_and_crop_jpeg": lambda tf: tf.image.decode_and_crop_jpeg(_p(tf, [], tf.string), [1, 2, 3, 4]),
    "adjust_jpeg_quality": lambda tf: tf.image.adjust_jpeg_quality(_p(tf, [5, 6, 3]), 50),
    "adjust_jpeg_quality_uint8": lambda tf: tf.image.adjust_jpeg_quality(_p(tf, [5, 6, 3], tf.uint8), 50),
    "random_jpeg_quality": lambda tf: tf.image.random_jpeg_quality(_p(tf, [5, 6, 3]), 40, 60, seed=2),
}


def _arrays(value):
    if isinstance(value, (list, tuple)):
        return [_arrays(v) for v in value]
    return np.asarray(value)


def run_value_case(tf, fn, runs=1):
    g = tf.Graph()
    with g.as_default():
        fetches = fn(tf)
        with tf.Session() as sess:
            out = [_arrays(sess.run(fetches)) for _ in range(runs)]
    return out[0] if runs == 1 else out


def op_names(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fn(tf)
        return [[op.name, op.type] for op in g.get_operations() if op.name != "x"]


def seed_after(tf, fn):
    """The seed2 of a graph-seeded random op created after the call: TF's op count."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        fn(tf)
        tf.random_uniform([2], name="after")
        return [o for o in g.get_operations() if o.type == "RandomUniform"][-1].get_attr("seed2")


def cases(tf):
    out = {}
    for name, fn in sorted(VALUE_CASES.items()):
        try:
            out["value/" + name] = run_value_case(tf, fn, 2 if name in RANDOM_CASES else 1)
        except Exception as e:  # an expected error is a golden too
            out["value/" + name] = e
    for name, fn in sorted(OPS_CASES.items()):
        out["ops/" + name] = op_names(tf, fn)
        out["seed2/" + name] = seed_after(tf, fn)
    return out
