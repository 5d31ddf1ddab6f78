"""TF 1.14's float32 Sqrt, Rsqrt and an ApplyAdam step on the machine that made this
golden, with that machine's CPU vendor: RSQRTPS, the estimate under Eigen's packet Sqrt
and Rsqrt, is implementation-specific, so TF's last bits depend on the vendor
(tests/test_rsqrtps_host.py checks flowgrad's table of that vendor)."""
import numpy as np
from goldenio import host_vendor


def inputs():
    rng = np.random.RandomState(7)
    x = np.concatenate([rng.uniform(0.01, 100, 4096), np.exp(rng.uniform(-80, 80, 4096)),
                        1 + np.arange(8192) / 8192.0, 2 + np.arange(8192) / 4096.0])
    return x.astype(np.float32)


def adam_inputs():
    rng = np.random.RandomState(8)
    return (rng.standard_normal(4096).astype(np.float32),
            rng.standard_normal((2, 4096)).astype(np.float32))


def cases(tf):
    x = inputs()
    var0, grads = adam_inputs()
    var = tf.Variable(var0)
    g = tf.placeholder(tf.float32, [4096])
    step = tf.train.AdamOptimizer(0.01).apply_gradients([(g, var)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sqrt, rsqrt = sess.run([tf.sqrt(x), tf.math.rsqrt(x)])
        for grad in grads:   # two steps: the second's slots are not zero
            sess.run(step, {g: grad})
        after = sess.run(var)
    return {"vendor": host_vendor(), "sqrt": sqrt, "rsqrt": rsqrt, "adam_var": after}
