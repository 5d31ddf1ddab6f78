"""slim.batch_norm (fused and unfused) with an is_training placeholder, slim.conv2d with
variance_scaling, training steps then inference runs, slim.losses and Adam."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


slim = tf.contrib.slim
tf.set_random_seed(4)
X = np.random.RandomState(31).rand(4, 8, 8, 3).astype(np.float32)
Y = np.array([0, 1, 1, 0])
x = tf.placeholder(tf.float32, [None, 8, 8, 3])
is_training = tf.placeholder(tf.bool, [])
with slim.arg_scope(
    [slim.conv2d],
    weights_initializer=tf.contrib.layers.variance_scaling_initializer(),
    normalizer_fn=slim.batch_norm,
    normalizer_params={"is_training": is_training, "fused": True, "scale": True},
):
    net = slim.conv2d(x, 4, [3, 3], scope="c1")
    net = slim.conv2d(net, 4, [3, 3], stride=2, scope="c2")
net = slim.flatten(net)
net = slim.batch_norm(net, is_training=is_training, decay=0.5, scope="bn_flat")
logits = slim.fully_connected(net, 2, activation_fn=None, scope="out")
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits)
train = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(0.01))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        print(repr(float(s.run(train, {x: X, is_training: True}))))
        print(H(s.run(logits, {x: X, is_training: False})))
    for v in slim.get_model_variables():
        print(v.name, H(s.run(v)))
