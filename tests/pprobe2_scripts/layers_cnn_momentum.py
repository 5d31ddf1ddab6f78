"""tf.layers CNN with op-seeded initializers, Momentum(nesterov), exponential_decay, 3 steps."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(7)
g = tf.get_default_graph()
X = np.random.RandomState(3).randn(4, 12, 12, 1).astype(np.float32)
Y = np.eye(3, dtype=np.float32)[[0, 2, 1, 1]]
x = tf.constant(X)
h = tf.layers.conv2d(
    x,
    4,
    5,
    strides=2,
    kernel_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=5),
    bias_initializer=tf.constant_initializer(0.1),
)
h = tf.layers.batch_normalization(h, training=True, momentum=0.9, renorm=False, fused=False)
h = tf.nn.relu(h)
h = tf.layers.average_pooling2d(h, 2, 1)
h = tf.layers.conv2d_transpose(h, 2, 3, strides=2)
print(len(g.get_operations()))
h = tf.layers.flatten(h)
h = tf.nn.dropout(h, keep_prob=0.8, seed=11)
logits = tf.layers.dense(
    h, 3, kernel_initializer=tf.variance_scaling_initializer(2.0, distribution="uniform")
)
loss = tf.losses.softmax_cross_entropy(Y, logits, label_smoothing=0.1)
gs = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.1, gs, 2, 0.5, staircase=True)
opt = tf.train.MomentumOptimizer(lr, 0.9, use_nesterov=True)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = opt.minimize(loss, global_step=gs)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _, r = s.run([loss, train, lr])
        print(repr(float(lv)), repr(float(r)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
