"""A Kalman filter for a constant-velocity model with tf.scan: the predict/update step as
the scan function over noisy observations, the log-likelihood accumulated in the scan state,
a Rauch-Tung-Striebel smoother by a reverse tf.scan, and the observation-noise variance
learnt by gradient descent through both scans; float64 values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1541)
rs = np.random.RandomState(1542)
T = 25
F = np.array([[1.0, 1.0], [0.0, 1.0]])
Hm = np.array([[1.0, 0.0]])
xs = np.zeros((T, 2))
x = np.array([0.0, 0.5])
for i in range(T):
    x = np.array([x[0] + x[1], x[1]]) + rs.randn(2) * [0.05, 0.02]
    xs[i] = x
obs = xs[:, :1] + 0.7 * rs.randn(T, 1)

Ft, Ht = tf.constant(F), tf.constant(Hm)
Q = tf.constant(np.diag([0.05 ** 2, 0.02 ** 2]))
log_r = tf.Variable(0.0, dtype=tf.float64, name="log_r")
R = tf.exp(log_r) * tf.eye(1, dtype=tf.float64)


def kf_step(state, y):
    m, P, ll, _, _ = state
    mp = tf.linalg.matvec(Ft, m)
    Pp = tf.matmul(tf.matmul(Ft, P), Ft, transpose_b=True) + Q
    S = tf.matmul(tf.matmul(Ht, Pp), Ht, transpose_b=True) + R
    Kg = tf.transpose(tf.linalg.solve(S, tf.matmul(Ht, Pp)))
    r = y - tf.linalg.matvec(Ht, mp)
    mn = mp + tf.linalg.matvec(Kg, r)
    Pn = Pp - tf.matmul(tf.matmul(Kg, Ht), Pp)
    ll = ll - 0.5 * (tf.log(2 * np.pi * S[0, 0]) + r[0] ** 2 / S[0, 0])
    return mn, Pn, ll, mp, Pp


init = (tf.constant([0.0, 0.0], tf.float64), tf.eye(2, dtype=tf.float64),
        tf.constant(0.0, tf.float64), tf.zeros([2], tf.float64), tf.eye(2, dtype=tf.float64))
ms, Ps, lls, mps, Pps = tf.scan(kf_step, tf.constant(obs), initializer=init)


def rts_step(carry, inp):
    ms_next, Ps_next = carry
    m, P, mp_next, Pp_next = inp
    G = tf.matmul(tf.matmul(P, Ft, transpose_b=True), tf.matrix_inverse(Pp_next))
    m_s = m + tf.linalg.matvec(G, ms_next - mp_next)
    P_s = P + tf.matmul(tf.matmul(G, Ps_next - Pp_next), G, transpose_b=True)
    return m_s, P_s


sm, sP = tf.scan(rts_step, (ms[:-1], Ps[:-1], mps[1:], Pps[1:]),
                 initializer=(ms[-1], Ps[-1]), reverse=True)
loss = -lls[-1]
train = tf.train.GradientDescentOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()), ms.shape, sm.shape)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(15):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print(i, repr(lv))
    print(repr(s.run(log_r)))
    a, b, c = s.run([ms, sm, sP])
print(a[-3:].tolist())
print(b[:3].tolist())
print(c[5].tolist())
