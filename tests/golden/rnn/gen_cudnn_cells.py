"""TF 1.14 goldens: tf.contrib.cudnn_rnn's CudnnCompatibleLSTMCell and
CudnnCompatibleGRUCell in dynamic_rnn (one cell, a MultiRNNCell of two, a bidirectional
pair; the GRU in float64 too): outputs, final states, gradients of the inputs and every
variable, variable names and shapes; and their build errors."""
import numpy as np


def _run(tf, build, seed, dtype="float32"):
    """[outputs and states, gradients (inputs, then trainable variables), variables]."""
    x = tf.constant(np.random.RandomState(seed).uniform(-1, 1, (3, 4, 2)).astype(dtype))
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        flat = build(tf, x)
    loss = tf.add_n([tf.reduce_sum(tf.sin(t)) for t in flat])
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([flat, grads]) + [[[v.name, v.shape.as_list()]
                                           for v in tf.global_variables()]]


def _one(make, dtype="float32"):
    def build(tf, x):
        out, state = tf.nn.dynamic_rnn(make(tf), x, sequence_length=[4, 2, 3],
                                       dtype=getattr(tf, dtype))
        return [out] + tf.nest.flatten(state)
    return build


def _lstm(tf):
    return tf.contrib.cudnn_rnn.CudnnCompatibleLSTMCell(3)


def _gru(tf):
    return tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(3)


def _multi(tf):
    return tf.nn.rnn_cell.MultiRNNCell([_lstm(tf), _gru(tf)])


def _bidirectional(tf, x):
    (fw, bw), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(
        _lstm(tf), _lstm(tf), x, sequence_length=[4, 2, 3], dtype=tf.float32)
    return [fw, bw] + tf.nest.flatten([sf, sb])


def _gru_init(tf):
    return tf.contrib.cudnn_rnn.CudnnCompatibleGRUCell(
        2, kernel_initializer=tf.constant_initializer(0.25))


CASES = {
    "lstm": (_one(_lstm), 1),
    "gru": (_one(_gru), 2),
    "gru_kernel_initializer": (_one(_gru_init), 3),
    "multi_lstm_gru": (_one(_multi), 4),
    "bidirectional_lstm": (_bidirectional, 5),
    "gru_float64": (_one(_gru, "float64"), 7),
}


def _error(tf, make):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, None])
    cell = make(tf)
    try:
        cell(x, cell.zero_state(3, tf.float32))
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, e)


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        build, seed = CASES[name]
        out[name] = _run(tf, build, seed, "float64" if name.endswith("64") else "float32")
    out["errors"] = [_error(tf, _lstm), _error(tf, _gru), _lstm_float64(tf)]
    return out


def _lstm_float64(tf):
    """The LSTMBlockCell op takes float16 and float32 only (the message's last line: TF
    wraps it in its autograph traceback)."""
    tf.reset_default_graph()
    try:
        _one(_lstm, "float64")(tf, tf.zeros([3, 4, 2], tf.float64))
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the result
        kind = type(e).__name__
        last = str(e).strip().splitlines()[-1].strip()
        return "%s: %s" % (kind, last[len(kind) + 2:] if last.startswith(kind + ": ") else last)
