"""Unary math kernels' last bits against TF 1.14 (plibm), as hex bit patterns.

TF's Asin, Acos, Acosh, Atanh (float32, float64) and float64 Expm1, Tan, Atan are Eigen
scalar functors over std:: (glibc libm) value by value; float64 Erf/Erfc/Expm1/Sqrt/Rsqrt and
float32 Rsqrt read denormals as zero (DAZ); float16 Sigmoid and Softplus are Eigen::half
arithmetic; complex Reciprocal/Sigmoid/Expm1/Log1p are std::complex arithmetic
(libgcc's Smith division, Eigen's packet pdiv and fallbacks). Inputs are made from uniform
draws, ldexp and arithmetic only (no NumPy transcendental functions, whose bits differ
between NumPy versions).
"""
import numpy as np

SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, -5e-324, 1e-310,
           -1e-310, 1e-40, -1e-40, 1.0, -1.0, 0.5, -0.5, 1e-8, -1e-8, 2.0, 1e300, -1e300,
           3e38, 710.0, -710.0, 89.0, -104.0, 0.99999, -0.99999, 1.5, 1e-5, -6.0]

# op, dtype name, input kind
CASES = [
    ("asin", "float32", "pm1"), ("asin", "float64", "pm1"),
    ("acos", "float32", "pm1"), ("acos", "float64", "pm1"),
    ("acosh", "float32", "ge1"), ("acosh", "float64", "ge1"),
    ("atanh", "float32", "pm1"), ("atanh", "float64", "pm1"),
    ("expm1", "float64", "exp"), ("erf", "float64", "small"), ("erfc", "float64", "small"),
    ("sqrt", "float64", "pos"), ("rsqrt", "float64", "pos"), ("rsqrt", "float32", "pos"),
    ("sigmoid", "float16", "exp"), ("softplus", "float16", "exp"),
    ("reciprocal", "complex64", "cplx"), ("reciprocal", "complex128", "cplx"),
    ("sigmoid", "complex64", "cplx"), ("sigmoid", "complex128", "cplx"),
    ("expm1", "complex64", "cplx"), ("expm1", "complex128", "cplx"),
    ("log1p", "complex64", "cplx"), ("log1p", "complex128", "cplx"),
    ("tan", "float64", "wide"), ("atan", "float64", "wide"),
]
SIZES = {"tan": (7, 3000), "atan": (7, 3000)}   # NumPy's float64 differs for 0.1-0.5%


def _fn(tf, op):
    return {"asin": tf.math.asin, "acos": tf.math.acos, "acosh": tf.math.acosh,
            "atanh": tf.math.atanh, "expm1": tf.math.expm1, "erf": tf.math.erf,
            "erfc": tf.math.erfc, "sqrt": tf.math.sqrt, "rsqrt": tf.math.rsqrt,
            "sigmoid": tf.math.sigmoid, "softplus": tf.nn.softplus,
            "reciprocal": tf.math.reciprocal, "log1p": tf.math.log1p, "tan": tf.math.tan,
            "atan": tf.math.atan}[op]


def _inputs(kind, n, dt, seed):
    rng = np.random.RandomState(seed)
    u = rng.uniform(0, 1, n)
    scale = np.ldexp(1.0, rng.randint(-40, 1, n))   # 2^-40 .. 1
    if kind == "ge1":
        x = 1 + np.ldexp(rng.uniform(0.5, 1, n), rng.randint(-25, 9, n))
    elif kind == "pm1":
        x = rng.uniform(-1, 1, n) * np.where(u < 0.3, scale, 1)
    elif kind == "pos":
        x = np.ldexp(rng.uniform(0.5, 1, n), rng.randint(-60, 60, n))
    elif kind == "exp":
        x = rng.uniform(-12, 12, n) * np.where(u < 0.2, 1e-3, 1)
    elif kind == "wide":
        x = np.where(u < 0.6, rng.uniform(-10, 10, n),
                     rng.uniform(-1, 1, n) * np.ldexp(1.0, rng.randint(-30, 40, n)))
    elif kind == "cplx":   # ordinary complex values, some tiny or near -1
        x = rng.uniform(-4, 4, n) + 1j * rng.uniform(-4, 4, n)
        x = np.where(u < 0.15, x * 1e-9, np.where(u > 0.9, x * 1e-3 - 1, x))
        return x.astype(dt)
    else:
        x = rng.uniform(-6, 6, n)
    with np.errstate(all="ignore"):
        return np.concatenate([x, np.array(SPECIAL)]).astype(dt)


def _hex(a):
    a = np.asarray(a)
    if a.dtype.kind == "c":   # the real and imaginary parts' bits
        a = a.view(np.float32 if a.dtype == np.complex64 else np.float64)
    width = a.dtype.itemsize * 2
    bits = a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[a.dtype.itemsize])
    return ["%0*x" % (width, int(b)) for b in bits.reshape(-1)]


def cases(tf):
    out = {}
    with tf.Session() as sess:
        for i, (op, dtn, kind) in enumerate(CASES):
            dt = getattr(np, dtn)
            for n in SIZES.get(op, (7, 250)):
                x = _inputs(kind, n, dt, 100 + i)
                ph = tf.placeholder(dt, [None])
                y = sess.run(_fn(tf, op)(ph), {ph: x})
                out["%s/%s/%d" % (op, dtn, n)] = {"x": _hex(x), "y": _hex(y)}
    return out
