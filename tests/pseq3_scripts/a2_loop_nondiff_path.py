"""A while loop whose ys depend on the xs only through a comparison (a bool tensor, then a
Cast) gives None gradients, as TF's between-ops walk follows backpropagatable tensors
only; a float path beside it (even a stop_gradient) makes them zeros. Hard monotonic
attention in an AttentionWrapper: the cell's variables get None."""
import numpy as np
import tensorflow as tf

w = tf.Variable(np.float32(0.5))
h0 = tf.constant(1.0)


def body(i, h, acc):
    h2 = tf.tanh(h * w)
    return i + 1, h2, acc + tf.cast(h2 > 0.1, tf.float32) * 2.0


def body_float(i, h, acc):
    h2 = tf.tanh(h * w)
    return i + 1, h2, acc + tf.cast(h2 > 0.1, tf.float32) * 2.0 + tf.stop_gradient(h2)


_, _, acc = tf.while_loop(lambda i, h, a: i < 3, body, [0, h0, tf.constant(0.0)])
print([g is None for g in tf.gradients(acc, [w, h0])])
_, _, acc2 = tf.while_loop(lambda i, h, a: i < 3, body_float, [0, h0, tf.constant(0.0)])
g2 = tf.gradients(acc2, [w, h0])
print([g is None for g in g2])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print([repr(float(v)) for v in s.run(g2)])

with tf.Graph().as_default():
    rng = np.random.RandomState(8)
    mem = tf.constant(rng.randn(3, 5, 4).astype(np.float32))
    m = tf.contrib.seq2seq.LuongMonotonicAttention(6, mem, memory_sequence_length=[5, 3, 4],
                                                   mode="hard", sigmoid_noise=0.0)
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(6), m)
    x = tf.constant(rng.randn(3, 4, 3).astype(np.float32))
    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    g = tf.gradients(tf.reduce_sum(out ** 2), tf.trainable_variables())
    print([v.name for v, q in zip(tf.trainable_variables(), g) if q is None])
