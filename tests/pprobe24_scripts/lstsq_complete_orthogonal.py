"""Least squares by tf.matrix_solve_ls / tf.linalg.lstsq with fast=False (TF's MatrixSolveLs
kernel: Eigen's CompleteOrthogonalDecomposition solve) as the tutorials use it for a
rank-deficient design: a full-rank regression in float32 and float64 (batched), one with a
duplicated column (the minimum-norm solution) and l2_regularizer ignored as TF ignores it."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2461)
m, d = 24, 4
Xn = rs.randn(m, d)
yn = (Xn * np.array([1.0, -2.0, 0.5, 3.0])).sum(1, keepdims=True) + 0.3 * rs.randn(m, 1)
A = tf.constant(np.concatenate([np.ones((m, 1)), Xn], 1).astype(np.float32))
y = tf.constant(yn.astype(np.float32))
full = tf.matrix_solve_ls(A, y, fast=False)
ridge_ignored = tf.linalg.lstsq(A, y, l2_regularizer=0.5, fast=False)
deficient = tf.concat([A, A[:, 1:2] * 2.0], 1)      # a column twice another
minnorm = tf.matrix_solve_ls(deficient, y, fast=False)
A64 = tf.stack([tf.cast(A, tf.float64), tf.cast(A, tf.float64)[::-1]])
y64 = tf.stack([tf.cast(y, tf.float64), tf.cast(y, tf.float64) * 2.0])
batched = tf.matrix_solve_ls(A64, y64, fast=False)

with tf.Session() as sess:
    r = sess.run({"full": full, "ridge": ridge_ignored, "minnorm": minnorm,
                  "batched": batched})
for k in sorted(r):
    print(k, H(r[k]), r[k].ravel().tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print([(o.name, o.type) for o in g.get_operations() if o.type == "MatrixSolveLs"])
