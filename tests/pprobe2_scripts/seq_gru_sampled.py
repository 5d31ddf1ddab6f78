"""embedding_lookup + dynamic_rnn GRU + sampled_softmax_loss with a seed, Adam 3 steps."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(5)
g = tf.get_default_graph()
V, E, Hd, T, B = 30, 6, 8, 5, 3
ids = np.random.RandomState(2).randint(0, V, size=(B, T))
tgt = np.random.RandomState(3).randint(0, V, size=(B * T, 1))
x = tf.constant(ids)
emb = tf.get_variable("emb", [V, E], initializer=tf.random_uniform_initializer(-0.1, 0.1))
e = tf.nn.embedding_lookup(emb, x)
cell = tf.nn.rnn_cell.GRUCell(Hd)
out, st = tf.nn.dynamic_rnn(cell, e, sequence_length=[5, 3, 4], dtype=tf.float32)
print(len(g.get_operations()))
flat = tf.reshape(out, [-1, Hd])
sw = tf.get_variable("sw", [V, Hd])
sb = tf.get_variable("sb", [V], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(
    tf.nn.sampled_softmax_loss(sw, sb, tf.constant(tgt), flat, num_sampled=7, num_classes=V, seed=9)
)
loss2 = tf.reduce_mean(
    tf.nn.sampled_softmax_loss(sw, sb, tf.constant(tgt), flat, num_sampled=5, num_classes=V)
)
train = tf.train.AdamOptimizer(0.02).minimize(loss + loss2)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        a, b, _ = s.run([loss, loss2, train])
        print(repr(float(a)), repr(float(b)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
