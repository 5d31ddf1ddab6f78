"""TF 1.14 goldens: recurrent loops whose graphs Grappler's arithmetic optimizer rewrites
(AddOpsRewrite, the AddN inputs' order), float32, the input fed through a placeholder of
known shape: outputs and final states, the gradients of a loss of them (the input's, then
every weight's), or the loss over three Adam steps and the trained weights.
- Keras RNN([GRUCell, LSTMCell]): the gradient loop's AddN of the LSTM's dh sorts the
  loop variable's gradient (`Merge_3_grad/Switch:1`) last; TF also regroups each weight's
  accumulator `Add(Enter_grad/Switch:1, AddN(slices))` into one AddN.
- tf.contrib.rnn.LayerNormBasicLSTMCell: TF rewrites `forget_1/batchnorm/add_1 + add/y`
  as AddOpsRewrite_Leaf_1_add then AddOpsRewrite_add.
- Keras SimpleRNN / GRU / LSTM layers stacked, with return_sequences.
- tf.while_loop steps reading a weight twice or more: TF regroups a captured weight's
  gradient accumulator `Add(<reader>/Enter_grad/Switch:1, AddN(..))` into one AddN where
  Grappler knows the leaves' shapes (a bias's; not a MatMul gradient of a popped value).
tests/test_rnn_addops.py runs each case with the fused loop runners on and off."""
import numpy as np

B, T, D, H = 5, 7, 6, 8
SEQLEN = [7, 3, 5, 7, 1]


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


def _build(tf, kind, x):
    L = tf.keras.layers
    if kind == "kstack":
        return L.RNN([L.GRUCell(H), L.LSTMCell(H)], return_sequences=True)(x)
    if kind == "kstack_state":
        return L.RNN([L.GRUCell(H), L.LSTMCell(H)], return_state=True)(x)
    if kind == "simple2":
        return L.SimpleRNN(H)(L.SimpleRNN(H, return_sequences=True)(x))
    if kind == "gru2":
        return L.GRU(H, return_sequences=True)(L.GRU(H, return_sequences=True)(x))
    if kind == "lstm2":
        return L.LSTM(H, return_sequences=True, return_state=True)(
            L.LSTM(H, return_sequences=True)(x))
    if kind == "lstm_gru":
        return L.GRU(H, return_sequences=True)(L.LSTM(H, return_sequences=True)(x))
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        cell = tf.contrib.rnn.LayerNormBasicLSTMCell(H)
        return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32,
                                 sequence_length=tf.constant(SEQLEN)
                                 if kind == "lnlstm_seq" else None)


# name: (model, "grad" / "adam" / "loop")
CASES = {
    "kstack_grad": ("kstack", "grad"),
    "kstack_state_adam": ("kstack_state", "adam"),
    "simple2_grad": ("simple2", "grad"),
    "gru2_grad": ("gru2", "grad"),
    "lstm2_grad": ("lstm2", "grad"),
    "lstm2_adam": ("lstm2", "adam"),
    "lstm_gru_grad": ("lstm_gru", "grad"),
    "lnlstm_grad": ("lnlstm", "grad"),
    "lnlstm_seq_grad": ("lnlstm_seq", "grad"),
    "lnlstm_adam": ("lnlstm", "adam"),
    "loop_twice": ("loop_twice", "loop"),
    "loop_thrice": ("loop_thrice", "loop"),
    "loop_twice_resource": ("loop_twice_resource", "loop"),
    "loop_fed_batch": ("loop_fed_batch", "loop"),
    "loop_fed_tree": ("loop_fed_tree", "loop"),
}


def _loop(tf, kind):
    """[gradients of a loss of a tf.while_loop's result wrt its weights]."""
    rs = np.random.RandomState({"loop_twice": 0, "loop_thrice": 1}.get(kind, 2))
    x = tf.constant(rs.uniform(-1, 1, (7, 5, 6)).astype(np.float32))
    if kind == "loop_twice_resource":
        W = tf.get_variable("W", initializer=rs.uniform(-1, 1, (6, 6)).astype(np.float32),
                            use_resource=True)
        b = tf.get_variable("b", initializer=rs.uniform(-1, 1, (6,)).astype(np.float32),
                            use_resource=True)

        def body(t, h):
            return t + 1, tf.tanh(tf.matmul(h, W) + b) + tf.sin(b) * tf.cos(b) + b * 0.5
        h0, ws = tf.ones((5, 6)), [W, b]
    elif kind == "loop_thrice":
        W = tf.Variable(rs.uniform(-1, 1, (6, 6)).astype(np.float32))

        def body(t, h):
            return t + 1, tf.tanh(tf.matmul(h, W)) + tf.matmul(tf.sin(h), W) + \
                tf.matmul(x[t], W)
        h0, ws = tf.ones((5, 6)), [W]
    else:
        W = tf.Variable(rs.uniform(-1, 1, (6, 6)).astype(np.float32))
        b = tf.Variable(rs.uniform(-1, 1, (6,)).astype(np.float32))

        def body(t, h):
            return t + 1, tf.tanh(tf.matmul(h, W) + tf.matmul(x[t], W) + b) + tf.sin(b)
        h0, ws = tf.zeros((5, 6)), [W, b]
    _, h = tf.while_loop(lambda t, h: t < 7, body, [tf.constant(0), h0])
    grads = tf.gradients(tf.reduce_sum(tf.sin(h * 3.0)), ws)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(grads)


def _loop_fed(tf, tree=False):
    """A step over a fed input of unknown batch: the bias's accumulator is regrouped (its
    leaves' shapes are known: a SigmoidGrad of the gradient's shape, Reshapes to the
    bias's), the kernel's (MatMul gradients of popped values) is not."""
    rs = np.random.RandomState(0)
    xd = rs.uniform(-1, 1, (7, 5, 6)).astype(np.float32)
    x = tf.placeholder(tf.float32, (7, None, 6))
    W = tf.Variable(rs.uniform(-1, 1, (6, 6)).astype(np.float32))
    b = tf.Variable(rs.uniform(-1, 1, (6,)).astype(np.float32))

    if tree:   # TF regroups `(tanh [s, 6] + sin(b)) + b * b` on symbolic shapes, the
        # add_4 that the gradient's Shape reads (in the forward frame) absorbed
        def body(t, h):
            return t + 1, tf.tanh(tf.matmul(h, W) + tf.matmul(x[t], W) + b) + tf.sin(b) + b * b
        _, h = tf.while_loop(lambda t, h: t < 7, body, [tf.constant(0), tf.zeros_like(x[0])])
        out = [h] + tf.gradients(tf.reduce_sum(tf.sin(h * 3.0)), [W, b, x])
    else:
        def body(t, h, a):
            z = tf.matmul(x[t], W) + b
            return t + 1, tf.tanh(z + tf.matmul(h, W)) * tf.sigmoid(b), \
                a + tf.reduce_sum(z * b)
        _, h, a = tf.while_loop(lambda t, h, a: t < 7, body,
                                [tf.constant(0), tf.zeros_like(x[0]), tf.constant(0.0)])
        out = tf.gradients(tf.reduce_sum(tf.sin(h * 3.0)) + a, [W, b, x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(out, {x: xd})


def run(tf, name):
    kind, mode = CASES[name]
    if mode == "loop":
        tf.set_random_seed(1)
        if kind.startswith("loop_fed"):
            return _loop_fed(tf, kind == "loop_fed_tree")
        return _loop(tf, kind)
    tf.set_random_seed(3)
    xd = np.random.RandomState(4).uniform(-1, 1, (B, T, D)).astype(np.float32)
    x = tf.placeholder(tf.float32, (B, T, D))
    outs = _flat(_build(tf, kind, x))
    loss = tf.add_n([tf.reduce_sum(tf.sin(o)) * (k + 1) for k, o in enumerate(outs)])
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


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = run(tf, name)
    return out
