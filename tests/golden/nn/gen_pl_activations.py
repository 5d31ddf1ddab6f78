"""TF 1.14's float32 Elu and Selu bit for bit: a select of (exp(x) - 1) (Eigen's pexp on the
values in whole packets of 8, libm's expf on the rest) and x; their gradients; float64
through the same graph (TF's double exp is Eigen's too: compared to 1e-15 there)."""
import numpy as np

SIZES = [1, 7, 8, 13, 64, 1003]


def _inputs(n, seed):
    rng = np.random.RandomState(seed)
    x = (rng.randn(n) * 4).astype(np.float32)
    x[::5] = -rng.rand(len(x[::5])).astype(np.float32) * 1e-3   # small negatives
    if n > 10:
        x[:4] = [-90.0, -1e-40, -0.0, 88.0]
    return x


def activations(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session() as sess:
        for n in SIZES:
            for dt in (tf.float32, tf.float64):
                x = tf.constant(_inputs(n, n).astype(dt.as_numpy_dtype))
                gy = tf.constant(np.random.RandomState(n + 1).randn(n).astype(
                    dt.as_numpy_dtype))
                ys = [tf.nn.elu(x), tf.nn.selu(x)]
                gs = [tf.gradients(y, x, gy)[0] for y in ys]
                out["%s_%d" % (dt.name, n)] = sess.run(ys + gs)
        # a conv layer's activation shape: [batch, h, w, c]
        x4 = tf.constant((np.random.RandomState(9).randn(3, 5, 5, 7) * 2).astype(np.float32))
        out["nhwc"] = sess.run([tf.nn.elu(x4), tf.nn.selu(x4), tf.nn.selu(tf.nn.elu(x4))])
    return out


def cases(tf):
    return {"activations": activations(tf)}
