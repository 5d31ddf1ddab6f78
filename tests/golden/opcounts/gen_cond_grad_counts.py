"""TF 1.14's op counter before and after the gradient of a tf.cond / tf.case (TF's Switch
per output gradient, Merge and dead-branch zeros per captured input, the AddN of a
capture's two branch terms, gated tuples under an optimizer) and the numbers of a
graph-seeded random_uniform made after it (tests/test_cond_grad_counts.py)."""
import numpy as np


def _xw(tf, shape=(2,)):
    return (tf.placeholder(tf.float32, list(shape), name="x"),
            tf.placeholder(tf.float32, list(shape), name="w"))


def _plain(tf):
    x, w = _xw(tf)
    y = tf.cond(tf.reduce_sum(x) > 1.0, lambda: x * w, lambda: x + 1.0)
    return y, [x, w]


def _one_branch(tf):
    x, w = _xw(tf)
    y = tf.cond(tf.reduce_sum(x) > 1.0, lambda: tf.sin(x), lambda: w * 2.0)
    return y, [x, w]


def _identity_branch(tf):
    x, _ = _xw(tf)
    y = tf.cond(tf.reduce_sum(x) > 1.0, lambda: x, lambda: x * 2.0)
    return y, [x]


def _two_outputs(tf):
    x, w = _xw(tf)
    a, b = tf.cond(tf.reduce_sum(x) > 1.0, lambda: (x * w, x + w), lambda: (w, x))
    return a * 3.0 + b, [x, w]


def _one_output_used(tf):
    x, w = _xw(tf)
    a, _ = tf.cond(tf.reduce_sum(x) > 1.0, lambda: (x * w, x + w), lambda: (w, x))
    return a, [x, w]


def _unknown_shape(tf):
    x, w = _xw(tf, (None,))
    y = tf.cond(tf.reduce_sum(x) > 1.0, lambda: x * w, lambda: tf.exp(x))
    return y, [x, w]


def _nested(tf):
    x, w = _xw(tf)
    p = tf.reduce_sum(x)
    y = tf.cond(p > 1.0, lambda: tf.cond(p > 2.0, lambda: x * w, lambda: w - x),
                lambda: x + 1.0)
    return y, [x, w]


def _case(tf):
    x, w = _xw(tf)
    s = tf.reduce_sum(x)
    y = tf.case([(s > 2.0, lambda: x * w), (s > 1.0, lambda: tf.sin(w))],
                default=lambda: x - w)
    return y, [x, w]


def _case_exclusive(tf):
    x, w = _xw(tf)
    s = tf.reduce_sum(x)
    y = tf.case({s > 2.0: lambda: x * w, s < 0.0: lambda: w * 2.0},
                default=lambda: x + w, exclusive=True)
    return y, [x, w]


def _dense(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    return tf.layers.dense(x, 4, name="d1"), x


def _sgd(tf):
    h = _dense(tf)[0]
    y = tf.cond(tf.reduce_sum(h) > 0.0, lambda: tf.nn.relu(h) * 2.0, lambda: tf.tanh(h))
    return tf.reduce_mean(tf.square(y)), tf.train.GradientDescentOptimizer(0.1)


def _adam(tf):
    h = _dense(tf)[0]
    y = tf.cond(tf.reduce_sum(h) > 0.0, lambda: h * h, lambda: h + 1.0)
    return tf.reduce_mean(y), tf.train.AdamOptimizer(0.01)


def _dropout(tf):
    h = _dense(tf)[0]
    training = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.dropout(h, 0.5, training=training)
    return tf.reduce_mean(tf.square(y)), tf.train.AdamOptimizer(0.01)


def _batch_norm(tf):
    h = _dense(tf)[0]
    training = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(h, training=training)
    return tf.reduce_mean(tf.square(y)), tf.train.MomentumOptimizer(0.1, 0.9)


def _var_capture(tf):
    # found by the differential method: under a gated optimizer the placeholder captured
    # by the cond gets no gradient (TF's Switch is not between), the variable's two branch
    # terms are summed by an AddN
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
    c = tf.cond(p, lambda: x * v, lambda: x + v)
    return tf.reduce_sum(c), tf.train.GradientDescentOptimizer(0.1)


def _var_nested(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
    a, _ = tf.cond(p, lambda: (x * v, tf.reduce_sum(x)), lambda: (x + v, tf.reduce_max(x)))
    c = tf.cond(p, lambda: tf.cond(tf.reduce_sum(a) > 0, lambda: a * 2.0, lambda: a),
                lambda: -a)
    return tf.reduce_sum(c), tf.train.RMSPropOptimizer(0.1)


def _loop_in_cond(tf):
    # found by the differential method: a loop in a cond's branch switches its stacks'
    # handles into the branch
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x3")
    p = tf.placeholder_with_default(True, [], name="p")

    def use_loop():
        return tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * x[:, 0]),
                             [0, x[:, 1]])[1]
    return tf.cond(p, use_loop, lambda: tf.reduce_mean(x, 1)), [x]


def _rnn_in_cond(tf):
    # the branch's loop differentiates only the captures between the ys and the xs (the
    # variables, not the placeholder's array)
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x3")
    p = tf.placeholder_with_default(True, [], name="p")
    cell = tf.nn.rnn_cell.GRUCell(3)

    def use_rnn():
        o, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        return o[:, -1]
    out = tf.cond(p, use_rnn, lambda: tf.reduce_mean(x, 1))
    return tf.reduce_sum(tf.square(out)), tf.train.AdamOptimizer(0.1)


CALLS = [("plain", _plain), ("one_branch", _one_branch), ("identity_branch", _identity_branch),
         ("two_outputs", _two_outputs), ("one_output_used", _one_output_used),
         ("unknown_shape", _unknown_shape), ("nested", _nested), ("case", _case),
         ("case_exclusive", _case_exclusive), ("sgd", _sgd), ("adam", _adam),
         ("dropout", _dropout), ("batch_norm", _batch_norm), ("var_capture", _var_capture),
         ("var_nested", _var_nested), ("loop_in_cond", _loop_in_cond),
         ("rnn_in_cond", _rnn_in_cond)]


def _bn_adam(layer, rank4, scale=True):
    # a TENSOR is_training: the normalization is a cond (fused on 4-D input), its update
    # ops run before Adam's
    def fn(tf):
        x = tf.placeholder(tf.float32, [2, 3, 3, 4] if rank4 else [4, 5], name="x")
        tr = tf.placeholder(tf.bool, [], name="tr")
        if layer == "contrib":
            y = tf.contrib.layers.batch_norm(x, is_training=tr, scale=scale)
        else:
            y = tf.layers.batch_normalization(x, training=tr)
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            loss = tf.reduce_mean(y * y)
        return loss, tf.train.AdamOptimizer(0.1)
    return fn


CALLS += [("bn_contrib_adam", _bn_adam("contrib", False)),
          ("bn_contrib_fused_adam", _bn_adam("contrib", True)),
          ("bn_contrib_fused_noscale_adam", _bn_adam("contrib", True, False)),
          ("bn_layers_adam", _bn_adam("layers", False)),
          ("bn_layers_fused_adam", _bn_adam("layers", True))]


def _gather_cond(both, opt):
    # a gathered capture's gradient is merged part by part (IndexedSlices); read by both
    # branches, TF's two Switches' gradients are concatenated
    def fn(tf):
        emb = tf.get_variable("emb", [7, 3])
        ids = tf.placeholder(tf.int32, [2], name="ids")
        p = tf.placeholder(tf.bool, [], name="p")
        other = (lambda: tf.tanh(emb[:2]) * 2.0) if both else (lambda: tf.zeros([2, 3]))
        y = tf.cond(p, lambda: tf.gather(emb, ids) * 2.0, other)
        loss = tf.reduce_sum(y * y)
        return loss, (tf.train.GradientDescentOptimizer(0.1) if opt else [emb])
    return fn


CALLS += [("gather_one_branch", _gather_cond(False, False)),
          ("gather_both_branches", _gather_cond(True, False)),
          ("gather_one_branch_sgd", _gather_cond(False, True)),
          ("gather_both_branches_sgd", _gather_cond(True, True))]


def run_case(tf, fn):
    """(counter before the gradient, after it, numbers of a random_uniform made after it),
    graph seed 7: tf.gradients(ys, xs), or opt.minimize(ys) for an optimizer."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        ys, xs = fn(tf)
        before = g._last_id
        if isinstance(xs, list):
            tf.gradients(ys, xs)
        else:
            xs.minimize(ys)
        after = g._last_id
        r = tf.random_uniform([3])
        with tf.Session(graph=g) as s:
            vals = s.run(r)
    return before, after, np.asarray(vals)


def cases(tf):
    out = {}
    for name, fn in CALLS:
        before, after, vals = run_case(tf, fn)
        out[name] = {"before": before, "after": after, "random": vals}
    return out
