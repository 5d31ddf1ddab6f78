"""Graph-seeded random ops around a tf.while_loop in tf.data functions under TF 1.14
(tf.set_random_seed, then unseeded random ops): in a function graph TF builds the loop as
while_v2 (loop_counter and maximum_iterations constants, a While op and an Identity per
output and per captured tensor; cond and body are graphs whose op counters start after
their placeholders), which sets the op seeds of the random ops made after it and in it;
and TensorArrays there (tf.map_fn's too) as TensorList ops (_GraphTensorArrayV2)."""
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
    def cond_in_body(x):
        def body(i, v):
            return i + 1, tf.cond(v > 3.0, lambda: v + tf.random_uniform([]), lambda: v * 2.0)
        _, v = tf.while_loop(counter, body, [tf.constant(0), x])
        return v + tf.random_uniform([2])

    def nested(x):
        def body(i, v):
            w = tf.while_loop(lambda w: w < 20.0, lambda w: w * 3.0 + tf.random_uniform([]),
                              [v])
            return i + 1, w
        _, v = tf.while_loop(lambda i, v: i < 2, body, [tf.constant(0), x])
        return v + tf.random_uniform([2])
    return {"plain": plain, "fn_capture": fn_capture, "outer_capture": outer_capture,
            "cond_capture": cond_capture, "max_iterations": max_iterations,
            "random_body": random_body, "one_var": one_var, "two_loops": two_loops,
            "cond_in_body": cond_in_body, "nested": nested}


def _first(tf, ds, n):
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        return [sess.run(nxt) for _ in range(n)]


# (a tf.while_loop in a tf.cond branch gives TF's numbers alone, but TF 1.14 aborts on it
# after other such functions in the process: "Check failed: dtype() == expected_dtype")
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


def _array_fns(tf):
    def map_fn(x):
        return tf.map_fn(lambda e: e * 2.0, x) + tf.random_uniform([3])

    def map_fn_random(x):
        return tf.map_fn(lambda e: e * 2.0 + tf.random_uniform([]), x) + tf.random_uniform([3])

    def scan(x):
        return tf.scan(lambda a, e: a + e, x) + tf.random_uniform([3])

    def foldl(x):
        return tf.foldl(lambda a, e: a + e, x) + tf.random_uniform([3])

    def writes(x):
        ta = tf.TensorArray(tf.float32, size=3).write(0, x[0]).write(1, x[1]).write(2, x[2])
        return ta.stack() + tf.random_uniform([3])

    def reads(x):
        ta = tf.TensorArray(tf.float32, size=3).unstack(x)
        return ta.read(1) + ta.read(tf.constant(2)) + tf.random_uniform([3])

    def gather(x):
        ta = tf.TensorArray(tf.float32, size=3).unstack(x)
        return tf.reduce_sum(ta.gather([0, 2])) + tf.random_uniform([3])

    def concat(x):
        ta = tf.TensorArray(tf.float32, size=2, infer_shape=False).write(0, x).write(1, x[:2])
        return tf.reduce_sum(ta.concat()) + tf.random_uniform([3])

    def split(x):
        ta = tf.TensorArray(tf.float32, size=3).split(x, [1, 1, 1])
        return tf.reduce_sum(ta.read(2)) + tf.random_uniform([3])

    def dynamic_size(x):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True).write(0, x[0]).write(
            tf.constant(1), x[1])
        return ta.stack()[1] + tf.cast(ta.size(), tf.float32) + tf.random_uniform([3])

    def scatter(x):
        ta = tf.TensorArray(tf.float32, size=3).scatter([2, 0, 1], x)
        return tf.reduce_sum(ta.stack() * [1., 10., 100.]) + tf.random_uniform([3])

    def loop_writes(x):
        def body(i, ta):
            return i + 1, ta.write(i, x[i] + tf.random_uniform([]))
        _, ta = tf.while_loop(lambda i, ta: i < 3, body,
                              [tf.constant(0), tf.TensorArray(tf.float32, size=3)])
        return tf.reduce_sum(ta.stack()) + tf.random_uniform([3])
    return {f.__name__: f for f in (map_fn, map_fn_random, scan, foldl, writes, reads, gather,
                                    concat, split, dynamic_size, scatter, loop_writes)}


def arrays(tf):
    """tf.map_fn / scan / foldl and TensorArray methods in a map function (TF builds
    TensorList ops there), then a random op: two elements each."""
    out = {}
    for name in sorted(_array_fns(tf)):
        with tf.Graph().as_default(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tf.set_random_seed(7)
            ds = tf.data.Dataset.from_tensor_slices(
                np.array([[1., 2., 3.], [4., 5., 6.]], np.float32))
            out[name] = _first(tf, ds.map(_array_fns(tf)[name]), 2)
    return out


def tf_function(tf):
    """The same in a tf.function's graph (TF's FuncGraph builds while_v2 too)."""
    with tf.Graph().as_default():
        tf.set_random_seed(7)

        @tf.function
        def run(x):
            _, v = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * 2.0),
                                 [tf.constant(0), x])
            return v + tf.random_uniform([2])
        r = run(tf.constant(1.0))
        with tf.Session() as sess:
            return [sess.run(r), sess.run(r)]


def names(tf):
    """The names of loop results in a map function (TF's While outputs' Identities: loop
    counter, maximum_iterations, the variables, the captures)."""
    seen = []

    def fn(x):
        outer = x + 1.0
        _, v = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * 2.0 + outer),
                             [tf.constant(0), x])
        w = tf.while_loop(lambda w: w < 50.0, lambda w: w * 2.0, [v])
        c, u = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v * 2.0),
                             [tf.constant(0), w], maximum_iterations=2)
        seen.extend([v.name, w.name, c.name, u.name, tf.identity(u).name])
        return u
    with tf.Graph().as_default():
        tf.data.Dataset.from_tensor_slices(np.array([1., 2.], np.float32)).map(fn)
    return seen


CASES = {"maps": maps, "other_transformations": other_transformations, "arrays": arrays,
         "tf_function": tf_function, "names": names}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
