"""Sequence classifier with tf.nn.bidirectional_dynamic_rnn over GRU cells (sequence_length
masking) feeding tf.contrib.rnn.stack_bidirectional_dynamic_rnn over two LSTM layers;
last-relevant-output gather, softmax loss, Adam."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
rs = np.random.RandomState(72)
x = tf.placeholder(tf.float32, [None, 6, 3])
L = tf.placeholder(tf.int32, [None])
y = tf.placeholder(tf.int32, [None])
with tf.variable_scope("bi"):
    (of, ob), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(5), tf.nn.rnn_cell.GRUCell(5), x, sequence_length=L, dtype=tf.float32
    )
h = tf.concat([of, ob], 2)
cf = [tf.nn.rnn_cell.LSTMCell(4), tf.nn.rnn_cell.LSTMCell(3)]
cb = [tf.nn.rnn_cell.LSTMCell(4), tf.nn.rnn_cell.LSTMCell(3)]
out, fs, bs = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
    cf, cb, h, sequence_length=L, dtype=tf.float32
)
idx = tf.stack([tf.range(tf.shape(out)[0]), L - 1], 1)
last = tf.gather_nd(out, idx)
logits = tf.layers.dense(tf.concat([last, sf, sb], 1), 3)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(4, 6, 3).astype(np.float32)
Lv = np.array([6, 3, 5, 1], np.int32)
Y = np.array([0, 1, 2, 1], np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train], {x: X, L: Lv, y: Y})
        print(i, repr(float(lv)))
    o = s.run(out, {x: X, L: Lv})
    print(H(o), repr(o[1, 3:].tolist()))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
