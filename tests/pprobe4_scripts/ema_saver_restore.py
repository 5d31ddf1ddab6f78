"""ExponentialMovingAverage + Saver (the official "restore the moving averages" recipe):
train an MLP with Momentum and an EMA of the weights, save a checkpoint, build the model
again in a new graph and restore the shadow values through ema.variables_to_restore(),
then evaluate; also tf.train.list_variables on the checkpoint."""

import os
import tempfile
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(4)
X = rs.randn(20, 5).astype(np.float32)
Y = (np.sin(X[:, :1].astype(np.float64)) + X[:, 1:2] * 0.5).astype(np.float32)


def model(x):
    h = tf.layers.dense(x, 8, tf.nn.tanh, name="h")
    return tf.layers.dense(h, 1, name="o")


d = tempfile.mkdtemp()
path = os.path.join(d, "m.ckpt")
g1 = tf.Graph()
with g1.as_default():
    tf.set_random_seed(9)
    x = tf.placeholder(tf.float32, [None, 5])
    y = tf.placeholder(tf.float32, [None, 1])
    p = model(x)
    loss = tf.losses.mean_squared_error(y, p)
    gs = tf.train.get_or_create_global_step()
    opt = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, global_step=gs)
    ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs, zero_debias=False)
    with tf.control_dependencies([opt]):
        train = ema.apply(tf.trainable_variables())
    saver = tf.train.Saver()
    print(len(g1.get_operations()))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(6):
            print(i, repr(float(s.run([loss, train], {x: X, y: Y})[0])))
        saver.save(s, path, global_step=gs)
        for v in tf.global_variables():
            print(v.name, H(s.run(v)))
ck = tf.train.latest_checkpoint(d)
print(os.path.basename(ck))
print([(n, sh) for n, sh in tf.train.list_variables(ck)])
g2 = tf.Graph()
with g2.as_default():
    x = tf.placeholder(tf.float32, [None, 5])
    p = model(x)
    ema = tf.train.ExponentialMovingAverage(0.9)
    vtr = ema.variables_to_restore()
    print(sorted(vtr))
    saver = tf.train.Saver(vtr)
    print(len(g2.get_operations()))
    with tf.Session() as s:
        saver.restore(s, ck)
        print(H(s.run(p, {x: X})))
        print(repr(float(np.mean((s.run(p, {x: X}).astype(np.float64) - Y) ** 2))))
        for v in tf.global_variables():
            print(v.name, H(s.run(v)))
