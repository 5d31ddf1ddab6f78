"""tf.linalg.LinearOperator compositions on seeded float64 operators: Composition of a
FullMatrix and a LowerTriangular, Kronecker of two FullMatrix operators, BlockDiag of a
Diag and a FullMatrix, LowRankUpdate of a Diag (with and without a given diag_update),
and a real Circulant from a spectrum; matmul / solve / log_abs_determinant / to_dense /
diag_part against the dense ops; values at full precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4821)
rs = np.random.RandomState(4822)
la = tf.linalg

a = tf.Variable(tf.random_normal([3, 3], seed=1, dtype=tf.float64)
                + 3 * tf.eye(3, dtype=tf.float64))
tril = tf.constant(np.tril(rs.rand(3, 3)) + np.eye(3))
x = tf.constant(rs.randn(3, 2))
comp = la.LinearOperatorComposition([la.LinearOperatorFullMatrix(a),
                                     la.LinearOperatorLowerTriangular(tril)])
n0 = len(tf.get_default_graph().get_operations())
c_mm = comp.matmul(x)
c_solve = comp.solve(x)
c_ld = comp.log_abs_determinant()

k1 = la.LinearOperatorFullMatrix(tf.constant(rs.randn(2, 2) + 2 * np.eye(2)))
k2 = la.LinearOperatorFullMatrix(tf.constant(rs.randn(3, 3) + 3 * np.eye(3)))
kron = la.LinearOperatorKronecker([k1, k2])
v6 = tf.constant(rs.randn(6, 1))
k_mm = kron.matmul(v6)
k_solve = kron.solve(v6)
k_ld = kron.log_abs_determinant()
k_dense = kron.to_dense()

bd = la.LinearOperatorBlockDiag([la.LinearOperatorDiag(tf.constant([2.0, 3.0], tf.float64)),
                                 la.LinearOperatorFullMatrix(a)])
v5 = tf.constant(rs.randn(5, 2))
b_mm = bd.matmul(v5, adjoint=True)
b_solve = bd.solve(v5)
b_ld = bd.log_abs_determinant()

base = la.LinearOperatorDiag(tf.constant(1.0 + rs.rand(4)), is_positive_definite=True,
                             is_self_adjoint=True)
u = tf.constant(rs.randn(4, 2))
lr = la.LinearOperatorLowRankUpdate(base, u, is_positive_definite=True, is_self_adjoint=True)
lr2 = la.LinearOperatorLowRankUpdate(base, u, diag_update=tf.constant([0.5, 2.0], tf.float64),
                                     v=tf.constant(rs.randn(4, 2)))
v4 = tf.constant(rs.randn(4, 3))
l_solve = lr.solve(v4)
l_ld = lr.log_abs_determinant()
l2_mm = lr2.matmul(v4)
l2_solve = lr2.solve(v4)
l2_ld = lr2.log_abs_determinant()

spec = tf.constant([5.0, 1.0 + 0.5j, 2.0, 1.0 - 0.5j], tf.complex128)
circ = la.LinearOperatorCirculant(spec, input_output_dtype=tf.float64)
vc = tf.constant(rs.randn(4, 1))
ci_mm = circ.matmul(vc)
ci_solve = circ.solve(vc)
ci_ld = circ.log_abs_determinant()
ci_dense = circ.to_dense()
ci_diag = circ.diag_part()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for name, t in [("c_mm", c_mm), ("c_solve", c_solve), ("c_ld", c_ld), ("k_mm", k_mm),
                    ("k_solve", k_solve), ("k_ld", k_ld), ("k_dense", k_dense),
                    ("b_mm", b_mm), ("b_solve", b_solve), ("b_ld", b_ld),
                    ("l_solve", l_solve), ("l_ld", l_ld), ("l2_mm", l2_mm),
                    ("l2_solve", l2_solve), ("l2_ld", l2_ld), ("ci_mm", ci_mm),
                    ("ci_solve", ci_solve), ("ci_ld", ci_ld), ("ci_dense", ci_dense),
                    ("ci_diag", ci_diag)]:
        v = sess.run(t)
        print(name, t.dtype.name, t.shape, np.asarray(v).tolist())
g = tf.get_default_graph()
print("ops", n0, len(g.get_operations()))
print("shapes", comp.shape, kron.shape, bd.shape, lr.shape, circ.shape, circ.dtype.name)
print("flags", lr.is_positive_definite, kron.is_square, bd.is_non_singular)
