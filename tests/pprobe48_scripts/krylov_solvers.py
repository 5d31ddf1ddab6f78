"""tf.contrib.solvers on a seeded SPD system: conjugate_gradient (with and without a Jacobi
preconditioner) through util.create_operator, cgls on an overdetermined float64 system, and
lanczos_bidiag (orthogonalize on/off) whose bidiagonal factors approximate the top singular
values; float32 and float64 values at full precision, iteration counts and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4801)
rs = np.random.RandomState(4802)
M = rs.randn(6, 6).astype(np.float32)
b_np = rs.randn(6).astype(np.float32)

Mt = tf.constant(M, name="M")
A = tf.add(tf.matmul(Mt, Mt, transpose_b=True), 6.0 * tf.eye(6), name="A")
b = tf.constant(b_np, name="b")
op = tf.contrib.solvers.util.create_operator(A)
cg = tf.contrib.solvers.linear_equations.conjugate_gradient(op, b, tol=1e-6, max_iter=20)
diag_inv = tf.contrib.solvers.util.create_operator(tf.diag(1.0 / tf.diag_part(A)))
pcg = tf.contrib.solvers.linear_equations.conjugate_gradient(
    op, b, preconditioner=diag_inv, tol=1e-6, max_iter=20, name="pcg")
resid = tf.norm(tf.matmul(A, tf.expand_dims(cg.x, 1))[:, 0] - b)

B = tf.Variable(tf.random_normal([9, 4], seed=7, dtype=tf.float64), name="B")
rhs = tf.Variable(tf.random_uniform([9], seed=8, dtype=tf.float64), name="rhs")
ls = tf.contrib.solvers.least_squares.cgls(
    tf.contrib.solvers.util.create_operator(B), rhs, tol=1e-10, max_iter=10)
ref = tf.matrix_solve_ls(B, tf.expand_dims(rhs, 1), fast=False)[:, 0]

C = tf.Variable(tf.random_normal([7, 5], seed=9), name="C")
start = tf.constant(np.ones(7, np.float32))
lb = tf.contrib.solvers.lanczos.lanczos_bidiag(
    tf.contrib.solvers.util.create_operator(C), 3, starting_vector=start)
lb2 = tf.contrib.solvers.lanczos.lanczos_bidiag(
    tf.contrib.solvers.util.create_operator(C), 3, orthogonalize=False, starting_vector=start)
bd = tf.contrib.solvers.lanczos.bidiag_matmul(
    tf.eye(2, 4), lb.alpha, lb.beta, adjoint_b=False)
bdt = tf.contrib.solvers.lanczos.bidiag_matmul(
    tf.ones([4, 3]), lb.alpha, lb.beta, adjoint_b=True, name="bdt")
sv = tf.svd(C, compute_uv=False)

np.set_printoptions(precision=9)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run({"cg": cg, "pcg": pcg, "resid": resid})
    print("cg i", r["cg"].i, "x", r["cg"].x.tolist())
    print("cg r", r["cg"].r.tolist(), "gamma", repr(r["cg"].gamma))
    print("pcg i", r["pcg"].i, "x", r["pcg"].x.tolist())
    print("resid", repr(r["resid"]))
    lsq, rf = sess.run([ls, ref])
    print("cgls i", lsq.i, "x", lsq.x.tolist())
    print("cgls gamma", repr(lsq.gamma), "ref", rf.tolist())
    o1, o2, s, m, mt = sess.run([lb, lb2, sv, bd, bdt])
    print("alpha", o1.alpha.tolist(), "beta", o1.beta.tolist())
    print("u", o1.u.tolist())
    print("v", o1.v.tolist())
    print("alpha2", o2.alpha.tolist(), "beta2", o2.beta.tolist())
    print("svd", s.tolist())
    print("bd", m.tolist())
    print("bdt", mt.tolist())
g = tf.get_default_graph()
print("ops", len(g.get_operations()),
      sorted({o.type for o in g.get_operations()} & {"While", "Enter", "Exit", "Merge"}))
print("names", [o.name for o in g.get_operations() if o.name.startswith("pcg/")][:8])
