"""TF 1.14 goldens: tf.contrib.rnn's fused cells (LSTMBlockCell, GRUBlockCell,
GRUBlockCellV2) in dynamic_rnn: outputs, states, gradients, variable names (float32)."""
import numpy as np

X = np.random.RandomState(1).uniform(-1, 1, (3, 4, 2)).astype(np.float32)


def _case(tf, make):
    x = tf.constant(X)
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        cell = make(tf)
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2, 3], dtype=tf.float32)
    flat = [out] + (list(state) if isinstance(state, tuple) else [state])
    loss = tf.add_n([tf.reduce_sum(tf.sin(t)) for t in flat])
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([flat, grads]) + [[[v.name, v.shape.as_list()]
                                           for v in tf.global_variables()]]


CELLS = {
    "lstm_block": lambda tf: tf.contrib.rnn.LSTMBlockCell(3),
    "lstm_block_peephole_clip": lambda tf: tf.contrib.rnn.LSTMBlockCell(
        3, forget_bias=0.5, cell_clip=0.2, use_peephole=True),
    "gru_block": lambda tf: tf.contrib.rnn.GRUBlockCell(3),
    "gru_block_v2": lambda tf: tf.contrib.rnn.GRUBlockCellV2(3),
}


def cases(tf):
    out = {}
    for name in sorted(CELLS):
        tf.reset_default_graph()
        out[name] = _case(tf, CELLS[name])
    return out
