"""Hands-On ML (1st ed.) ch. 9: linear regression on a seeded, scaled data set the book's
ways: the normal equation (tf.matrix_inverse of XT X, tf.matmul), batch gradient descent
with the gradient written by hand, with tf.gradients and with MomentumOptimizer, theta
updated by tf.assign; mini-batches through placeholders; a name scope "loss" and a scalar
summary; saving theta under another name (tf.train.Saver({"weights": theta})) to a
temporary folder and restoring it into a fresh graph; the graph written by a FileWriter
and read back (node count); op counts and values at full precision."""
import glob
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1692)
m, n = 120, 4
data = rs.randn(m, n) * [1.0, 3.0, 0.5, 10.0] + [0.0, 5.0, -1.0, 20.0]
target = (data.dot([0.5, -1.0, 2.0, 0.1]) + 0.3 * rs.randn(m)).reshape(-1, 1)
scaled = (data - data.mean(axis=0)) / data.std(axis=0)
scaled_plus_bias = np.c_[np.ones((m, 1)), scaled]
tmp = tempfile.mkdtemp()

tf.set_random_seed(1691)
X = tf.constant(scaled_plus_bias, dtype=tf.float32, name="X")
y = tf.constant(target, dtype=tf.float32, name="y")
XT = tf.transpose(X)
theta_ne = tf.matmul(tf.matmul(tf.matrix_inverse(tf.matmul(XT, X)), XT), y)

results = {}
for how in ("manual", "autodiff", "momentum"):
    with tf.variable_scope(how):
        theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=1693), name="theta")
        y_pred = tf.matmul(X, theta, name="predictions")
        with tf.name_scope("loss"):
            error = y_pred - y
            mse = tf.reduce_mean(tf.square(error), name="mse")
        if how == "manual":
            gradients = 2 / m * tf.matmul(tf.transpose(X), error)
            training_op = tf.assign(theta, theta - 0.01 * gradients)
        elif how == "autodiff":
            gradients = tf.gradients(mse, [theta])[0]
            training_op = tf.assign(theta, theta - 0.01 * gradients)
        else:
            training_op = tf.train.MomentumOptimizer(0.01, 0.9).minimize(mse)
        results[how] = (theta, mse, training_op)

Xp = tf.placeholder(tf.float32, shape=(None, n + 1), name="Xp")
yp = tf.placeholder(tf.float32, shape=(None, 1), name="yp")
theta_mb = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=1694), name="theta")
with tf.name_scope("loss"):
    mse_mb = tf.reduce_mean(tf.square(tf.matmul(Xp, theta_mb) - yp), name="mse")
train_mb = tf.train.GradientDescentOptimizer(0.05).minimize(mse_mb)
mse_summary = tf.summary.scalar("MSE", mse_mb)
saver = tf.train.Saver({"weights": theta_mb})

g = tf.get_default_graph()
print(len(g.get_operations()), mse_mb.op.name, mse_summary.op.name, theta_ne.op.name,
      [t.op.name for t, _, _ in results.values()])
writer = tf.summary.FileWriter(os.path.join(tmp, "logs"), g)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(theta_ne).ravel().tolist())
    for how, (theta, mse, training_op) in sorted(results.items()):
        for epoch in range(60):
            sess.run(training_op)
        print(how, repr(float(sess.run(mse))), sess.run(theta).ravel().tolist())
    for epoch in range(5):
        order = rs.permutation(m)
        for i in range(0, m, 30):
            idx = order[i:i + 30]
            sess.run(train_mb, feed_dict={Xp: scaled_plus_bias[idx], yp: target[idx]})
        s = sess.run(mse_summary, feed_dict={Xp: scaled_plus_bias, yp: target})
        writer.add_summary(s, epoch)
        print(epoch, [(v.tag, repr(v.simple_value)) for v in tf.Summary.FromString(s).value])
    saved = sess.run(theta_mb)
    save_path = saver.save(sess, os.path.join(tmp, "my_model_final.ckpt"))
writer.close()
print(H(saved), os.path.basename(save_path))
print(sorted(n for n, _ in tf.train.list_variables(save_path)))

with tf.Graph().as_default():
    w = tf.Variable(tf.zeros([n + 1, 1]), name="w_new")
    restorer = tf.train.Saver({"weights": w})
    with tf.Session() as sess:
        restorer.restore(sess, save_path)
        print(bool(np.array_equal(sess.run(w), saved)))

events = glob.glob(os.path.join(tmp, "logs", "events.out.tfevents.*"))
for e in tf.train.summary_iterator(events[0]):
    if e.HasField("graph_def"):
        gd = tf.GraphDef.FromString(e.graph_def)
        print("graph", len(gd.node), sorted({nd.op for nd in gd.node})[:8])
    for v in e.summary.value:
        print(e.step, v.tag, repr(v.simple_value))
shutil.rmtree(tmp)
