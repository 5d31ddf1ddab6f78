"""tf.contrib.layers conv2d (l2 regularizer), separable_conv2d, fully_connected, dropout and
embed_sequence under a graph seed; initial weights and three Adam steps."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(107)
g = tf.get_default_graph()
L = tf.contrib.layers
x = tf.constant(np.random.RandomState(2).rand(2, 6, 6, 3).astype(np.float32))
h = L.conv2d(x, 4, 3, weights_regularizer=L.l2_regularizer(0.1))
print(len(g.get_operations()))
h = L.separable_conv2d(h, 5, 3, 2)
print(len(g.get_operations()))
h = L.flatten(h)
h = L.fully_connected(h, 7, biases_initializer=tf.random_normal_initializer(seed=1))
print(len(g.get_operations()))
h = L.dropout(h, 0.6)
print(len(g.get_operations()))
ids = tf.constant([[1, 3, 0], [2, 2, 4]])
e = L.embed_sequence(ids, vocab_size=6, embed_dim=3)
print(len(g.get_operations()))
loss = tf.reduce_sum(h**2) + tf.reduce_sum(e) + tf.add_n(tf.losses.get_regularization_losses())
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
    for i in range(3):
        print(repr(float(s.run([loss, train])[0])))
