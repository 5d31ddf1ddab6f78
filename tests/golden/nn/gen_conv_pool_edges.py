"""TF 1.14 goldens for the im2col convolution and tap-by-tap pooling kernels: float32
convolutions over 1, 2, 3 and 16 channels (the kernels take different copy paths), 1x1
kernels, explicit padding, with both backprop ops; max pooling on ties, NaNs, -inf and
all-NaN windows, overlapping windows (MaxPool, MaxPoolGrad, MaxPoolGradGrad with its own
y, MaxPoolWithArgmax), int32 max pooling, and overlapping average pooling.
Output: conv_pool_edges.json, read by tests/test_conv_pool_kernels.py.
"""
import numpy as np

CONV = [  # name, input shape, filter shape, strides, padding
    ("c1_valid", (3, 9, 8, 1), (3, 3, 1, 4), (1, 1), "VALID"),
    ("c1_same_s2", (2, 9, 8, 1), (3, 2, 1, 3), (2, 2), "SAME"),
    ("c2_same", (2, 7, 6, 2), (3, 3, 2, 5), (1, 1), "SAME"),
    ("c3_valid_s2", (2, 9, 9, 3), (3, 3, 3, 4), (2, 2), "VALID"),
    ("c16_valid", (2, 7, 7, 16), (3, 3, 16, 8), (1, 1), "VALID"),
    ("c16_same_s3", (2, 8, 7, 16), (4, 3, 16, 6), (3, 2), "SAME"),
    ("k1", (2, 5, 4, 6), (1, 1, 6, 3), (1, 1), "VALID"),
    ("k1_s2", (2, 5, 4, 6), (1, 1, 6, 3), (2, 2), "SAME"),
    ("explicit", (2, 6, 5, 4), (3, 2, 4, 3), (1, 2), [[0, 0], [1, 2], [0, 1], [0, 0]]),
]

POOL = [  # name, ksize, strides, padding
    ("k2s2_valid", (2, 2), (2, 2), "VALID"),
    ("k2s2_same", (2, 2), (2, 2), "SAME"),
    ("k3s2_same", (3, 3), (2, 2), "SAME"),
    ("k3s1_same", (3, 3), (1, 1), "SAME"),
    ("k2s3_valid", (2, 2), (3, 3), "VALID"),
]


def pool_input(rng):
    """Ties (small integers), NaNs leading and inside windows, -inf and an all-NaN row."""
    x = rng.randint(0, 3, (2, 7, 7, 3)).astype(np.float32)
    x[0, 0, 0, 0] = np.nan
    x[0, 2, 3, 1] = np.nan
    x[1, 4, 4, :] = -np.inf
    x[1, 6, :, 2] = -np.inf
    x[1, 3, :, 0] = np.nan
    x[0, 6, 6, :] = -np.inf
    return x


def cases(tf):
    from tensorflow.python.ops import gen_nn_ops

    rng = np.random.RandomState(17)
    out = {}

    def run(fetches):
        with tf.Session() as s:
            return s.run(fetches)

    for name, xs, fs, st, pad in CONV:
        tf.reset_default_graph()
        x = tf.constant(rng.randn(*xs).astype(np.float32))
        f = tf.constant(rng.randn(*fs).astype(np.float32))
        y = tf.nn.conv2d(x, f, [1, st[0], st[1], 1], pad)
        dy = tf.constant(rng.randn(*y.shape.as_list()).astype(np.float32))
        dx, df = tf.gradients(y, [x, f], dy)
        for k, v in zip(("x", "f", "y", "dy", "dx", "df"), run([x, f, y, dy, dx, df])):
            out["conv_%s_%s" % (name, k)] = v

    xv = pool_input(rng)
    for name, k, st, pad in POOL:
        tf.reset_default_graph()
        ks, ss = [1, k[0], k[1], 1], [1, st[0], st[1], 1]
        x = tf.constant(xv)
        y = tf.nn.max_pool(x, ks, ss, pad)
        dy = tf.constant(rng.randn(*y.shape.as_list()).astype(np.float32))
        dx = tf.gradients(y, x, dy)[0]
        ddx = tf.constant(rng.randn(*xv.shape).astype(np.float32))
        ddy = gen_nn_ops.max_pool_grad_grad(x, y, ddx, ks, ss, pad)
        am, idx = tf.nn.max_pool_with_argmax(x, ks, ss, pad)
        avg = tf.nn.avg_pool(x, ks, ss, pad)
        davg = tf.gradients(avg, x, dy)[0]
        vals = run([y, dy, dx, ddx, ddy, am, idx, avg, davg])
        for key, v in zip(("y", "dy", "dx", "ddx", "ddy", "am", "idx", "avg", "davg"), vals):
            out["pool_%s_%s" % (name, key)] = v
    out["pool_x"] = xv

    tf.reset_default_graph()
    xi = rng.randint(-5, 5, (2, 5, 5, 2)).astype(np.int32)
    xi[0, 0, 0, 0] = np.iinfo(np.int32).min
    out["pool_int_x"] = xi
    out["pool_int_y"] = run(tf.nn.max_pool(tf.constant(xi), [1, 3, 3, 1], [1, 2, 2, 1],
                                           "SAME"))
    return out
