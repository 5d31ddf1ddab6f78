"""Training inside the graph with tf.while_loop: a loop whose body computes tf.gradients
of a least-squares loss and steps the weights (fixed number of iterations), a loop that
runs until the loss falls under a tolerance, tf.scan of a cumulative Adam-like update,
and a loop over minibatches sliced with tf.gather; then differentiate through the loop."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5)
rs = np.random.RandomState(6)
X = tf.constant(rs.randn(16, 3).astype(np.float32))
Yv = rs.randn(16, 1).astype(np.float32)
Y = tf.placeholder(tf.float32, [16, 1])
w0 = tf.Variable(tf.random_normal([3, 1], seed=1))
lr = tf.placeholder_with_default(0.1, [])


def loss_fn(w):
    return tf.reduce_mean(tf.square(tf.matmul(X, w) - Y))


def body(i, w):
    g = tf.gradients(loss_fn(w), w)[0]
    return i + 1, w - lr * g


_, w10 = tf.while_loop(lambda i, w: i < 10, body, [tf.constant(0), w0.read_value()])
tol_i, tol_w = tf.while_loop(
    lambda i, w: tf.logical_and(loss_fn(w) > 0.9, i < 100), body, [tf.constant(0), w0.read_value()]
)


def mb_body(i, w, acc):
    idx = tf.range(i * 4, i * 4 + 4)
    xb = tf.gather(X, idx)
    yb = tf.gather(Y, idx)
    lb = tf.reduce_mean(tf.square(tf.matmul(xb, w) - yb))
    g = tf.gradients(lb, w)[0]
    return i + 1, w - 0.05 * g, acc + lb


_, wmb, accl = tf.while_loop(lambda i, w, a: i < 4, mb_body, [0, w0.read_value(), 0.0])
gs = tf.random_normal([6, 3], seed=2)


def adam_step(c, g):
    m, v = c
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    return m, v


ms, vs = tf.scan(adam_step, gs, initializer=(tf.zeros([3]), tf.zeros([3])))
meta = tf.gradients(loss_fn(w10), [w0, lr])
assign = w0.assign(w10)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    f = {Y: Yv}
    print(repr(s.run(w10, f).ravel().tolist()))
    i, w = s.run([tol_i, tol_w], f)
    print(int(i), repr(w.ravel().tolist()))
    w, a = s.run([wmb, accl], f)
    print(repr(w.ravel().tolist()), repr(float(a)))
    m, v = s.run([ms, vs])
    print(H(m), H(v), repr(m[-1].tolist()), repr(v[-1].tolist()))
    g0, gl = s.run(meta, f)
    print(repr(g0.ravel().tolist()), repr(float(gl)))
    for k in range(3):
        s.run(assign, f)
        print(k, repr(float(s.run(loss_fn(w0), f))))
