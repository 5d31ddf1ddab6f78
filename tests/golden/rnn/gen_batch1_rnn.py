"""TF 1.14 goldens: recurrent loops at batch 1 in float32 (one-row MatMuls: Eigen's gemv),
seeded Keras LSTM / GRU layers and tf.nn.dynamic_rnn with LSTM / GRU cells: outputs, final
states and gradients, the inputs fed through a placeholder (tests/test_batch1_rnn.py runs
the same cases with flowgrad, the fused loops asserted)."""
import numpy as np

STEPS, DEPTH, UNITS = 7, 5, 10
X = np.random.RandomState(4).uniform(-1, 1, (1, STEPS, DEPTH)).astype(np.float32)


def _keras(tf, make):
    x = tf.placeholder(tf.float32, (1, STEPS, DEPTH))
    layer = make(tf.keras.layers)
    out = layer(x)
    outs = out if isinstance(out, list) else [out]
    return x, outs, layer.trainable_weights


def _dynamic(tf, make):
    x = tf.placeholder(tf.float32, (1, STEPS, DEPTH))
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        out, state = tf.nn.dynamic_rnn(make(tf.nn.rnn_cell), x, dtype=tf.float32)
    flat = [out] + (list(state) if isinstance(state, tuple) else [state])
    return x, flat, tf.trainable_variables()


CASES = {
    "keras_lstm": (_keras, lambda L: L.LSTM(UNITS, return_sequences=True, return_state=True)),
    "keras_lstm_impl2": (_keras, lambda L: L.LSTM(UNITS, implementation=2,
                                                  return_sequences=True)),
    "keras_lstm_8": (_keras, lambda L: L.LSTM(8, go_backwards=True)),
    "keras_gru": (_keras, lambda L: L.GRU(UNITS, return_sequences=True, return_state=True)),
    "keras_gru_reset_after": (_keras, lambda L: L.GRU(UNITS, reset_after=True,
                                                      recurrent_activation="sigmoid",
                                                      return_sequences=True)),
    "rnn_basic_lstm": (_dynamic, lambda C: C.BasicLSTMCell(UNITS)),
    "rnn_lstm": (_dynamic, lambda C: C.LSTMCell(UNITS)),
    "rnn_lstm_proj": (_dynamic, lambda C: C.LSTMCell(UNITS, num_proj=4, use_peepholes=True)),
    "rnn_gru": (_dynamic, lambda C: C.GRUCell(UNITS)),
}


def run(tf, name):
    """One case in the default graph: [outputs, gradients of a loss of them (the input's,
    then the weights')]."""
    tf.set_random_seed(3)
    np.random.seed(5)
    build, make = CASES[name]
    x, outs, weights = build(tf, make)
    loss = tf.add_n([tf.reduce_sum(tf.sin(o)) * (k + 1) for k, o in enumerate(outs)])
    grads = tf.gradients(loss, [x] + list(weights))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, grads], {x: X})


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = run(tf, name)
    return out
