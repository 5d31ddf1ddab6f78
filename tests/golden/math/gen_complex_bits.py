"""Complex arithmetic's last bits against TF 1.14 (pcplx), as hex bit patterns.

TF's complex Mul/Square/SquaredDifference are Eigen's packet products (no fused
multiply-add, where NumPy's complex multiply uses one); RealDiv/Div/DivNoNan/Xdivy divide
whole AVX packets by Eigen's pdiv (x conj(y) / |y|^2) and the last size % lanes values by
libgcc's Smith division; Abs is glibc's hypot, Angle glibc's atan2, Sqrt/Rsqrt flush denormal parts; Mean divides the sum
by a complex count as RealDiv; Prod follows Eigen's ProdReducer; Pow is glibc's cpow, cexp(y clog(x)); the Tanh, Sigmoid,
Reciprocal, Sqrt and Rsqrt gradient kernels are TF's packet and scalar functors. Inputs are
made from uniform draws and arithmetic only (the same bits under NumPy 1.16 and 2.x).
"""
import numpy as np

SPECIAL = [0.0, -0.0, 1.0, -1.0, 1e-30, 1e30, 3.5, -2.25, 1e-3, 7.0]

BINARY = ["mul", "realdiv", "div", "div_no_nan", "xdivy", "squared_difference", "pow"]
UNARY = ["square", "abs", "angle", "sqrt", "rsqrt", "mean_rows", "prod_rows", "mean_all", "prod_all"]
GRADS = ["tanh", "sigmoid", "reciprocal", "sqrt", "rsqrt", "abs2_second"]
DTYPES = ["complex64", "complex128"]
SIZES = (7, 250)


def _inputs(n, dt, seed, special=True):
    rng = np.random.RandomState(seed)
    x = rng.uniform(-4, 4, n) + 1j * rng.uniform(-4, 4, n)
    u = rng.uniform(0, 1, n)
    x = np.where(u < 0.1, x * 1e-6, np.where(u > 0.9, x * 1e3, x))
    if special:
        sp = np.array(SPECIAL)
        re, im = np.repeat(sp, sp.size), np.tile(sp, sp.size)
        x = np.concatenate([x, re + 1j * im])
    return x.astype(dt)


def _hex(a):
    a = np.atleast_1d(np.asarray(a))
    if a.dtype.kind == "c":   # the real and imaginary parts' bits
        a = a.view(np.float32 if a.dtype == np.complex64 else np.float64)
    width = a.dtype.itemsize * 2
    bits = a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[a.dtype.itemsize])
    return ["%0*x" % (width, int(b)) for b in bits.reshape(-1)]


def _binary(tf, op, a, b):
    return {"mul": tf.multiply, "realdiv": tf.realdiv, "div": tf.div,
            "div_no_nan": tf.div_no_nan, "xdivy": tf.math.xdivy,
            "squared_difference": tf.squared_difference, "pow": tf.pow}[op](a, b)


def _unary(tf, op, a, size):
    if op == "square":
        return tf.square(a)
    if op == "abs":
        return tf.abs(a)
    if op == "angle":
        return tf.math.angle(a)
    if op in ("sqrt", "rsqrt"):   # FTZ on csqrt's result; Rsqrt: 1 / sqrt, Smith division
        return getattr(tf, op)(a)
    if op.endswith("_rows"):   # rows of 5: a packet and a tail value each
        m = tf.reshape(a[:size // 5 * 5], [-1, 5])
        return (tf.reduce_mean if op.startswith("mean") else tf.reduce_prod)(m, 1)
    return (tf.reduce_mean if op.startswith("mean") else tf.reduce_prod)(a)


def _grad(tf, op, a, g):
    if op == "abs2_second":   # d/dx of the gradient of real(x conj(x)) * |x|
        f = tf.real(a * tf.conj(a)) * tf.abs(a)
        g1 = tf.gradients(f, [a], grad_ys=tf.real(g))[0]
        return tf.gradients(g1, [a], grad_ys=g)[0]
    f = {"tanh": tf.tanh, "sigmoid": tf.sigmoid, "reciprocal": tf.reciprocal,
         "sqrt": tf.sqrt, "rsqrt": tf.rsqrt}[op](a)
    return tf.gradients(f, [a], grad_ys=g)[0]


def cases(tf):
    out = {}
    with tf.Session() as sess:
        for d, dtn in enumerate(DTYPES):
            dt = getattr(np, dtn)
            for n in SIZES:
                a = _inputs(n, dt, 200 + 10 * d + n)
                b = _inputs(n, dt, 300 + 10 * d + n)[::-1].copy()
                pa, pb = tf.placeholder(dt, [None]), tf.placeholder(dt, [None])
                names, ts = [], []
                for op in BINARY:
                    names.append(op)
                    ts.append(_binary(tf, op, pa, pb))
                for op in UNARY:
                    names.append(op)
                    ts.append(_unary(tf, op, pa, a.size))
                for op in GRADS:
                    names.append("grad_" + op)
                    ts.append(_grad(tf, op, pa, pb))
                vals = sess.run(ts, {pa: a, pb: b})
                src = "inputs/%s/%d" % (dtn, n)   # the inputs once per group
                out[src] = {"x": _hex(a), "y": _hex(b)}
                for op, v in zip(names, vals):
                    out["%s/%s/%d" % (op, dtn, n)] = {"in": src, "out": _hex(v)}
            # broadcasting, and constants: Grappler folds a constant / constant with TF's
            # kernel and turns x / constant into x * Reciprocal(constant)
            a = _inputs(899, dt, 400 + d).reshape(27, 37)
            row = _inputs(37, dt, 500 + d, special=False)
            pa = tf.placeholder(dt, [27, 37])
            ca, crow, csc = tf.constant(a), tf.constant(row), tf.constant(row[5])
            ts = {"bcast_div_row": pa / crow, "bcast_mul_row": pa * crow,
                  "bcast_div_scalar": pa / csc, "bcast_scalar_div": csc / pa,
                  "const_div_row": ca / crow, "const_mul_row": ca * crow,
                  "const_xdivy_row": tf.math.xdivy(ca, crow),
                  "bcast_sqdiff_row": tf.squared_difference(pa, crow)}
            vals = sess.run(ts, {pa: a})
            src = "inputs/%s/999" % dtn
            out[src] = {"x": _hex(a), "y": _hex(row)}
            for op in sorted(ts):
                out["%s/%s/999" % (op, dtn)] = {"in": src, "out": _hex(vals[op])}
    return out
