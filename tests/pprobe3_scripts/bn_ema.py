"""Batch norm with moving averages (contrib batch_norm, decay 0.9) plus an
ExponentialMovingAverage of the weights applied after the train op (control_dependencies),
with num_updates; evaluation with the shadow variables via a swapped Saver-style assign."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(17)
rs = np.random.RandomState(5)
x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.float32, [None, 1])
is_training = tf.placeholder(tf.bool, [])
h = tf.contrib.layers.fully_connected(x, 10, activation_fn=None, scope="fc1")
h = tf.contrib.layers.batch_norm(h, decay=0.9, is_training=is_training, scope="bn1")
h = tf.nn.relu(h)
pred = tf.contrib.layers.fully_connected(h, 1, activation_fn=None, scope="fc2")
loss = tf.losses.mean_squared_error(y, pred)
gs = tf.train.get_or_create_global_step()
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    opt = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=gs)
ema = tf.train.ExponentialMovingAverage(0.99, num_updates=gs)
with tf.control_dependencies([opt]):
    train = ema.apply(tf.trainable_variables())
swap = [tf.assign(v, ema.average(v)) for v in tf.trainable_variables()]
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(16, 6).astype(np.float32)
Y = (X[:, :1] * 2 - X[:, 1:2]).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y, is_training: True})
        print(i, repr(float(lv)))
    print(repr(float(s.run(loss, {x: X, y: Y, is_training: False}))))
    for v in tf.global_variables():
        print(v.name, H(s.run(v)))
    s.run(swap)
    print(repr(float(s.run(loss, {x: X, y: Y, is_training: False}))))
