"""Logistic regression in TF1 with tf.contrib.metrics' streaming metrics: a few epochs of
GradientDescent on a seeded two-class problem, then streaming_accuracy, streaming_auc,
streaming_precision / recall and streaming_concat updated batch by batch; local
variables, the update ops' names and the values printed."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
rs = np.random.RandomState(3)
Xd = np.concatenate([rs.randn(30, 2) + 1.0, rs.randn(30, 2) - 1.0]).astype(np.float32)
Yd = np.concatenate([np.ones(30), np.zeros(30)]).astype(np.float32)[:, None]
perm = rs.permutation(60)
Xd, Yd = Xd[perm], Yd[perm]

x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
W = tf.Variable(tf.random_normal([2, 1], stddev=0.1, seed=7), name="W")
b = tf.Variable(tf.zeros([1]), name="b")
logits = tf.matmul(x, W) + b
prob = tf.sigmoid(logits)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
pred = tf.cast(prob > 0.5, tf.float32)

acc, acc_up = tf.contrib.metrics.streaming_accuracy(pred, y)
auc, auc_up = tf.contrib.metrics.streaming_auc(prob, tf.cast(y, tf.bool), num_thresholds=50)
prec, prec_up = tf.contrib.metrics.streaming_precision(pred, y)
rec, rec_up = tf.contrib.metrics.streaming_recall(pred, y)
cat, cat_up = tf.contrib.metrics.streaming_concat(tf.squeeze(prob, 1))
mean_loss, ml_up = tf.contrib.metrics.streaming_mean(loss)
print(acc.op.name, acc_up.op.name, auc.op.name, auc_up.op.name, cat.op.name, cat_up.op.name)
print([v.op.name for v in tf.local_variables()])
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    for epoch in range(5):
        lv, _ = sess.run([loss, train], {x: Xd, y: Yd})
        print(epoch, repr(lv))
    print(sess.run(W).tolist(), sess.run(b).tolist())
    for i in range(0, 60, 20):
        fd = {x: Xd[i:i + 20], y: Yd[i:i + 20]}
        r = sess.run([acc_up, auc_up, prec_up, rec_up, ml_up], fd)
        sess.run(cat_up, fd)
        print(i, [repr(float(v)) for v in r])
    print("final", [repr(float(v)) for v in sess.run([acc, auc, prec, rec, mean_loss])])
    c = sess.run(cat)
    print(c.shape, c[:5].tolist())
    sess.run(tf.local_variables_initializer())
    print("reset", sess.run([acc, prec]), sess.run(cat).shape)
try:
    tf.contrib.metrics.streaming_accuracy(pred, tf.zeros([3]))
except ValueError as e:
    print("ValueError:", e)
