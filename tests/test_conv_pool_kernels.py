"""The im2col convolution kernels and the tap-by-tap pooling kernels against TF 1.14
(goldens nn/conv_pool_edges): the copy paths for 1-2 and 3+ channels, 1x1 kernels,
explicit padding, NCHW; max pooling's rules for ties, NaN and -inf (MaxPool skips NaNs
and floors at the lowest finite value; MaxPoolGrad and MaxPoolWithArgmax take a window's
first element, replaced only by a greater one; MaxPoolGradGrad takes the first element
equal to y); overlapping windows; empty batches; kernels' scratch buffers never leak."""

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops import convolution as conv_k
from flowgrad.engine.ops import pooling as pool_k

GOLD = goldens.load("nn", "conv_pool_edges")
CONV = ["c1_valid", "c1_same_s2", "c2_same", "c3_valid_s2", "c16_valid", "c16_same_s3", "k1",
        "k1_s2", "explicit"]
CONV_ARGS = {"c1_valid": ((1, 1), "VALID"), "c1_same_s2": ((2, 2), "SAME"),
             "c2_same": ((1, 1), "SAME"), "c3_valid_s2": ((2, 2), "VALID"),
             "c16_valid": ((1, 1), "VALID"), "c16_same_s3": ((3, 2), "SAME"),
             "k1": ((1, 1), "VALID"), "k1_s2": ((2, 2), "SAME"),
             "explicit": ((1, 2), [[0, 0], [1, 2], [0, 1], [0, 0]])}
POOL = {"k2s2_valid": ((2, 2), (2, 2), "VALID"), "k2s2_same": ((2, 2), (2, 2), "SAME"),
        "k3s2_same": ((3, 3), (2, 2), "SAME"), "k3s1_same": ((3, 3), (1, 1), "SAME"),
        "k2s3_valid": ((2, 2), (3, 3), "VALID")}


def _nchw(a):
    return np.ascontiguousarray(np.transpose(a, (0, 3, 1, 2)))


def _nhwc(a):
    return np.transpose(a, (0, 2, 3, 1))


def _run(fetches):
    with tf.Session() as sess:
        return sess.run(fetches)


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("name", CONV)
def test_conv2d_and_backprops_match_tf_float32(name, fmt):
    g = {k: GOLD[f"conv_{name}_{k}"] for k in ("x", "f", "y", "dy", "dx", "df")}
    st, pad = CONV_ARGS[name]
    cv, back = ((lambda a: a), (lambda a: a)) if fmt == "NHWC" else (_nchw, _nhwc)
    if isinstance(pad, list) and fmt == "NCHW":
        pad = [pad[0], pad[3], pad[1], pad[2]]
    strides = [1, st[0], st[1], 1] if fmt == "NHWC" else [1, 1, st[0], st[1]]
    x, f = tf.constant(cv(g["x"])), tf.constant(g["f"])
    y = tf.nn.conv2d(x, f, strides, pad, data_format=fmt)
    dx, df = tf.gradients(y, [x, f], tf.constant(cv(g["dy"])))
    assert dx.op.type == "Conv2DBackpropInput" and df.op.type == "Conv2DBackpropFilter"
    yv, dxv, dfv = _run([y, dx, df])
    assert yv.dtype == dxv.dtype == dfv.dtype == np.float32
    np.testing.assert_allclose(back(yv), g["y"], rtol=2e-5, atol=2e-5)
    np.testing.assert_allclose(back(dxv), g["dx"], rtol=2e-5, atol=2e-5)
    np.testing.assert_allclose(dfv, g["df"], rtol=2e-5, atol=2e-5)


def _pool_graph(name, fmt):
    k, st, pad = POOL[name]
    cv = (lambda a: a) if fmt == "NHWC" else _nchw
    ks = [1, k[0], k[1], 1] if fmt == "NHWC" else [1, 1, k[0], k[1]]
    ss = [1, st[0], st[1], 1] if fmt == "NHWC" else [1, 1, st[0], st[1]]
    x = tf.constant(cv(GOLD["pool_x"]))
    y = tf.nn.max_pool(x, ks, ss, pad, data_format=fmt)
    dy = tf.constant(cv(GOLD[f"pool_{name}_dy"]))
    dx = tf.gradients(y, x, dy)[0]
    ddy = tf.gradients(dx, dy, tf.constant(cv(GOLD[f"pool_{name}_ddx"])))[0]
    avg = tf.nn.avg_pool(x, ks, ss, pad, data_format=fmt)
    davg = tf.gradients(avg, x, dy)[0]
    assert (dx.op.type, ddy.op.type, davg.op.type) == ("MaxPoolGrad", "MaxPoolGradGrad",
                                                       "AvgPoolGrad")
    return [y, dx, ddy, avg, davg]


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("name", sorted(POOL))
def test_pools_on_ties_nan_and_inf_match_tf(name, fmt):
    back = (lambda a: a) if fmt == "NHWC" else _nhwc
    y, dx, ddy, avg, davg = (back(v) for v in _run(_pool_graph(name, fmt)))
    g = {k: GOLD[f"pool_{name}_{k}"] for k in ("y", "dx", "ddy", "avg", "davg")}
    np.testing.assert_array_equal(y, g["y"])            # no NaN: TF skips them
    assert not np.isnan(y).any()
    # where windows overlap, TF sums a position's gradients in another order
    np.testing.assert_array_equal(dx != 0, g["dx"] != 0)
    np.testing.assert_allclose(dx, g["dx"], rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(ddy, g["ddy"])
    np.testing.assert_allclose(avg, g["avg"], rtol=1e-6)
    np.testing.assert_allclose(davg, g["davg"], rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", sorted(POOL))
def test_max_pool_with_argmax_on_ties_nan_and_inf_match_tf(name):
    k, st, pad = POOL[name]
    out, idx = tf.nn.max_pool_with_argmax(tf.constant(GOLD["pool_x"]), [1, k[0], k[1], 1],
                                          [1, st[0], st[1], 1], pad)
    ov, iv = _run([out, idx])
    np.testing.assert_array_equal(ov, GOLD[f"pool_{name}_am"])   # a leading NaN stays
    np.testing.assert_array_equal(iv, GOLD[f"pool_{name}_idx"])


def test_int_max_pool_matches_tf():
    y = tf.nn.max_pool(tf.constant(GOLD["pool_int_x"]), [1, 3, 3, 1], [1, 2, 2, 1], "SAME")
    yv = _run(y)
    assert yv.dtype == np.int32
    np.testing.assert_array_equal(yv, GOLD["pool_int_y"])


def test_empty_batch_and_channels():
    s1 = [1, 1, 1, 1]
    for xs, fs in (((0, 5, 5, 3), (3, 3, 3, 2)), ((2, 5, 5, 0), (3, 3, 0, 2)),
                   ((2, 5, 5, 3), (3, 3, 3, 0))):
        x, f = np.ones(xs, np.float32), np.ones(fs, np.float32)
        y = conv_k._conv2d_kernel(x, f, s1, "SAME", "NHWC")
        assert y.shape == xs[:3] + fs[3:]
        dx = conv_k._conv2d_backprop_input_kernel(np.array(xs), f, y, s1, "SAME", "NHWC")
        df = conv_k._conv2d_backprop_filter_kernel(x, np.array(fs), y, s1, "SAME", "NHWC")
        assert dx.shape == xs and df.shape == fs and not dx.any() and not df.any()
    attrs = {"ksize": [1, 2, 2, 1], "strides": [1, 2, 2, 1], "padding": "SAME"}
    x = np.ones((0, 4, 4, 2), np.float32)
    y = pool_k._max_pool_kernel(x, "NHWC", **attrs)
    assert y.shape == (0, 2, 2, 2)
    assert pool_k._max_pool_grad_kernel(x, y, y, "NHWC", **attrs).shape == x.shape


def test_kernel_results_do_not_share_scratch_buffers():
    """im2col works in a per-thread scratch buffer: results must not alias it."""
    rng = np.random.RandomState(0)
    s1 = [1, 1, 1, 1]
    x1, x2 = rng.randn(2, 6, 6, 4), rng.randn(2, 6, 6, 4)
    f = rng.randn(3, 3, 4, 5)
    dy = rng.randn(2, 6, 6, 5)
    y1 = conv_k._conv2d_kernel(x1, f, s1, "SAME", "NHWC")
    df1 = conv_k._conv2d_backprop_filter_kernel(x1, np.array(f.shape), dy, s1, "SAME", "NHWC")
    keep = y1.copy(), df1.copy()
    conv_k._conv2d_kernel(x2, f, s1, "SAME", "NHWC")
    conv_k._conv2d_backprop_filter_kernel(x2, np.array(f.shape), dy, s1, "SAME", "NHWC")
    np.testing.assert_array_equal(y1, keep[0])
    np.testing.assert_array_equal(df1, keep[1])
    # two convolutions of one Session.run, each right
    a, b = tf.constant(x1), tf.constant(x2)
    fc = tf.constant(f)
    ya, yb = _run([tf.nn.conv2d(a, fc, 1, "SAME"), tf.nn.conv2d(b, fc, 1, "SAME")])
    np.testing.assert_allclose(ya, keep[0], rtol=1e-12)
    np.testing.assert_allclose(yb, conv_k._conv2d_kernel(x2, f, s1, "SAME", "NHWC"),
                               rtol=1e-12)


@pytest.mark.parametrize("k,st,pad", [((2, 2), (2, 2), "VALID"), ((3, 3), (2, 2), "SAME"),
                                      ((3, 2), (1, 3), "SAME")])
def test_max_pool_grad_is_the_reference_on_random_data(k, st, pad):
    """Windows checked one by one (a plain loop) on data with ties, float64."""
    rng = np.random.RandomState(1)
    x = rng.randint(0, 4, (2, 9, 8, 3)).astype(np.float64)
    attrs = {"ksize": [1, k[0], k[1], 1], "strides": [1, st[0], st[1], 1], "padding": pad}
    y = pool_k._max_pool_kernel(x, "NHWC", **attrs)
    dy = rng.randn(*y.shape)
    dx = pool_k._max_pool_grad_kernel(x, y, dy, "NHWC", **attrs)
    g = pool_k._pool_geo(x.shape, dict(attrs, data_format="NHWC"))
    (_, pt, _), (_, pl, _) = g.geo
    want = np.zeros_like(x)
    for n in range(y.shape[0]):
        for i in range(y.shape[1]):
            for j in range(y.shape[2]):
                for c in range(y.shape[3]):
                    best = None
                    for a in range(k[0]):
                        for b in range(k[1]):
                            h, w = i * st[0] - pt + a, j * st[1] - pl + b
                            if 0 <= h < x.shape[1] and 0 <= w < x.shape[2] and (
                                    best is None or x[n, h, w, c] > x[best + (c,)]):
                                best = (n, h, w)
                    want[best + (c,)] += dy[n, i, j, c]
                    assert y[n, i, j, c] == x[best + (c,)]
    np.testing.assert_allclose(dx, want, rtol=1e-12)
