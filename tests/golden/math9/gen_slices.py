"""IndexedSlices gradients reaching rules that need a dense input (issue 9, item 3).

Run under TF 1.14 by tools/goldens.py; tests/test_math9.py runs the same `cases`
with flowgrad and compares.
"""
import numpy as np


def _run(tf, fetches, steps=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if steps is not None:
            for _ in range(3):
                sess.run(steps)
        return sess.run(fetches)


def _second_order(tf, f):
    """d/dA of sum(gather(f(A), idx)**2), densified: IndexedSlices into f's rule."""
    with tf.Graph().as_default():
        a = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) / 10 + 0.05)
        h = f(tf, a)
        k = min(2, h.shape.as_list()[0] - 1)
        y = tf.reduce_sum(tf.gather(h, [0, k, k]) ** 2)
        g = tf.gradients(y, a)[0]
        return _run(tf, tf.convert_to_tensor(g))


_W = np.linspace(-1, 1, 6).astype(np.float32).reshape(3, 2)
_F = {
    "matmul": lambda tf, a: tf.matmul(a, tf.constant(_W)),
    "batch_matmul": lambda tf, a: tf.matmul(tf.reshape(a, [2, 2, 3]), tf.constant(
        np.stack([_W, _W * 2]))),
    "softplus": lambda tf, a: tf.nn.softplus(a),
    "relu": lambda tf, a: tf.nn.relu(a - 0.5),
    "rsqrt": lambda tf, a: tf.rsqrt(a + 1),
    "sub": lambda tf, a: a - tf.ones([4, 3]),
    "add_bcast": lambda tf, a: a + tf.ones([3]),
    "mul": lambda tf, a: a * 2.0,
    "tanh": lambda tf, a: tf.tanh(a),
    "conv_transpose": lambda tf, a: tf.reshape(tf.nn.conv2d_transpose(
        tf.reshape(a, [1, 2, 2, 3]), tf.constant(np.ones((2, 2, 1, 3), np.float32)),
        [1, 3, 3, 1], [1, 1, 1, 1], "VALID"), [3, 3]),
}


def _optimizer(tf, name):
    """minimize(sum(gather(v - feed, idx))): TF's Sub gradient densifies, all rows move."""
    with tf.Graph().as_default():
        v = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2) / 4)
        x = tf.placeholder(tf.float32, [4, 2])
        loss = tf.reduce_sum(tf.gather(v - x, [1, 3]) ** 2)
        opt = {"adam": lambda: tf.train.AdamOptimizer(0.1),
               "ftrl": lambda: tf.train.FtrlOptimizer(0.1),
               "adagrad": lambda: tf.train.AdagradOptimizer(0.1)}[name]()
        step = opt.minimize(loss)
        feed = {x: np.full((4, 2), 0.5, np.float32)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(step, feed)
            return sess.run(v)


def cases(tf):
    out = {}
    for name in sorted(_F):
        out["second_order_" + name] = _second_order(tf, _F[name])
    for name in ("adam", "ftrl", "adagrad"):
        out["optimizer_sub_" + name] = _optimizer(tf, name)
    return out
