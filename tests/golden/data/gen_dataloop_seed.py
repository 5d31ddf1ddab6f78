"""Graph-seeded random ops around a tf.while_loop in tf.data functions under TF 1.14
(tf.set_random_seed, then unseeded random ops): in a function graph TF builds the loop as
while_v2 (loop_counter and maximum_iterations constants, a While op and an Identity per
output and per captured tensor; cond and body are graphs whose op counters start after
their placeholders), which sets the op seeds of the random ops made after it and in it."""
import warnings

import numpy as np


def _loop_fns(tf):
    outer = tf.constant(3.0)   # (made in the user's graph: each function captures it)

    def counter(i, v):
        return i < 3

    def plain(x):
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v * 2.0), [tf.constant(0), x])
        return v + tf.random_uniform([2])

    def fn_capture(x):
        y = x + 1.0
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v * 2.0 + y), [tf.constant(0), x])
        return v + tf.random_uniform([2])

    def outer_capture(x):
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v * 2.0 + outer),
                             [tf.constant(0), x])
        return v + tf.random_uniform([2])

    def cond_capture(x):
        y = x + 1.0
        _, v = tf.while_loop(lambda i, v: i < tf.cast(y, tf.int32),
                             lambda i, v: (i + 1, v * 2.0 + y), [tf.constant(0), x])
        return v + tf.random_uniform([2])

    def max_iterations(x):
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v * 2.0), [tf.constant(0), x],
                             maximum_iterations=2)
        return v + tf.random_uniform([2])

    def random_body(x):
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v + tf.random_uniform([])),
                             [tf.constant(0), x])
        return v, tf.random_uniform([2])

    def one_var(x):
        v = tf.while_loop(lambda v: v < 100.0, lambda v: v * 3.0, [x])
        return v + tf.random_uniform([2])

    def two_loops(x):
        _, v = tf.while_loop(counter, lambda i, v: (i + 1, v + outer), [tf.constant(0), x])
        r = tf.random_uniform([])
        w = tf.while_loop(lambda w: w < 50.0, lambda w: w * 2.0 + r, [v])
        return w, tf.random_normal([2])
    return {"plain": plain, "fn_capture": fn_capture, "outer_capture": outer_capture,
            "cond_capture": cond_capture, "max_iterations": max_iterations,
            "random_body": random_body, "one_var": one_var, "two_loops": two_loops}


def _first(tf, ds, n):
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        return [sess.run(nxt) for _ in range(n)]


def _names(tf):
    return sorted(_loop_fns(tf))


def maps(tf):
    """Per loop function, the first three elements of a map over 1., 2., 3."""
    out = {}
    for name in _names(tf):
        with tf.Graph().as_default(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tf.set_random_seed(7)
            ds = tf.data.Dataset.from_tensor_slices(np.array([1., 2., 3.], np.float32))
            out[name] = _first(tf, ds.map(_loop_fns(tf)[name]), 3)
    return out


def other_transformations(tf):
    """A loop then a random op in a filter predicate and a flat_map function."""
    def keep(x):
        _, v = tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, v + 1.0),
                             [tf.constant(0), x])
        return v + tf.random_uniform([]) > 3.5

    def expand(x):
        v = tf.while_loop(lambda v: v < 10.0, lambda v: v + 4.0, [x])
        return tf.data.Dataset.from_tensors(v + tf.random_uniform([2]))

    with tf.Graph().as_default(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tf.set_random_seed(11)
        ds = tf.data.Dataset.from_tensor_slices(np.arange(6, dtype=np.float32))
        return {"filter": _first(tf, ds.filter(keep), 3),
                "flat_map": _first(tf, ds.flat_map(expand), 3)}


CASES = {"maps": maps, "other_transformations": other_transformations}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
