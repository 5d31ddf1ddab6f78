"""tf.linalg.sqrtm (MatrixSquareRoot) of a float64 and a float32 SPD matrix built from a seeded
variable, the residual of the root's square, tf.linalg.logm (MatrixLogarithm) of a complex128
matrix near the identity and expm of that logarithm; values at full precision and op
counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4811)
rs = np.random.RandomState(4813)

m = tf.Variable(tf.random_normal([4, 4], seed=5, dtype=tf.float64), name="m")
spd = tf.matmul(m, m, transpose_a=True) + tf.eye(4, dtype=tf.float64)
root = tf.linalg.sqrtm(spd)
back = tf.matmul(root, root)
s32 = tf.linalg.sqrtm(tf.cast(spd, tf.float32))
c = tf.complex(tf.constant(np.eye(3) + 0.2 * rs.randn(3, 3)), tf.constant(0.1 * rs.randn(3, 3)))
lg = tf.linalg.logm(c)
roundtrip = tf.linalg.expm(lg)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    rt, bk, sp, rs32 = sess.run([root, back, spd, s32])
    print("sqrtm", rt.tolist())
    print("sq err", repr(float(np.abs(bk - sp).max())), "s32", rs32.tolist())
    lv, rr = sess.run([lg, roundtrip])
    print("logm", lv.tolist())
    print("roundtrip", rr.tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
