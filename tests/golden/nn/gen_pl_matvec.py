"""TF 1.14's MatMul with one output column: Eigen's matrix-vector kernels. a not
transposed: each row's products added in packets (8 float32 lanes, 4 float64) reduced by
halving, the k % P rest one by one; a transposed: its rows of products added in order, in
blocks (16, or 4 for rows of 32000 bytes or more) from 128 rows on. Compared exactly."""
import numpy as np

SHAPES = [(2, 3), (12, 8), (12, 16), (40, 13), (7, 100), (3, 784), (64, 37), (200, 20),
          (2000, 3), (129, 4000)]


def matvec(tf):
    out = {}
    rng = np.random.RandomState(0)
    with tf.Graph().as_default(), tf.Session() as sess:
        for dt in (np.float32, np.float64):
            for m, k in SHAPES:
                a = rng.randn(m, k).astype(dt)
                v = rng.randn(k, 1).astype(dt)
                key = "%s_%dx%d" % (np.dtype(dt).name, m, k)
                out[key] = sess.run([tf.matmul(a, v),                     # one column
                                     tf.matmul(a, v.T, transpose_b=True),  # the same
                                     # one column from a's columns (m products each)
                                     tf.matmul(a, rng.randn(m, 1).astype(dt),
                                               transpose_a=True)])
    return out


def linear_regression(tf):
    """y = xW + b by gradient descent (MatMul then Add, as the tutorials write it)."""
    rng = np.random.RandomState(1)
    xs = rng.rand(32, 13).astype(np.float32)
    ys = (xs.dot(rng.randn(13, 1)) + 0.3).astype(np.float32)
    with tf.Graph().as_default():
        tf.set_random_seed(4)
        x = tf.placeholder(tf.float32, [None, 13])
        y = tf.placeholder(tf.float32, [None, 1])
        w = tf.Variable(tf.random_normal([13, 1]))
        b = tf.Variable(tf.zeros([1]))
        pred = tf.matmul(x, w) + b
        loss = tf.reduce_mean(tf.square(pred - y))
        train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([train, loss], {x: xs, y: ys})[1] for _ in range(5)]
            return {"losses": losses, "pred": sess.run(pred, {x: xs})}


def cases(tf):
    return {"matvec": matvec(tf), "linear_regression": linear_regression(tf)}
