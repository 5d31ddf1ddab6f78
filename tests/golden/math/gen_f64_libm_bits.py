"""TF 1.14's float64 (and complex128) transcendental kernels, bit for bit, on about 2,000
values per op spanning each function's range (zeros, denormals, the overflow edges, tiny
and huge values), fed as tensors of 1, 3, 17, 1000 and 979 values so that both Eigen's
packets of 4 and the scalar tails show (pf64libm's audit).

Softmax, LogSoftmax and the cross-entropies reduce exp(logits - max) along the classes:
pexp<Packet4d> on each reducer leaf's packets, libm's exp on its tail, libm's log of the
sums, the backprop's exp by packets or (tiled) libm.

TF runs float64 Exp, Sigmoid, Elu, Selu and SoftplusGrad through Eigen's pexp<Packet4d>
on whole packets and libm's exp on the last size % 4 values; Log, Tanh, Log1p, Expm1,
Softplus, Erf, Pow, Atan2, Xlogy and Lgamma call glibc's double functions value by value,
Igamma, Igammac and Polygamma Eigen's Cephes loops in double;
its threads read denormals as zero and flush denormal results (DAZ, FTZ). Selu's
constants are TF's literals. Inputs come from uniform draws, ldexp and arithmetic only
(no NumPy transcendental function, whose bits differ between NumPy versions).
"""
import hashlib

import numpy as np
from goldenio import host_vendor

SIZES = (1, 3, 17, 1000, 979)

EDGES = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 1e-310, -1e-310,
         2.2250738585072014e-308, 1e-300, -1e-300, 1e-20, -1e-20, 1e-8, -1e-8, 0.5, -0.5,
         1.0, -1.0, 2.0, -2.0, 709.78, -709.78, 710.0, -745.2, -746.0, 1e300, -1e300, 1e10,
         -1e10, 36.0, -36.0, 20.0, -20.0, 0.99999999, -0.99999999, 1e-3, -1e-3, 3.0]

# op name, input kind
OPS = [("exp", "wide"), ("log", "pos"), ("tanh", "wide"), ("sigmoid", "wide"),
       ("log1p", "gt_m1"), ("expm1", "wide"), ("softplus", "wide"), ("sqrt", "pos"),
       ("rsqrt", "pos"), ("erf", "wide"), ("elu", "wide"), ("selu", "wide"),
       ("elu_grad", "wide"), ("selu_grad", "wide"), ("pow", "pos"), ("xlogy", "pos"),
       ("atan2", "wide"), ("lgamma", "gamma"), ("digamma", "gamma"), ("cexp", "wide"),
       ("cexpm1", "wide"), ("creciprocal", "wide"), ("igamma", "gamma"),
       ("igammac", "gamma"), ("polygamma", "poly")]


def values(kind, seed):
    """About 2,000 float64 values of `kind`, EDGES first."""
    rng = np.random.RandomState(seed)
    n = sum(SIZES)
    u = rng.uniform(0, 1, n)
    if kind == "wide":
        x = np.where(u < 0.5, rng.uniform(-10, 10, n),
                     np.where(u < 0.8, rng.uniform(-40, 40, n),
                              rng.uniform(-1, 1, n) * np.ldexp(1.0, rng.randint(-60, 12, n))))
    elif kind == "pos":
        x = np.where(u < 0.5, rng.uniform(0, 10, n),
                     np.ldexp(rng.uniform(0.5, 1, n), rng.randint(-1000, 1000, n)))
    elif kind == "gt_m1":
        x = np.where(u < 0.5, rng.uniform(-1, 10, n),
                     np.ldexp(rng.uniform(-1, 1, n), rng.randint(-60, 0, n)))
    else:   # gamma, poly
        x = np.where(u < 0.6, rng.uniform(-10, 30, n), rng.uniform(0, 200, n))
    x[:len(EDGES)] = EDGES
    if kind == "poly":   # (flowgrad's float64 zeta below q = -1000 loops ~|q| times)
        x[x < -1000] = -999.5
    return x


def split(x):
    return np.split(x, np.cumsum(SIZES)[:-1])


def inputs(i, kind):
    """(x, x2) tensors of each size for the i-th op: x2 is a second operand (Pow's
    exponent, Atan2's x, a gradient, the imaginary part), never 0 (scaled in NumPy: a Mul
    in the graph would flush its denormal products, TF's FTZ)."""
    x2 = values("wide", 7) * 0.3
    x2[x2 == 0] = 1.5
    return list(zip(split(values(kind, 1000 + i)), split(x2)))


def build(tf, name, x, x2):
    nn = tf.nn
    if name in ("cexp", "cexpm1", "creciprocal"):
        z = tf.complex(x, x2)
        return {"cexp": tf.exp, "cexpm1": tf.math.expm1, "creciprocal": tf.math.reciprocal}[
            name](z)
    if name in ("elu_grad", "selu_grad"):
        return tf.gradients(getattr(nn, name[:-5])(x), x, grad_ys=x2)[0]
    if name == "pow":
        return tf.pow(x, x2)
    if name == "xlogy":
        return tf.math.xlogy(x2, x)
    if name == "atan2":
        return tf.atan2(x, x2)
    if name in ("igamma", "igammac"):
        return getattr(tf.math, name)(x, tf.abs(x2))
    if name == "polygamma":   # orders 0..3 (x2 * 0 + k: exact), x the argument
        return tf.math.polygamma(tf.floor(tf.abs(x2)) - 4 * tf.floor(tf.abs(x2) / 4), x)
    return {"exp": tf.exp, "log": tf.math.log, "tanh": tf.tanh, "sigmoid": tf.sigmoid,
            "log1p": tf.math.log1p, "expm1": tf.math.expm1, "softplus": nn.softplus,
            "sqrt": tf.sqrt, "rsqrt": tf.math.rsqrt, "erf": tf.math.erf, "elu": nn.elu,
            "selu": nn.selu, "lgamma": tf.math.lgamma, "digamma": tf.math.digamma}[name](x)


# softmax-family kernels on [batch, classes] logits: one leaf a row, and [2, 4100] (two
# leaves of Eigen's row reducer, tiled: 8,200 values from 6,144 on the Xeon's 48 KiB L1),
# whose outputs are kept as a SHA-1 of their bytes (the golden stays small)
ROW_SHAPES = ((1, 3), (3, 17), (17, 10), (40, 37), (2, 4100))
ROW_OPS = ("softmax", "log_softmax", "xent", "xent_grad", "sparse_xent", "sparse_xent_grad")


def row_inputs(shape):
    rng = np.random.RandomState(shape[0] * 7 + shape[1])
    x = rng.uniform(-30, 30, shape) * np.where(rng.uniform(0, 1, shape) < 0.2, 1e-3, 1)
    labels = rng.uniform(0, 1, shape)
    labels /= labels.sum(1, keepdims=True)
    return x, labels, rng.randint(0, shape[1], shape[0])


def row_value(v, shape):
    v = np.asarray(v)
    return hashlib.sha1(v.tobytes()).hexdigest() if shape[0] * shape[1] > 5000 else v


def build_rows(tf, x, labels, ids):
    nn = tf.nn
    xent = nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=x)
    sparse = nn.sparse_softmax_cross_entropy_with_logits(labels=ids, logits=x)
    return {"softmax": nn.softmax(x), "log_softmax": nn.log_softmax(x), "xent": xent,
            "xent_grad": tf.gradients(xent, x)[0], "sparse_xent": sparse,
            "sparse_xent_grad": tf.gradients(sparse, x)[0]}


def cases(tf):
    out = {"vendor": host_vendor()}
    with tf.Session() as sess:
        for shape in ROW_SHAPES:
            x, labels, ids = row_inputs(shape)
            ph = tf.placeholder(tf.float64, [None, None])
            lab = tf.placeholder(tf.float64, [None, None])
            idp = tf.placeholder(tf.int64, [None])
            got = sess.run(build_rows(tf, ph, lab, idp), {ph: x, lab: labels, idp: ids})
            for name in ROW_OPS:
                out["%s/%dx%d" % (name, shape[0], shape[1])] = row_value(got[name], shape)
    fetches, feeds = {}, {}
    for i, (name, kind) in enumerate(OPS):
        for j, (a, b) in enumerate(inputs(i, kind)):
            x = tf.placeholder(tf.float64, [None])
            x2 = tf.placeholder(tf.float64, [None])
            fetches["%s/%d" % (name, a.size)] = build(tf, name, x, x2)
            feeds[x], feeds[x2] = a, b
    with tf.Session() as sess:
        out.update(sess.run(fetches, feeds))
    return out
