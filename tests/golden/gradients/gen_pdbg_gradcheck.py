"""tf.test.compute_gradient / compute_gradient_error under TF 1.14, as a script's own
gradient tests call them: random x values from NumPy's global generator (seeded here),
the numerical Jacobian in y's dtype, and a list of xs (each fed alone)."""
import numpy as np


def cases(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session():
        np.random.seed(7)
        x = tf.constant(np.ones([2, 3], np.float32))
        y = x * x * 2.0 + x   # exactly rounded ops: the same float32 values as TF
        jt, jn = tf.test.compute_gradient(x, [2, 3], y, [2, 3])
        out["f32"] = [jt.dtype.name, jt, jn]
        out["f32_error"] = tf.test.compute_gradient_error(x, [2, 3], y, [2, 3])
        x64 = tf.constant(np.ones([3], np.float64))
        out["f64"] = list(tf.test.compute_gradient(x64, [3], tf.sin(x64) * x64, [3]))
        a = tf.constant(np.full([2], 0.5, np.float32))
        b = tf.constant(np.full([2], 2.0, np.float32))
        z = a * b + tf.square(a)
        pairs = tf.test.compute_gradient([a, b], [[2], [2]], z, [2])
        out["list"] = [[jt, jn] for jt, jn in pairs]
        out["list_error"] = tf.test.compute_gradient_error([a, b], [[2], [2]], z, [2])
        out["init_value"] = list(tf.test.compute_gradient(
            a, [2], z, [2], x_init_value=np.array([1.0, 3.0], np.float32)))
    return out
