"""A linear classifier trained with tf.contrib.sparsemax.sparsemax_loss for a few
GradientDescent steps on seeded data: sparsemax probabilities (exact zeros), the loss and
its gradient w.r.t. the logits, in float32 and float64; values at full precision, the
support sizes and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4831)
rs = np.random.RandomState(4832)
X = rs.randn(8, 5).astype(np.float32)
labels = np.eye(4, dtype=np.float32)[rs.randint(0, 4, 8)]

x = tf.constant(X, name="x")
W = tf.Variable(tf.random_normal([5, 4], stddev=0.8, seed=2), name="W")
b = tf.Variable(tf.zeros([4]), name="b")
logits = tf.nn.xw_plus_b(x, W, b)
probs = tf.contrib.sparsemax.sparsemax(logits)
losses = tf.contrib.sparsemax.sparsemax_loss(logits, probs, tf.constant(labels))
loss = tf.reduce_mean(losses)
g_logits = tf.gradients(loss, logits)[0]
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

z64 = tf.constant(rs.randn(3, 6) * 2.0, name="z64")
p64 = tf.contrib.sparsemax.sparsemax(z64, name="sm64")
l64 = tf.contrib.sparsemax.sparsemax_loss(z64, p64, tf.one_hot([0, 3, 5], 6, dtype=tf.float64))
gz = tf.gradients(tf.reduce_sum(p64 * tf.constant(np.arange(6.0))), z64)[0]

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    p, ls, gl = sess.run([probs, losses, g_logits])
    print("probs", p.tolist())
    print("support", (p > 0).sum(axis=1).tolist(), "losses", ls.tolist())
    print("g_logits", gl.tolist())
    for step in range(5):
        _, lv = sess.run([train, loss])
        print(step, repr(lv))
    print("W", sess.run(W).tolist())
    print("b", sess.run(b).tolist())
    r = sess.run([p64, l64, gz])
    print("p64", r[0].tolist())
    print("l64", r[1].tolist(), "gz", r[2].tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("names", [o.name for o in g.get_operations() if o.name.startswith("sm64/")][:12])
