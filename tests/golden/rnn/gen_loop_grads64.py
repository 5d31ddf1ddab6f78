"""TF 1.14 goldens: float64 recurrent loops' last bits. TF's float64 MatMul is Eigen's own
double GEBP kernel (no FMA; eigen_gebp.product64), so every product of the forward and
gradient loops has its order of additions. tf.nn.dynamic_rnn and
bidirectional_dynamic_rnn over GRUCell, LSTMCell, BasicLSTMCell, LSTMCell(num_proj) and
MultiRNNCells, and Keras LSTM / GRU layers (tanh, or relu: with Keras's hard_sigmoid no
transcendental function), in float64 (Sigmoid and Exp are Eigen's pexp<Packet4d>, Tanh
glibc's: eigen_math.sigmoid64, tanh64) with the input fed through a
placeholder: outputs, final states and the gradients of a loss of them (the input's,
then every weight's), or the loss over three Adam steps and the trained weights.
tests/test_loop_grads64.py runs each case fused and plain."""
import numpy as np

# a process of its own: TF 1.14's first session fixes the process's intra-op pool (LocalDevice's
# global Eigen pool), and the products' order of additions depends on its threads
ISOLATE = True

B, T, D, H = 5, 7, 6, 8
SEQLEN = [7, 3, 5, 7, 1]
F64 = np.float64


def _cell(C, kind, h):
    if kind == "gru":
        return C.GRUCell(h)
    if kind == "lstm":
        return C.LSTMCell(h)
    if kind == "basic_lstm":
        return C.BasicLSTMCell(h)
    if kind == "lstm_proj":
        return C.LSTMCell(h, num_proj=4)
    return C.MultiRNNCell([C.GRUCell(h), C.LSTMCell(h)])   # multi_gru_lstm


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


# name: (cell, bidirectional, with sequence_length, "grad" / "adam", (batch, steps, units))
CASES = {
    "gru_dyn": ("gru", False, False, "grad", (B, T, H)),
    "gru_dyn_seq": ("gru", False, True, "grad", (B, T, H)),
    "gru_bidi_adam": ("gru", True, False, "adam", (B, T, H)),
    "lstm_dyn": ("lstm", False, False, "grad", (B, T, H)),
    "lstm_bidi_seq": ("lstm", True, True, "grad", (B, T, H)),
    "lstm_dyn_adam": ("lstm", False, False, "adam", (B, T, H)),
    "basic_lstm_dyn_seq": ("basic_lstm", False, True, "grad", (B, T, H)),
    "lstm_proj_dyn": ("lstm_proj", False, False, "grad", (B, T, H)),
    "multi_gru_lstm_dyn": ("multi_gru_lstm", False, False, "grad", (B, T, H)),
    "gru_odd": ("gru", False, False, "grad", (3, 4, 13)),
    "lstm_odd_seq": ("lstm", False, True, "grad", (7, 5, 11)),
    "lstm_b1": ("lstm", False, False, "grad", (1, 4, 9)),
    "large_lstm_dyn": ("lstm", False, False, "grad", (32, 6, 70)),
    "large_gru_dyn_seq": ("gru", False, True, "grad", (33, 5, 50)),
    # the fused gradient's side lane (a step's kernel gradient of 2^20 multiply-adds and
    # more): dh from the op's columns dx on, the input rows of several steps at once
    "large_lstm_lane": ("lstm", False, False, "grad", (32, 9, 100)),
    "large_lstm_lane_seq": ("lstm", False, True, "grad", (36, 10, 90)),
}


def _loss(tf, outs, large):
    if large:
        rs = np.random.RandomState(7)
        return tf.add_n([tf.reduce_sum(o * rs.uniform(-1, 1, o.shape.as_list()))
                         for o in outs])
    return tf.add_n([tf.reduce_sum(tf.sin(o)) * (k + 1) for k, o in enumerate(outs)])


def _finish(tf, x, xd, outs, loss, mode):
    weights = tf.trainable_variables()
    if mode == "grad":
        grads = tf.gradients(loss, [x] + weights)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([outs, grads], {x: xd})
    step = tf.train.AdamOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, step], {x: xd})[0] for _ in range(3)]
        return [losses, sess.run(weights)]


def run(tf, name):
    """One case in the default graph: [outputs and final states, gradients (the input's,
    then the weights')], or [the loss before each of 3 Adam steps, trained weights]."""
    kind, bidi, seq, mode, (b, t, h) = CASES[name]
    tf.set_random_seed(3)
    xd = np.random.RandomState(4).uniform(-1, 1, (b, t, D))
    x = tf.placeholder(tf.float64, (b, t, D))
    lengths = None
    if seq:
        lengths = tf.constant((SEQLEN + [t - k % t for k in range(b)])[:b])
        lengths = tf.minimum(lengths, t)
    C = tf.nn.rnn_cell
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        if bidi:
            out, state = tf.nn.bidirectional_dynamic_rnn(
                _cell(C, kind, h), _cell(C, kind, h), x, dtype=tf.float64,
                sequence_length=lengths)
        else:
            out, state = tf.nn.dynamic_rnn(_cell(C, kind, h), x, dtype=tf.float64,
                                           sequence_length=lengths)
    outs = _flat(out) + _flat(state)
    return _finish(tf, x, xd, outs, _loss(tf, outs, b * h > 1000), mode)


# Keras layers in float64: name: (layer, batch, steps, units, options)
KERAS = {
    "keras_lstm": ("LSTM", B, T, H, {}),
    "keras_gru": ("GRU", B, T, H, {}),
    "keras_gru_reset_after": ("GRU", B, T, H, {"reset_after": True}),
    "keras_lstm_seq": ("LSTM", 3, 5, 11, {"return_sequences": True}),
    # (units at most 40: TF's orthogonal initializer's Qr of 48 and more columns is not
    # flowgrad's bits)
    "keras_lstm_large": ("LSTM", 48, 6, 40, {"return_sequences": True}),
    # relu and Keras's hard_sigmoid: no transcendental function but the loss's Sin
    "keras_lstm_relu": ("LSTM", B, T, H, {"activation": "relu"}),
    "keras_lstm_relu_seq": ("LSTM", 7, 5, 13, {"activation": "relu",
                                               "return_sequences": True}),
    "keras_gru_relu": ("GRU", B, T, H, {"activation": "relu"}),
    "keras_gru_relu_reset_after": ("GRU", 3, 6, 10, {"activation": "relu",
                                                    "reset_after": True}),
    "keras_lstm_relu_large": ("LSTM", 48, 6, 40, {"activation": "relu",
                                                  "return_sequences": True}),
    "keras_gru_relu_large": ("GRU", 65, 5, 33, {"activation": "relu"}),
    "keras_gru_large": ("GRU", 65, 5, 33, {"reset_after": True}),
}


def run_keras(tf, name):
    layer, b, t, h, opts = KERAS[name]
    tf.set_random_seed(5)
    xd = np.random.RandomState(6).uniform(-1, 1, (b, t, D))
    x = tf.placeholder(tf.float64, (b, t, D))
    K = tf.keras.backend
    old = K.floatx()
    K.set_floatx("float64")   # (the layer's dtype argument does not reach its cell's)
    try:
        out = getattr(tf.keras.layers, layer)(h, **opts)(x)
    finally:
        K.set_floatx(old)
    return _finish(tf, x, xd, [out], _loss(tf, [out], b * h > 1000), "grad")


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = run(tf, name)
    for name in sorted(KERAS):
        tf.reset_default_graph()
        out[name] = run_keras(tf, name)
    return out
