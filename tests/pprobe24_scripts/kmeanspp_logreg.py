"""k-means++ seeding and Lloyd steps, then logistic regression on the cluster features, in TF1
graph mode: the first centre by tf.random_uniform, each next one by tf.multinomial on
log D(x)^2 inside a tf.while_loop (the centres grown by tf.concat under a shape
invariant), Lloyd iterations by tf.argmin / tf.unsorted_segment_sum / tf.assign; then a
logistic regression on RBF distances to the centres
(tf.nn.sigmoid_cross_entropy_with_logits, L2, GradientDescentOptimizer with a decayed
learning rate) and its accuracy / tf.metrics.auc."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2451)
tf.set_random_seed(2452)
K, D, N = 4, 2, 80
ctr = rs.randn(K, D) * 3.0
lab = rs.randint(0, K, N)
pts = (ctr[lab] + rs.randn(N, D) * 0.7).astype(np.float32)
ybin = (lab % 2).astype(np.float32)

X = tf.constant(pts, name="points")


def sqdist(a, b):
    return tf.reduce_sum(tf.square(a[:, None, :] - b[None, :, :]), 2)


first = tf.random_uniform([], 0, N, dtype=tf.int32, seed=3)
chosen0 = X[first][None, :]


def body(i, chosen):
    d2 = tf.reduce_min(sqdist(X, chosen), 1)
    idx = tf.multinomial(tf.log(d2)[None, :], 1, seed=5, output_dtype=tf.int32)[0, 0]
    return i + 1, tf.concat([chosen, X[idx][None, :]], 0)


_, seeds = tf.while_loop(lambda i, c: i < K, body, [tf.constant(1), chosen0],
                         shape_invariants=[tf.TensorShape([]), tf.TensorShape([None, D])])
centres = tf.Variable(tf.zeros([K, D]), name="centres")
init_c = tf.assign(centres, seeds)
assign = tf.argmin(sqdist(X, centres), 1, output_type=tf.int32)
sums = tf.unsorted_segment_sum(X, assign, K)
cnt = tf.unsorted_segment_sum(tf.ones([N]), assign, K)
lloyd = tf.assign(centres, sums / tf.maximum(cnt, 1.0)[:, None])
inertia = tf.reduce_sum(tf.reduce_min(sqdist(X, centres), 1))

# logistic regression on RBF features of the distances to the centres
feat = tf.exp(-0.5 * sqdist(X, tf.stop_gradient(centres)))
w = tf.Variable(tf.random_normal([K, 1], stddev=0.1, seed=7), name="w")
b0 = tf.Variable(0.0, name="b")
logits = tf.squeeze(tf.matmul(feat, w), 1) + b0
Y = tf.constant(ybin)
xent = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=logits))
loss = xent + 1e-3 * tf.nn.l2_loss(w)
step = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(1.0, step, 10, 0.9, staircase=True)
train = tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step=step,
                                                       var_list=[w, b0])
prob = tf.sigmoid(logits)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.cast(prob > 0.5, tf.float32), Y), tf.float32))
auc, auc_up = tf.metrics.auc(Y, prob, num_thresholds=50)

with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    s = sess.run(init_c)
    print("seeds", H(s), s.tolist())
    for it in range(5):
        c = sess.run(lloyd)
        inert = sess.run(inertia)
        print("lloyd", it, repr(float(inert)), H(c))
    print("counts", sess.run(cnt).tolist())
    for it in range(30):
        _, lv = sess.run([train, loss])
        if it % 10 == 0:
            print("logreg", it, repr(float(lv)))
    sess.run(auc_up)
    print("acc", repr(float(sess.run(acc))), "auc", repr(float(sess.run(auc))))
    print("w", sess.run(w).ravel().tolist(), repr(float(sess.run(b0))), sess.run(lr))
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print(sorted({o.type for o in g.get_operations()}))
