# ruff: noqa: E501 - case code is data; long lines keep each case readable
"""tf.image under TF 1.14: values, gradients and the ops each function creates.

VALUE_CASES: name -> function of `tf` building fetches in a fresh graph (run in a
Session). OPS_CASES: name -> function of `tf` building one public call on placeholders;
its golden is the list of (op name, op type) the call created. tests/test_image.py runs
the same functions with flowgrad.
"""
import numpy as np


def _img(shape, dtype="float32", seed=0):
    r = np.random.RandomState(seed)
    if dtype == "uint8":
        return r.randint(0, 256, size=shape).astype(np.uint8)
    if dtype == "uint16":
        return r.randint(0, 65536, size=shape).astype(np.uint16)
    return r.uniform(0, 1, size=shape).astype(dtype)


def _weights(shape, seed=1):
    return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(np.float32)


# -- resizing: methods x edge sizes x align_corners / half_pixel_centers ----------------------
_SIZES = [((1, 1), (3, 3)), ((4, 4), (2, 2)), ((5, 7), (3, 4)), ((3, 5), (8, 9)), ((2, 2), (1, 1)), ((6, 4), (6, 9))]
_OPS = {"bilinear": "resize_bilinear", "nearest": "resize_nearest_neighbor", "bicubic": "resize_bicubic", "area": "resize_area"}


def _resize_case(method, src, dst, align, half, dtype="float32", batch=2):
    def case(tf):
        x = tf.constant(_img((batch,) + src + (3,), dtype))
        fn = getattr(tf.image, _OPS[method])
        kw = {"align_corners": align}
        if half:
            kw["half_pixel_centers"] = True
        return [fn(x, list(dst), **kw)]
    return case


def _resize_grad_case(method, src, dst, align, half, dtype="float32"):
    def case(tf):
        x = tf.constant(_img((2,) + src + (2,), dtype))
        fn = getattr(tf.image, _OPS[method])
        kw = {"align_corners": align}
        if half:
            kw["half_pixel_centers"] = True
        y = fn(x, list(dst), **kw)
        w = tf.constant(_weights((2,) + dst + (2,)).astype(y.dtype.as_numpy_dtype))
        return tf.gradients(tf.reduce_sum(y * w), x)
    return case


VALUE_CASES = {}
for _m in ("bilinear", "nearest", "bicubic", "area"):
    for _src, _dst in _SIZES:
        for _align in (False, True):
            _name = "%s_%dx%d_to_%dx%d%s" % (_m, _src[0], _src[1], _dst[0], _dst[1], "_align" if _align else "")
            VALUE_CASES[_name] = _resize_case(_m, _src, _dst, _align, False)
            if _m != "area":
                VALUE_CASES[_name + "_grad"] = _resize_grad_case(_m, _src, _dst, _align, False)
        if _m != "area":
            _name = "%s_%dx%d_to_%dx%d_half" % (_m, _src[0], _src[1], _dst[0], _dst[1])
            VALUE_CASES[_name] = _resize_case(_m, _src, _dst, False, True)
            VALUE_CASES[_name + "_grad"] = _resize_grad_case(_m, _src, _dst, False, True)
    for _dt in ("uint8", "float64", "float16"):
        VALUE_CASES["%s_%s" % (_m, _dt)] = _resize_case(_m, (5, 7), (3, 10), False, False, _dt)
    VALUE_CASES["%s_float64_grad" % _m] = _resize_grad_case(_m, (5, 7), (3, 10), False, False, "float64") if _m != "area" else _resize_case(_m, (4, 6), (8, 3), True, False, "float64")


def resize_images_methods(tf):
    x = tf.constant(_img((5, 7, 3)))
    return [tf.image.resize_images(x, [3, 10], method=m) for m in range(4)] + [
        tf.image.resize_images(x, [9, 4], method=tf.image.ResizeMethod.BICUBIC, align_corners=True)]


def resize_images_uint8(tf):
    x = tf.constant(_img((2, 5, 7, 3), "uint8"))
    return [tf.image.resize_images(x, [3, 4], method=m) for m in range(4)]


def resize_images_aspect(tf):
    x = tf.constant(_img((5, 8, 3)))
    return [tf.image.resize_images(x, [10, 10], preserve_aspect_ratio=True),
            tf.image.resize_images(x, [3, 30], preserve_aspect_ratio=True, method=1)]


def resize_images_same_size(tf):
    x = tf.constant(_img((4, 5, 3)))
    return [tf.image.resize_images(x, [4, 5])]


def resize_image_with_pad(tf):
    x = tf.constant(_img((5, 8, 3)))
    return [tf.image.resize_image_with_pad(x, 10, 10), tf.image.resize_image_with_pad(x, 4, 12, method=1),
            tf.image.resize_image_with_pad(tf.constant(_img((2, 5, 8, 1))), 7, 5, method=2, align_corners=True)]


# -- flips, rotations, crops, pads --------------------------------------------------------------
def flips_3d(tf):
    x = tf.constant(_img((3, 4, 2)))
    return [tf.image.flip_left_right(x), tf.image.flip_up_down(x), tf.image.transpose_image(x)] + \
        [tf.image.rot90(x, k) for k in range(-1, 5)]


def flips_4d(tf):
    x = tf.constant(_img((2, 3, 4, 2), "uint8"))
    return [tf.image.flip_left_right(x), tf.image.flip_up_down(x), tf.image.transpose_image(x), tf.image.rot90(x), tf.image.rot90(x, 3)]


def crops_pads(tf):
    x = tf.constant(_img((5, 7, 2)))
    b = tf.constant(_img((2, 5, 7, 1)))
    return [tf.image.central_crop(x, 0.5), tf.image.central_crop(b, 0.33), tf.image.central_crop(x, 1.0),
            tf.image.crop_to_bounding_box(x, 1, 2, 3, 4), tf.image.crop_to_bounding_box(b, 0, 0, 1, 1),
            tf.image.pad_to_bounding_box(x, 1, 2, 8, 10), tf.image.pad_to_bounding_box(b, 0, 0, 5, 7),
            tf.image.resize_image_with_crop_or_pad(x, 3, 9), tf.image.resize_image_with_crop_or_pad(b, 8, 4),
            tf.image.resize_image_with_crop_or_pad(x, 1, 1)]


def crops_pads_grad(tf):
    x = tf.constant(_img((5, 7, 2), "float64"))
    outs = [tf.image.flip_left_right(x), tf.image.rot90(x), tf.image.central_crop(x, 0.5),
            tf.image.crop_to_bounding_box(x, 1, 2, 3, 4), tf.image.pad_to_bounding_box(x, 1, 2, 8, 10),
            tf.image.resize_image_with_crop_or_pad(x, 3, 9)]
    return [tf.gradients(tf.reduce_sum(o * o), x)[0] for o in outs]


# -- dtype conversion and colour -----------------------------------------------------------------
def convert_dtypes(tf):
    u8 = tf.constant(np.array([0, 1, 127, 128, 254, 255], np.uint8))
    f = tf.constant(np.array([-0.5, 0., 0.2, 0.5, 0.999, 1., 1.5], np.float32))
    i16 = tf.constant(np.array([-32767, -1, 0, 1, 32767], np.int16))  # -32768 // 128 hits a FloorDiv quirk
    return [tf.image.convert_image_dtype(u8, tf.float32), tf.image.convert_image_dtype(u8, tf.float64),
            tf.image.convert_image_dtype(u8, tf.int32), tf.image.convert_image_dtype(u8, tf.uint16),
            tf.image.convert_image_dtype(f, tf.uint8), tf.image.convert_image_dtype(f, tf.uint8, saturate=True),
            tf.image.convert_image_dtype(f, tf.int16, saturate=True), tf.image.convert_image_dtype(f, tf.float16),
            tf.image.convert_image_dtype(i16, tf.uint8), tf.image.convert_image_dtype(i16, tf.float32),
            tf.image.convert_image_dtype(tf.constant(np.array([0, 40000, 65535], np.uint16)), tf.uint8)]


def convert_int16_saturate(tf):
    # TF 1.14: saturate_cast's Maximum has no int16 kernel (a TypeError at graph build)
    return [tf.image.convert_image_dtype(tf.constant(np.array([-5, 300], np.int16)), tf.uint8, saturate=True)]


def standardization(tf):
    return [tf.image.per_image_standardization(tf.constant(_img((5, 7, 3)))),
            tf.image.per_image_standardization(tf.constant(_img((2, 4, 3, 3), "uint8"))),
            tf.image.per_image_standardization(tf.constant(np.ones((2, 2, 1), np.float32)))]


def adjustments_float(tf):
    x = tf.constant(_img((2, 4, 5, 3)))
    return [tf.image.adjust_brightness(x, 0.3), tf.image.adjust_contrast(x, 1.7), tf.image.adjust_contrast(x, -0.5),
            tf.image.adjust_saturation(x, 0.4), tf.image.adjust_saturation(x, 2.5), tf.image.adjust_hue(x, 0.2),
            tf.image.adjust_hue(x, -0.7), tf.image.adjust_gamma(x, 2.2, 0.9)]


def adjustments_uint8(tf):
    x = tf.constant(_img((4, 5, 3), "uint8"))
    return [tf.image.adjust_brightness(x, 0.3), tf.image.adjust_contrast(x, 1.7), tf.image.adjust_saturation(x, 1.6),
            tf.image.adjust_hue(x, 0.45), tf.image.adjust_gamma(x, 0.5)]


def adjustments_float16(tf):
    x = tf.constant(_img((3, 4, 3), "float16"))
    return [tf.image.adjust_brightness(x, 0.1), tf.image.adjust_contrast(x, 0.5), tf.image.adjust_saturation(x, 0.5),
            tf.image.adjust_hue(x, 0.1)]


def hue_special_colors(tf):
    x = tf.constant(np.array([[[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1], [.5, .5, .5], [0, 0, 0], [1, 1, 1],
                                [.2, .4, .4], [.4, .2, .4], [.4, .4, .2]]], np.float32))
    return [tf.image.adjust_hue(x, d) for d in (0., 1. / 6, 0.5, -0.25, 1.0)] + [tf.image.adjust_saturation(x, s) for s in (0., 0.5, 3.)] + \
        [tf.image.rgb_to_hsv(x), tf.image.hsv_to_rgb(tf.image.rgb_to_hsv(x))]


def colour_spaces(tf):
    x = tf.constant(_img((2, 4, 5, 3)))
    x64 = tf.constant(_img((4, 3), "float64"))
    return [tf.image.rgb_to_hsv(x), tf.image.hsv_to_rgb(x), tf.image.rgb_to_hsv(x64), tf.image.hsv_to_rgb(x64),
            tf.image.rgb_to_grayscale(x), tf.image.rgb_to_grayscale(tf.constant(_img((4, 5, 3), "uint8"))),
            tf.image.grayscale_to_rgb(tf.image.rgb_to_grayscale(x))]


def gradients_float(tf):
    x = tf.constant(_img((2, 3, 4, 3)))
    outs = [tf.image.adjust_brightness(x, 0.2), tf.image.per_image_standardization(x), tf.image.rgb_to_grayscale(x),
            tf.image.adjust_gamma(x, 1.5, 2.0), tf.image.convert_image_dtype(x, tf.float64)]
    return [tf.gradients(tf.reduce_sum(o * tf.constant(_weights((2, 3, 4, o.shape.as_list()[-1])).astype(o.dtype.as_numpy_dtype))), x)[0] for o in outs]


# -- codecs: decoding must be exact (PNG) --------------------------------------------------------
def png_roundtrip(tf):
    outs = []
    for shape, dtype in (((5, 7, 1), "uint8"), ((5, 7, 2), "uint8"), ((4, 3, 3), "uint8"), ((6, 2, 4), "uint8"), ((3, 4, 1), "uint16"), ((1, 1, 3), "uint8")):
        img = tf.constant(_img(shape, dtype))
        data = tf.image.encode_png(img)
        outs.append(tf.image.decode_png(data, dtype=tf.as_dtype(dtype)))
    rgb = tf.image.encode_png(tf.constant(_img((4, 3, 3), "uint8")))
    outs += [tf.image.decode_png(rgb, channels=1), tf.image.decode_png(rgb, channels=4), tf.image.decode_png(rgb, dtype=tf.uint16),
             tf.image.decode_image(rgb), tf.image.decode_image(rgb, dtype=tf.float32)]
    return outs


# -- random distortions: shapes and ranges only (their numbers depend on TF's generator) --------
def random_shapes(tf):
    x = tf.constant(_img((4, 5, 3)))
    outs = [tf.image.random_flip_left_right(x, seed=3), tf.image.random_flip_up_down(x, seed=4),
            tf.image.random_crop(x, [2, 3, 3], seed=5), tf.image.random_brightness(x, 0.2, seed=6),
            tf.image.random_contrast(x, 0.5, 1.5, seed=7), tf.image.random_saturation(x, 0.5, 1.5, seed=8),
            tf.image.random_hue(x, 0.1, seed=9)]
    return [tf.shape(o) for o in outs]


VALUE_CASES.update({f.__name__: f for f in (
    resize_images_methods, resize_images_uint8, resize_images_aspect, resize_images_same_size, resize_image_with_pad,
    flips_3d, flips_4d, crops_pads, crops_pads_grad, convert_dtypes, convert_int16_saturate, standardization, adjustments_float,
    adjustments_uint8, adjustments_float16, hue_special_colors, colour_spaces, gradients_float, png_roundtrip, random_shapes)})


# -- the ops each public call creates -----------------------------------------------------------
def _p(tf, shape, dtype=None):
    return tf.placeholder(dtype or tf.float32, shape, name="x")


OPS_CASES = {
    "resize_images_3d": lambda tf: tf.image.resize_images(_p(tf, [5, 6, 3]), [7, 8]),
    "resize_images_4d_nearest": lambda tf: tf.image.resize_images(_p(tf, [2, 5, 6, 3]), [7, 8], method=1),
    "resize_images_aspect": lambda tf: tf.image.resize_images(_p(tf, [5, 6, 3]), [7, 8], preserve_aspect_ratio=True),
    "resize_bilinear": lambda tf: tf.image.resize_bilinear(_p(tf, [2, 5, 6, 3]), [7, 8]),
    "resize_nearest_neighbor": lambda tf: tf.image.resize_nearest_neighbor(_p(tf, [2, 5, 6, 3]), [7, 8]),
    "resize_bicubic": lambda tf: tf.image.resize_bicubic(_p(tf, [2, 5, 6, 3]), [7, 8]),
    "resize_area": lambda tf: tf.image.resize_area(_p(tf, [2, 5, 6, 3]), [7, 8]),
    "resize_image_with_pad": lambda tf: tf.image.resize_image_with_pad(_p(tf, [5, 6, 3]), 8, 8),
    "resize_image_with_crop_or_pad": lambda tf: tf.image.resize_image_with_crop_or_pad(_p(tf, [5, 6, 3]), 3, 9),
    "flip_left_right": lambda tf: tf.image.flip_left_right(_p(tf, [5, 6, 3])),
    "flip_up_down_4d": lambda tf: tf.image.flip_up_down(_p(tf, [2, 5, 6, 3])),
    "transpose_image": lambda tf: tf.image.transpose_image(_p(tf, [5, 6, 3])),
    "rot90": lambda tf: tf.image.rot90(_p(tf, [5, 6, 3])),
    "central_crop": lambda tf: tf.image.central_crop(_p(tf, [5, 6, 3]), 0.5),
    "crop_to_bounding_box": lambda tf: tf.image.crop_to_bounding_box(_p(tf, [5, 6, 3]), 1, 1, 2, 2),
    "pad_to_bounding_box": lambda tf: tf.image.pad_to_bounding_box(_p(tf, [5, 6, 3]), 1, 1, 8, 8),
    "per_image_standardization": lambda tf: tf.image.per_image_standardization(_p(tf, [5, 6, 3])),
    "convert_image_dtype_f2u8": lambda tf: tf.image.convert_image_dtype(_p(tf, [5, 6, 3]), tf.uint8),
    "convert_image_dtype_f2u8_saturate": lambda tf: tf.image.convert_image_dtype(_p(tf, [5, 6, 3]), tf.uint8, saturate=True),
    "convert_image_dtype_u82f": lambda tf: tf.image.convert_image_dtype(_p(tf, [5, 6, 3], tf.uint8), tf.float32),
    "adjust_brightness": lambda tf: tf.image.adjust_brightness(_p(tf, [5, 6, 3]), 0.1),
    "adjust_brightness_uint8": lambda tf: tf.image.adjust_brightness(_p(tf, [5, 6, 3], tf.uint8), 0.1),
    "adjust_contrast": lambda tf: tf.image.adjust_contrast(_p(tf, [5, 6, 3]), 0.1),
    "adjust_saturation": lambda tf: tf.image.adjust_saturation(_p(tf, [5, 6, 3]), 0.1),
    "adjust_hue": lambda tf: tf.image.adjust_hue(_p(tf, [5, 6, 3]), 0.1),
    "adjust_gamma": lambda tf: tf.image.adjust_gamma(_p(tf, [5, 6, 3]), 2.0),
    "rgb_to_grayscale": lambda tf: tf.image.rgb_to_grayscale(_p(tf, [5, 6, 3])),
    "grayscale_to_rgb": lambda tf: tf.image.grayscale_to_rgb(_p(tf, [5, 6, 1])),
    "rgb_to_hsv": lambda tf: tf.image.rgb_to_hsv(_p(tf, [5, 6, 3])),
    "hsv_to_rgb": lambda tf: tf.image.hsv_to_rgb(_p(tf, [5, 6, 3])),
    "random_flip_left_right": lambda tf: tf.image.random_flip_left_right(_p(tf, [5, 6, 3]), seed=1),
    "random_flip_up_down_4d": lambda tf: tf.image.random_flip_up_down(_p(tf, [2, 5, 6, 3]), seed=1),
    "random_crop": lambda tf: tf.image.random_crop(_p(tf, [5, 6, 3]), [2, 2, 3], seed=1),
    "random_brightness": lambda tf: tf.image.random_brightness(_p(tf, [5, 6, 3]), 0.2, seed=1),
    "random_contrast": lambda tf: tf.image.random_contrast(_p(tf, [5, 6, 3]), 0.2, 0.5, seed=1),
    "random_saturation": lambda tf: tf.image.random_saturation(_p(tf, [5, 6, 3]), 0.2, 0.5, seed=1),
    "random_hue": lambda tf: tf.image.random_hue(_p(tf, [5, 6, 3]), 0.2, seed=1),
    "encode_png": lambda tf: tf.image.encode_png(_p(tf, [5, 6, 3], tf.uint8)),
    "decode_png": lambda tf: tf.image.decode_png(_p(tf, [], tf.string)),
    "encode_jpeg": lambda tf: tf.image.encode_jpeg(_p(tf, [5, 6, 3], tf.uint8)),
    "decode_jpeg": lambda tf: tf.image.decode_jpeg(_p(tf, [], tf.string)),
    "resize_bilinear_grad": lambda tf: tf.gradients(tf.image.resize_bilinear(_p(tf, [2, 5, 6, 3]), [7, 8]), tf.get_default_graph().get_tensor_by_name("x:0")),
    "resize_nearest_grad": lambda tf: tf.gradients(tf.image.resize_nearest_neighbor(_p(tf, [2, 5, 6, 3]), [7, 8]), tf.get_default_graph().get_tensor_by_name("x:0")),
    "resize_bicubic_grad": lambda tf: tf.gradients(tf.image.resize_bicubic(_p(tf, [2, 5, 6, 3]), [7, 8]), tf.get_default_graph().get_tensor_by_name("x:0")),
}


def _arrays(value):
    if isinstance(value, list):
        return [_arrays(v) for v in value]
    return np.asarray(value)


def run_value_case(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fetches = fn(tf)
        with tf.Session() as sess:
            return _arrays(sess.run(fetches))


def op_names(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fn(tf)
        return [[op.name, op.type] for op in g.get_operations() if op.name != "x"]


def jpeg_measure(tf):
    """Mean/max abs difference of decode(encode(img, q)) from img, and the decoded bytes."""
    img = _img((16, 24, 3), "uint8")
    out = {}
    g = tf.Graph()
    with g.as_default():
        data = {q: tf.image.encode_jpeg(tf.constant(img), quality=q) for q in (50, 95)}
        with tf.Session() as sess:
            for q, d in sorted(data.items()):
                out["encoded_q%d" % q] = sess.run(d)
                out["decoded_q%d" % q] = sess.run(tf.image.decode_jpeg(d))
    return out


def jpeg_decode_variants(tf):
    """TF's decodes of one 4:2:0 and one 4:4:4 JPEG (odd size) over dct_method, fancy
    upscaling, ratio and channels; and the encoded bytes, so a test decodes the same ones."""
    img = _img((17, 23, 3), "uint8", seed=3)
    out = {}
    g = tf.Graph()
    with g.as_default(), tf.Session() as sess:
        for sub in (True, False):
            data = sess.run(tf.image.encode_jpeg(tf.constant(img), quality=90, chroma_downsampling=sub))
            key = "420" if sub else "444"
            out["bytes_" + key] = data
            for dct in ("", "INTEGER_ACCURATE"):
                for fancy in (True, False):
                    for ratio in (1, 2, 4, 8):
                        for ch in (0, 1):
                            name = "%s_%s_fancy%d_r%d_c%d" % (key, dct or "default", fancy, ratio, ch)
                            out[name] = sess.run(tf.image.decode_jpeg(data, channels=ch, ratio=ratio, fancy_upscaling=fancy, dct_method=dct))
    return out


def cases(tf):
    out = {}
    for name, fn in sorted(VALUE_CASES.items()):
        try:
            out["value/" + name] = run_value_case(tf, fn)
        except Exception as e:  # an expected error is a golden too
            out["value/" + name] = e
    for name, fn in sorted(OPS_CASES.items()):
        out["ops/" + name] = op_names(tf, fn)
    for k, v in jpeg_measure(tf).items():
        out["jpeg/" + k] = v
    for k, v in jpeg_decode_variants(tf).items():
        out["jpeg_decode/" + k] = v
    return out
