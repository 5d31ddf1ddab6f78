"""TF 1.14 goldens for the order in which max pooling's gradients add up where windows
overlap: an input element that is the maximum of several windows gets their gradients
added output after output (raster order) in the gradient's type, by MaxPoolGrad
(tf.gradients of tf.nn.max_pool) and MaxPoolGradWithArgmax (of tf.nn.max_pool_with_argmax);
gradients of mixed magnitudes so that another order rounds otherwise. Inputs fed through
placeholders. Output: ptut2_pool_order.json, read by tests/test_ptut2_pool_order.py.
"""
import numpy as np

POOL = [  # name, ksize, strides, padding, dtype
    ("k3s2_same", (3, 3), (2, 2), "SAME", "float32"),
    ("k3s1_same", (3, 3), (1, 1), "SAME", "float32"),
    ("k3s1_valid", (3, 3), (1, 1), "VALID", "float32"),
    ("k4s2_valid", (4, 3), (2, 1), "VALID", "float32"),
    ("k3s1_same_f64", (3, 3), (1, 1), "SAME", "float64"),
]


def pool_input(rng, dtype):
    """Distinct values with a peak every third row and column: each window holds one peak,
    the maximum of every window around it."""
    x = rng.rand(2, 10, 9, 3)
    x[:, ::3, ::3, :] += 10.0
    return x.astype(dtype)


def grad_input(rng, shape, dtype):
    return (rng.randn(*shape) * 10.0 ** rng.uniform(-4, 4, shape)).astype(dtype)


def cases(tf):
    rng = np.random.RandomState(40)
    out = {}
    for name, k, st, pad, dt in POOL:
        tf.reset_default_graph()
        ks, ss = [1, k[0], k[1], 1], [1, st[0], st[1], 1]
        xv = pool_input(rng, dt)
        x = tf.placeholder(dt, xv.shape)
        y = tf.nn.max_pool(x, ks, ss, pad)
        dyv = grad_input(rng, y.shape.as_list(), dt)
        dy = tf.placeholder(dt, dyv.shape)
        dx = tf.gradients(y, x, dy)[0]
        am, _ = tf.nn.max_pool_with_argmax(x, ks, ss, pad)
        dxa = tf.gradients(am, x, dy)[0]
        with tf.Session() as s:
            vals = s.run([dx, dxa], {x: xv, dy: dyv})
        out[name] = {"x": xv, "dy": dyv, "dx": vals[0], "dx_argmax": vals[1]}
    return out
