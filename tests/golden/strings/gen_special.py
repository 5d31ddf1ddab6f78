"""TF 1.14's incomplete gamma and beta functions and Bessel functions (tf.igamma,
igammac, betainc, lbeta, math.bessel_i0/i0e/i1/i1e): values over their domains and at
its edges, gradients, errors. Read by tests/test_strings_c3.py."""
from __future__ import absolute_import

import numpy as np

from c3kit import run_all

A = np.array([0.5, 1.0, 2.0, 10.0, 3.0, 100.0, 0.1, 25.0])
X = np.array([1.5, 0.3, 1.0, 12.0, 50.0, 90.0, 0.01, 24.0])
EDGE_A = np.array([-1.0, 0.0, 1.0, 1.0, np.nan, 2.0, 0.5])
EDGE_X = np.array([1.0, 1.0, 0.0, -1.0, 1.0, np.inf, np.inf])
BA = np.array([0.5, 2.0, 1.5, 30.0, 1.0, 0.2, 5.0])
BB = np.array([1.5, 3.0, 0.5, 40.0, 1.0, 0.3, 2.0])
BX = np.array([0.3, 0.7, 0.99, 0.4, 0.25, 0.5, 1e-3])
BES = np.array([0.0, 0.5, -3.0, 1e-9, 12.0, -29.5, 30.5, 75.0, -200.0])


def _f(v, dt):
    return lambda tf: tf.constant(np.asarray(v, dt))


def _grad(fn, *xs):
    def build(tf):
        ts = [tf.constant(np.asarray(x, np.float64)) for x in xs]
        y = fn(tf, *ts)
        d = tf.gradients(y, ts, grad_ys=tf.constant(np.linspace(0.5, 1.5, y.shape[0])))
        return [y] + [g for g in d if g is not None]
    return build


CASES = {}
for _dt in ("float32", "float64"):
    CASES.update({
        "igamma/" + _dt: lambda tf, d=_dt: tf.igamma(A.astype(d), X.astype(d)),
        "igammac/" + _dt: lambda tf, d=_dt: tf.math.igammac(A.astype(d), X.astype(d)),
        "betainc/" + _dt: lambda tf, d=_dt: tf.betainc(BA.astype(d), BB.astype(d), BX.astype(d)),
        "bessel_i0e/" + _dt: lambda tf, d=_dt: tf.math.bessel_i0e(BES.astype(d)),
        "bessel_i1e/" + _dt: lambda tf, d=_dt: tf.math.bessel_i1e(BES.astype(d)),
        "bessel_i0/" + _dt: lambda tf, d=_dt: tf.math.bessel_i0(BES[:7].astype(d)),
        "bessel_i1/" + _dt: lambda tf, d=_dt: tf.math.bessel_i1(BES[:7].astype(d)),
    })
CASES.update({
    "igamma/edges": lambda tf: tf.igamma(EDGE_A, EDGE_X),
    "igammac/edges": lambda tf: tf.igammac(EDGE_A, EDGE_X),
    "igamma/broadcast": lambda tf: tf.igamma([[1.0], [2.0]], [0.5, 1.5, 3.0], name="ig"),
    "igamma/ints": lambda tf: tf.igamma([1, 2], [1, 2]),
    "igamma/mixed": lambda tf: tf.igamma(tf.constant([1.0]), tf.constant([1.0], tf.float64)),
    "betainc/edges": lambda tf: tf.betainc([-1.0, 0.0, 1.0, 1.0, 2.0, 2.0, 2.0],
                                           [1.0, 1.0, 0.0, 1.0, 2.0, 2.0, 2.0],
                                           [0.5, 0.5, 0.5, 1.5, 0.0, 1.0, -0.1]),
    "betainc/scalars": lambda tf: tf.betainc(1.0, [2.0, 3.0], 0.5),
    "betainc/shape-mismatch": lambda tf: tf.betainc([1.0, 2.0], [2.0, 3.0, 4.0], 0.5),
    "betainc/rank-mismatch": lambda tf: tf.betainc([1.0, 2.0], [[2.0, 3.0]], 0.5),
    "lbeta": lambda tf: tf.lbeta([[1.0, 2.0, 3.0], [0.5, 0.5, 4.0]]),
    "grad/igamma": _grad(lambda tf, a, x: tf.igamma(a, x), A[:6], X[:6]),
    "grad/igammac": _grad(lambda tf, a, x: tf.igammac(a, x), A[:6], X[:6]),
    "grad/betainc": _grad(lambda tf, a, b, x: tf.betainc(a, b, x), BA[:6], BB[:6], BX[:6]),
    "grad/bessel_i0e": _grad(lambda tf, x: tf.math.bessel_i0e(x), BES),
    "grad/bessel_i1e": _grad(lambda tf, x: tf.math.bessel_i1e(x), BES),
    "grad/bessel_i0": _grad(lambda tf, x: tf.math.bessel_i0(x), BES[:7]),
    "grad/bessel_i1": _grad(lambda tf, x: tf.math.bessel_i1(x), BES[:7]),
})

# float32 kernels: TF computes in float32, flowgrad in float64 then rounds
TOL = dict((k, (2e-5, 1e-6)) for k in CASES if k.endswith("float32"))
TOL.update(dict((k, (1e-11, 1e-13)) for k in CASES if k.startswith("grad/")
                or k.endswith("float64") or k.endswith("edges")))
# gradient graphs: op types and counts follow TF, the names of their constants do not
VALUES_ONLY = tuple(k for k in CASES if k.startswith("grad/"))


def cases(tf):
    return run_all(tf, CASES, VALUES_ONLY)
