"""AddSign and PowerSign with the sign-decay functions of tf.contrib.opt (linear, cosine with
several periods, restarts) and learning rates from cosine_decay_restarts (t_mul, m_mul,
alpha), polynomial_decay with cycle and power, exponential_decay staircase and
noisy_linear_cosine_decay under a graph seed; the schedules evaluated at each step and the
losses at full precision."""

import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.contrib.opt.python.training import sign_decay


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1902)
X = rs.randn(20, 5).astype(np.float32)
W = rs.randn(5, 2).astype(np.float32)
# no BLAS in the script's own NumPy (its products differ between NumPy builds)
Y = ((X[:, :, None].astype(np.float64) * W[None]).sum(1)
     + 0.1 * rs.randn(20, 2)).astype(np.float32)
co = tf.contrib.opt

cases = [
    ("addsign_linear", lambda gs: co.AddSignOptimizer(
        tf.train.cosine_decay_restarts(0.1, gs, 3, t_mul=1.5, m_mul=0.7, alpha=0.05),
        alpha=1.0, beta=0.8, sign_decay_fn=sign_decay.get_linear_decay_fn(8))),
    ("powersign_cosine", lambda gs: co.PowerSignOptimizer(
        tf.train.polynomial_decay(0.08, gs, 4, end_learning_rate=0.01, power=2.0,
                                  cycle=True),
        base=np.e, beta=0.9, sign_decay_fn=sign_decay.get_cosine_decay_fn(8, num_periods=1.5,
                                                                   zero_after=7))),
    ("powersign_restart", lambda gs: co.PowerSignOptimizer(
        tf.train.exponential_decay(0.06, gs, 3, 0.5, staircase=True),
        base=2.0, sign_decay_fn=sign_decay.get_restart_decay_fn(8, num_periods=2,
                                                        zero_after=6))),
    ("addsign_noisy", lambda gs: co.AddSignOptimizer(
        tf.train.noisy_linear_cosine_decay(0.1, gs, 9, initial_variance=0.5,
                                           variance_decay=0.6, num_periods=0.75,
                                           alpha=0.1, beta=0.002))),
]

for name, make in cases:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(190)
        w = tf.get_variable("w", [5, 2], initializer=tf.random_normal_initializer(seed=5))
        loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) - Y))
        gs = tf.train.get_or_create_global_step()
        opt = make(gs)
        train = opt.minimize(loss, global_step=gs)
        lr = opt._lr
        print(name, len(g.get_operations()), sorted(opt.get_slot_names()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for i in range(9):
                lv, r, _ = s.run([loss, lr, train])
                print(i, repr(float(lv)), repr(float(r)))
            print("w", H(s.run(w)), "m", H(s.run(opt.get_slot(w, "m"))))

# the decay functions by themselves, at each step of an int64 global step
g = tf.Graph()
with g.as_default():
    gs = tf.train.get_or_create_global_step()
    fns = [sign_decay.get_linear_decay_fn(10), sign_decay.get_cosine_decay_fn(10, num_periods=2.5,
                                                               zero_after=8),
           sign_decay.get_restart_decay_fn(10, num_periods=3)]
    vals = [f(gs) for f in fns]
    lrs = [tf.train.cosine_decay(0.5, gs, 7, alpha=0.2),
           tf.train.linear_cosine_decay(0.5, gs, 7, num_periods=1.5, alpha=0.1, beta=0.01),
           tf.train.piecewise_constant(gs, [2, 5, 8], [1.0, 0.5, 0.25, 0.125])]
    print("decay ops", len(g.get_operations()))
    inc = tf.assign_add(gs, 1)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(12):
            print(i, [repr(float(v)) for v in s.run(vals + lrs)])
            s.run(inc)
