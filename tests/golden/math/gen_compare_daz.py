"""TF 1.14's comparisons of denormals, made on the host it records: its CPU threads run
with denormals read as zero (DAZ), so float32 / float64 / bfloat16 / complex denormals
compare as 0 (`not_equal(1e-45, 0.)` is False); float16 widens exactly, and keeps them."""
import numpy as np
from goldenio import host_vendor

ORDERED = ("less", "less_equal", "greater", "greater_equal")


def values(dtype):
    """Pairs of denormals, zeros, the smallest normals and NaN (every pair of them)."""
    f = np.finfo(dtype)
    tiny, den = float(f.tiny), float(f.tiny) / 4
    base = [0.0, -0.0, den, -den, 3 * den, tiny, -tiny, 1.0, float("nan")]
    if dtype == np.float16:
        base[2:5] = [6e-8, -6e-8, 1.8e-7]
    x = np.array(base, dtype)
    return np.repeat(x, x.size), np.tile(x, x.size)


def complex_values(dtype):
    """Every pair of values() as (real, imaginary) parts, against 0."""
    x = np.empty(values(np.float16)[0].size, dtype)
    x.real, x.imag = values(np.float32 if dtype == np.complex64 else np.float64)
    return x, np.zeros(x.size, dtype)


def build(tf):
    out = {}
    for dtype in (np.float16, np.float32, np.float64):
        x, y = (tf.constant(v) for v in values(dtype))
        for name in ("equal", "not_equal") + ORDERED:
            out["%s_%s" % (name, np.dtype(dtype).name)] = getattr(tf.math, name)(x, y)
    x, y = (tf.cast(tf.constant(v), tf.bfloat16) for v in values(np.float32))
    out["equal_bfloat16"], out["not_equal_bfloat16"] = tf.equal(x, y), tf.not_equal(x, y)
    for dtype in (np.complex64, np.complex128):
        x, y = (tf.constant(v) for v in complex_values(dtype))
        out["equal_" + np.dtype(dtype).name] = tf.equal(x, y)
        out["not_equal_" + np.dtype(dtype).name] = tf.not_equal(x, y)
    return out


def cases(tf):
    with tf.Session() as sess:
        got = sess.run(build(tf))
    got["vendor"] = host_vendor()
    return got
