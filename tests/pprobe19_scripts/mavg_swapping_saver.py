"""tf.contrib.opt.MovingAverageOptimizer around Adam (sequential updates) with a resource
variable in the model: its swapping_saver writes the averages under the
variables' own names, so a fresh inference graph restores them with a plain Saver; the
training graph's own Saver keeps raw values; a second average by
tf.train.ExponentialMovingAverage with zero_debias over a batch statistic and
assign_moving_average by hand on a non-trainable variable; op counts and values."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.training import moving_averages


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1906)
X = rs.randn(24, 4).astype(np.float32)
Y = np.clip(X[:, :2] * 1.5 - X[:, 2:] * 0.5, -1, 1).astype(np.float32)
tmp = tempfile.mkdtemp()


def model(x):
    w1 = tf.get_variable("w1", [4, 6], initializer=tf.random_normal_initializer(seed=3))
    w2 = tf.get_variable("w2", [6, 2], initializer=tf.random_normal_initializer(seed=4),
                         use_resource=True)
    return tf.matmul(tf.nn.sigmoid(tf.matmul(x, w1)), w2)


g = tf.Graph()
with g.as_default():
    tf.set_random_seed(196)
    x = tf.placeholder(tf.float32, [None, 4])
    out = model(x)
    loss = tf.reduce_mean(tf.square(out - Y[:8]))
    gs = tf.train.get_or_create_global_step()
    opt = tf.contrib.opt.MovingAverageOptimizer(tf.train.AdamOptimizer(0.05),
                                                average_decay=0.7, num_updates=gs)
    train = opt.minimize(loss, global_step=gs)
    mean_out = tf.reduce_mean(out, 0)
    stat_ema = tf.train.ExponentialMovingAverage(0.6, zero_debias=True)
    running = tf.get_variable("running", [2], trainable=False,
                              initializer=tf.zeros_initializer())
    with tf.control_dependencies([train]):
        upd = tf.group(stat_ema.apply([mean_out]),
                       moving_averages.assign_moving_average(running, mean_out, 0.5,
                                                             zero_debias=False))
    print("train ops", len(g.get_operations()))
    swap = opt.swapping_saver()
    raw = tf.train.Saver()
    print("swap ops", len(g.get_operations()))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(7):
            b = X[(i % 3) * 8:(i % 3) * 8 + 8]
            lv, _ = s.run([loss, upd], {x: b})
            print(i, repr(float(lv)), [repr(float(v)) for v in s.run(stat_ema.average(mean_out))],
                  s.run(running).tolist())
        for v in tf.global_variables():
            print(v.op.name, H(s.run(v)))
        ps = swap.save(s, os.path.join(tmp, "swap"))
        pr = raw.save(s, os.path.join(tmp, "raw"))
    for n, sh in tf.train.list_variables(ps):
        print("swap ckpt", n, sh)

e = tf.Graph()
with e.as_default():
    x = tf.placeholder(tf.float32, [None, 4])
    out = model(x)
    r = tf.train.Saver()
    print("infer ops", len(e.get_operations()))
    with tf.Session() as s:
        for p in (ps, pr):
            r.restore(s, p)
            o = s.run(out, {x: X})
            print(os.path.basename(p), H(o), repr(float(o[0, 0])))
shutil.rmtree(tmp)
