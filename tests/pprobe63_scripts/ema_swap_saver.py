"""ExponentialMovingAverage in a training loop as TF1 repositories use it: apply with
num_updates, the train op grouped under control_dependencies, zero_debias averages of a
tensor, the averages' names, variables_to_restore and a Saver that swaps the averages into
the model for evaluation from a temporary checkpoint."""
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(11)
X = np.random.RandomState(3).randn(12, 3).astype(np.float32)
Y = X.dot(np.array([[1.5], [-2.0], [0.5]], np.float32)) + 0.25
x = tf.constant(X)
with tf.variable_scope("model"):
    w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=4))
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
pred = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(pred - Y))
gs = tf.train.get_or_create_global_step()
opt = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs)
with tf.control_dependencies([opt]):
    train_op = tf.group(ema.apply(tf.trainable_variables()), name="train")
loss_ema = tf.train.ExponentialMovingAverage(0.8, zero_debias=True, name="LossAvg")
loss_avg_op = loss_ema.apply([loss])
print(ema.average_name(w), ema.average(w).name, loss_ema.average(loss).name)
print(sorted(ema.variables_to_restore().keys()))
print(sorted(v.op.name for v in tf.moving_average_variables()))
print(sorted(v.op.name for v in tf.global_variables()))
print(len(tf.get_default_graph().get_operations()))
d = tempfile.mkdtemp()
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(5):
        _, _, lv = sess.run([train_op, loss_avg_op, loss])
        print(i, repr(float(lv)), sess.run(ema.average(w)).ravel().tolist(),
              repr(float(sess.run(loss_ema.average(loss)))))
    raw_w = sess.run(w)
    path = saver.save(sess, os.path.join(d, "m"), global_step=gs)
print(os.path.basename(path))
restorer = tf.train.Saver(ema.variables_to_restore())
with tf.Session() as sess:
    restorer.restore(sess, path)
    ew = sess.run(w)
    print(ew.ravel().tolist(), bool(np.allclose(ew, raw_w)), repr(float(sess.run(loss))))
with tf.Graph().as_default():
    v = tf.Variable(1.0)
    e = tf.train.ExponentialMovingAverage(0.5)
    for bad in [lambda: e.apply([tf.constant([1, 2])]), lambda: e.apply([v, v])]:
        try:
            bad()
            print("no error")
        except Exception as ex:
            print(type(ex).__name__, ex)
