"""Errors found while running a graph: TF 1.14's class, first line and node line.

Each case runs the failing fetch twice (flowgrad's first run interprets the plan, the
second runs the compiled one) and records, for each run, the error's class, the first
line of its message and its `[[node NAME (defined at FILE:LINE) ]]` line.
"""
import numpy as np


def _run_twice(tf, fetch, feeds=None, node=True):
    """node=False: the node line is left out (flowgrad names another node: the
    uninitialized variable's reader, the composite's inner op)."""
    out = []
    with tf.Session() as sess:
        for _ in range(2):
            try:
                sess.run(fetch, feeds)
                out.append(None)
            except tf.errors.OpError as e:
                lines = str(e).split("\n")
                nodes = [ln.strip() for ln in lines if "[[node" in ln] + [None]
                out.append([type(e).__name__, lines[0]] + ([nodes[0]] if node else []))
    return out


A = np.ones((2, 3), np.float32)
B = np.ones(4, np.float32)
C = np.ones((4, 5), np.float32)


def _pair(tf, fn, x, y):
    a = tf.placeholder(tf.float32)
    b = tf.placeholder(tf.float32)
    return _run_twice(tf, fn(a, b), {a: x, b: y})


def case_add(tf):
    return _pair(tf, tf.add, A, B)


def case_mul(tf):
    return _pair(tf, lambda a, b: a * b, A, B)


def case_sub(tf):
    return _pair(tf, tf.subtract, A, B)


def case_truediv(tf):
    return _pair(tf, tf.divide, A, B)


def case_maximum(tf):
    return _pair(tf, tf.maximum, A, B)


def case_pow(tf):
    return _pair(tf, tf.pow, A, B)


def case_squared_difference(tf):
    return _pair(tf, tf.squared_difference, A, B)


def case_less(tf):
    return _pair(tf, tf.less, A, B)


def case_equal(tf):
    return _pair(tf, tf.equal, A, B)


def case_matmul_unknown_rank(tf):
    return _pair(tf, tf.matmul, A, C)


def case_matmul(tf):
    a = tf.placeholder(tf.float32, [None, None])
    b = tf.placeholder(tf.float32, [None, None])
    return [_run_twice(tf, tf.matmul(a, b), {a: A, b: C}),
            _run_twice(tf, tf.matmul(a, b, transpose_b=True), {a: A, b: C})]


def case_batch_matmul(tf):
    p = tf.placeholder(tf.float32, [None, None, None])
    q = tf.placeholder(tf.float32, [None, None, None])
    y1 = tf.matmul(p, q)
    y2 = tf.matmul(p, q, adjoint_a=True)
    return [_run_twice(tf, y1, {p: np.ones((2, 2, 3)), q: np.ones((3, 3, 4))}),
            _run_twice(tf, y2, {p: np.ones((2, 2, 3)), q: np.ones((2, 4, 5))})]


def case_add_n(tf):
    return _pair(tf, lambda a, b: tf.add_n([a, b]), A, C)


def case_bias_add(tf):
    return _pair(tf, tf.nn.bias_add, A, B)


def case_softmax_xent(tf):
    a = tf.placeholder(tf.float32)
    b = tf.placeholder(tf.float32)
    y = tf.nn.softmax_cross_entropy_with_logits_v2(labels=a, logits=b)
    return _run_twice(tf, y, {a: A, b: C}, node=False)


def case_sparse_softmax_xent(tf):
    labels = tf.placeholder(tf.int32)
    logits = tf.placeholder(tf.float32, [None, None])
    y = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    return _run_twice(tf, y, {labels: [1, 2, 3], logits: C})


def case_conv2d_depth(tf):
    x = tf.placeholder(tf.float32, [None, None, None, None])
    f = tf.placeholder(tf.float32, [None, None, None, None])
    y = tf.nn.conv2d(x, f, [1, 1, 1, 1], "SAME")
    return [_run_twice(tf, y, {x: np.ones((1, 5, 5, 3)), f: np.ones((2, 2, 4, 6))}),
            _run_twice(tf, y, {x: np.ones((1, 5, 5, 4)), f: np.ones((2, 2, 3, 6))})]


def case_reduction_axis(tf):
    x = tf.placeholder(tf.float32)
    ax = tf.placeholder(tf.int32)
    out = []
    for f in (tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_prod):
        y = f(x, axis=ax)
        out.append(_run_twice(tf, y, {x: A, ax: -3}))
    return out


def case_argmax_axis(tf):
    x = tf.placeholder(tf.float32)
    ax = tf.placeholder(tf.int32)
    return _run_twice(tf, tf.argmax(x, axis=ax), {x: A, ax: 2})


def case_oom_fill(tf):
    shape = tf.placeholder(tf.int32)
    z = tf.fill(shape, 1.0)
    return _run_twice(tf, z, {shape: [2 ** 20, 2 ** 20, 2 ** 10]})


def case_oom_zeros_int64(tf):
    shape = tf.placeholder(tf.int32)
    return _run_twice(tf, tf.zeros(shape, tf.int64), {shape: [2 ** 16, 2 ** 16, 2 ** 10]})


def case_unfed_placeholder(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return _run_twice(tf, x * 2.0)


def case_uninitialized_variable(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return _run_twice(tf, v * 2.0)


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
