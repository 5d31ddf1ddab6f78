"""TF 1.14's float32 Softmax, LogSoftmax and the two softmax cross-entropies bit for bit:
Eigen's exp on the shifted logits (pexp on whole packets of 8, libm's expf on the rest),
inside the row sums of LogSoftmax and the cross-entropies per row (each leaf of Eigen's
reducer tree), log of the row sums (Eigen's plog; libm's logf per row in the sparse loss).
Policy-gradient scripts (log-probabilities of few actions), classifiers (10 classes), a
language model's vocabulary (rows of more than 8 * 1024 classes: Eigen's tree), extreme
logits; float64 through the same graph (compared to 1e-15)."""
import numpy as np

SHAPES = [(1, 1), (1, 2), (5, 3), (32, 2), (7, 4), (3, 8), (4, 9), (2, 17), (64, 6),
          (1, 100), (16, 10), (33, 7), (2, 1000)]
# from 8192 values Eigen evaluates Softmax's exp(x - max) and the dense backprop in tiles
# (libm's expf), rows above 8 * 1024 classes are reduced by a tree (float32 only: size)
LARGE = [(1, 8191), (1, 8192), (4096, 2), (1, 8200), (9000, 2)]


def _logits(shape, seed):
    rng = np.random.RandomState(seed)
    return (rng.randn(*shape) * 3).astype(np.float32)


def _graph(tf, x, labels):
    n = x.shape[-1]
    onehot = tf.one_hot(labels, n, dtype=x.dtype)
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x)
    dense = tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=x)
    g = tf.constant(np.linspace(-1, 2, x.shape[0]).astype(x.dtype.as_numpy_dtype))
    return [tf.nn.softmax(x), tf.nn.log_softmax(x), sparse, dense,
            tf.gradients(sparse, x, g)[0], tf.gradients(dense, x, g)[0]]


def softmax_bits(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for shape in SHAPES + LARGE:
            v = _logits(shape, shape[0] * 1000 + shape[1])
            labels = tf.constant(np.random.RandomState(shape[1]).randint(
                0, shape[1], shape[0]).astype(np.int32))
            for dt in (tf.float32, tf.float64) if shape not in LARGE else (tf.float32,):
                x = tf.constant(v.astype(dt.as_numpy_dtype))
                out["%s_%dx%d" % (dt.name, shape[0], shape[1])] = sess.run(
                    _graph(tf, x, labels))
        # extreme logits: huge, tiny, equal, -inf entries (exp underflows to 0)
        v = np.array([[1e30, -1e30, 0.0], [-np.inf, 1.0, 2.0], [5.0, 5.0, 5.0],
                      [-100.0, 0.0, -90.0], [88.0, -88.0, 1e-30]], np.float32)
        x = tf.constant(v)
        out["extreme"] = sess.run([tf.nn.softmax(x), tf.nn.log_softmax(x)])
        # higher rank: softmax over the last axis of [batch, time, classes]
        x3 = tf.constant(_logits((2, 3, 5), 7))
        out["rank3"] = sess.run([tf.nn.softmax(x3), tf.nn.log_softmax(x3),
                                 tf.nn.softmax(x3, axis=1)])
    return out


def cases(tf):
    return {"softmax_bits": softmax_bits(tf)}
