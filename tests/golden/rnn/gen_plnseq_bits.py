"""TF 1.14 goldens, compared bit for bit: RNN loops whose values depend on Grappler's
rewrites in the loop body.

- `lnlstm_*`: LayerNormBasicLSTMCell in dynamic_rnn under a fed batch ([None, T, D]). A
  constant sequence_length makes dynamic_rnn's `Select(time >= sequence_length, ...)`
  fix the batch dim for Grappler's shape inference, which then materializes the
  gradient's Shape readers into Consts: ConstantPushDown rewrites the forget gate
  `norm + forget_bias` into `(forget_bias + sub) + mul_1`. Without sequence_length the
  Shape readers stay and the sum keeps its order.
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


CASES = {
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
