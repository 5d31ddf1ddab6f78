"""tf.fake_quant_* under TF 1.14 (fake_quant.json) and flowgrad (tests/test_fake_quant.py):
levels at the edges of the nudged ranges, the errors, and the gradient ops tf.gradients
builds. Valid Python 3.7."""
import numpy as np

X = np.array([-7.0, -6.0, -3.3, -0.02, 0.0, 0.0117647, 0.01176475, 1.234, 5.99, 6.0, 6.01,
              100.0, 0.5, -0.5, 2.5, 1e-8], np.float32)


def _err(tf, fn):
    try:
        with tf.Session() as sess:
            return sess.run(fn())
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
        return "%s: %s" % (type(e).__name__, lines[0].split(" for '")[0] if lines else "")


def values(tf):
    x = tf.constant(X)
    out = {}
    ranges = [(-6.0, 6.0, 8, False), (-1.3, 2.7, 4, True), (-0.7, 3.1, 5, False),
              (0.0, 1.0, 2, False), (0.1, 1.0, 8, False), (-1.0, -0.1, 8, True),
              (-2.0, 2.0, 16, False), (-1.0, 1.0, 8, False)]
    with tf.Session() as sess:
        for i, (lo, hi, bits, narrow) in enumerate(ranges):
            a = tf.fake_quant_with_min_max_args(x, lo, hi, bits, narrow)
            v = tf.fake_quant_with_min_max_vars(x, lo, hi, bits, narrow)
            c = tf.fake_quant_with_min_max_vars_per_channel(
                tf.reshape(x, [4, 4]), [lo, lo / 2, -hi, 0.0], [hi, hi * 2, 0.25, hi],
                bits, narrow)
            out["r%d" % i] = sess.run([a, v, c])
        v2 = tf.fake_quant_with_min_max_vars(x, 2.0, 1.0)
        v3 = tf.fake_quant_with_min_max_vars(x, 1.0, 1.0)
        out["min_above_max"] = sess.run(v2)
        out["min_equals_max"] = sess.run(v3)
    return out


def errors(tf):
    x = tf.constant(X)
    y = tf.reshape(x, [4, 4])
    return {
        "args_min_max": _err(tf, lambda: tf.fake_quant_with_min_max_args(x, 2.0, 1.0)),
        "args_bits": _err(tf, lambda: tf.fake_quant_with_min_max_args(x, num_bits=1)),
        "vars_bits": _err(tf, lambda: tf.fake_quant_with_min_max_vars(x, 0.0, 1.0, 17)),
        "vars_rank": _err(tf, lambda: tf.fake_quant_with_min_max_vars(x, [2.0], 1.0)),
        "channel_depth": _err(tf, lambda: tf.fake_quant_with_min_max_vars_per_channel(
            y, [-1.0, -2.0], [1.0, 3.0])),
        "channel_rank": _err(tf, lambda: tf.fake_quant_with_min_max_vars_per_channel(
            y, -1.0, 1.0)),
        "float64": _err(tf, lambda: tf.fake_quant_with_min_max_args(
            tf.constant([1.0], tf.float64))),
        "grad_float64": _err(tf, lambda: tf.fake_quant_with_min_max_vars_gradient(
            tf.constant([1.0], tf.float64), [1.0], 0.0, 1.0)),
    }


def gradients(tf):
    x = tf.constant(X)
    lo = tf.constant(-0.7)
    hi = tf.constant(3.1)
    y = tf.reshape(x, [4, 4])
    outs = [tf.fake_quant_with_min_max_args(x, -1.0, 2.0),
            tf.fake_quant_with_min_max_vars(x, lo, hi),
            tf.fake_quant_with_min_max_vars_per_channel(y, [-1.0, -2.0, 0.5, 0.0],
                                                        [1.0, 3.0, 2.0, 0.25])]
    g = tf.get_default_graph()
    n0 = len(g.get_operations())
    grads = [tf.gradients(outs[0] * 2.0, x), tf.gradients(outs[1] * x, [x, lo, hi])]
    ops = [[o.name, o.type] for o in g.get_operations()[n0:]]
    with tf.Session() as sess:
        vals = sess.run(grads)
    return {"ops": ops, "values": vals}


def range_gradient_sums(tf):
    """d/dmin and d/dmax of the Vars and VarsPerChannel ops summed over many values
    (TF's `(gradients * mask).sum()`: Eigen's packet tree, not a pairwise sum)."""
    rs = np.random.RandomState(5)
    x = tf.constant((rs.randn(37, 29) * 2).astype(np.float32))
    w = tf.constant(rs.randn(37, 29).astype(np.float32))
    lo = tf.constant(-1.3)
    hi = tf.constant(1.1)
    xc = tf.constant((rs.randn(123, 3) * 2).astype(np.float32))
    wc = tf.constant(rs.randn(123, 3).astype(np.float32))
    lc = tf.constant([-1.0, -0.5, -2.0])
    hc = tf.constant([1.5, 0.75, 1.0])
    y = tf.fake_quant_with_min_max_vars(x, lo, hi)
    yc = tf.fake_quant_with_min_max_vars_per_channel(xc, lc, hc, num_bits=4,
                                                     narrow_range=True)
    g = tf.gradients(tf.reduce_sum(y * w), [lo, hi]) + \
        tf.gradients(tf.reduce_sum(yc * wc), [lc, hc])
    with tf.Session() as sess:
        return sess.run(g)


def cases(tf):
    out = {}
    for fn in (values, errors, gradients, range_gradient_sums):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
