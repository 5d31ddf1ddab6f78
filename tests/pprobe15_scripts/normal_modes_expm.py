"""Normal modes of a spring-mass chain: the stiffness matrix from a float64 variable of
spring constants, frequencies by tf.linalg.eigvalsh / eigh, the linear ODE solution by
tf.linalg.expm of the first-order system matrix, tf.linalg.matrix_exponential of a batch,
tf.linalg.lstsq fit of mode amplitudes, and the gradient of the lowest frequency w.r.t. the
spring constants (eigh's gradient) in an SGD fit; values rounded where eigenvector signs
differ, op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1571)
rs = np.random.RandomState(1572)
n = 5
kv = tf.Variable(1.0 + rs.rand(n + 1), name="k")
main = kv[:-1] + kv[1:]
Kmat = (tf.linalg.diag(main) - tf.pad(tf.linalg.diag(kv[1:-1]), [[0, 1], [1, 0]])
        - tf.pad(tf.linalg.diag(kv[1:-1]), [[1, 0], [0, 1]]))
w2 = tf.linalg.eigvalsh(Kmat)
e, V = tf.linalg.eigh(Kmat)
A = tf.concat([tf.concat([tf.zeros([n, n], tf.float64), tf.eye(n, dtype=tf.float64)], 1),
               tf.concat([-Kmat, tf.zeros([n, n], tf.float64)], 1)], 0)
ts = tf.constant([0.1, 0.5, 1.0], tf.float64)
Phi = tf.linalg.expm(ts[:, None, None] * A[None])
y0 = tf.constant(np.r_[rs.randn(n), np.zeros(n)])
traj = tf.linalg.matvec(Phi, y0)
amp = tf.linalg.lstsq(V, tf.constant(rs.randn(n, 1)), fast=False)
target = 0.5
loss = tf.square(tf.sqrt(w2[0]) - target)
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(len(tf.get_default_graph().get_operations()), Phi.shape, Phi.op.type, amp.shape)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, b, c, d = s.run([w2, e, traj, amp])
    print(np.round(a, 12).tolist(), np.round(b, 12).tolist())
    print(np.round(c, 11).tolist())
    print(np.round(np.abs(d.ravel()), 11).tolist())
    for i in range(10):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print(i, repr(round(float(lv), 13)))
    print(np.round(s.run(kv), 12).tolist())
