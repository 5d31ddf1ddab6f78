"""TF 1.14 goldens: tf.contrib.rnn's SRUCell, IndRNNCell, IndyGRUCell and IndyLSTMCell in
dynamic_rnn (float64, sequence_length): outputs, final states, gradients of the input and
of every variable, variable names and shapes, the op counter after dynamic_rnn and the
numbers of a graph-seeded random_uniform made after it
(tests/test_contrib_rnn_cells.py)."""
import numpy as np

X = np.random.RandomState(5).uniform(-1, 1, (2, 4, 3))


def _cells(tf):
    rnn = tf.contrib.rnn
    return {"sru": lambda: rnn.SRUCell(3),
            "sru_relu": lambda: rnn.SRUCell(3, activation=tf.nn.relu),
            "indrnn": lambda: rnn.IndRNNCell(4),
            "indy_gru": lambda: rnn.IndyGRUCell(3),
            "indy_gru_init": lambda: rnn.IndyGRUCell(
                3, bias_initializer=tf.constant_initializer(0.3, dtype=tf.float64)),
            "indy_lstm": lambda: rnn.IndyLSTMCell(3),
            "indy_lstm_fb": lambda: rnn.IndyLSTMCell(2, forget_bias=0.25)}


def run_case(tf, name):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        x = tf.constant(X)
        init = tf.random_uniform_initializer(-0.5, 0.5, seed=6, dtype=tf.float64)
        with tf.variable_scope("s", initializer=init):
            cell = _cells(tf)[name]()
            out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2],
                                           dtype=tf.float64)
        count = g._last_id
        r = tf.random_uniform([3])
        flat = list(state) if isinstance(state, tuple) else [state]
        loss = tf.reduce_sum(tf.sin(out)) + tf.add_n([tf.reduce_sum(s * s) for s in flat])
        grads = tf.gradients(loss, [x] + tf.trainable_variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([out, flat, grads, r])
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return got + [names, count]


def cases(tf):
    return {name: run_case(tf, name) for name in sorted(_cells(tf))}
