"""TF 1.14's bfloat16 arithmetic on CPU, as bit patterns (bitcast to uint16), over sizes 1, 7,
1000 and 5000: elementwise ops (each result rounded to bfloat16), AddN, Sum / Mean / Prod
(Eigen's tree reduction over the innermost dims, in order otherwise), Cumsum / Cumprod,
MatMul (the float32 product truncated), and DType.min / max of bfloat16. `build(tf, n)` makes
the same graph under TF and flowgrad (tests/test_bfloat16_arith.py); the host is recorded
(the float32 products under MatMul use Eigen's blocking for its caches)."""
import numpy as np
from goldenio import host_vendor

SIZES = (1, 7, 1000, 5000)
UNARY = ("neg", "square", "abs", "sqrt", "exp", "log", "tanh", "reciprocal",
         "relu", "floor")


def inputs(n):
    rng = np.random.RandomState(5200 + n)
    return (rng.uniform(0.0, 1.0, n).astype(np.float32),
            rng.standard_normal(n).astype(np.float32) * 3,
            rng.uniform(0.98, 1.03, n).astype(np.float32),
            rng.standard_normal((3, n)).astype(np.float32),
            rng.standard_normal((n, 2)).astype(np.float32),
            rng.uniform(0.0, 1.0, (2, n, 2)).astype(np.float32))


def build(tf, n):
    """{case: bfloat16 tensor} for size n."""
    u, v, p, a, b, c = [tf.cast(tf.constant(x), tf.bfloat16) for x in inputs(n)]
    t = {"add": u + v, "sub": u - v, "mul": u * v, "div": v / (u + 0.5), "max": tf.maximum(u, v),
         "squared_difference": tf.squared_difference(u, v),
         "addn": tf.add_n([u, v, u * 0.3, v, u, v, u, v, u, v, u]),
         "sum": tf.reduce_sum(u), "sum_fill": tf.reduce_sum(tf.fill([n], tf.constant(0.1, tf.bfloat16))),
         "mean": tf.reduce_mean(u), "prod": tf.reduce_prod(p),
         "sum_ax1": tf.reduce_sum(a * a, 1), "sum_ax0": tf.reduce_sum(tf.abs(b), 0),
         "mean_ax0": tf.reduce_mean(b, 0), "prod_ax1": tf.reduce_prod(1 + a * 0.01, 1),
         "sum_ax02": tf.reduce_sum(c, [0, 2]), "sum_ax1_3d": tf.reduce_sum(c, 1),
         "cumsum": tf.cumsum(u), "cumsum_rev_excl": tf.cumsum(u, exclusive=True, reverse=True),
         "cumsum_ax1": tf.cumsum(a, 1), "cumprod": tf.cumprod(p),
         "matmul": tf.matmul(a, b), "matmul_col": tf.matmul(a, b[:, :1]),
         "matmul_t": tf.matmul(b, a, transpose_a=True, transpose_b=True)}
    for name in UNARY:
        fn = {"neg": tf.negative, "square": tf.square, "abs": tf.abs, "sqrt": lambda x: tf.sqrt(tf.abs(x)),
              "exp": tf.exp, "log": lambda x: tf.log(tf.abs(x)), "tanh": tf.tanh,
              "reciprocal": tf.reciprocal, "relu": tf.nn.relu,
              "floor": tf.floor}[name]
        t[name] = fn(v)
    return t


def cases(tf):
    out = {"host": host_vendor(),
           "limits": [np.float32(tf.bfloat16.min), np.float32(tf.bfloat16.max)]}
    with tf.Session() as sess:
        for n in SIZES:
            t = build(tf, n)
            names = sorted(t)
            vals = sess.run([tf.bitcast(t[k], tf.uint16) for k in names])
            for k, val in zip(names, vals):
                out["%s/%d" % (k, n)] = np.asarray(val, np.uint16)
    return out
