"""Grappler's HoistCommonFactorOutOfAggregation changes values: TF 1.14 sums
`AddN(Mul(c, y1), Mul(y2, c))` as `Mul(c, AddN(y1, y2))`. Each case runs a fresh graph
with seeded feeds and returns the fetched values (compared bit for bit).
"while/tensor_array" is test_pcondgd2's call: a TensorArray written in both branches of a
tf.cond in a while loop, whose gradient adds two products of one value in the branch."""
import numpy as np


def _feed(shape, seed):
    return np.random.RandomState(seed).uniform(-1, 1, shape).astype(np.float32)


def _run(tf, build, feeds):
    g = tf.Graph()
    with g.as_default():
        phs = [tf.placeholder(tf.float32, f.shape, name="p%d" % k) for k, f in enumerate(feeds)]
        out = build(tf, *phs)
        with tf.Session() as s:
            return [np.asarray(v) for v in s.run(out, dict(zip(phs, feeds)))]


def _ta_loop(tf, x):
    def body(i, y, ta):
        y2, ta2 = tf.cond(i > 0, lambda: (y * x, ta.write(i, y * x)),
                          lambda: (y + 1.0, ta.write(i, y)))
        return i + 1, y2, ta2
    _, y, ta = tf.while_loop(lambda i, y, ta: i < 3, body,
                             [tf.constant(0), x, tf.TensorArray(tf.float32, size=3)])
    return tf.gradients(tf.reduce_sum(ta.stack()) + tf.reduce_sum(y), x)


def _add_n(tf, a, b, c):
    return [tf.add_n([a * c, c * b]) * 1.5]


def _add(tf, a, b, c):
    return [(a * c + b * c) - 0.25]


def _add_n3(tf, a, b, c):
    return [tf.add_n([a * c, c * b, (a - b) * c]) + 2.0]


def _not_all_mul(tf, a, b, c):
    return [tf.add_n([a * c, b * c, a - b]) + 0.5]


def _grad_shared(tf, a, b, c):
    # a value read by two products: its gradient is an AddN of two Muls by c
    y = a * c
    z = y * c + tf.sin(y) * c
    return tf.gradients(tf.reduce_sum(z * b), [a, c])


def _fetched(tf, a, b, c):
    # Grappler preserves a fetched sum (its value as written) and moves its readers to the
    # hoisted product
    s = a * c + b * c
    return [s, tf.negative(s)]


def _dedup_const(tf, a, b, c):
    # the arithmetic optimizer's dedup first makes the two Consts 0.3 one node, which is
    # then the common factor: 0.3 * (a + b)
    return [tf.negative(a * 0.3 + b * 0.3)]


def _push_down_read_twice(tf, a, b, c):
    # golden math/pcnn_push_down's read_twice: constant folding pushes 0.7 down first
    # (the inner product is read once before the arithmetic optimizer's dedup)
    s = (a * 0.11) * 0.7 + (a * 0.11)
    return [s, tf.identity(s), tf.negative(s)]


def _variables(tf):
    # variables' shapes are known to Grappler (no feed): AddNs are hoisted, and so are
    # quotients over one denominator
    g = tf.Graph()
    with g.as_default():
        a, b, c = [tf.Variable(_feed([257], 5 + k)) for k in range(3)]
        outs = [tf.add_n([a * c, c * b]) * 1.5, tf.add_n([a / c, b / c]) * 1.5,
                (a / c + b / c) - 0.25, tf.identity(a * c + b * c),
                tf.add_n([a * c, b / c]) + 0.5]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return [np.asarray(v) for v in s.run(outs)]


def cases(tf):
    v = [_feed([257], k) for k in range(3)]
    return {
        "while/tensor_array": _run(tf, _ta_loop, [_feed([2], 0)]),
        "while/tensor_array_wide": _run(tf, _ta_loop, [_feed([64], 3)]),
        "add_n": _run(tf, _add_n, v),
        "add": _run(tf, _add, v),
        "add_n3": _run(tf, _add_n3, v),
        "not_all_mul": _run(tf, _not_all_mul, v),
        "grad_shared": _run(tf, _grad_shared, v),
        "variables": _variables(tf),
        "fetched": _run(tf, _fetched, v),
        "dedup_const": _run(tf, _dedup_const, v),
        "push_down_read_twice": _run(tf, _push_down_read_twice, v),
    }
