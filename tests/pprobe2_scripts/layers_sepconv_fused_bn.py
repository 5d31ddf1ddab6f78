"""tf.layers separable_conv2d, batch_normalization fused and unfused, conv1d, dense with
regularizers; Adadelta/Adam."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return np.asarray(a, dtype=np.float64).ravel()[:6].tolist()


tf.set_random_seed(8)
g = tf.get_default_graph()
X = np.random.RandomState(14).rand(4, 10, 10, 2).astype(np.float32)
x = tf.constant(X)
h = tf.layers.separable_conv2d(
    x,
    6,
    3,
    depth_multiplier=2,
    padding="same",
    depthwise_regularizer=tf.contrib.layers.l2_regularizer(0.01),
)
h = tf.layers.batch_normalization(h, training=True, fused=True)
h = tf.layers.batch_normalization(h, training=True, center=False, momentum=0.9, fused=False)
print(len(g.get_operations()))
h = tf.reshape(h, [4, 100, 6])
h = tf.layers.conv1d(h, 3, 5, strides=2, dilation_rate=1, activation=tf.nn.tanh)
h = tf.layers.dense(
    tf.layers.flatten(h),
    4,
    kernel_regularizer=tf.nn.l2_loss,
    kernel_initializer=tf.keras.initializers.he_uniform(seed=2),
)
loss = tf.reduce_mean(tf.square(h)) + tf.losses.get_regularization_loss()
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.AdamOptimizer(0.01, epsilon=1e-4).minimize(loss)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        print(repr(float(s.run([loss, train])[0])))
    for v in tf.global_variables():
        if "Adam" not in v.name:
            print(v.name, H(s.run(v)))
