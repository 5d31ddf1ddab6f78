"""TF 1.14's float32 Softmax, LogSoftmax and the two softmax cross-entropy kernels bit for
bit: exp(shifted) inside `exp().sum(along_class)` (each row's whole packets of 8 by Eigen's
pexp, the classes left over by libm's expf, a tree above 1024 packets), log(sum) by Eigen's
plog over the rows (dense) or libm's logf per row (sparse), and the backprop's exp as one
Eigen expression (broadcasting ones, from 8192 values, by libm's expf: the tiled
executor). Class counts on both sides of a packet and of the tree; a 4-D
segmentation map (per-pixel sparse cross-entropy) and a loss through tf.losses."""
import numpy as np

# (rows, classes)
SHAPES = [(5, 1), (9, 2), (72, 3), (13, 5), (11, 8), (7, 9), (6, 16), (33, 21), (4, 1000),
          (3, 9000), (2730, 3), (2731, 3), (1, 8191)]


def _logits(rows, classes, seed):
    rng = np.random.RandomState(seed)
    x = rng.randn(rows, classes) * (1 + seed % 4)
    x[0, -1] = -95.0   # exp underflows to a denormal: flushed to zero
    return x.astype(np.float32)


def _labels(rows, classes, seed):
    return np.random.RandomState(seed + 100).randint(0, classes, rows).astype(np.int32)


def kernels(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for i, (rows, classes) in enumerate(SHAPES):
            x = tf.constant(_logits(rows, classes, i))
            lab = _labels(rows, classes, i)
            sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=x)
            dense = tf.nn.softmax_cross_entropy_with_logits_v2(
                labels=tf.one_hot(lab, classes) * 0.9 + 0.1 / classes, logits=x)
            grads = tf.gradients([tf.reduce_sum(sparse), tf.reduce_sum(dense)], x)
            out["%dx%d" % (rows, classes)] = sess.run(
                [tf.nn.softmax(x), tf.nn.log_softmax(x), sparse, dense, grads[0]])
    return out


def segmentation(tf):
    """A U-Net head's loss: per-pixel sparse cross-entropy over [2, 16, 16, 3] logits,
    class-weighted with tf.gather, and tf.losses.sparse_softmax_cross_entropy."""
    rng = np.random.RandomState(5)
    logits = (rng.randn(2, 16, 16, 3) * 2).astype(np.float32)
    labels = rng.randint(0, 3, (2, 16, 16)).astype(np.int32)
    with tf.Graph().as_default(), tf.Session() as sess:
        lg = tf.constant(logits)
        xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=lg)
        w = tf.gather(tf.constant([0.2, 1.0, 2.0]), labels)
        weighted = tf.reduce_mean(xent * w)
        loss = tf.losses.sparse_softmax_cross_entropy(labels, lg, weights=w)
        probs = tf.nn.softmax(lg)
        return sess.run([xent, weighted, loss, probs, tf.gradients(loss, lg)[0]])


def cases(tf):
    return {"kernels": kernels(tf), "segmentation": segmentation(tf)}
