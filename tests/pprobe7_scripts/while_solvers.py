"""Numerical solvers in tf.while_loop: Newton's method for a cube root (float64, stop on
tolerance), power iteration for the top eigenvalue of a symmetric matrix built from a
variable, conjugate gradient on an SPD system, bisection with tf.cond inside the body, and
a gradient through the fixed-iteration power loop trained with SGD."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(791)
rs = np.random.RandomState(792)
a = tf.constant([2.0, 27.0, 10.0, 0.5], tf.float64)


def newton_body(i, x):
    return i + 1, x - (x * x * x - a) / (3.0 * x * x)


def newton_cond(i, x):
    return tf.logical_and(i < 50, tf.reduce_max(tf.abs(x * x * x - a)) > 1e-12)


n_it, root = tf.while_loop(newton_cond, newton_body, [tf.constant(0), tf.ones_like(a)])

M0 = rs.randn(5, 5).astype(np.float32)
W = tf.get_variable("W", initializer=M0)
S = tf.matmul(W, W, transpose_b=True) + 0.1 * tf.eye(5)
v0 = tf.constant(np.ones((5, 1), np.float32) / np.sqrt(5.0, dtype=np.float32))


def pw_body(i, v):
    w = tf.matmul(S, v)
    return i + 1, w / tf.norm(w)


_, vtop = tf.while_loop(lambda i, v: i < 30, pw_body, [0, v0])
lam = tf.reduce_sum(vtop * tf.matmul(S, vtop))

Mi = rs.randint(-3, 4, (5, 5)).astype(np.float64)  # (exact: host BLAS rounding differs)
A = tf.constant(Mi @ Mi.T + 5 * np.eye(5))
b = tf.constant(rs.randn(5, 1))


def cg_body(k, x, r, p, rs_old):
    Ap = tf.matmul(A, p)
    alpha = rs_old / tf.reduce_sum(p * Ap)
    x = x + alpha * p
    r = r - alpha * Ap
    rs_new = tf.reduce_sum(r * r)
    return k + 1, x, r, r + (rs_new / rs_old) * p, rs_new


x0 = tf.zeros([5, 1], tf.float64)
k_cg, x_cg, r_cg, _, _ = tf.while_loop(
    lambda k, x, r, p, rr: tf.logical_and(k < 20, rr > 1e-20),
    cg_body,
    [0, x0, b, b, tf.reduce_sum(b * b)],
)


def bis_body(i, lo, hi):
    mid = 0.5 * (lo + hi)
    f = mid * mid * mid - 2.0 * mid - 5.0
    lo, hi = tf.cond(f > 0, lambda: (lo, mid), lambda: (mid, hi))
    return i + 1, lo, hi


_, lo, hi = tf.while_loop(
    lambda i, lo, hi: i < 40,
    bis_body,
    [0, tf.constant(2.0, tf.float64), tf.constant(3.0, tf.float64)],
)
loss = tf.square(lam - 3.0)
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    ni, r = s.run([n_it, root])
    print(int(ni), repr(r.tolist()))
    k, xc, rc = s.run([k_cg, x_cg, r_cg])
    print(int(k), repr(xc.ravel().tolist()), repr(float(np.abs(rc).max())))
    print(repr(s.run([lo, hi])))
    for i in range(5):
        lv, _ = s.run([lam, train])
        print(i, repr(float(lv)))
    print(repr(s.run(W).ravel().tolist()[:6]))
