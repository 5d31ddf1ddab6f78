"""An energy model with an inner optimisation loop and a gradient penalty: a small tanh MLP
energy E_w(x); a tf.while_loop takes 4 steps of gradient descent on the input,
x <- x - eta * dE/dx, with tf.gradients inside the loop body; the outer loss is the energy of
the loop's result plus a penalty on ||dE/dx||^2 there (tf.gradients of tf.gradients) and a
double-backprop term at fixed data points; the meta-gradient w.r.t. the weights back through
the loop (second-order through the while loop's gradient ops), trained with
tf.train.AdagradOptimizer and tf.contrib.opt.AdaMaxOptimizer in turn; op counts (While
frames, Enter/Exit), values at full precision, and the same loss unrolled in Python."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2251)
rs = np.random.RandomState(2252)
STEPS, ETA = 4, 0.1

with tf.variable_scope("energy"):
    w1 = tf.get_variable("w1", [2, 12], tf.float64, tf.random_normal_initializer(0, 0.7, seed=1))
    b1 = tf.get_variable("b1", [12], tf.float64, tf.zeros_initializer())
    w2 = tf.get_variable("w2", [12, 1], tf.float64, tf.random_normal_initializer(0, 0.5, seed=2))
params = [w1, b1, w2]


def energy(x):
    h = tf.tanh(tf.matmul(x, w1) + b1)
    return tf.reduce_sum(tf.matmul(h, w2)) + 0.5 * tf.reduce_sum(tf.square(x))


x0 = tf.constant(rs.randn(5, 2))
data = tf.constant(rs.randn(6, 2))


def body(i, x):
    gx = tf.gradients(energy(x), x)[0]
    return i + 1, x - ETA * gx


_, xT = tf.while_loop(lambda i, x: i < STEPS, body, [tf.constant(0), x0])
gT = tf.gradients(energy(xT), xT)[0]
gd = tf.gradients(energy(data), data)[0]
loss = energy(xT) + 0.1 * tf.reduce_sum(tf.square(gT)) + 0.05 * tf.reduce_sum(tf.square(gd))
grads = tf.gradients(loss, params)

xu = x0
for _ in range(STEPS):
    xu = xu - ETA * tf.gradients(energy(xu), xu)[0]
loss_u = energy(xu) + 0.1 * tf.reduce_sum(tf.square(tf.gradients(energy(xu), xu)[0])) \
    + 0.05 * tf.reduce_sum(tf.square(gd))
grads_u = tf.gradients(loss_u, params)

train_a = tf.train.AdagradOptimizer(0.05).apply_gradients(zip(grads, params))
train_m = tf.contrib.opt.AdaMaxOptimizer(0.01).apply_gradients(zip(grads, params))
ops = tf.get_default_graph().get_operations()
print(len(ops), sum(o.type == "Enter" for o in ops), sum(o.type == "Exit" for o in ops),
      sum(o.type == "StackPushV2" for o in ops), sum(o.type == "TanhGrad" for o in ops))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    lv, lu, g, gu = sess.run([loss, loss_u, grads, grads_u])
    print(repr(lv), repr(lu), [repr(float(np.abs(a - b).max())) for a, b in zip(g, gu)])
    print(g[0][0].tolist(), g[2][:3, 0].tolist())
    for it in range(10):
        sess.run(train_a if it < 5 else train_m)
        if it % 3 == 0:
            print(it, repr(sess.run(loss)))
    print(sess.run(xT).tolist())
    print(sess.run(w2)[:4, 0].tolist(), repr(sess.run(b1).sum()))
