"""TF 1.14's op counter after the gradient of binary ops whose gradient arrives as
IndexedSlices (a tf.gather of their result): TF converts the slices at each op that reads
them (a conversion per input's gradient, three for Maximum / Minimum; Cast casts the
values), and the numbers
of a graph-seeded random_uniform made after it (tests/test_sliced_grad_counts.py)."""
import numpy as np

OPS = ("mul", "mul_bcast", "add", "sub", "div", "maximum", "minimum", "cast", "matmul",
       "sqdiff", "concat")


def _build(tf, name):
    a = tf.placeholder(tf.float32, [5, 3], name="a")
    b = tf.placeholder(tf.float32, [3] if name == "mul_bcast" else [5, 3], name="b")
    x = {"mul": lambda: a * b, "mul_bcast": lambda: a * b, "add": lambda: a + b,
         "sub": lambda: a - b, "div": lambda: a / b, "maximum": lambda: tf.maximum(a, b),
         "minimum": lambda: tf.minimum(a, b),
         # (Cast keeps a sliced gradient sliced: TF casts its values)
         "cast": lambda: tf.cast(tf.cast(a, tf.float64) * 2.0, tf.float32),
         "matmul": lambda: tf.matmul(a, tf.reshape(b, [3, 5])[:, :3]),
         "sqdiff": lambda: tf.squared_difference(a, b),
         "concat": lambda: tf.concat([a, b], 0)}[name]()
    return tf.reduce_sum(tf.gather(x, [1, 3]) * 2.0), [a, b]


def run_case(tf, name):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        ys, xs = _build(tf, name)
        before = g._last_id
        grads = [gr for gr in tf.gradients(ys, xs) if gr is not None]
        after = g._last_id
        r = tf.random_uniform([3])
        feed = {xs[0]: np.arange(15.0).reshape(5, 3) - 6.0,
                xs[1]: np.linspace(-1.0, 2.0, int(np.prod(xs[1].shape.as_list())))
                .reshape(xs[1].shape.as_list())}
        with tf.Session(graph=g) as s:
            vals = s.run([r] + grads, feed)
    return before, after, vals


def cases(tf):
    out = {}
    for name in OPS:
        before, after, vals = run_case(tf, name)
        out[name] = {"before": before, "after": after, "random": vals[0], "grads": vals[1:]}
    return out
