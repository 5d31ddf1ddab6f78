"""TF 1.14's TopKV2 / tf.sort / tf.argsort on rows with NaN (float16, 32, 64), made on
the host it records: its three CPU algorithms order NaN differently (k == 1: Eigen's
max, NaN skipped; k == n: libstdc++'s std::sort with a comparison NaN makes
inconsistent, then runs of equal values by index; otherwise gtl::TopN's heap). A row
of NaN only (k == 1: TF's index is uninitialised memory) is kept out but for its value."""
import numpy as np
from goldenio import host_vendor

SIZES = (2, 3, 5, 16, 17, 40, 120)


def inputs(dtype, n):
    rng = np.random.RandomState(n)
    x = rng.randint(-3, 4, size=(4, n)).astype(dtype)
    x[rng.rand(4, n) < rng.rand(4, 1)] = np.nan
    x[:, rng.randint(n)] = 1.5   # no row of NaN only
    return x


def ks(n):
    return sorted({1, 2, n // 2, n - 1, n})


def build(tf, x):
    out = []
    for k in ks(x.shape[1]):
        out += list(tf.nn.top_k(x, k)) + list(tf.nn.top_k(x, k, sorted=False))
    return out + [tf.sort(x), tf.argsort(x), tf.sort(x, direction="DESCENDING")]


def cases(tf):
    got = {"vendor": host_vendor()}
    with tf.Session() as sess:
        for dtype in ("float16", "float32", "float64"):
            for n in SIZES:
                got["%s_%d" % (dtype, n)] = sess.run(build(tf, inputs(dtype, n)))
        got["all_nan_k1_value"] = sess.run(tf.nn.top_k([[np.nan, np.nan]], 1)[0])
    return got
