"""Less common RNN cells in a sequence regressor: contrib.rnn LayerNormBasicLSTMCell
(with recurrent dropout off), GRUBlockCellV2, LSTMBlockCell, UGRNNCell, IndRNNCell,
NASCell, ConvLSTM (Conv1DLSTMCell), each through dynamic_rnn with sequence lengths,
then a shared Adam step; outputs and final states hashed."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(131)
X = rs.randn(3, 5, 4).astype(np.float32)
L = np.array([5, 3, 4], np.int32)
Y = rs.randn(3, 1).astype(np.float32)
cr = tf.contrib.rnn
makers = [
    ("layernorm_lstm", lambda: cr.LayerNormBasicLSTMCell(6)),
    ("gru_block_v2", lambda: cr.GRUBlockCellV2(6)),
    ("lstm_block", lambda: cr.LSTMBlockCell(6, use_peephole=True)),
    ("ugrnn", lambda: cr.UGRNNCell(6)),
    ("indrnn", lambda: cr.IndRNNCell(6)),
    ("nas", lambda: cr.NASCell(6)),
]
for name, mk in makers:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        x = tf.placeholder(tf.float32, [None, None, 4])
        lens = tf.placeholder(tf.int32, [None])
        y = tf.placeholder(tf.float32, [None, 1])
        out, st = tf.nn.dynamic_rnn(mk(), x, sequence_length=lens, dtype=tf.float32)
        last = tf.reduce_sum(out, 1)
        p = tf.layers.dense(last, 1)
        loss = tf.reduce_mean(tf.square(p - y))
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        f = {x: X, lens: L, y: Y}
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            o, stv = s.run([out, st], f)
            print(name, H(o), [H(a) for a in tf.contrib.framework.nest.flatten(stv)])
            for i in range(3):
                print(i, repr(float(s.run([loss, train], f)[0])))
            print(sorted(v.name for v in tf.trainable_variables()))
