"""TF 1.14's gradients of the math ops that accept complex inputs (complex64/complex128).

For each op and dtype: the forward value, the first-order gradient for a non-trivial
complex grad_ys, and (where TF 1.14 builds one) the second-order gradient of that
gradient for a second complex grad_ys. Case names: "<op>/<dtype>/<y|d1|d2>"; a second
order that TF 1.14 cannot build is recorded as the error it raised.
Importable under Python 3.7 (the oracle); read by tests/test_complex_grads.py.
"""
from __future__ import absolute_import

import numpy as np

# Points away from branch cuts and poles of every op below.
X = [0.3 + 0.4j, -0.5 + 0.2j, 0.7 - 0.6j, 0.2 - 0.3j]
Y = [1.1 - 0.3j, 0.6 + 0.8j, -0.9 + 0.4j, 0.5 + 0.5j]
G = [1.0 + 2.0j, -0.5 + 1.0j, 0.3 - 0.7j, -1.2 - 0.4j]
H = [0.4 - 1.1j, 0.9 + 0.2j, -0.6 + 0.5j, 0.7 + 0.3j]

UNARY = ["negative", "reciprocal", "square", "sqrt", "rsqrt", "exp", "expm1", "log", "log1p",
         "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
         "atanh", "sigmoid", "conj", "sign"]
BINARY = ["add", "subtract", "multiply", "truediv", "realdiv", "div", "pow",
          "squared_difference", "div_no_nan", "xlogy", "xdivy", "multiply_no_nan"]
# One-input functions built with extra arguments (reductions, scans, add_n, cast).
REDUCE = ["reduce_sum", "reduce_mean", "reduce_prod", "cumsum", "cumprod", "add_n", "cast"]


def unary_fn(tf, name):
    return getattr(tf, name)


def binary_fn(tf, name):
    if name in ("xlogy", "xdivy", "multiply_no_nan"):
        return getattr(tf.math, name)
    if name == "realdiv":
        return tf.realdiv
    return getattr(tf, name)


def reduce_fn(tf, name):
    if name == "cast":  # complex64 <-> complex128
        return lambda x: tf.cast(x, tf.complex128 if x.dtype == tf.complex64 else tf.complex64)
    if name == "add_n":
        return lambda x: tf.add_n([x, x * x])
    return lambda x: getattr(tf, name)(tf.reshape(x, [2, 2]), axis=1)


def _grads(tf, build, dtype, two_inputs):
    """Runs (y, first-order grads, second-order grads or the error) for one case."""
    out = {}
    with tf.Graph().as_default():
        x = tf.constant(np.array(X, dtype=dtype))
        xs = [x]
        if two_inputs:
            xs.append(tf.constant(np.array(Y, dtype=dtype)))
        y = build(*xs)
        g = tf.constant(np.array(G, dtype=y.dtype.as_numpy_dtype)
                        [:int(np.prod(y.shape.as_list()))].reshape(y.shape.as_list()))
        d1 = tf.gradients(y, xs, grad_ys=g)
        h = tf.constant(np.array(H, dtype=dtype))
        try:
            live = [d for d in d1 if d is not None]
            d2 = tf.gradients(live, xs, grad_ys=[h] * len(live))
        except Exception as e:  # noqa: BLE001 - recorded as TF's answer
            d2 = e
        with tf.Session() as sess:
            out["y"] = _run(sess, y)
            out["d1"] = _run(sess, d1)
            out["d2"] = d2 if isinstance(d2, Exception) else _run(sess, d2)
    return out


def _run(sess, fetches):
    """The values of `fetches` (None stays None), or the error TF raised."""
    try:
        if isinstance(fetches, list):
            return tuple(None if f is None else sess.run(f) for f in fetches)
        return sess.run(fetches)
    except Exception as e:  # noqa: BLE001 - recorded as TF's answer
        return e


def cases(tf):
    result = {}
    for dtype in (np.complex64, np.complex128):
        dn = np.dtype(dtype).name
        for name in UNARY:
            r = _grads(tf, unary_fn(tf, name), dtype, False)
            for k, v in r.items():
                result["%s/%s/%s" % (name, dn, k)] = v
        for name in BINARY:
            r = _grads(tf, binary_fn(tf, name), dtype, True)
            for k, v in r.items():
                result["%s/%s/%s" % (name, dn, k)] = v
        for name in REDUCE:
            r = _grads(tf, reduce_fn(tf, name), dtype, False)
            for k, v in r.items():
                result["%s/%s/%s" % (name, dn, k)] = v
    return result
