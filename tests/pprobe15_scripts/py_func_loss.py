"""tf.py_func with NumPy inside a loss: a NumPy Huber-like penalty whose gradient is
supplied by a second py_func through gradient_override_map on a registered gradient, a
py_func returning two outputs of different dtypes with set_shape afterwards, stateful=False
(so the graph may not re-run it), and tf.numpy_function-style float64 round trips; seeded
data, Adam training, values at full precision and op counts/types."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1561)
rs = np.random.RandomState(1562)
calls = []


def np_pen(r):
    calls.append(r.shape)
    a = np.abs(r)
    return np.where(a < 0.5, 0.5 * r * r, 0.5 * (a - 0.25)).astype(np.float32)


def np_pen_grad(r, dy):
    return (dy * np.clip(r, -0.5, 0.5)).astype(np.float32)


@tf.RegisterGradient("PPNumpyPenGrad")
def _pen_grad(op, dy):
    gx = tf.py_func(np_pen_grad, [op.inputs[0], dy], tf.float32, name="pen_grad")
    gx.set_shape(op.inputs[0].shape)
    return gx


def np_stats(r):
    return np.float64(np.mean(r ** 2)), np.int32((np.abs(r) > 0.5).sum())


X = rs.randn(64, 3).astype(np.float32)
Y = (X.dot([[1.0], [-1.0], [2.0]]) + 0.4 * rs.standard_t(2, (64, 1))).astype(np.float32)
W = tf.get_variable("W", [3, 1], initializer=tf.random_normal_initializer(seed=3))
r = tf.matmul(tf.constant(X), W) - tf.constant(Y)
g = tf.get_default_graph()
with g.gradient_override_map({"PyFunc": "PPNumpyPenGrad"}):
    pen = tf.py_func(np_pen, [r], tf.float32, name="pen")
pen.set_shape(r.shape)
loss = tf.reduce_mean(pen)
mse, n_out = tf.py_func(np_stats, [r], [tf.float64, tf.int32], stateful=False, name="stats")
train = tf.train.AdamOptimizer(0.1).minimize(loss)
print(len(g.get_operations()), pen.op.type, pen.op.get_attr("Tout"), mse.shape, n_out.dtype)
print(sorted({op.type for op in g.get_operations() if "PyFunc" in op.type}),
      [op.name for op in g.get_operations() if "PyFunc" in op.type])

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(25):
        lv, m, n, _ = s.run([loss, mse, n_out, train])
        if i % 5 == 0:
            print(i, repr(float(lv)), repr(float(m)), int(n))
    print(s.run(W).ravel().tolist(), len(calls))
