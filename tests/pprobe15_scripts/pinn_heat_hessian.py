"""A physics-informed net for the 2-D steady heat (Laplace) equation: the Laplacian of a
net u(x, y) by tf.hessians of its summed output w.r.t. a [N, 2] input (the diagonal
blocks), by tf.gradients of each gradient column, and by tf.gradients with
stop_gradient'd inputs; a residual-plus-boundary loss trained with RMSProp and the
trained residual; values at full precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1581)
rs = np.random.RandomState(1582)
N = 6
P = tf.constant(rs.uniform(0, 1, (N, 2)).astype(np.float32), name="P")

W1 = tf.get_variable("W1", [2, 12], initializer=tf.glorot_uniform_initializer(seed=1))
b1 = tf.get_variable("b1", [12], initializer=tf.zeros_initializer())
W2 = tf.get_variable("W2", [12, 1], initializer=tf.glorot_uniform_initializer(seed=2))


def net(p):
    return tf.matmul(tf.nn.softplus(tf.matmul(p, W1) + b1), W2)


u = net(P)
Hs = tf.hessians(tf.reduce_sum(u), P)[0]
lap_h = tf.stack([Hs[i, 0, i, 0] + Hs[i, 1, i, 1] for i in range(N)])
n_h = len(tf.get_default_graph().get_operations())
gu = tf.gradients(u, P)[0]
lap_g = (tf.gradients(gu[:, 0], P)[0][:, 0] + tf.gradients(gu[:, 1], P)[0][:, 1])
xb = rs.uniform(0, 1, (16, 1)).astype(np.float32)
B = tf.constant(np.concatenate([np.c_[xb[:8], np.zeros((8, 1))],
                                np.c_[xb[8:], np.ones((8, 1))]]).astype(np.float32))
ub = net(B)
loss = tf.reduce_mean(tf.square(lap_g)) + tf.reduce_mean(tf.square(ub - B[:, 1:]))
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)
print(n_h, len(tf.get_default_graph().get_operations()), Hs.shape)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, b = s.run([lap_h, lap_g])
    print(a.tolist())
    print(b.tolist())
    for i in range(20):
        lv, _ = s.run([loss, train])
        if i % 4 == 0:
            print(i, repr(float(lv)))
    print(s.run(lap_g).tolist())
