"""TF 1.14 goldens, compared bit for bit: RNN loops whose values depend on Grappler's
rewrites in the loop body.

- `lnlstm_*`: LayerNormBasicLSTMCell in dynamic_rnn under a fed batch ([None, T, D]). A
  constant sequence_length makes dynamic_rnn's `Select(time >= sequence_length, ...)`
  fix the batch dim for Grappler's shape inference, which then materializes the
  gradient's Shape readers into Consts: ConstantPushDown rewrites the forget gate
  `norm + forget_bias` into `(forget_bias + sub) + mul_1`. Without sequence_length the
  Shape readers stay and the sum keeps its order.
- `dropout_state_*`: LSTMCells in a variational DropoutWrapper (state_keep_prob): the
  gradient loop reads the forward `div`'s constant keep_prob, which TF clones into the
  gradient loop, where Grappler turns `grad / keep_prob` into a Mul by its reciprocal.
- `keras_gru_lstm_adam`: Embedding -> GRU -> LSTM -> Dense, keras Adam: the sparse
  update's `(g * g) * (1 - beta_2)` on the deduplicated embedding gradient, which
  Grappler's MinimizeBroadcasts regroups as `(g * (1 - beta_2)) * g`.
"""
import numpy as np

B, T, D, H = 5, 7, 6, 8


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


def _lnlstm(tf, seq, opt):
    tf.set_random_seed(3)
    xd = np.random.RandomState(4).uniform(-1, 1, (B, T, D)).astype(np.float32)
    x = tf.placeholder(tf.float32, (None, T, D))
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        cell = tf.contrib.rnn.LayerNormBasicLSTMCell(H)
        outs = _flat(tf.nn.dynamic_rnn(
            cell, x, dtype=tf.float32,
            sequence_length=tf.constant([T, 3, 5, T, 1]) if seq else None))
    loss = tf.add_n([tf.reduce_sum(tf.sin(o)) * (k + 1) for k, o in enumerate(outs)])
    vs = tf.trainable_variables()
    with tf.Session() as s:
        if opt == "grad":
            gs = tf.gradients(loss, [x] + vs)
            s.run(tf.global_variables_initializer())
            return _flat(s.run([outs, gs], {x: xd}))
        step = tf.train.AdamOptimizer(0.01).minimize(loss)
        s.run(tf.global_variables_initializer())
        losses = [s.run([loss, step], {x: xd})[0] for _ in range(3)]
        return [np.array(losses)] + s.run(vs)


def _dropout_state(tf, mode, layers):
    tf.set_random_seed(55)
    x = tf.constant(np.random.RandomState(13).randn(3, 6, 4).astype(np.float32))
    kw = {"state_keep_prob": 0.7} if mode == "state" else \
        {"input_keep_prob": 0.9, "output_keep_prob": 0.8, "state_keep_prob": 0.7}
    cells = [tf.nn.rnn_cell.DropoutWrapper(
        tf.nn.rnn_cell.LSTMCell(5, initializer=tf.orthogonal_initializer()),
        variational_recurrent=True, input_size=4 if i == 0 else 5, dtype=tf.float32,
        seed=17 + i, **kw) for i in range(layers)]
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x,
                               sequence_length=[6, 4, 5], dtype=tf.float32)
    loss = tf.reduce_sum(tf.square(out))
    grads = tf.gradients(loss, tf.trainable_variables())
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        first = s.run(loss)
        return [np.float32(first)] + s.run(grads)


def _keras_gru_lstm_adam(tf):
    tf.set_random_seed(29)
    k = tf.keras
    x = np.random.RandomState(60).randint(1, 20, size=(8, 6))
    y = np.random.RandomState(61).randint(0, 2, size=(8, 1)).astype(np.float32)
    m = k.Sequential([k.layers.Embedding(20, 5, input_length=6),
                      k.layers.GRU(4, return_sequences=True), k.layers.LSTM(3),
                      k.layers.Dense(1, activation="sigmoid")])
    m.compile(k.optimizers.Adam(0.01), "binary_crossentropy")
    loss = m.train_on_batch(x, y)
    out = [np.float32(loss)] + m.get_weights() + k.backend.get_session().run(m.optimizer.weights)
    k.backend.clear_session()
    return out


CASES = {
    "dropout_state_1": lambda tf: _dropout_state(tf, "state", 1),
    "dropout_all_2": lambda tf: _dropout_state(tf, "all", 2),
    "keras_gru_lstm_adam": _keras_gru_lstm_adam,
    "lnlstm_seq_grad": lambda tf: _lnlstm(tf, True, "grad"),
    "lnlstm_seq_adam": lambda tf: _lnlstm(tf, True, "adam"),
    "lnlstm_noseq_grad": lambda tf: _lnlstm(tf, False, "grad"),
}


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = CASES[name](tf)
    return out
