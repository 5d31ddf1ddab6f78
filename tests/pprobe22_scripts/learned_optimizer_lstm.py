"""A learned optimizer in the style of Andrychowicz et al. "Learning to learn by gradient
descent by gradient descent": a coordinate-wise two-layer LSTM (tf.nn.rnn_cell.MultiRNNCell of
LSTMCells) reads each coordinate's gradient of a random quadratic ||W theta - y||^2 (the
gradients through tf.stop_gradient, as in the paper) and outputs its update through a dense
layer scaled by 0.1; unrolled 5 steps in Python, the meta-loss the sum of the optimizee's
losses, trained by RMSProp on the LSTM's variables with tf.clip_by_global_norm; compared with
plain SGD on the same problems; op counts, meta-losses and the final optimizee."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2221)
rs = np.random.RandomState(2222)
DIM, UNROLL, HID = 6, 5, 8

W = tf.placeholder(tf.float32, [DIM, DIM], "W")
Y = tf.placeholder(tf.float32, [DIM], "Y")
theta0 = tf.placeholder(tf.float32, [DIM], "theta0")


def f(theta):
    r = tf.squeeze(tf.matmul(W, theta[:, None]), 1) - Y
    return tf.reduce_sum(r * r)


with tf.variable_scope("opt"):
    cell = tf.nn.rnn_cell.MultiRNNCell([
        tf.nn.rnn_cell.LSTMCell(HID, initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=8))
        for _ in range(2)])
    state = cell.zero_state(DIM, tf.float32)
    theta, losses = theta0, []
    for t in range(UNROLL):
        fx = f(theta)
        losses.append(fx)
        g = tf.stop_gradient(tf.gradients(fx, theta)[0])
        o, state = cell(g[:, None], state)
        upd = tf.layers.dense(o, 1, name="out", reuse=tf.AUTO_REUSE,
                              kernel_initializer=tf.random_normal_initializer(0, 0.1, seed=9))
        theta = theta + 0.1 * tf.squeeze(upd, 1)
    final = f(theta)
    meta_loss = tf.add_n(losses[1:] + [final])
opt_vars = tf.trainable_variables("opt")
grads = tf.gradients(meta_loss, opt_vars)
clipped, gnorm = tf.clip_by_global_norm(grads, 1.0)
train = tf.train.RMSPropOptimizer(0.01).apply_gradients(zip(clipped, opt_vars))

sgd_theta = theta0
for t in range(UNROLL):
    sgd_theta = sgd_theta - 0.02 * tf.gradients(f(sgd_theta), sgd_theta)[0]
sgd_final = f(sgd_theta)
g_ = tf.get_default_graph()
print(len(g_.get_operations()), [v.op.name for v in opt_vars])
print(sum(op.type == "Sigmoid" for op in g_.get_operations()),
      sum(op.type == "StopGradient" for op in g_.get_operations()))


def problem():
    return {W: (rs.randn(DIM, DIM) / np.sqrt(DIM)).astype(np.float32),
            Y: rs.randn(DIM).astype(np.float32), theta0: rs.randn(DIM).astype(np.float32)}


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(20):
        fd = problem()
        ml, gn = sess.run([meta_loss, gnorm], fd)
        sess.run(train, fd)
        if it % 5 == 0:
            print(it, repr(ml), repr(gn))
    fd = problem()
    fl, sl, th = sess.run([final, sgd_final, theta], fd)
    print(repr(fl), repr(sl), th.tolist())
    print(sess.run(opt_vars[-1]).tolist(), repr(sess.run(opt_vars[0])[3, :4].sum()))
