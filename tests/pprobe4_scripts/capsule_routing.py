"""Capsule network (Sabour et al. tutorial style) on small random images: a conv layer,
primary capsules with squash, prediction vectors through tf.tile/matmul, three iterations
of dynamic routing by agreement (softmax over the coupling logits, stop_gradient on the
inner iterations), margin loss and a reconstruction decoder; Adam."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
rs = np.random.RandomState(62)
B, S, C = 4, 10, 3
x = tf.placeholder(tf.float32, [None, S, S, 1])
y = tf.placeholder(tf.int64, [None])


def squash(s, axis=-1):
    n2 = tf.reduce_sum(tf.square(s), axis, keepdims=True)
    # the scale first: written `n2 / (1 + n2) * s / sqrt(n2 + eps)`, TF's Grappler reorders
    # the routing's Mul chain by proving the batch dimensions equal through Tile, Squeeze
    # and BatchMatMulV2, which flowgrad's shape model does not (the pprobe4 report)
    return s * (n2 / (1.0 + n2) / tf.sqrt(n2 + 1e-7))


h = tf.layers.conv2d(x, 8, 3, activation=tf.nn.relu)
p = tf.layers.conv2d(h, 2 * 4, 3, strides=2)
n_in = 3 * 3 * 2
u = squash(tf.reshape(p, [-1, n_in, 4]))
W = tf.get_variable("W", [1, n_in, C, 6, 4], initializer=tf.random_normal_initializer(stddev=0.1))
bs = tf.shape(x)[0]
u_t = tf.tile(u[:, :, None, :, None], [1, 1, C, 1, 1])
u_hat = tf.squeeze(tf.matmul(tf.tile(W, [bs, 1, 1, 1, 1]), u_t), -1)
u_stop = tf.stop_gradient(u_hat)
blog = tf.zeros([bs, n_in, C, 1])
for it in range(3):
    c = tf.nn.softmax(blog, axis=2)
    if it < 2:
        v = squash(tf.reduce_sum(c * u_stop, 1, keepdims=True))
        blog += tf.reduce_sum(u_stop * v, -1, keepdims=True)
    else:
        v = squash(tf.reduce_sum(c * u_hat, 1, keepdims=True))
v = tf.squeeze(v, 1)
lens = tf.sqrt(tf.reduce_sum(tf.square(v), -1) + 1e-7)
T = tf.one_hot(y, C)
margin = T * tf.square(tf.maximum(0.0, 0.9 - lens)) + 0.5 * (1 - T) * tf.square(
    tf.maximum(0.0, lens - 0.1)
)
masked = tf.reshape(v * T[:, :, None], [-1, C * 6])
rec = tf.layers.dense(tf.layers.dense(masked, 16, tf.nn.relu), S * S, tf.nn.sigmoid)
rloss = tf.reduce_mean(tf.square(rec - tf.reshape(x, [-1, S * S])))
loss = tf.reduce_mean(tf.reduce_sum(margin, 1)) + 0.0005 * S * S * rloss
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(lens, 1), y), tf.float32))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.rand(B, S, S, 1).astype(np.float32)
Y = rs.randint(0, C, B).astype(np.int64)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, a, _ = s.run([loss, acc, train], {x: X, y: Y})
        print(i, repr(float(lv)), repr(float(a)))
    print(H(s.run(lens, {x: X})), H(s.run(rec, {x: X, y: Y})))
