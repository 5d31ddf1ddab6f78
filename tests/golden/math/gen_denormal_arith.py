"""TF 1.14's arithmetic on denormals, as bit patterns, made on the host it records: its CPU
threads run with FTZ|DAZ (core/platform/denormal.h), so float32 / float64 (and bfloat16,
widened to float32) ops read a denormal input as a zero of its sign and flush a denormal
result, while ops that only move bits keep them. Each op sees every pair of a set of
denormals, zeros, smallest normals and small normals (`pairs`), fed as bits (uint) and
bitcast, its result bitcast back to uint. `cases(tf)` runs each op in its own session,
twice (flowgrad's second run is its optimized plan): an op without a kernel for a dtype
records TF's error."""
import numpy as np
from goldenio import host_vendor

DTYPES = ("float16", "bfloat16", "float32", "float64")
UINT = {2: np.uint16, 4: np.uint32, 8: np.uint64}
BINARY = ("add", "subtract", "multiply", "realdiv", "maximum", "minimum")
UNARY = ("relu", "negative", "abs", "sign", "square", "floor", "round", "exp", "reciprocal",
         "identity", "reshape")
ROWS = ("sum", "mean", "prod", "matmul", "matmul_col", "matmul_row", "bias_add", "chain")


def base(dtype):
    """Zeros, denormals, smallest normals, values whose products / halves are denormal."""
    if dtype == "float16":
        den, tiny = 6e-8, 6.103515625e-05
    elif dtype == "float64":
        den, tiny = 1e-310, 2.2250738585072014e-308
    else:
        den, tiny = 1e-40, 1.1754943508222875e-38
    return [0.0, -0.0, den, -den, 3 * den, tiny, -tiny, 1.5 * tiny, 0.5, -2.0, 1.0]


def bits(dtype):
    """The uint bits of base(dtype) in dtype (bfloat16: float32's upper half)."""
    if dtype == "bfloat16":
        return (np.array(base(dtype), np.float32).view(np.uint32) >> 16).astype(np.uint16)
    a = np.array(base(dtype), dtype)
    return a.view(UINT[a.itemsize])


def pairs(dtype):
    """(x, y): every pair of base values, as uint bits."""
    b = bits(dtype)
    return np.repeat(b, b.size), np.tile(b, b.size)


def _op(tf, name, x, y, w):
    """Op `name` of x (and y, or the [n, 2] stack of x and y with weights w)."""
    if name in BINARY:
        return getattr(tf.math, name)(x, y) if name != "realdiv" else tf.realdiv(x, y)
    if name == "relu":
        return tf.nn.relu(x)
    if name == "reshape":
        return tf.reshape(x, [-1, 1])
    if name in UNARY:
        return getattr(tf, name)(x)
    p = tf.stack([x, y], axis=1)
    if name == "matmul":
        return tf.matmul(p, w)
    if name == "matmul_col":   # one output column: Eigen's matrix-vector product
        return tf.matmul(p, w[:, 1:])
    if name == "matmul_row":   # one output row; row 6 is (0.0, -tiny): a -0.0 product
        return tf.matmul(p[6:7], w)
    if name == "chain":   # elementwise ops a plan fuses
        return tf.maximum(tf.nn.relu(x * y) * 0.5, tf.minimum(x - y, -x))
    if name == "bias_add":
        return tf.nn.bias_add(p, w[0])
    return getattr(tf, "reduce_" + name)(p, axis=1)


def build(tf, dtype, name):
    """(the uint-bits result tensor, its feeds) of op `name` in `dtype`."""
    dt = getattr(tf, dtype)
    ut = {2: tf.uint16, 4: tf.uint32, 8: tf.uint64}[dt.size]
    xb, yb = (tf.placeholder(ut, [None]) for _ in range(2))
    wb = tf.placeholder(ut, [2, 2])
    x, y, w = (tf.bitcast(t, dt) for t in (xb, yb, wb))
    out = tf.bitcast(_op(tf, name, x, y, w), ut)
    px, py = pairs(dtype)
    b = bits(dtype)
    # weights: [[1, 0.5], [-2, smallest normal]]
    return out, {xb: px, yb: py, wb: b[[10, 8, 9, 5]].reshape(2, 2)}


def _signed_zeros(tf):
    """Relu and Round of -0.0 and of small negatives, float32 and float64, as bits."""
    out = {}
    for dtype in ("float32", "float64"):
        dt = getattr(tf, dtype)
        v = np.array([-0.0, 0.0, -0.3, -0.5, -1e-30], dtype)
        x = tf.placeholder(dt, [None])
        ut = {4: tf.uint32, 8: tf.uint64}[dt.size]
        with tf.Session() as sess:
            out["relu_" + dtype], out["round_" + dtype] = sess.run(
                [tf.bitcast(tf.nn.relu(x), ut), tf.bitcast(tf.round(x), ut)], {x: v})
    return out


def cases(tf):
    got = {}
    for dtype in DTYPES:
        for name in BINARY + UNARY + ROWS:
            with tf.Graph().as_default():
                try:
                    out, feeds = build(tf, dtype, name)
                    with tf.Session() as sess:
                        got["%s_%s" % (name, dtype)] = [sess.run(out, feeds)
                                                         for _ in range(2)]
                except Exception as e:  # noqa: BLE001 - TF has no kernel: its error
                    got["%s_%s" % (name, dtype)] = "%s: %s" % (
                        type(e).__name__, str(e).split("\n")[0])
    with tf.Graph().as_default():
        got["signed_zeros"] = _signed_zeros(tf)
    got["vendor"] = host_vendor()
    return got
