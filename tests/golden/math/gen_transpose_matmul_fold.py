"""Grappler's FoldTransposeIntoMatMul under TF 1.14: MatMul(Transpose(a), b) runs as
MatMul(a, b, transpose_a=True) (and the same for b), whose products' sums round otherwise,
from the first run on; a fetched MatMul keeps its Transpose (its readers get the folded
copy). Small float32 products (one
to four rows by 2 to 39 columns, times a column), fed, so nothing folds to a constant."""
import numpy as np
from goldenio import host_vendor


def inputs():
    rs = np.random.RandomState(12)
    out = []
    for _ in range(60):
        k, m = rs.randint(2, 40), rs.randint(1, 5)
        out.append((rs.randn(k, m).astype(np.float32), rs.randn(k, 1).astype(np.float32)))
    return out


def run(tf):
    """[(square of transpose(a) @ x, square of x' @ transpose(transpose(a)), fetched
    transpose(a) @ x)] for each input, from a fresh session's first run and its second."""
    res = []
    for a, x in inputs():
        tf.reset_default_graph()
        ap = tf.placeholder(tf.float32, [None, None], name="a")
        xp = tf.placeholder(tf.float32, [None, 1], name="x")
        at = tf.transpose(ap)
        y = tf.matmul(at, xp)
        z = tf.matmul(tf.transpose(xp), tf.transpose(at))
        fetches = [tf.square(y), tf.square(z), y]
        with tf.Session() as sess:
            res.append(sess.run(fetches, {ap: a, xp: x}) + sess.run(fetches, {ap: a, xp: x}))
    return res


def cases(tf):
    return {"vendor": host_vendor(), "runs": run(tf)}
