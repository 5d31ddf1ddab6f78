"""TF 1.14 goldens: tf.contrib.rnn.stack_bidirectional_dynamic_rnn and
stack_bidirectional_rnn (outputs, states, gradients, variable names), float64."""
import numpy as np

X = np.random.RandomState(2).uniform(-1, 1, (2, 3, 2))


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in _flat(v)]
    return [x]


def _run(tf, results, x):
    flat = _flat(results)
    loss = tf.add_n([tf.reduce_sum(tf.sin(t)) for t in flat])
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([flat, grads]) + [[[v.name, v.shape.as_list()]
                                           for v in tf.global_variables()]]


def case_dynamic(tf):
    x = tf.constant(X)
    init = tf.random_uniform_initializer(-0.5, 0.5, seed=4, dtype=tf.float64)
    with tf.variable_scope("s", initializer=init):
        rc = tf.nn.rnn_cell
        r = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
            [rc.BasicLSTMCell(2), rc.GRUCell(3)], [rc.GRUCell(2), rc.BasicRNNCell(2)], x,
            sequence_length=[3, 2], dtype=tf.float64)
    return _run(tf, r, x)


def case_static(tf):
    x = tf.constant(X)
    init = tf.random_uniform_initializer(-0.5, 0.5, seed=4, dtype=tf.float64)
    with tf.variable_scope("s", initializer=init):
        rc = tf.nn.rnn_cell
        r = tf.contrib.rnn.stack_bidirectional_rnn(
            [rc.BasicRNNCell(2), rc.BasicRNNCell(2)], [rc.BasicRNNCell(2), rc.GRUCell(2)],
            tf.unstack(x, axis=1), dtype=tf.float64)
    return _run(tf, r, x)


CASES = [case_dynamic, case_static]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__[5:]] = fn(tf)
    return out
