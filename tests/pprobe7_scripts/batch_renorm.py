"""Normalization variants in one CNN: tf.layers.batch_normalization with renorm=True
(renorm_clipping, renorm_momentum) and with virtual_batch_size, contrib.layers.layer_norm,
contrib.layers.group_norm, and a hand-written group norm; the UPDATE_OPS run with the
train op under control_dependencies; inference (training=False) outputs afterwards."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def group_norm(x, G, eps=1e-5):
    N, Hh, W, C = x.shape.as_list()
    gamma = tf.get_variable("gn_gamma", [1, 1, 1, C], initializer=tf.ones_initializer())
    beta = tf.get_variable("gn_beta", [1, 1, 1, C], initializer=tf.zeros_initializer())
    xg = tf.reshape(x, [-1, Hh, W, G, C // G])
    mean, var = tf.nn.moments(xg, [1, 2, 4], keep_dims=True)
    xg = (xg - mean) / tf.sqrt(var + eps)
    return tf.reshape(xg, [-1, Hh, W, C]) * gamma + beta


tf.set_random_seed(781)
rs = np.random.RandomState(782)
x = tf.placeholder(tf.float32, [8, 6, 6, 2])
y = tf.placeholder(tf.int32, [8])
training = tf.placeholder_with_default(False, [])
h = tf.layers.conv2d(x, 8, 3, padding="same")
h = tf.layers.batch_normalization(
    h,
    training=training,
    renorm=True,
    renorm_momentum=0.9,
    renorm_clipping={"rmax": 2.0, "rmin": 0.5, "dmax": 1.0},
    name="brn",
)
h = tf.nn.relu(h)
h = tf.layers.conv2d(h, 8, 3, padding="same")
h = tf.layers.batch_normalization(h, training=training, virtual_batch_size=4, name="vbn")
h = tf.nn.relu(h)
with tf.variable_scope("g1"):
    h = group_norm(tf.layers.conv2d(h, 8, 3, padding="same"), 4)
h = tf.contrib.layers.group_norm(h, groups=2, scope="g2")
h = tf.reduce_mean(h, [1, 2])
h = tf.contrib.layers.layer_norm(h, scope="ln")
logits = tf.layers.dense(h, 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
for v in tf.global_variables():
    print(v.name, v.shape.as_list())
X = rs.randn(8, 6, 6, 2).astype(np.float32)
Y = rs.randint(0, 3, 8).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y, training: True})
        print(i, repr(float(lv)))
    print(repr(float(s.run(loss, {x: X, y: Y}))))
    for v in tf.global_variables():
        if "moving" in v.name or "renorm" in v.name:
            print(v.name, H(s.run(v)))
    print(H(s.run(logits, {x: X})))
