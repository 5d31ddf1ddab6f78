"""Nested while loops with random ops in the inner body, run several times in one Session,
each run fetching the outer loop's result, its gradient, or both (tests/test_pnestrand.py
runs the same case functions with flowgrad). TF 1.14's inner frame pushes its values in
every outer iteration, and the outer loop's gradient pops them: the gradient uses the
numbers the forward pass drew, and a run fetching only the gradient runs the forward
once (its random ops draw one forward's numbers). Each case gives, per run, the fetched
values; `vendor` is the host's (the test sets FLOWGRAD_CPU)."""
import numpy as np
from goldenio import host_vendor


def _runs(tf, build, steps):
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        fetch = build(tf)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for step in steps:
                out.append([np.asarray(v) for v in s.run([fetch[k] for k in step.split()])])
        return out


def _nested(tf, draw, n_outer=2):
    """A = sum over i < n_outer of w * (sum over j < 2 + i of draw(w))."""
    w = tf.Variable(1.5)

    def outer(i, a):
        def inner(j, b):
            return j + 1, b + tf.reduce_sum(draw(tf, w))
        _, b = tf.while_loop(lambda j, b: j < 2 + i, inner, [0, 0.0], parallel_iterations=1)
        return i + 1, a + b * w
    _, A = tf.while_loop(lambda i, a: i < n_outer, outer, [0, 0.0], parallel_iterations=1)
    return A, w


STEPS = ["A g", "A", "g", "g", "A", "A g", "A"]


def _uniform(tf):
    A, w = _nested(tf, lambda tf, w: tf.random_uniform([2], seed=4) * w)
    return {"A": A, "g": tf.gradients(A, w)[0]}


def uniform(tf):
    return _runs(tf, _uniform, STEPS)


def _normal(tf):
    # (`r * (w * w)`: TF's Grappler regroups `r * w * w` so in a loop body when only the
    # forward runs, which flowgrad does not)
    A, w = _nested(tf, lambda tf, w: tf.random_normal([3], seed=5) * (w * w))
    return {"A": A, "g": tf.gradients(A, w)[0]}


def normal(tf):
    return _runs(tf, _normal, ["g", "A", "A", "g", "A g", "A", "g"])


def _gamma(tf):
    v = tf.Variable(0.5)
    A, w = _nested(tf, lambda tf, w: tf.random_gamma([2], alpha=w, seed=6) * v +
                   tf.random_uniform([1], seed=7) * w)
    gw, gv = tf.gradients(A, [w, v])
    return {"A": A, "gw": gw, "gv": gv}


def gamma(tf):
    """random_gamma's alpha in the inner body (its gradient reads the samples); two
    gradients in one run."""
    return _runs(tf, _gamma, ["A gw", "gv", "A", "gw gv", "A", "A gw gv", "gv", "A"])


def _deep(tf):
    w = tf.Variable(1.25)

    def l1(i, a):
        def l2(j, b):
            def l3(k, c):
                return k + 1, c + tf.reduce_sum(tf.random_uniform([2], seed=9) * w)
            _, c = tf.while_loop(lambda k, c: k < 2, l3, [0, 0.0], parallel_iterations=1)
            return j + 1, b + c * w
        _, b = tf.while_loop(lambda j, b: j < 1 + i, l2, [0, 0.0], parallel_iterations=1)
        return i + 1, a + b
    _, A = tf.while_loop(lambda i, a: i < 2, l1, [0, 0.0], parallel_iterations=1)
    return {"A": A, "g": tf.gradients(A, w)[0]}


def deep(tf):
    """Three loops deep, the random op in the innermost body."""
    return _runs(tf, _deep, STEPS)


def _cond(tf):
    w = tf.Variable(1.5)

    def loop(seed, n):
        def inner(j, b):
            return j + 1, b + tf.reduce_sum(tf.random_uniform([2], seed=seed) * w)
        return tf.while_loop(lambda j, b: j < n, inner, [0, 0.0], parallel_iterations=1)[1]

    def outer(i, a):
        b = tf.cond(i < 1, lambda: loop(4, 2), lambda: loop(5, 1) * 2.0)
        return i + 1, a + b * w
    _, A = tf.while_loop(lambda i, a: i < 3, outer, [0, 0.0], parallel_iterations=1)
    return {"A": A, "g": tf.gradients(A, w)[0]}


def cond(tf):
    """The inner loops in the branches of a cond of the outer body."""
    return _runs(tf, _cond, STEPS)


def cases(tf):
    return {"vendor": host_vendor(), "uniform": uniform(tf), "normal": normal(tf),
            "gamma": gamma(tf), "deep": deep(tf), "cond": cond(tf)}
