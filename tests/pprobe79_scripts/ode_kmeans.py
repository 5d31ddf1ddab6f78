"""tf.contrib.integrate.odeint on a damped oscillator with a gradient through the solver
(fitting the damping by gradient descent), then k-means written by hand (argmin of
squared distances, unsorted_segment_sum centroid updates) and with
tf.contrib.factorization.KMeans; printed values, shapes and op types."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(3)
rs = np.random.RandomState(5)

k = tf.Variable(0.3, dtype=tf.float64, name="damping")


def f(y, t):
    return tf.stack([y[1], -y[0] - k * y[1]])


t = tf.constant(np.linspace(0.0, 2.0, 6))
y0 = tf.constant([1.0, 0.0], tf.float64)
ys = tf.contrib.integrate.odeint(f, y0, t, rtol=1e-6, atol=1e-8)
target = tf.constant([0.0, -0.5], tf.float64)
loss = tf.reduce_sum(tf.square(ys[-1] - target))
grad = tf.gradients(loss, k)[0]
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(ys.shape, ys.dtype.name, grad.dtype.name)
fixed = tf.contrib.integrate.odeint(lambda y, t: -2.0 * y, tf.constant([1.0, 2.0]),
                                    tf.constant([0.0, 0.5, 1.0]), method="dopri5")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(np.round(sess.run(ys), 6).tolist())
    print(np.round(sess.run(fixed), 5).tolist())
    for step in range(4):
        lv, g = sess.run([loss, grad])
        sess.run(train)
        print(step, "%.6f %.6f" % (lv, g))
    print("k %.6f" % sess.run(k))
try:
    tf.contrib.integrate.odeint(f, y0, t, method="rk99")
except ValueError as e:
    print("ValueError:", e)

tf.reset_default_graph()
pts = np.concatenate([rs.randn(10, 2) + [3, 3], rs.randn(10, 2) - [3, 3],
                      rs.randn(10, 2) + [3, -3]]).astype(np.float32)
X = tf.constant(pts)
cent = tf.Variable(tf.gather(X, [0, 10, 20]), name="centroids")
d = tf.reduce_sum(tf.square(tf.expand_dims(X, 1) - tf.expand_dims(cent, 0)), 2)
assign = tf.argmin(d, 1)
sums = tf.unsorted_segment_sum(X, assign, 3)
counts = tf.unsorted_segment_sum(tf.ones_like(X), assign, 3)
update = tf.assign(cent, sums / counts)
inertia = tf.reduce_sum(tf.reduce_min(d, 1))
print(d.shape, assign.dtype.name, sums.op.type, counts.shape)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(3):
        a, i, _ = sess.run([assign, inertia, update])
        print(it, a.tolist(), repr(i))
    print(sess.run(cent).tolist())

tf.reset_default_graph()
inp = tf.placeholder(tf.float32, [None, 2])
km = tf.contrib.factorization.KMeans(inp, 3, initial_clusters="kmeans_plus_plus",
                                     distance_metric="squared_euclidean", random_seed=4)
out = km.training_graph()
print(len(out), [type(o).__name__ for o in out])
all_scores, cluster_idx, scores, init_flag, init_op, train_op = out
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(init_op, {inp: pts})
    for it in range(3):
        _, sc, idx = sess.run([train_op, scores, cluster_idx], {inp: pts})
        print(it, repr(float(sc[0].sum())), idx[0].tolist())
