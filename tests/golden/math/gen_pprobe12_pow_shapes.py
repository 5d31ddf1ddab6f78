"""TF 1.14's Grappler on two float32 details of a SAC policy's log-likelihood (Spinning Up's
gaussian_likelihood): ConvertPowStage turns Pow(x, 2) into Square(x) whatever x's shape
(a fed batch of unknown size), and Square (x * x) differs from the Pow kernel's powf for
some x; AddOpsRewrite groups `(Pow + 2 * log_std) + log(2 pi)` as AddN of the two same-shaped
terms plus the scalar, because the shape inference gives a random_normal of tf.shape(mu) mu's
symbolic shape (RandomShape). A fetched Pow is converted too (in place); with the arithmetic
optimizer off the Pow kernel's powf differs. Made on the host the case "host" names (its
MatMuls' bits)."""
import numpy as np
from goldenio import host_vendor


# float32 values whose powf(x, 2) is not x * x (a rounding midpoint within powf's error)
POW_X = np.array([0.23554207384586334, -1.2746412754058838, 1.160400390625,
                  -1.4728114604949951, -1.7174211740493774, 0.5, 3.0], np.float32)


def _pow(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    p = tf.pow(x, 2.0)
    y = tf.identity(p)
    off = tf.ConfigProto()
    off.graph_options.rewrite_options.arithmetic_optimization = 2   # RewriterConfig.OFF
    with tf.Session(config=off) as sess:
        powf = sess.run(y, {x: POW_X})
    with tf.Session() as sess:
        return {"square": sess.run(y, {x: POW_X}), "pow": sess.run(p, {x: POW_X}),
                "x_times_x": POW_X * POW_X, "powf": powf}


def _likelihood(tf):
    tf.set_random_seed(5)
    rs = np.random.RandomState(6)
    obs = tf.placeholder(tf.float32, [None, 3], name="obs")
    net = tf.nn.relu(tf.matmul(obs, tf.constant(rs.randn(3, 8).astype(np.float32))))
    mu = tf.nn.bias_add(tf.matmul(net, tf.constant(rs.randn(8, 2).astype(np.float32))),
                        tf.constant([0.1, -0.2]))
    log_std = tf.clip_by_value(tf.matmul(net, tf.constant(rs.randn(8, 2).astype(np.float32))),
                               -20., 2.)
    pi = mu + tf.random_normal(tf.shape(mu), seed=7) * tf.exp(log_std)
    pre = -0.5 * (((pi - mu) / (tf.exp(log_std) + 1e-8)) ** 2 + 2 * log_std +
                  np.log(2 * np.pi))
    logp = tf.reduce_sum(pre, axis=1)
    feed = {obs: rs.randn(64, 3).astype(np.float32)}
    with tf.Session() as sess:
        a = sess.run(logp, feed)
    with tf.Session() as sess:
        b, c = sess.run([logp, pre], feed)
    return {"logp": a, "logp_with_terms": b, "terms": c}


def cases(tf):
    out = {"host": host_vendor()}
    for name, fn in (("pow", _pow), ("likelihood", _likelihood)):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
