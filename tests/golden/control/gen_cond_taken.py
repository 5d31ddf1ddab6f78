"""TF 1.14 goldens: tf.cond differentiated runs only the taken branch (an untaken branch that
would fail does not), tf.layers / keras BatchNormalization with a training tensor (outputs,
gradients, moving statistics), internal branch tensors (not fetchable; dead when read
outside), and first-order gradients of the while_loop programs whose second order
tests/test_control_grads.py checks against finite differences (TF 1.14 raises "Second-order
gradient for while loops not supported."). Output: cond_taken.json, read by
tests/test_control_grads.py, which runs these same case functions with flowgrad.
"""
import numpy as np

_rng = np.random.RandomState(3)
X = _rng.uniform(-1, 1, (4, 3)).astype(np.float32)
W = _rng.uniform(-1, 1, (3, 3)).astype(np.float32)
X64 = _rng.uniform(-1, 1, (2, 3))
W64 = _rng.uniform(-1, 1, (3, 3))

CASES = {}


def _case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def _run(sess, fetches, feed=None):
    try:
        return sess.run(fetches, feed)
    except Exception as e:  # noqa: BLE001 - TF's error is the golden
        return e


@_case("untaken_gather_out_of_range")
def _(tf):
    x = tf.placeholder(tf.float32, [4, 3])
    p = tf.placeholder(tf.bool, [])
    y = tf.cond(p, lambda: tf.gather(x, [9]) * 2.0, lambda: tf.tanh(x[:1]) * x[1:2])
    g = tf.gradients(tf.reduce_sum(y * y), x)[0]
    with tf.Session() as s:
        return {"false": _run(s, [y, g], {x: X, p: False}),
                "true": _run(s, [y, g], {x: X, p: True})}


@_case("untaken_assert")
def _(tf):
    x = tf.placeholder(tf.float32, [4, 3])
    p = tf.placeholder(tf.bool, [])

    def checked():
        with tf.control_dependencies([tf.Assert(tf.reduce_all(x > 5.0), [x])]):
            return tf.sqrt(tf.abs(x)) + 1.0
    y = tf.cond(p, checked, lambda: tf.sin(x) * x)
    g = tf.gradients(y, x, grad_ys=tf.constant(X))[0]
    with tf.Session() as s:
        return {"false": _run(s, [y, g], {x: X, p: False}),
                "true": str(type(_run(s, g, {x: X, p: True})).__name__)}


@_case("nested_conds_second_order")
def _(tf):
    x = tf.placeholder(tf.float64, [2, 3])
    w = tf.placeholder(tf.float64, [3, 3])
    p = tf.placeholder(tf.bool, [])
    q = tf.placeholder(tf.bool, [])

    def inner():
        return tf.cond(q, lambda: tf.sin(tf.matmul(x, w)), lambda: tf.matmul(x * x, w))
    y = tf.cond(p, inner, lambda: tf.tanh(x) * 3.0)
    g = tf.gradients(tf.reduce_sum(y * y), [x, w])
    pen = tf.reduce_sum(g[0] * g[0]) + (tf.reduce_sum(g[1] * g[1]) if g[1] is not None
                                        else tf.constant(0.0, tf.float64))
    h = tf.gradients(pen, [x, w])
    out = {}
    with tf.Session() as s:
        for pv, qv in ((True, True), (True, False), (False, True)):
            out["%s_%s" % (pv, qv)] = _run(
                s, [y] + [t if t is not None else tf.constant(0.0) for t in g + h],
                {x: X64, w: W64, p: pv, q: qv})
    return out


@_case("batch_norm_training_tensor")
def _(tf):
    x = tf.placeholder(tf.float32, [4, 3])
    training = tf.placeholder(tf.bool, [])
    y = tf.layers.batch_normalization(x, training=training, momentum=0.5,
                                      gamma_initializer=tf.constant_initializer(1.5),
                                      beta_initializer=tf.constant_initializer(0.25))
    loss = tf.reduce_sum(y * tf.constant(W[:, :1].T))
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    stats = [v for v in tf.global_variables() if "moving" in v.name]
    out = {}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for step, flag in enumerate([True, False, True]):
            r = s.run([y] + grads + updates, {x: X * (step + 1), training: flag})
            out["step%d_%s" % (step, flag)] = r[:1 + len(grads)]
            out["stats%d" % step] = s.run(stats)
    return out


@_case("keras_batch_norm_learning_phase")
def _(tf):
    K = tf.keras.backend
    x = tf.placeholder(tf.float32, [4, 3])
    layer = tf.keras.layers.BatchNormalization(momentum=0.5)
    y = layer(x)
    g = tf.gradients(tf.reduce_sum(y * y * tf.constant(W[0])), x)[0]
    out = {}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for phase in (1, 0, 1):
            r = s.run([y, g] + layer.updates, {x: X, K.learning_phase(): phase})
            out["phase%d_%d" % (len(out), phase)] = r[:2] + [s.run(layer.moving_mean)]
    return out


@_case("branch_tensor_read_outside")
def _(tf):
    p = tf.placeholder(tf.bool, [])
    x = tf.placeholder(tf.float32, [3])
    box = {}

    def t():
        box["t"] = tf.sin(x)
        tf.summary.scalar("s", box["t"][0])
        return box["t"] * 2.0
    y = tf.cond(p, t, lambda: x)
    z = box["t"] + 1.0
    m = tf.summary.merge_all()
    xv = X[0]
    with tf.Session() as s:
        out = {"z_true": _run(s, z, {p: True, x: xv}),
               "z_false": _run(s, z, {p: False, x: xv}),
               "y_false": _run(s, y, {p: False, x: xv}),
               "summary_false": _run(s, m, {p: False, x: xv}),
               "summary_true": type(_run(s, m, {p: True, x: xv})).__name__}
        try:
            s.run(box["t"], {p: True, x: xv})
            out["fetch_internal"] = "fetched"
        except ValueError as e:
            out["fetch_internal"] = e
    return out


# -- while_loop programs (first order here; second order by finite differences) --------
def simple(tf, x, w):
    return tf.while_loop(lambda i, v: i < 3,
                         lambda i, v: (i + 1, tf.tanh(tf.matmul(v, w)) + v * 0.5), [0, x])[1]


def nested(tf, x, w):
    def body(i, v):
        inner = tf.while_loop(lambda j, u: j < 2,
                              lambda j, u: (j + 1, tf.sin(u * w[0:1, :]) + u), [0, v])[1]
        return i + 1, tf.tanh(tf.matmul(inner, w))
    return tf.while_loop(lambda i, v: i < 2, body, [0, x])[1]


def tensor_array(tf, x, w):
    ta = tf.TensorArray(tf.float64, size=3, element_shape=[2, 3])

    def body(i, v, ta):
        v = tf.tanh(tf.matmul(v, w))
        return i + 1, v, ta.write(i, v * v)
    _, v, ta = tf.while_loop(lambda i, v, ta: i < 3, body, [0, x, ta])
    return tf.reshape(ta.stack(), [3, 2, 3]) + v


def tensor_array_read(tf, x, w):
    ta = tf.TensorArray(tf.float64, size=2).unstack(tf.stack([x, x * 2.0]))
    return tf.while_loop(lambda i, v: i < 2,
                         lambda i, v: (i + 1, tf.tanh(tf.matmul(v + ta.read(i), w))),
                         [0, x])[1]


def max_iterations(tf, x, w):
    return tf.while_loop(lambda v: tf.reduce_sum(v) < 100.0,
                         lambda v: tf.sin(tf.matmul(v, w)) * 2.0, [x], maximum_iterations=4)


def scan(tf, x, w):
    return tf.scan(lambda a, e: tf.tanh(a * e + tf.reduce_sum(tf.matmul(x, w), 1)),
                   tf.transpose(x), initializer=tf.zeros([2], tf.float64))


def map_fn(tf, x, w):
    return tf.map_fn(lambda r: tf.sin(tf.reduce_sum(r * w, 1)), x)


def cond_in_loop(tf, x, w):
    def body(i, v):
        v = tf.cond(tf.reduce_sum(v) > 0, lambda: tf.sin(tf.matmul(v, w)), lambda: v * v)
        return i + 1, v
    return tf.while_loop(lambda i, v: i < 3, body, [0, x])[1]


def _seq(tf, x, w):
    return tf.reshape(tf.tile(x, [1, 2]), [2, 2, 3]) * tf.reduce_sum(w)


def _init(tf):
    """Deterministic, non-symmetric weights (the same under TF and flowgrad)."""
    def init(shape, dtype=None, partition_info=None):
        n = int(np.prod(shape))
        return tf.constant(0.5 * np.sin(np.arange(1, n + 1)).reshape(shape), dtype=dtype)
    return init


def dynamic_rnn_basic(tf, x, w):
    with tf.variable_scope("v", initializer=_init(tf)):
        cell = tf.nn.rnn_cell.BasicRNNCell(3)
        return tf.nn.dynamic_rnn(cell, _seq(tf, x, w), dtype=tf.float64)[0]


def dynamic_rnn_lstm(tf, x, w):
    with tf.variable_scope("v", initializer=_init(tf)):
        cell = tf.nn.rnn_cell.LSTMCell(3)
        out, st = tf.nn.dynamic_rnn(cell, _seq(tf, x, w), dtype=tf.float64,
                                    sequence_length=[2, 1])
    return out + st.c[:, None, :]


def bidirectional_gru(tf, x, w):
    with tf.variable_scope("v", initializer=_init(tf)):
        (a, b), _ = tf.nn.bidirectional_dynamic_rnn(
            tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), _seq(tf, x, w),
            dtype=tf.float64, sequence_length=[2, 1])
    return a + b


LOOPS = [simple, nested, tensor_array, tensor_array_read, max_iterations, scan, map_fn,
         cond_in_loop, dynamic_rnn_basic, dynamic_rnn_lstm, bidirectional_gru]


def loop_graph(tf, fn):
    """(x, w, y0 = sum(y * weights), first-order gradients [dx, dw]) of a loop program."""
    x = tf.placeholder(tf.float64, [2, 3])
    w = tf.placeholder(tf.float64, [3, 3])
    y = fn(tf, x, w)
    shape = [int(d) for d in y.shape]
    weights = tf.constant(np.linspace(0.5, 1.5, int(np.prod(shape))).reshape(shape))
    y0 = tf.reduce_sum(y * weights)
    return x, w, y0, tf.gradients(y0, [x, w])


def _loop_case(fn):
    def case(tf):
        x, w, y0, g = loop_graph(tf, fn)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return _run(s, [y0] + g, {x: X64, w: W64})
    return case


for _fn in LOOPS:
    CASES["loop_" + _fn.__name__] = _loop_case(_fn)


@_case("loop_second_order_raises")
def _(tf):
    """TF 1.14: None through the loop values, TypeError through a captured tensor."""
    x = tf.placeholder(tf.float64, [2, 3])
    w = tf.placeholder(tf.float64, [3, 3])
    g = tf.gradients(tf.reduce_sum(simple(tf, x, w)), [x, w])
    out = {"x_only": [None if t is None else "gradient" for t in
                      tf.gradients(tf.reduce_sum(g[0] * g[0]), x)]}
    try:
        tf.gradients(tf.reduce_sum(g[0] * g[0]) + tf.reduce_sum(g[1] * g[1]), [x, w])
        out["with_capture"] = "no error"
    except TypeError as e:
        out["with_capture"] = e
    return out


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        with tf.Graph().as_default():
            out[name] = CASES[name](tf)
    return out
