"""The ops (name, type), in creation order, of more tf.gradients calls through loops in
TF 1.14 (tests/test_ploopgd.py): the input among the xs, a loop's result read twice, two
loops in a row, a state output used, two gradients calls, several ys, unused exits of
1000 elements or more, a Keras LSTM, a minimize (gated gradients). One fresh graph per
call."""
import numpy as np


def _x(tf, shape=(2, 5, 3)):
    return tf.placeholder(tf.float32, shape, name="x")


def _lstm(tf, x, n=4, scope=None):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(n), x, dtype=tf.float32,
                             scope=scope)


def _with_input(tf):
    x = _x(tf)
    out, _ = _lstm(tf, x)
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables() + [x])


def _state_used(tf):
    x = _x(tf)
    out, st = _lstm(tf, x)
    tf.gradients(tf.reduce_sum(out) + tf.reduce_sum(st.h), tf.trainable_variables())


def _only_state(tf):
    x = _x(tf)
    _, st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float32)
    tf.gradients(tf.reduce_sum(st), tf.trainable_variables())


def _stacked(tf):
    x = _x(tf)
    h, _ = _lstm(tf, x, scope="a")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), h, dtype=tf.float32, scope="b")
    tf.gradients(tf.reduce_sum(out * out), tf.trainable_variables())


def _two_calls(tf):
    x = _x(tf)
    out, _ = _lstm(tf, x)
    loss = tf.reduce_sum(out)
    tf.gradients(loss, tf.trainable_variables())
    tf.gradients(loss, x)


def _two_ys(tf):
    x = _x(tf)
    out, st = _lstm(tf, x)
    tf.gradients([tf.reduce_sum(out), tf.reduce_mean(st.c)], tf.trainable_variables())


def _while_mul(tf):
    x = tf.placeholder(tf.float32, (3,), name="x")
    w = tf.Variable(np.ones(3, np.float32), name="w")
    _, y = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, tf.tanh(a * w) + a),
                         [tf.constant(0), x])
    tf.gradients(tf.reduce_sum(y), [w, x])


def _scan_then_map(tf):
    x = tf.placeholder(tf.float32, (4, 3), name="x")
    y = tf.scan(lambda a, r: a * r + 1.0, x)
    z = tf.map_fn(lambda r: tf.sin(r) * r, y)
    tf.gradients(tf.reduce_sum(z), x)


def _big_state(tf):
    # unused exits of 1600 elements: tf.zeros is a Fill (shape_as_tensor, Const, Fill)
    x = tf.placeholder(tf.float32, (8, 3, 5), name="x")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(200), x, dtype=tf.float32)
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables())


def _keras_lstm(tf):
    x = _x(tf)
    y = tf.keras.layers.LSTM(4, return_sequences=True)(x)
    tf.gradients(tf.reduce_sum(y), tf.trainable_variables())


def _minimize(tf):
    x = _x(tf)
    out, _ = _lstm(tf, x)
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(out))


CALLS = [("with_input", _with_input), ("state_used", _state_used),
         ("only_state", _only_state), ("stacked", _stacked), ("two_calls", _two_calls),
         ("two_ys", _two_ys), ("while_mul", _while_mul), ("scan_then_map", _scan_then_map),
         ("big_state", _big_state), ("keras_lstm", _keras_lstm), ("minimize", _minimize)]


def ops_of(tf, fn):
    """[[name, type], ...] of a fresh default graph after fn(tf)."""
    tf.reset_default_graph()
    fn(tf)
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def cases(tf):
    return {name: ops_of(tf, fn) for name, fn in CALLS}
