"""TF 1.14 goldens: RNN cells and drivers (outputs, final states, gradients w.r.t. inputs and
weights, variable names and shapes), with sequence_length edge cases.

tests/test_rnn.py runs the same case functions with flowgrad."""
import numpy as np

X = np.random.RandomState(0).uniform(-1, 1, (3, 4, 2))
LENGTHS = [4, 0, 2]


def _init(tf):
    return tf.random_uniform_initializer(-0.6, 0.6, seed=7, dtype=tf.float64)


def _names(tf):
    return [[v.name, v.shape.as_list()] for v in tf.global_variables()]


def _run(tf, out, state, x):
    loss = tf.reduce_sum(tf.sin(tf.concat([tf.reshape(t, [-1]) for t in _flat(out, state)],
                                          0)))
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out, state, grads]) + [_names(tf)]


def _flat(*xs):
    out = []
    for x in xs:
        if isinstance(x, (list, tuple)):
            out.extend(_flat(*x))
        else:
            out.append(x)
    return out


def _cells(tf):
    rc = tf.nn.rnn_cell
    return {
        "basic_lstm": lambda: rc.BasicLSTMCell(3),
        "basic_lstm_concat": lambda: rc.BasicLSTMCell(3, forget_bias=0.5, state_is_tuple=False),
        "basic_rnn": lambda: rc.BasicRNNCell(3),
        "gru": lambda: rc.GRUCell(3),
        "lstm_peep_proj": lambda: rc.LSTMCell(3, use_peepholes=True, cell_clip=0.3, num_proj=2,
                                              proj_clip=0.4, initializer=_init(tf)),
        "lstm_concat": lambda: rc.LSTMCell(3, state_is_tuple=False),
        "multi": lambda: rc.MultiRNNCell([rc.BasicLSTMCell(3), rc.GRUCell(2)]),
        "residual": lambda: rc.ResidualWrapper(rc.BasicRNNCell(2)),
    }


def _dynamic(tf, kind, lengths, time_major=False):
    x = tf.constant(X.transpose(1, 0, 2) if time_major else X)
    with tf.variable_scope("v", initializer=_init(tf)):
        cell = _cells(tf)[kind]()
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float64,
                                       time_major=time_major)
    return _run(tf, out, state, x)


def case_dynamic(tf):
    out = {}
    for kind in sorted(_cells(tf)):
        tf.reset_default_graph()
        out[kind] = _dynamic(tf, kind, LENGTHS)
    return out


def case_dynamic_lengths(tf):
    out = {}
    for name, lengths in [("none", None), ("full", [4, 4, 4]), ("zeros", [0, 0, 0]),
                          ("mixed", [1, 3, 2])]:
        tf.reset_default_graph()
        out[name] = _dynamic(tf, "basic_lstm", lengths)
    tf.reset_default_graph()
    out["time_major"] = _dynamic(tf, "gru", [2, 4, 1], time_major=True)
    return out


def case_initial_state_and_scope(tf):
    x = tf.constant(X)
    with tf.variable_scope("v", initializer=_init(tf)):
        cell = tf.nn.rnn_cell.BasicLSTMCell(3)
        init = tf.nn.rnn_cell.LSTMStateTuple(tf.ones([3, 3], tf.float64) * 0.5,
                                             tf.zeros([3, 3], tf.float64) - 0.2)
        out, state = tf.nn.dynamic_rnn(cell, x, initial_state=init, scope="myrnn")
        cell2 = tf.nn.rnn_cell.BasicLSTMCell(3)
        out2, state2 = tf.nn.dynamic_rnn(cell2, x, dtype=tf.float64)
    r = _run(tf, [out, out2], [state, state2], x)
    return r + [cell.name, cell2.name]


def case_static(tf):
    x = tf.constant(X)
    xs = tf.unstack(x, axis=1)
    with tf.variable_scope("v", initializer=_init(tf)):
        cell = tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True)
        outs, state = tf.nn.static_rnn(cell, xs, sequence_length=LENGTHS, dtype=tf.float64)
    return _run(tf, outs, state, x)


def case_bidirectional(tf):
    x = tf.constant(X)
    with tf.variable_scope("v", initializer=_init(tf)):
        fw = tf.nn.rnn_cell.BasicLSTMCell(3)
        bw = tf.nn.rnn_cell.GRUCell(2)
        outs, states = tf.nn.bidirectional_dynamic_rnn(fw, bw, x, sequence_length=[4, 1, 3],
                                                       dtype=tf.float64)
    return _run(tf, outs, states, x)


def case_static_bidirectional(tf):
    x = tf.constant(X)
    xs = tf.unstack(x, axis=1)
    with tf.variable_scope("v", initializer=_init(tf)):
        fw = tf.nn.rnn_cell.BasicRNNCell(3)
        bw = tf.nn.rnn_cell.BasicRNNCell(3)
        outs, sf, sb = tf.nn.static_bidirectional_rnn(fw, bw, xs, sequence_length=[4, 1, 3],
                                                      dtype=tf.float64)
    return _run(tf, outs, [sf, sb], x)


def case_dropout(tf):
    # TF runs a dropout of the inputs (which does not depend on the loop state) ahead of
    # the iterations when other random ops share the loop, so its draws are compared alone
    out = {}
    for name, kw in [("input", dict(input_keep_prob=0.7)),
                     ("state_output", dict(output_keep_prob=0.8, state_keep_prob=0.6))]:
        tf.reset_default_graph()
        x = tf.constant(X)
        with tf.variable_scope("v", initializer=_init(tf)):
            cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(3), seed=5, **kw)
            o, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float64)
        out[name] = _run(tf, o, state, x)
    return out


def case_zero_state(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(3),
                                        tf.nn.rnn_cell.GRUCell(2)])
    z = cell.zero_state(5, tf.float32)
    with tf.Session() as sess:
        return [str(cell.state_size), cell.output_size,
                [str(t.shape) for t in _flat(z)], [t.name for t in _flat(z)],
                [a.shape for a in _flat(sess.run(z))]]


CASES = [case_dynamic, case_dynamic_lengths, case_initial_state_and_scope, case_static,
         case_bidirectional, case_static_bidirectional, case_dropout, case_zero_state]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__[5:]] = fn(tf)
    return out
