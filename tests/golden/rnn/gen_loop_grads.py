"""TF 1.14 goldens: the last bits of while-loop gradients of recurrent cells in float32.
tf.nn.dynamic_rnn and bidirectional_dynamic_rnn (with and without sequence_length) over
BasicRNNCell, GRUCell, LSTMCell, BasicLSTMCell, LSTMCell(num_proj) and MultiRNNCells,
the input fed through a placeholder of known shape: outputs, final states and the
gradients of a loss of them (the input's, then every weight's), or the loss over three
Adam / SGD steps and the trained weights. Grappler's arithmetic optimizer is on (TF's
default): the gradient loops' AddNs are summed in its order (inputs sorted by name).
tests/test_rnn_loop_grads.py runs each case fused and plain."""
import numpy as np

B, T, D, H = 5, 7, 6, 8
SEQLEN = [7, 3, 5, 7, 1]
LARGE = (64, 10, 100)   # batch, steps, units


def _cell(C, kind, H=H):
    if kind == "rnn":
        return C.BasicRNNCell(H)
    if kind == "gru":
        return C.GRUCell(H)
    if kind == "lstm":
        return C.LSTMCell(H)
    if kind == "basic_lstm":
        return C.BasicLSTMCell(H)
    if kind == "lstm_proj":
        return C.LSTMCell(H, num_proj=4)
    if kind == "multi_gru_lstm":
        return C.MultiRNNCell([C.GRUCell(H), C.LSTMCell(H)])
    if kind == "multi_gru":
        return C.MultiRNNCell([C.GRUCell(H), C.GRUCell(H)])
    return C.MultiRNNCell([C.BasicLSTMCell(H), C.BasicLSTMCell(H)])   # multi_lstm


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


# name: (cell, bidirectional, with sequence_length, "grad" / "adam" / "sgd"[, large])
CASES = {
    "rnn_dyn": ("rnn", False, False, "grad"),
    "rnn_bidi_seq": ("rnn", True, True, "grad"),
    "gru_dyn": ("gru", False, False, "grad"),
    "gru_dyn_seq": ("gru", False, True, "grad"),
    "gru_bidi": ("gru", True, False, "grad"),
    "gru_dyn_adam": ("gru", False, False, "adam"),
    "gru_bidi_seq_sgd": ("gru", True, True, "sgd"),
    "lstm_dyn": ("lstm", False, False, "grad"),
    "lstm_bidi_seq": ("lstm", True, True, "grad"),
    "lstm_dyn_adam": ("lstm", False, False, "adam"),
    "basic_lstm_dyn_seq": ("basic_lstm", False, True, "grad"),
    "basic_lstm_bidi_sgd": ("basic_lstm", True, False, "sgd"),
    "lstm_proj_dyn": ("lstm_proj", False, False, "grad"),
    "multi_gru_lstm_dyn": ("multi_gru_lstm", False, False, "grad"),
    "multi_gru_lstm_bidi_seq_adam": ("multi_gru_lstm", True, True, "adam"),
    "multi_gru_bidi": ("multi_gru", True, False, "grad"),
    "multi_lstm_dyn_seq": ("multi_lstm", False, True, "grad"),
    "large_gru_dyn_seq": ("gru", False, True, "grad", True),
    "large_lstm_bidi_sgd": ("lstm", True, False, "sgd", True),
    "large_rnn_dyn_seq": ("rnn", False, True, "grad", True),
}


def run(tf, name):
    """One case in the default graph: [outputs and final states, gradients (the input's,
    then the weights')], or [the loss before each of 3 training steps, trained weights]."""
    kind, bidi, seq, mode = CASES[name][:4]
    large = len(CASES[name]) > 4
    b, t, h = LARGE if large else (B, T, H)
    tf.set_random_seed(3)
    xd = np.random.RandomState(4).uniform(-1, 1, (b, t, D)).astype(np.float32)
    x = tf.placeholder(tf.float32, (b, t, D))
    lengths = None
    if seq:
        lengths = tf.constant(SEQLEN + [t - k % t for k in range(b - len(SEQLEN))])
    C = tf.nn.rnn_cell
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        if bidi:
            out, state = tf.nn.bidirectional_dynamic_rnn(
                _cell(C, kind, h), _cell(C, kind, h), x, dtype=tf.float32,
                sequence_length=lengths)
        else:
            out, state = tf.nn.dynamic_rnn(_cell(C, kind, h), x, dtype=tf.float32,
                                           sequence_length=lengths)
    outs = _flat(out) + _flat(state)
    if large:
        rs = np.random.RandomState(7)
        loss = tf.add_n([tf.reduce_sum(o * rs.uniform(-1, 1, o.shape.as_list()).astype(
            np.float32)) for o in outs])
    else:
        loss = tf.add_n([tf.reduce_sum(tf.sin(o)) * (k + 1) for k, o in enumerate(outs)])
    weights = tf.trainable_variables()
    if mode == "grad":
        grads = tf.gradients(loss, [x] + weights)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run([outs, grads], {x: xd})
    opt = tf.train.AdamOptimizer(0.01) if mode == "adam" else \
        tf.train.GradientDescentOptimizer(0.1)
    step = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, step], {x: xd})[0] for _ in range(3)]
        return [losses, sess.run(weights)]


def state_only(tf, steps):
    """The GRU case that differed (ptut2): loss of the final state only, kernels' and
    biases' gradients, `steps` steps."""
    tf.set_random_seed(2)
    xd = np.random.RandomState(6).rand(5, steps, 6).astype(np.float32)
    x = tf.placeholder(tf.float32, [5, steps, 6])
    _, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(8), x, dtype=tf.float32)
    loss = tf.reduce_sum(tf.square(state))
    weights = tf.trainable_variables()
    grads = tf.gradients(loss, weights)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([loss, grads], {x: xd})


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = run(tf, name)
    for steps in (2, 7):
        tf.reset_default_graph()
        out["gru_state_only_%d" % steps] = state_only(tf, steps)
    return out
