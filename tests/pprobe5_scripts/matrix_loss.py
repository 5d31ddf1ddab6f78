"""Linear-algebra ops inside a loss (float32): qr (orthogonality penalty) and
cholesky + log-det of a Gram matrix, with a trace term;
gradients of both applied with GradientDescent (flowgrad's float32 svd, eig, determinant,
inverse and triangular solve differ from Eigen's in the last bits, see pprobe5's report)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(131)
rs = np.random.RandomState(132)
W = tf.Variable((rs.randn(5, 4) * 0.5 + np.eye(5, 4)).astype(np.float32))
q, r = tf.qr(W)
G = tf.matmul(W, W, transpose_a=True) + 0.1 * tf.eye(4, dtype=tf.float32)
ch = tf.cholesky(G)
logdet = 2 * tf.reduce_sum(tf.log(tf.matrix_diag_part(ch)))
loss = (
    tf.reduce_sum(tf.square(tf.abs(tf.matrix_diag_part(r)) - 1.0))
    - 0.1 * logdet
    + tf.trace(G) * 0.01
)
train = tf.train.GradientDescentOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        vals = s.run([loss, logdet, tf.trace(ch)])
        s.run(train)
        print(i, [repr(float(v)) for v in vals])
    print(H(s.run(W)), H(s.run(q)), H(s.run(ch)))
    print(repr(s.run(W)[0].tolist()))
