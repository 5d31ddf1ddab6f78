"""TF 1.14 goldens: the last bits of tf.contrib.rnn's fused cells (LSTMBlockCell,
GRUBlockCell(V2), LSTMBlockFusedCell) in float32, whose kernels multiply with Eigen's own
product (engine/ops/eigen_gebp.py): dynamic_rnn (or the fused cell) with sequence_length
over a fed placeholder, outputs and gradients or three Adam / SGD steps; and one
LSTMBlockCell step at sizes that take each of the product's paths (depth blocks, Eigen's
threads and depth shards, the one-packet, half-packet and swapped columns, one row).
tests/test_block_cells_bits.py runs the same cases."""
import numpy as np

D = 6
# one LSTMBlockCell step: (batch, depth, units)
STEP_SIZES = [(5, 6, 8), (3, 2, 3), (1, 6, 8), (7, 33, 13), (64, 50, 100), (2, 300, 20),
              (9, 20, 5), (30, 700, 3), (16, 64, 7)]


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [z for y in x for z in _flat(y)]
    return [x]


def _cell(tf, kind, h):
    C = tf.contrib.rnn
    if kind == "lstm_block":
        return C.LSTMBlockCell(h)
    if kind == "lstm_block_peephole":
        return C.LSTMBlockCell(h, use_peephole=True, cell_clip=0.8, forget_bias=0.5)
    if kind == "gru_block":
        return C.GRUBlockCell(h)
    return C.GRUBlockCellV2(h)


# name: (cell, "grad" / "adam" / "sgd", batch, steps, units)
CASES = {
    "lstm_block": ("lstm_block", "grad", 5, 7, 8),
    "lstm_block_adam": ("lstm_block", "adam", 5, 7, 8),
    "lstm_block_peephole": ("lstm_block_peephole", "grad", 5, 7, 8),
    "lstm_block_batch1": ("lstm_block", "grad", 1, 7, 8),
    "lstm_block_large": ("lstm_block", "grad", 32, 5, 50),
    "gru_block": ("gru_block", "grad", 5, 7, 8),
    "gru_block_v2": ("gru_block_v2", "grad", 5, 7, 8),
    "gru_block_v2_sgd": ("gru_block_v2", "sgd", 5, 7, 8),
    "gru_block_v2_large": ("gru_block_v2", "grad", 32, 5, 50),
    "fused": ("fused", "grad", 5, 7, 8),
    "fused_adam": ("fused", "adam", 5, 7, 8),
    "fused_peephole": ("fused_peephole", "grad", 5, 7, 8),
    "fused_large_sgd": ("fused", "sgd", 32, 5, 50),
}


def run(tf, name):
    kind, mode, b, t, h = CASES[name]
    tf.set_random_seed(3)
    xd = np.random.RandomState(4).uniform(-1, 1, (b, t, D)).astype(np.float32)
    x = tf.placeholder(tf.float32, (b, t, D))
    lengths = tf.constant(([t, 3, 5, t, 1] + [t] * b)[:b])
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        if kind.startswith("fused"):
            peep = kind == "fused_peephole"
            cell = tf.contrib.rnn.LSTMBlockFusedCell(h, use_peephole=peep,
                                                     cell_clip=0.8 if peep else None)
            out, state = cell(tf.transpose(x, [1, 0, 2]), dtype=tf.float32,
                              sequence_length=lengths)
        else:
            out, state = tf.nn.dynamic_rnn(_cell(tf, kind, h), x, dtype=tf.float32,
                                           sequence_length=lengths)
    outs = _flat([out, state])
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


def step(tf, size):
    """One LSTMBlockCell step's seven outputs (i, cs, f, o, ci, co, h)."""
    b, d, h = size
    rs = np.random.RandomState(0)
    vals = [rs.uniform(-1, 1, s).astype(np.float32) for s in [(b, d), (b, h), (b, h)]]
    phs = [tf.placeholder(tf.float32, v.shape) for v in vals]
    with tf.variable_scope("v", initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=3)):
        cell = tf.contrib.rnn.LSTMBlockCell(h)
        out, _ = cell(phs[0], tf.nn.rnn_cell.LSTMStateTuple(phs[1], phs[2]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(out.op.outputs), dict(zip(phs, vals)))


def cases(tf):
    out = {}
    for name in sorted(CASES):
        tf.reset_default_graph()
        out[name] = run(tf, name)
    for size in STEP_SIZES:
        tf.reset_default_graph()
        out["step_%d_%d_%d" % size] = step(tf, size)
    return out
