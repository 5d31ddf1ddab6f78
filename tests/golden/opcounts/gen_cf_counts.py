"""TF 1.14's op counter after tf.cond / tf.while_loop (the Switch, Merge, Enter, Exit, ...
ops TF makes) and the graph-seeded random numbers drawn after them
(tests/test_cf_counts.py: flowgrad's counter and numbers equal TF's)."""
import numpy as np


def _x(tf):
    return tf.placeholder(tf.float32, [2], name="x")


def _cond(tf):
    x = _x(tf)
    p = tf.placeholder(tf.bool, (), name="p")
    return tf.cond(p, lambda: x + 1.0, lambda: x * 2.0)


def _cond_shared(tf):
    x = _x(tf)
    y = tf.placeholder(tf.float32, [2], name="y")
    p = tf.placeholder(tf.bool, (), name="p")
    return tf.cond(p, lambda: (x + y, x * y, y), lambda: (x, y - x, x * 3.0))


def _cond_ops(tf):
    x = _x(tf)
    v = tf.Variable([1.0, 2.0], name="v")
    p = tf.placeholder(tf.bool, (), name="p")
    return tf.cond(p, lambda: tf.assign(v, x).op, lambda: tf.no_op())


def _cond_nested(tf):
    x = _x(tf)
    p = tf.placeholder(tf.bool, (), name="p")
    q = tf.placeholder(tf.bool, (), name="q")
    return tf.cond(p, lambda: tf.cond(q, lambda: x + 1.0, lambda: x - 1.0),
                   lambda: x * 2.0)


def _while(tf):
    i = tf.constant(0)
    return tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])


def _while_capture(tf):
    x = _x(tf)
    n = tf.placeholder(tf.int32, (), name="n")
    return tf.while_loop(lambda i, a: i < n, lambda i, a: (i + 1, a * x + x),
                         [tf.constant(0), tf.zeros([2])])


def _while_max(tf):
    x = _x(tf)
    return tf.while_loop(lambda a: tf.reduce_sum(a) < 100.0, lambda a: a * 2.0 + x, [x],
                         maximum_iterations=5)


def _while_nested(tf):
    x = _x(tf)

    def body(i, a):
        inner = tf.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b + x), [0, a])[1]
        return i + 1, tf.cond(tf.reduce_sum(inner) > 0, lambda: inner * 0.5,
                              lambda: inner + x)
    return tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])


def _while_random(tf):
    x = _x(tf)
    return tf.while_loop(lambda i, a: i < 3,
                         lambda i, a: (i + 1, a + tf.random_uniform([2], seed=None)),
                         [tf.constant(0), x])


CALLS = [("cond", _cond), ("cond_shared", _cond_shared), ("cond_ops", _cond_ops),
         ("cond_nested", _cond_nested), ("while", _while), ("while_capture", _while_capture),
         ("while_max", _while_max), ("while_nested", _while_nested),
         ("while_random", _while_random)]


def run_case(tf, fn):
    """(op counter after fn, numbers of a random_uniform made after it), graph seed 7."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        fn(tf)
        count = g._last_id
        r = tf.random_uniform([3])
        with tf.Session(graph=g) as s:
            vals = s.run(r)
    return count, np.asarray(vals)


def cases(tf):
    out = {}
    for name, fn in CALLS:
        count, vals = run_case(tf, fn)
        out[name] = {"count": count, "random": vals}
    return out


def _initialized_value(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    r = tf.get_variable("r", [2], initializer=tf.constant_initializer(5.0), use_resource=True)
    return w.initialized_value(), r.initialized_value()


CALLS.append(("initialized_value", _initialized_value))


def _ema(tf):
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w])


def _var_from_vars(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    r = tf.get_variable("r", [2], initializer=tf.constant_initializer(5.0), use_resource=True)
    tf.Variable(w * 2.0 + 1.0, name="a")
    tf.Variable(w.initialized_value() * 3.0, name="b")
    tf.Variable(r.initialized_value() + w, name="c")
    tf.Variable(tf.identity(r) * 2.0, name="d")


CALLS.append(("ema", _ema))
CALLS.append(("var_from_vars", _var_from_vars))


def _resource_from_var(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    tf.get_variable("q", initializer=w * 2.0, use_resource=True)


CALLS.append(("resource_from_var", _resource_from_var))


def _while_tensor_array(tf):
    x = tf.placeholder(tf.float32, [3, 2], name="x3")
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)
    out = tf.TensorArray(tf.float32, size=3)

    def body(i, a, o):
        v = ta.read(i)
        return i + 1, a + v, o.write(i, a * v)
    return tf.while_loop(lambda i, a, o: i < 3, body, [tf.constant(0), tf.zeros([2]), out])


CALLS.append(("while_tensor_array", _while_tensor_array))


def _case_exclusive(tf):
    n = tf.placeholder(tf.int32, (), name="n")
    return tf.case([(n < 2, lambda: tf.constant(1.)), (n < 5, lambda: tf.constant(2.))],
                   default=lambda: tf.constant(3.), exclusive=True)


def _case_no_default(tf):
    n = tf.placeholder(tf.int32, (), name="n")
    return tf.case([(n < 2, lambda: tf.constant(1.)), (n < 5, lambda: tf.constant(2.)),
                    (n > 8, lambda: tf.constant(4.))])


def _piecewise_constant(tf):
    gs = tf.train.get_or_create_global_step()
    return tf.train.piecewise_constant(gs, [5, 10, 20], [0.1, 0.05, 0.01, 0.001])


def _hessians(tf):
    x = tf.Variable([1.0, 2.0, 3.0], name="x")
    return tf.hessians(tf.reduce_sum(x ** 3) + x[0] * x[1], x)


CALLS.extend([("case_exclusive", _case_exclusive), ("case_no_default", _case_no_default),
              ("piecewise_constant", _piecewise_constant), ("hessians", _hessians)])


def _cond_variable_results(tf):
    x = _x(tf)
    p = tf.placeholder(tf.bool, (), name="p")
    v = tf.Variable([1.0, 2.0], name="v")
    r = tf.get_variable("r", [2], use_resource=True)
    a = tf.cond(p, lambda: x, lambda: v)
    return tf.cond(p, lambda: [r, a], lambda: [a, v])


def _batch_norm_training_tensor(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    t = tf.placeholder_with_default(False, [], name="training")
    return tf.layers.batch_normalization(x, training=t, momentum=0.9)


def _from_generator(tf):
    ds = tf.data.Dataset.from_generator(lambda: iter([[1, 2], [3]]), tf.int32, [None])
    return ds.padded_batch(2, [3]).make_one_shot_iterator().get_next()


CALLS.extend([("cond_variable_results", _cond_variable_results),
              ("batch_norm_training_tensor", _batch_norm_training_tensor),
              ("from_generator", _from_generator)])


def _metrics_auc(tf):
    y = tf.placeholder(tf.float32, (4, 1), name="y")
    p = tf.sigmoid(tf.placeholder(tf.float32, (4, 1), name="p"))
    tf.metrics.auc(tf.cast(y > 0.5, tf.int32), p)


CALLS.append(("metrics_auc", _metrics_auc))


def _polynomial_decay_cycle(tf):
    gs = tf.train.get_or_create_global_step()
    return tf.train.polynomial_decay(0.1, gs, 50, 0.01, power=2.0, cycle=True)


def _cosine_decay_restarts(tf):
    gs = tf.train.get_or_create_global_step()
    return [tf.train.cosine_decay_restarts(0.1, gs, 10),
            tf.train.cosine_decay_restarts(0.1, gs, 10, t_mul=1.0, m_mul=0.5, alpha=0.1)]


CALLS.extend([("polynomial_decay_cycle", _polynomial_decay_cycle),
              ("cosine_decay_restarts", _cosine_decay_restarts)])


def _keras_confusion_metrics(tf):
    """compile with AUC / Precision / Recall (each checks the predictions' range with an
    Assert guarded by a cond) and the train function."""
    model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="softmax", input_shape=(3,))])
    model.compile("sgd", "categorical_crossentropy",
                  metrics=[tf.keras.metrics.AUC(), tf.keras.metrics.Precision(),
                           tf.keras.metrics.Recall()])
    model._make_train_function()


CALLS.append(("keras_confusion_metrics", _keras_confusion_metrics))


def _dynamic_weights(tf):
    """Losses and metrics with weights of unknown shape: assert_broadcastable's
    is_valid_shape / has_valid_nonscalar_shape conds and its AssertGuard."""
    y = tf.placeholder(tf.float32, (None, 3), name="y")
    p = tf.placeholder(tf.float32, (None, 3), name="p")
    w = tf.placeholder(tf.float32, None, name="w")
    tf.losses.mean_squared_error(y, p, weights=w)
    tf.metrics.mean(p, weights=w)
    tf.metrics.accuracy(tf.placeholder(tf.int32, (None,)), tf.placeholder(tf.int32, (None,)),
                        weights=tf.placeholder(tf.float32, (None,)))


def _at_k_weights(tf):
    y = tf.placeholder(tf.int64, (4,), name="y")
    p = tf.placeholder(tf.float32, (4, 5), name="p")
    w = tf.placeholder(tf.float32, (4,), name="w")
    tf.metrics.recall_at_k(y, p, 3, weights=w)
    tf.metrics.average_precision_at_k(y, p, 2, weights=w)


CALLS.extend([("dynamic_weights", _dynamic_weights), ("at_k_weights", _at_k_weights)])


def _keras_cells_in_tf_rnn(tf):
    """Keras cells in tf.nn.dynamic_rnn / static_rnn (a one-tensor state passed as a list)."""
    x = tf.placeholder(tf.float32, (2, 5, 4), name="seq")
    tf.nn.dynamic_rnn(tf.keras.layers.GRUCell(3), x, sequence_length=[5, 3], dtype=tf.float32)
    tf.nn.dynamic_rnn(tf.keras.layers.LSTMCell(3), x, dtype=tf.float32, scope="lstm")
    tf.nn.static_rnn(tf.keras.layers.SimpleRNNCell(3), tf.unstack(x, axis=1),
                     sequence_length=[5, 2], dtype=tf.float32)


CALLS.append(("keras_cells_in_tf_rnn", _keras_cells_in_tf_rnn))


def _keras_cells_in_tf_rnn_grads(tf):
    """Their gradients: the cells' weights are made in the loop body (TF lifts the
    variables out; each read stays in the body, of the handle's Enter)."""
    x = tf.placeholder(tf.float32, (2, 5, 4), name="seq")
    out, _ = tf.nn.dynamic_rnn(tf.keras.layers.GRUCell(3), x, sequence_length=[5, 3],
                               dtype=tf.float32)
    out2, _ = tf.nn.dynamic_rnn(tf.keras.layers.LSTMCell(3), x, dtype=tf.float32, scope="lstm")
    tf.gradients(tf.reduce_sum(out) + tf.reduce_sum(out2), tf.trainable_variables())


CALLS.append(("keras_cells_in_tf_rnn_grads", _keras_cells_in_tf_rnn_grads))
