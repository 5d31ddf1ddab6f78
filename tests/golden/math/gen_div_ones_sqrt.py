"""TF 1.14's `1.0 / tf.sqrt(v)` and its neighbours, with the CPU vendor of the machine that
made this golden (float32 Rsqrt's last bits depend on it: gen_rsqrtps_host.py).
Grappler's constant folding makes a division of ones by a y of the output's shape a
Reciprocal(y) before the arithmetic optimizer's SqrtDivToRsqrtMul: then it runs as
1 / Sqrt(v), not 1 * Rsqrt(v). Grappler takes a fed placeholder's shape as unknown, so
`1.0 / tf.sqrt(placeholder)` still runs as 1 * Rsqrt; so do `2.0 / sqrt`, `x / sqrt`
and a numerator of ones that broadcasts y (tests/test_div_ones_sqrt.py)."""
import numpy as np
from goldenio import host_vendor

N = 64


def inputs():
    rng = np.random.RandomState(52)
    return rng.uniform(0.01, 10, N), rng.uniform(-3, 3, N)


def build(tf):
    """{case: tensor}, each dividing by the Sqrt of its own variable (one use each: the
    arithmetic optimizer dedups equal nodes), and the placeholder fed to `ph_*`."""
    v0, x0 = inputs()
    out = {}
    ph = {}
    for dt in (tf.float32, tf.float64):
        s = "" if dt == tf.float32 else "64"

        def var(name):
            return tf.Variable(v0.astype(dt.as_numpy_dtype), name=name + s)
        x = tf.Variable(x0.astype(dt.as_numpy_dtype), name="x" + s)
        out["one_div" + s] = tf.identity(1.0 / tf.sqrt(var("a")))
        out["ones_div" + s] = tf.identity(tf.ones([N], dt) / tf.sqrt(var("b")))
        out["two_div" + s] = tf.identity(2.0 / tf.sqrt(var("c")))
        out["x_div" + s] = tf.identity(x / tf.sqrt(var("d")))
        out["ones_bcast" + s] = tf.identity(tf.ones([2, N], dt) / tf.sqrt(var("e")))
        out["one_div_fetched" + s] = 1.0 / tf.sqrt(var("f"))
        ph[s] = tf.placeholder(dt, [N], name="p" + s)
        out["ph_one_div" + s] = tf.identity(1.0 / tf.sqrt(ph[s]))
    feed = {ph[s]: v0.astype(p.dtype.as_numpy_dtype) for s, p in ph.items()}
    return out, feed


def cases(tf):
    out, feed = build(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(out, feed)
    got["vendor"] = host_vendor()
    return got
