"""TF 1.14's tf.norm with ord=2 over an axis pair (the matrix 2-norm: the largest
singular value, through Svd with compute_uv=False): values over batches and axis
orders, keepdims, float64/complex64, and gradients (the Svd gradient)."""
import numpy as np


def _x(shape, seed, dtype="float32"):
    return np.random.RandomState(seed).uniform(-2., 2., shape).astype(dtype)


def values(tf):
    m = tf.constant(_x([3, 4], 0))
    b = tf.constant(_x([2, 3, 4], 1))
    d = tf.constant(_x([4, 2], 2, "float64"))
    c = tf.complex(tf.constant(_x([3, 3], 3)), tf.constant(_x([3, 3], 4)))
    outs = [tf.norm(m, ord=2, axis=[0, 1]), tf.norm(m, ord=2, axis=(1, 0)),
            tf.norm(b, ord=2, axis=[-2, -1]), tf.norm(b, ord=2, axis=[0, 2]),
            tf.norm(b, ord=2, axis=(2, 0), keepdims=True), tf.norm(d, ord=2., axis=[0, 1]),
            tf.norm(c, ord=2, axis=[0, 1]), tf.norm(b, ord=2, axis=[1, -1], keep_dims=True)]
    with tf.Session() as s:
        return [[t.shape.as_list(), t.dtype.name] for t in outs] + s.run(outs)


def grads(tf):
    m = tf.constant(_x([3, 4], 5))
    b = tf.constant(_x([2, 3, 4], 6, "float64"))
    g = (tf.gradients(tf.norm(m, ord=2, axis=[0, 1]), m)
         + tf.gradients(tf.norm(b, ord=2, axis=[2, 0]) * tf.constant([1., 2., 3.], tf.float64),
                        b))
    with tf.Session() as s:
        return s.run(g)


def errors(tf):
    out = []
    for kw in ({"ord": 3, "axis": [0, 1]}, {"ord": 2, "axis": [1, 1]}):
        try:
            tf.norm(tf.zeros([2, 2]), **kw)
            out.append(None)
        except ValueError as e:
            out.append(e)
    return out


def cases(tf):
    return {"values": values(tf), "grads": grads(tf), "errors": errors(tf)}
