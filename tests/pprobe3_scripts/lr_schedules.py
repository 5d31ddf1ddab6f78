"""Learning-rate schedules: exponential (staircase), polynomial (cycle), piecewise_constant,
inverse_time, natural_exp, and cosine_decay; each drives a Momentum step on a small regression."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3)
gs = tf.train.get_or_create_global_step()
lrs = {
    "exp": tf.train.exponential_decay(0.1, gs, 3, 0.5, staircase=True),
    "poly": tf.train.polynomial_decay(0.1, gs, 4, 0.01, power=2.0, cycle=True),
    "piece": tf.train.piecewise_constant(gs, [2, 5], [0.1, 0.05, 0.01]),
    "inv": tf.train.inverse_time_decay(0.1, gs, 2, 0.5),
    "nat": tf.train.natural_exp_decay(0.1, gs, 2, 0.3),
    "cos": tf.train.cosine_decay(0.1, gs, 6, alpha=0.1),
}
rs = np.random.RandomState(1)
X = tf.constant(rs.randn(8, 4).astype(np.float32))
Y = tf.constant(rs.randn(8, 1).astype(np.float32))
trains = {}
ws = {}
for k in sorted(lrs):
    w = tf.Variable(tf.random_normal([4, 1]), name="w_" + k)
    ws[k] = w
    loss = tf.reduce_mean(tf.square(tf.matmul(X, w) - Y))
    trains[k] = tf.train.MomentumOptimizer(lrs[k], 0.9).minimize(loss)
inc = tf.assign_add(gs, 1)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        vals = s.run(lrs)
        print(i, [(k, repr(float(vals[k]))) for k in sorted(vals)])
        s.run(trains)
        s.run(inc)
    for k in sorted(ws):
        print(k, H(s.run(ws[k])))
