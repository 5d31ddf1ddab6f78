"""Reduced-precision numerics of TF 1.14 mixed-precision scripts: casts to bfloat16 (the
nearest bfloat16, ties to even, NaN quiet; read back as float32 bits), float16 overflow and
denormals, check_numerics' errors, clip_by_global_norm with inf / nan gradients, is_finite
gradient sanitizing, convert_image_dtype with and without saturation
(tests/test_pmixed_numerics.py)."""
import numpy as np


def _err(s, t):
    try:
        s.run(t)
    except Exception as e:  # noqa: BLE001 - the error is the value
        return [type(e).__name__, str(e).splitlines()[0]]
    return None


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as s:
        f32 = np.array([1.0001, 3.14159, 65504., 1e30, -2.5, 1.00390625, 1.01171875, 3e38,
                        np.inf, -np.inf, np.nan, 1e-40, -0.0], np.float32)
        for name, v in [("float32", f32), ("float64", f32.astype(np.float64) * 1.0000001),
                        ("float16", np.array([1.0001, 3.14159, 65504., -2.5, 6e-8, 1e-4, 0.1], np.float16)),
                        ("int32", np.array([1, 255, 257, 65535, 16777217, -33], np.int32)),
                        ("int64", np.array([2 ** 40 + 2 ** 31, -7], np.int64))]:
            b = tf.cast(tf.constant(v), tf.bfloat16)
            out["bf16_" + name] = s.run(tf.cast(b, tf.float32))
        out["bf16_to_bf16_sum"] = s.run(tf.cast(tf.cast(tf.constant(f32[:6]), tf.bfloat16),
                                                tf.float16))
        tiny64 = np.array([1e-40, -1e-42, 1e-39, 1e-300, 2e-38, -0.0], np.float64)
        tiny32 = np.array([1e-40, -1e-39, 1.2e-38, 1e-45], np.float32)
        out["cast_denormals"] = s.run([
            tf.cast(tf.constant(tiny64), tf.float32), tf.cast(tf.constant(tiny64), tf.float16),
            tf.cast(tf.constant(tiny32), tf.float64), tf.cast(tf.constant(tiny32), tf.float16),
            tf.cast(tf.cast(tf.constant(tiny32), tf.bfloat16), tf.float32)])
        h = tf.constant([60000.], tf.float16) * 2
        out["half_overflow"] = [s.run(h), s.run(tf.is_finite(h)), s.run(tf.is_nan(h - h))]
        out["half_denormals"] = s.run(tf.cast(tf.constant([1e-8, 6e-8, 3e-8, 7e-5, 70000.,
                                                           -1e-9]), tf.float16))
        x = tf.constant([1.0, np.inf, np.nan])
        out["check_numerics"] = [
            _err(s, tf.debugging.check_numerics(x, "bad x")),
            _err(s, tf.check_numerics(tf.constant([1., 2.]) / 0.0, "div")),
            _err(s, tf.check_numerics(tf.constant([np.nan], tf.float16), "half"))]
        clips = []
        for bad in (np.inf, np.nan):
            c, n = tf.clip_by_global_norm([tf.constant([1.0, bad]), tf.constant([3.0, 4.0])],
                                          5.0)
            clips.append(s.run([c, n]))
        out["clip_by_global_norm"] = clips
        out["global_norm_half"] = s.run(tf.global_norm([tf.constant([3.0, 4.0], tf.float16)]))
        g = tf.constant([1.0, np.inf, np.nan, -2.0])
        out["sanitize"] = s.run([tf.where(tf.is_finite(g), g, tf.zeros_like(g)),
                                 tf.reduce_all(tf.is_finite(g))])
        img = tf.constant(np.arange(0, 256, 37, dtype=np.uint8).reshape(1, 7, 1, 1))
        f = tf.image.convert_image_dtype(img, tf.float32)
        out["convert_image_dtype"] = s.run([
            f, tf.image.convert_image_dtype(f * 1.5 - 0.2, tf.uint8, saturate=True),
            tf.image.convert_image_dtype(f * 1.5 - 0.2, tf.uint8, saturate=False),
            tf.image.convert_image_dtype(img, tf.float16),
            tf.image.convert_image_dtype(img, tf.int32),
            tf.image.convert_image_dtype(tf.constant([0.5, 1.0], tf.float16), tf.uint8),
            tf.image.convert_image_dtype(tf.constant([-1, 127], tf.int8), tf.uint8)])
    return out
