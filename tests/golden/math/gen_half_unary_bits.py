"""TF 1.14's float16 unary ops on every finite half value (63,490 values), bit for bit:
Eigen::half computes each op on float(x) and rounds the result to half, with libm's float
function for the transcendental ones (engine/ops/eigen_math.half_libm). The golden holds
each result's SHA-256 (NaNs as one NaN) and a few values. Read by
tests/test_half_unary_bits.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

OPS = ["math.sin", "math.cos", "math.tan", "math.asin", "math.acos", "math.atan",
       "math.sinh", "math.cosh", "math.tanh", "math.asinh", "math.acosh", "math.atanh",
       "math.exp", "math.expm1", "math.log", "math.log1p", "math.sqrt", "math.rsqrt",
       "math.reciprocal", "math.square", "math.sigmoid", "math.softplus", "nn.softsign",
       "math.erf", "math.erfc", "math.lgamma", "math.digamma", "math.floor", "math.ceil",
       "math.round", "math.rint", "math.sign", "math.abs", "math.negative", "nn.relu",
       "nn.relu6", "nn.elu", "nn.selu", "nn.leaky_relu", "math.bessel_i0e",
       "math.bessel_i1e"]


def every_finite_half():
    v = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    return v[np.isfinite(v)]


def op(tf, name):
    module, fn = name.split(".")
    return getattr(getattr(tf, module), fn)


def digest(v):
    v = np.array(v)
    v[np.isnan(v)] = np.nan
    probe = [int(i) for i in (0, 1000, 20000, 40000, 60000)]
    return [list(v.shape), str(v.dtype), hashlib.sha256(v.tobytes()).hexdigest(),
            ["nan" if np.isnan(v[i]) else float(v[i]) for i in probe]]


def cases(tf):
    x = every_finite_half()
    out = {}
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float16, [None])
        ts = [(name, op(tf, name)(p)) for name in OPS]
        with tf.Session() as sess:
            for name, t in ts:
                out[name] = digest(sess.run(t, {p: x}))
    return out
