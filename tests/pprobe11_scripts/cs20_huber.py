"""CS20si lecture 3: linear regression fitted one example at a time with a hand-written
Huber loss (tf.cond on a scalar residual, and the tf.where form), compared with
tf.losses.huber_loss; then the vectorized version with a polynomial model and the
StochasticGradientDescent loop over epochs, printing each epoch's total loss."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1131)
rs = np.random.RandomState(1132)
n = 40
xs = rs.uniform(0, 10, n).astype(np.float32)
ys = (2.5 * xs + 4 + rs.standard_cauchy(n) * 0.8).astype(np.float32)


def huber_loss(labels, predictions, delta=14.0):
    residual = tf.abs(labels - predictions)

    def f1():
        return 0.5 * tf.square(residual)

    def f2():
        return delta * residual - 0.5 * tf.square(delta)
    return tf.cond(residual < delta, f1, f2)


def huber_where(labels, predictions, delta=1.0):
    residual = tf.abs(labels - predictions)
    small = 0.5 * tf.square(residual)
    large = delta * residual - 0.5 * delta ** 2
    return tf.where(residual < delta, small, large)


X = tf.placeholder(tf.float32, name='X')
Y = tf.placeholder(tf.float32, name='Y')
w = tf.get_variable('weights', initializer=tf.constant(0.0))
b = tf.get_variable('bias', initializer=tf.constant(0.0))
Y_predicted = w * X + b
loss = huber_loss(Y, Y_predicted, delta=5.0)
optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        total_loss = 0
        for x, y in zip(xs, ys):
            _, lv = sess.run([optimizer, loss], feed_dict={X: x, Y: y})
            total_loss += float(lv)
        print('Epoch {0}: {1!r}'.format(i, total_loss / n))
    w_out, b_out = sess.run([w, b])
    print(repr(float(w_out)), repr(float(b_out)))

# vectorized: quadratic model, the where form against tf.losses.huber_loss
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(1133)
    Xb = tf.placeholder(tf.float32, [None])
    Yb = tf.placeholder(tf.float32, [None])
    u = tf.Variable(tf.random_normal([3], stddev=0.1, seed=4), name='u')
    pred = u[0] * tf.square(Xb) * 0.01 + u[1] * Xb + u[2]
    l_where = tf.reduce_mean(huber_where(Yb, pred, delta=2.0))
    l_tf = tf.losses.huber_loss(Yb, pred, delta=2.0)
    l_tf_w = tf.losses.huber_loss(Yb, pred, weights=tf.linspace(0.0, 1.0, tf.size(Yb)),
                                  delta=2.0, reduction=tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS)
    grads = tf.gradients([l_where, l_tf], [u])
    train = tf.train.MomentumOptimizer(0.01, 0.9).minimize(l_tf)
    print("ops", len(g.get_operations()), l_tf.name, l_tf_w.name)
    print(sorted(c.name for c in tf.get_collection(tf.GraphKeys.LOSSES)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(5):
            perm = rs.permutation(n)
            for j in range(0, n, 8):
                bi = perm[j:j + 8]
                sess.run(train, {Xb: xs[bi], Yb: ys[bi]})
            out = sess.run([l_where, l_tf, l_tf_w, grads[0], u], {Xb: xs, Yb: ys})
            print(epoch, [repr(float(v)) for v in out[:3]], [repr(float(v)) for v in out[3]],
                  [repr(float(v)) for v in out[4]])
