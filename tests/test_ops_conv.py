"""Convolution and pooling: forward against a plain NumPy reference and TF 1.14 goldens,
gradients (TF's backprop ops) against goldens and numerically to second order, errors."""

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework.input_types import unchecked
import goldens
from flowgrad.testing import check_grads

GOLD = goldens.load("nn", "nn")


# -- straightforward NumPy references (loops are fine here: tiny sizes) -------------------------
def _same_pads(size, k, s, d):
    eff = (k - 1) * d + 1
    out = -(-size // s)
    total = max(0, (out - 1) * s + eff - size)
    return out, total // 2, total - total // 2


def _geometry(h, w, kh, kw, st, pad, dil):
    if pad == "SAME":
        oh, pt, pb = _same_pads(h, kh, st[0], dil[0])
        ow, pl, pr = _same_pads(w, kw, st[1], dil[1])
    else:
        oh = (h - (kh - 1) * dil[0] - 1) // st[0] + 1
        ow = (w - (kw - 1) * dil[1] - 1) // st[1] + 1
        pt = pb = pl = pr = 0
    return oh, ow, (pt, pb), (pl, pr)


def ref_conv2d(x, f, st, pad, dil=(1, 1)):
    n, h, w, _ = x.shape
    kh, kw, _, o = f.shape
    oh, ow, ph, pw = _geometry(h, w, kh, kw, st, pad, dil)
    xp = np.pad(x.astype(np.float64), ((0, 0), ph, pw, (0, 0)))
    out = np.zeros((n, oh, ow, o))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    out[:, i, j] += xp[:, i * st[0] + a * dil[0], j * st[1] + b * dil[1]] @ f[a, b]
    return out.astype(x.dtype)


def ref_depthwise(x, f, st, pad, dil=(1, 1)):
    n, h, w, c = x.shape
    kh, kw, _, m = f.shape
    oh, ow, ph, pw = _geometry(h, w, kh, kw, st, pad, dil)
    xp = np.pad(x.astype(np.float64), ((0, 0), ph, pw, (0, 0)))
    out = np.zeros((n, oh, ow, c, m))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    out[:, i, j] += xp[:, i * st[0] + a * dil[0], j * st[1] + b * dil[1], :,
                                       None] * f[a, b]
    return out.reshape(n, oh, ow, c * m).astype(x.dtype)


def ref_pool(x, k, st, pad, kind):
    n, h, w, c = x.shape
    oh, ow, ph, pw = _geometry(h, w, k[0], k[1], st, pad, (1, 1))
    out = np.zeros((n, oh, ow, c), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * st[0] - ph[0], j * st[1] - pw[0]
            win = x[:, max(r0, 0): r0 + k[0], max(c0, 0): c0 + k[1]]
            out[:, i, j] = win.max(axis=(1, 2)) if kind == "max" else win.mean(axis=(1, 2))
    return out


def _nchw(a):
    return np.ascontiguousarray(a.transpose(0, 3, 1, 2))


def _nhwc(a):
    return np.ascontiguousarray(a.transpose(0, 2, 3, 1))


def _run(fetches, feed=None):
    with tf.Session() as s:
        return s.run(fetches, feed)


# -- forward tables -----------------------------------------------------------------------------
CONV_TABLE = [  # input NHWC, filter, strides (h, w), padding, dilations
    ((1, 5, 5, 1), (3, 3, 1, 2), (1, 1), "SAME", (1, 1)),
    ((2, 7, 6, 3), (3, 2, 3, 4), (2, 3), "SAME", (1, 1)),
    ((2, 6, 6, 2), (2, 2, 2, 2), (2, 2), "SAME", (1, 1)),
    ((1, 9, 8, 2), (3, 3, 2, 1), (1, 1), "SAME", (2, 3)),
    ((2, 7, 7, 1), (3, 3, 1, 2), (3, 2), "VALID", (1, 1)),
    ((1, 8, 9, 2), (2, 3, 2, 2), (1, 2), "VALID", (2, 2)),
    ((1, 1, 1, 3), (1, 1, 3, 2), (1, 1), "VALID", (1, 1)),
    ((0, 5, 5, 2), (3, 3, 2, 2), (1, 1), "SAME", (1, 1)),      # empty batch
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("xs,fs,st,pad,dil", CONV_TABLE)
def test_conv2d_forward_matches_reference(xs, fs, st, pad, dil, fmt, dtype):
    rng = np.random.RandomState(0)
    x = rng.randn(*xs).astype(dtype)
    f = rng.randn(*fs).astype(dtype)
    expected = ref_conv2d(x, f, st, pad, dil)
    if fmt == "NHWC":
        y = tf.nn.conv2d(x, f, [1, st[0], st[1], 1], pad, dilations=[1, dil[0], dil[1], 1])
    else:
        y = tf.nn.conv2d(_nchw(x), f, [1, 1, st[0], st[1]], pad, data_format="NCHW",
                         dilations=[1, 1, dil[0], dil[1]])
    got = _run(y)
    if fmt == "NCHW":
        got = _nhwc(got)
    assert y.dtype == tf.as_dtype(dtype)
    assert tuple(y.shape.as_list()) == (expected.shape if fmt == "NHWC"
                                        else _nchw(expected).shape)
    tol = 1e-4 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(got, expected, rtol=tol, atol=tol)


DW_TABLE = [
    ((1, 5, 5, 2), (3, 3, 2, 2), (1, 1), "SAME", (1, 1)),
    ((2, 7, 6, 3), (2, 3, 3, 1), (2, 2), "SAME", (1, 1)),
    ((1, 8, 7, 1), (3, 2, 1, 3), (1, 1), "VALID", (2, 2)),
]


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("xs,fs,st,pad,dil", DW_TABLE)
def test_depthwise_forward_matches_reference(xs, fs, st, pad, dil, fmt):
    rng = np.random.RandomState(1)
    x, f = rng.randn(*xs), rng.randn(*fs)
    expected = ref_depthwise(x, f, st, pad, dil)
    if fmt == "NHWC":
        got = _run(tf.nn.depthwise_conv2d(x, f, [1, st[0], st[1], 1], pad, rate=list(dil)))
    else:
        got = _nhwc(_run(tf.nn.depthwise_conv2d_native(
            _nchw(x), f, [1, 1, st[0], st[1]], pad, data_format="NCHW",
            dilations=[1, 1, dil[0], dil[1]])))
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


POOL_TABLE = [  # input NHWC, ksize, strides, padding
    ((1, 5, 5, 1), (2, 2), (2, 2), "SAME"),
    ((2, 7, 6, 3), (3, 3), (2, 2), "SAME"),
    ((1, 6, 7, 2), (2, 4), (3, 2), "SAME"),
    ((2, 8, 7, 2), (3, 2), (2, 2), "VALID"),
    ((1, 4, 4, 1), (1, 1), (1, 1), "VALID"),
    ((0, 4, 4, 1), (2, 2), (2, 2), "SAME"),
]


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("xs,k,st,pad", POOL_TABLE)
def test_pool_forward_matches_reference(xs, k, st, pad, fmt, dtype, kind):
    x = np.random.RandomState(2).randn(*xs).astype(dtype)
    expected = ref_pool(x, k, st, pad, kind)
    fn = tf.nn.max_pool if kind == "max" else tf.nn.avg_pool
    # Tensors: max_pool converts a NumPy value to float32 first, as TF's wrapper
    if fmt == "NHWC":
        got = _run(fn(tf.constant(x), [1, k[0], k[1], 1], [1, st[0], st[1], 1], pad))
    else:
        got = _nhwc(_run(fn(tf.constant(_nchw(x)), [1, 1, k[0], k[1]], [1, 1, st[0], st[1]],
                            pad, data_format="NCHW")))
    assert got.dtype == dtype
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)


def test_max_pool_int_dtype():
    x = np.arange(16, dtype=np.int32).reshape(1, 4, 4, 1)
    got = _run(tf.nn.max_pool(tf.constant(x), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"))
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got[0, :, :, 0], [[5, 7], [13, 15]])
    # a NumPy value: TF's wrapper converts it to float32 first (MaxPool's T default)
    assert _run(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")).dtype == np.float32


# -- TF 1.14 goldens (forward and backprop ops) ---------------------------------------------------
CONV_GOLD = [("same_odd", (1, 1), "SAME", (1, 1)), ("same_stride2", (2, 2), "SAME", (1, 1)),
             ("same_stride3_even_k", (3, 2), "SAME", (1, 1)),
             ("same_dilated", (1, 1), "SAME", (2, 3)), ("valid_stride", (2, 3), "VALID", (1, 1)),
             ("valid_dilated", (1, 1), "VALID", (2, 2))]


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("name,st,pad,dil", CONV_GOLD)
def test_conv2d_and_backprops_match_tf(name, st, pad, dil, fmt):
    g = {k: GOLD[f"conv_{name}_{k}"] for k in ("x", "f", "y", "dy", "dx", "df")}
    cv = (lambda a: a) if fmt == "NHWC" else _nchw
    back = (lambda a: a) if fmt == "NHWC" else _nhwc
    x = tf.constant(cv(g["x"]))
    f = tf.constant(g["f"])
    strides = [1, st[0], st[1], 1] if fmt == "NHWC" else [1, 1, st[0], st[1]]
    dils = [1, dil[0], dil[1], 1] if fmt == "NHWC" else [1, 1, dil[0], dil[1]]
    y = tf.nn.conv2d(x, f, strides, pad, data_format=fmt, dilations=dils)
    dx, df = tf.gradients(y, [x, f], tf.constant(cv(g["dy"])))
    assert dx.op.type == "Conv2DBackpropInput" and df.op.type == "Conv2DBackpropFilter"
    if dil != (1, 1):
        # TF's CPU backprop kernels refuse dilations (the golden's gradients are those of
        # the space-to-batch form, tf.nn.convolution's, as here)
        for t in (dx, df):
            with pytest.raises(tf.errors.InvalidArgumentError, match="dilation rates larger"):
                _run(t)
        y2 = tf.nn.convolution(x, f, pad, dilation_rate=list(dil), data_format=fmt)
        dx, df = tf.gradients(y2, [x, f], tf.constant(cv(g["dy"])))
    yv, dxv, dfv = _run([y, dx, df])
    np.testing.assert_allclose(back(yv), g["y"], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(back(dxv), g["dx"], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(dfv, g["df"], rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("name,st,pad", [("same_odd", 1, "SAME"), ("same_stride2", 2, "SAME"),
                                         ("valid", 2, "VALID")])
def test_depthwise_and_backprops_match_tf(name, st, pad):
    g = {k: GOLD[f"dw_{name}_{k}"] for k in ("x", "f", "y", "dy", "dx", "df")}
    x, f = tf.constant(g["x"]), tf.constant(g["f"])
    y = tf.nn.depthwise_conv2d_native(x, f, [1, st, st, 1], pad)
    dx, df = tf.gradients(y, [x, f], tf.constant(g["dy"]))
    assert dx.op.type == "DepthwiseConv2dNativeBackpropInput"
    yv, dxv, dfv = _run([y, dx, df])
    np.testing.assert_allclose(yv, g["y"], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(dxv, g["dx"], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(dfv, g["df"], rtol=1e-10, atol=1e-10)


POOL_GOLD = [("same_odd", (3, 3), (2, 2), "SAME"), ("same_even_k", (2, 4), (3, 2), "SAME"),
             ("same_overlap", (3, 3), (1, 1), "SAME"), ("valid", (3, 2), (2, 2), "VALID")]


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("name,k,st,pad", POOL_GOLD)
def test_max_pool_grad_and_grad_grad_match_tf(name, k, st, pad, fmt):
    """Ties (inputs rounded to halves) go to the first maximum, as TF's CPU kernel."""
    g = {key: GOLD[f"maxpool_{name}_{key}"] for key in ("x", "y", "dy", "dx", "ddx", "ddy")}
    cv = (lambda a: a) if fmt == "NHWC" else _nchw
    back = (lambda a: a) if fmt == "NHWC" else _nhwc
    ks = [1, k[0], k[1], 1] if fmt == "NHWC" else [1, 1, k[0], k[1]]
    ss = [1, st[0], st[1], 1] if fmt == "NHWC" else [1, 1, st[0], st[1]]
    x = tf.constant(cv(g["x"]))
    dy = tf.constant(cv(g["dy"]))
    y = tf.nn.max_pool(x, ks, ss, pad, data_format=fmt)
    dx = tf.gradients(y, x, dy)[0]
    ddy = tf.gradients(dx, dy, tf.constant(cv(g["ddx"])))[0]
    assert dx.op.type == "MaxPoolGrad" and ddy.op.type == "MaxPoolGradGrad"
    yv, dxv, ddyv = _run([y, dx, ddy])
    np.testing.assert_allclose(back(yv), g["y"])
    np.testing.assert_allclose(back(dxv), g["dx"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(back(ddyv), g["ddy"], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("name,k,st,pad", POOL_GOLD)
def test_avg_pool_and_grad_match_tf(name, k, st, pad, fmt):
    g = {key: GOLD[f"avgpool_{name}_{key}"] for key in ("x", "y", "dy", "dx")}
    cv = (lambda a: a) if fmt == "NHWC" else _nchw
    back = (lambda a: a) if fmt == "NHWC" else _nhwc
    ks = [1, k[0], k[1], 1] if fmt == "NHWC" else [1, 1, k[0], k[1]]
    ss = [1, st[0], st[1], 1] if fmt == "NHWC" else [1, 1, st[0], st[1]]
    x = tf.constant(cv(g["x"]))
    y = tf.nn.avg_pool(x, ks, ss, pad, data_format=fmt)
    dx = tf.gradients(y, x, tf.constant(cv(g["dy"])))[0]
    assert dx.op.type == "AvgPoolGrad"
    yv, dxv = _run([y, dx])
    np.testing.assert_allclose(back(yv), g["y"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(back(dxv), g["dx"], rtol=1e-12, atol=1e-12)


def test_conv2d_transpose_matches_tf():
    y = tf.nn.conv2d_transpose(GOLD["convT_v"], GOLD["convT_f"], [2, 8, 5, 2], [1, 2, 2, 1],
                               "SAME")
    assert y.shape.as_list() == [2, 8, 5, 2]
    np.testing.assert_allclose(_run(y), GOLD["convT_y"], rtol=1e-10, atol=1e-10)


def test_conv1d_is_conv2d_over_height_one():
    rng = np.random.RandomState(3)
    x, f = rng.randn(2, 9, 3), rng.randn(3, 3, 4)
    got = _run(tf.nn.conv1d(x, f, 2, "SAME"))
    expected = ref_conv2d(x[:, None], f[None], (1, 2), "SAME")[:, 0]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    got_ncw = _run(tf.nn.conv1d(x.transpose(0, 2, 1), f, 2, "SAME", data_format="NCW"))
    np.testing.assert_allclose(got_ncw.transpose(0, 2, 1), expected, rtol=1e-12, atol=1e-12)


def test_explicit_padding():
    rng = np.random.RandomState(4)
    x, f = rng.randn(1, 4, 5, 2), rng.randn(3, 3, 2, 2)
    y = tf.nn.conv2d(x, f, [1, 1, 1, 1], [[0, 0], [1, 2], [0, 1], [0, 0]])
    xp = np.pad(x, ((0, 0), (1, 2), (0, 1), (0, 0)))
    np.testing.assert_allclose(_run(y), ref_conv2d(xp, f, (1, 1), "VALID"), rtol=1e-12)
    assert y.shape.as_list() == [1, 5, 4, 2]


def test_placeholder_with_unknown_batch():
    x = tf.placeholder(tf.float64, [None, 6, 6, 2])
    y = tf.nn.max_pool(tf.nn.conv2d(x, np.ones((3, 3, 2, 4)), [1, 1, 1, 1], "SAME"),
                       [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    assert y.shape.as_list() == [None, 3, 3, 4]
    assert _run(y, {x: np.ones((3, 6, 6, 2))}).shape == (3, 3, 3, 4)


# -- gradients to second order -------------------------------------------------------------------
GRAD_CASES = [
    ("conv_same", lambda x, f: tf.nn.conv2d(x, f, [1, 2, 1, 1], "SAME"),
     [(1, 5, 4, 2), (3, 2, 2, 2)]),
    # (conv2d's dilations have no CPU gradient in TF 1.14: the space-to-batch form)
    ("conv_valid_dilated", lambda x, f: tf.nn.convolution(x, f, "VALID", dilation_rate=[2, 1]),
     [(1, 6, 4, 2), (2, 2, 2, 3)]),
    ("conv_nchw", lambda x, f: tf.nn.conv2d(x, f, [1, 1, 2, 2], "SAME", data_format="NCHW"),
     [(1, 2, 5, 5), (3, 3, 2, 2)]),
    ("conv_explicit", lambda x, f: tf.nn.conv2d(x, f, [1, 1, 1, 1],
                                                [[0, 0], [1, 0], [0, 2], [0, 0]]),
     [(1, 3, 3, 1), (2, 2, 1, 2)]),
    ("conv1d", lambda x, f: tf.nn.conv1d(x, f, 2, "SAME"), [(2, 7, 2), (3, 2, 2)]),
    ("conv2d_transpose", lambda v, f: tf.nn.conv2d_transpose(v, f, [1, 6, 5, 2], [1, 2, 2, 1],
                                                             "SAME"),
     [(1, 3, 3, 3), (3, 3, 2, 3)]),
    ("depthwise", lambda x, f: tf.nn.depthwise_conv2d(x, f, [1, 2, 2, 1], "SAME"),
     [(1, 5, 5, 2), (3, 3, 2, 2)]),
    ("depthwise_nchw_dilated", lambda x, f: tf.nn.depthwise_conv2d_native(
        x, f, [1, 1, 1, 1], "VALID", data_format="NCHW", dilations=[1, 1, 2, 2]),
     [(1, 2, 5, 5), (2, 2, 2, 1)]),
    ("max_pool_same", lambda x: tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
     [(2, 5, 5, 2)]),
    ("max_pool_nchw", lambda x: tf.nn.max_pool(x, [1, 1, 2, 2], [1, 1, 1, 2], "VALID",
                                               data_format="NCHW"), [(1, 2, 4, 5)]),
    ("avg_pool_same", lambda x: tf.nn.avg_pool(x, [1, 3, 2, 1], [1, 2, 2, 1], "SAME"),
     [(2, 5, 5, 2)]),
    ("avg_pool_nchw", lambda x: tf.nn.avg_pool(x, [1, 1, 2, 3], [1, 1, 2, 1], "SAME",
                                               data_format="NCHW"), [(1, 2, 5, 4)]),
]


@pytest.mark.parametrize("name,fn,shapes", GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_gradients_second_order(name, fn, shapes):
    rng = np.random.RandomState(5)
    check_grads(fn, [rng.randn(*s) for s in shapes], order=2)


def test_backprop_ops_have_second_order_gradients():
    rng = np.random.RandomState(6)
    check_grads(lambda f, dy: tf.nn.conv2d_backprop_input([1, 5, 5, 2], f, dy, [1, 2, 2, 1],
                                                          "SAME"),
                [rng.randn(3, 3, 2, 3), rng.randn(1, 3, 3, 3)], order=2)
    check_grads(lambda x, dy: tf.nn.conv2d_backprop_filter(x, [3, 3, 2, 3], dy, [1, 2, 2, 1],
                                                           "SAME"),
                [rng.randn(1, 5, 5, 2), rng.randn(1, 3, 3, 3)], order=2)


# -- errors --------------------------------------------------------------------------------------
def test_errors_at_graph_build():
    x = tf.placeholder(tf.float32, [1, 5, 5, 1])
    f = tf.placeholder(tf.float32, [3, 3, 1, 2])
    with pytest.raises(ValueError, match=r"Shape must be rank 4 but is rank 3 for 'Conv2D'"):
        tf.nn.conv2d(tf.placeholder(tf.float32, [1, 5, 5]), f, [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match=r"Attr 'padding' of 'Conv2D' Op passed string 'FOO'"):
        tf.nn.conv2d(x, f, [1, 1, 1, 1], "FOO")
    with pytest.raises(ValueError, match=r"Attr 'data_format' of 'Conv2D' Op .* 'NCWH'"):
        tf.nn.conv2d(x, f, [1, 1, 1, 1], "SAME", data_format="NCWH")
    # a call its shape function or its wrapper's attr checks refuse keeps its name (this
    # one is Conv2D_3); one refused before the op's scope (strides) does not
    with pytest.raises(ValueError, match=r"Depth of input \(1\) is not a multiple of input "
                                         r"depth of filter \(2\) for 'Conv2D_3'"):
        tf.nn.conv2d(x, tf.placeholder(tf.float32, [3, 3, 2, 2]), [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="strides should be of length 1, 2 or 4 but was 3"):
        tf.nn.conv2d(x, f, [1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="Negative dimension size caused by subtracting 3 "
                                         "from 2 for 'Conv2D_4'"):
        tf.nn.conv2d(tf.placeholder(tf.float32, [1, 2, 2, 1]), f, [1, 1, 1, 1], "VALID")
    with pytest.raises(ValueError, match=r"Attr 'padding' of 'MaxPool' Op passed string"):
        tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "FOO")
    # the refused padding above kept the name MaxPool, as TF's wrapper
    with pytest.raises(ValueError, match=r"Shape must be rank 4 but is rank 3 for 'MaxPool_1'"):
        tf.nn.max_pool(tf.placeholder(tf.float32, [1, 5, 5]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    # a window over the batch: TF's shape function builds it, its kernel refuses it
    pooled = tf.nn.avg_pool(tf.zeros([1, 5, 5, 1]), [2, 2, 2, 1], [1, 2, 2, 1], "SAME")
    assert pooled.shape.as_list() == [1, 3, 3, 1]
    with pytest.raises(tf.errors.UnimplementedError,
                       match="Pooling is not yet supported on the batch dimension."):
        tf.Session().run(pooled)
    with pytest.raises(TypeError, match="float64 that does not match type float32"):
        tf.nn.conv2d(x, tf.placeholder(tf.float64, [3, 3, 1, 2]), [1, 1, 1, 1], "SAME")
    with pytest.raises(TypeError):
        tf.nn.conv2d(tf.placeholder(tf.int32, [1, 5, 5, 1]), tf.placeholder(tf.int32, [3, 3, 1, 2]),
                     [1, 1, 1, 1], "SAME")
    # channels that differ from the filter's: TF 1.14 builds it, its kernel refuses it
    ct = tf.nn.conv2d_transpose(tf.zeros([1, 3, 3, 3]), tf.zeros([3, 3, 1, 2]), [1, 6, 6, 1],
                                [1, 2, 2, 1])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Conv2DCustomBackpropInput: filter and out_backprop must have "
                             "the same out_depth"):
        tf.Session().run(ct)
    # Nothing half-built: failing calls added no Conv2D/MaxPool/AvgPool op.
    types = [op.type for op in tf.get_default_graph().get_operations()]
    assert not {"Conv2D", "MaxPool"} & set(types)


def test_batch_strides_fail_at_run_naming_the_op():
    y = tf.nn.conv2d(np.ones((1, 5, 5, 1), np.float32), np.ones((3, 3, 1, 2), np.float32),
                     [2, 1, 1, 1], "SAME", name="strided")
    with pytest.raises(tf.errors.InvalidArgumentError, match="strides in the batch and depth"):
        _run(y)


def test_float16_convolutions_keep_dtype():
    rng = np.random.RandomState(11)
    x, f = rng.randn(2, 6, 5, 3), rng.randn(3, 3, 3, 2)
    xh, fh = x.astype(np.float16), f.astype(np.float16)
    xt, ft = tf.constant(xh), tf.constant(fh)
    y = tf.nn.conv2d(xt, ft, [1, 2, 1, 1], "SAME")
    d = tf.nn.depthwise_conv2d(xt, fh[..., :1], [1, 1, 1, 1], "VALID")
    dx, df = tf.gradients(y, [xt, ft])
    yv, dv, dxv, dfv = _run([y, d, dx, df])
    assert {a.dtype for a in (yv, dv, dxv, dfv)} == {np.dtype(np.float16)}
    ref = ref_conv2d(xh.astype(np.float64), fh.astype(np.float64), (2, 1), "SAME")
    np.testing.assert_allclose(yv, ref, rtol=1e-2, atol=2e-2)
    np.testing.assert_allclose(dv, ref_depthwise(xh.astype(np.float64),
                                                 fh[..., :1].astype(np.float64), (1, 1),
                                                 "VALID"), rtol=1e-2, atol=2e-2)


def test_1d_pools_conv1d_transpose_match_tf():
    x, f = GOLD["p1d_x"], GOLD["p1d_f"]
    p1 = tf.nn.max_pool1d(x, 3, 2, "SAME")
    assert p1.name == "MaxPool1d/Squeeze:0"
    ct = tf.nn.conv1d_transpose(tf.constant(x), f, [2, 18, 2], 2, "SAME")
    assert ct.name == "conv1d_transpose/Squeeze:0"
    got = _run([p1, tf.nn.avg_pool1d(x, 2, 2, "VALID"), tf.nn.max_pool_v2(x, 2, 1, "SAME"), ct])
    for v, k in zip(got, ["p1d_max", "p1d_avg", "p1d_v2", "p1d_convT"]):
        np.testing.assert_allclose(v, GOLD[k], rtol=1e-12, atol=1e-12, err_msg=k)
    ncw = _run(tf.nn.max_pool1d(x.transpose(0, 2, 1), 3, 2, "SAME", data_format="NCW"))
    np.testing.assert_allclose(ncw.transpose(0, 2, 1), GOLD["p1d_max"])
    x4 = np.random.RandomState(12).randn(1, 4, 4, 2)
    np.testing.assert_array_equal(_run(tf.nn.avg_pool_v2(x4, 2, 2, "VALID")),
                                  _run(tf.nn.avg_pool(x4, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")))
    check_grads(lambda t: tf.nn.max_pool1d(t, 3, 2, "SAME"), [x], order=2)
    check_grads(lambda t, w: tf.nn.conv1d_transpose(t, w, [2, 18, 2], 2, "SAME"), [x, f],
                order=2)
    assert tf.nn.depthwise_conv2d_backprop_input is tf.nn.depthwise_conv2d_native_backprop_input


# -- 3-D convolution and pooling ------------------------------------------------------------
def ref_conv3d(x, f, st, pad):
    n, *sp, _ = x.shape
    k = f.shape[:3]
    geo = [_same_pads(s_, k_, t, 1) if pad == "SAME" else ((s_ - k_) // t + 1, 0, 0)
           for s_, k_, t in zip(sp, k, st)]
    xp = np.pad(x.astype(np.float64), [(0, 0)] + [(g[1], g[2]) for g in geo] + [(0, 0)])
    out = np.zeros((n,) + tuple(g[0] for g in geo) + (f.shape[4],))
    for idx in np.ndindex(*[g[0] for g in geo]):
        for tap in np.ndindex(*k):
            pos = tuple(i * t + a for i, t, a in zip(idx, st, tap))
            out[(slice(None),) + idx] += xp[(slice(None),) + pos] @ f[tap]
    return out


@pytest.mark.parametrize("fmt", ["NDHWC", "NCDHW"])
@pytest.mark.parametrize("xs,fs,st,pad", [((1, 4, 5, 3, 2), (2, 3, 2, 2, 3), (1, 2, 1), "SAME"),
                                          ((2, 5, 4, 4, 1), (3, 2, 2, 1, 2), (2, 1, 2), "VALID"),
                                          ((0, 3, 3, 3, 1), (2, 2, 2, 1, 1), (1, 1, 1), "SAME")])
def test_conv3d_forward_matches_reference(xs, fs, st, pad, fmt):
    rng = np.random.RandomState(13)
    x, f = rng.randn(*xs), rng.randn(*fs)
    expected = ref_conv3d(x, f, st, pad)
    if fmt == "NDHWC":
        got = _run(tf.nn.conv3d(x, f, [1, *st, 1], pad))
    else:
        got = np.moveaxis(_run(tf.nn.conv3d(np.moveaxis(x, -1, 1), f, [1, 1, *st], pad,
                                            data_format="NCDHW")), 1, -1)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("fmt", ["NDHWC", "NCDHW"])
@pytest.mark.parametrize("name,st,k,pad", [("same", (1, 2, 1), (2, 2, 3), "SAME"),
                                           ("valid", (2, 1, 2), (3, 2, 2), "VALID")])
def test_3d_ops_match_tf(name, st, k, pad, fmt):
    g = {key: GOLD[f"c3_{name}_{key}"] for key in ("x", "f", "dy", "dp", "ddx", "y", "dx", "df",
                                                   "mp", "ap", "dmp", "dap", "ddmp", "convT")}
    cv = (lambda a: a) if fmt == "NDHWC" else (lambda a: np.ascontiguousarray(
        np.moveaxis(a, -1, 1)))
    back = (lambda a: a) if fmt == "NDHWC" else (lambda a: np.moveaxis(a, 1, -1))
    s5 = [1, *st, 1] if fmt == "NDHWC" else [1, 1, *st]
    k5 = [1, *k, 1] if fmt == "NDHWC" else [1, 1, *k]
    x, f = tf.constant(cv(g["x"])), tf.constant(g["f"])
    y = tf.nn.conv3d(x, f, s5, pad, data_format=fmt)
    dx, df = tf.gradients(y, [x, f], tf.constant(cv(g["dy"])))
    assert dx.op.type == "Conv3DBackpropInputV2" and df.op.type == "Conv3DBackpropFilterV2"
    mp = tf.nn.max_pool3d(x, k5, s5, pad, data_format=fmt)
    ap = tf.nn.avg_pool3d(x, k5, s5, pad, data_format=fmt)
    dp = tf.constant(cv(g["dp"]))
    dmp = tf.gradients(mp, x, dp)[0]
    dap = tf.gradients(ap, x, dp)[0]
    ddmp = tf.gradients(dmp, dp, tf.constant(cv(g["ddx"])))[0]
    assert ddmp.op.type == "MaxPool3DGradGrad"
    tv = tf.nn.conv3d_transpose(tf.constant(cv(g["dy"])), f, list(cv(g["x"]).shape), s5, pad,
                                data_format=fmt)
    got = _run([y, dx, df, mp, ap, dmp, dap, ddmp, tv])
    for v, key in zip(got, ["y", "dx", "df", "mp", "ap", "dmp", "dap", "ddmp", "convT"]):
        v = v if key == "df" else back(v)
        np.testing.assert_allclose(v, g[key], rtol=1e-4, atol=1e-4, err_msg=key)


@pytest.mark.parametrize("name,fn,shapes", [
    ("conv3d", lambda x, f: tf.nn.conv3d(x, f, [1, 1, 2, 1, 1], "SAME"),
     [(1, 3, 4, 3, 2), (2, 2, 2, 2, 2)]),
    ("conv3d_ncdhw", lambda x, f: tf.nn.conv3d(x, f, [1, 1, 1, 1, 2], "VALID",
                                               data_format="NCDHW"),
     [(1, 2, 3, 3, 4), (2, 1, 2, 2, 1)]),
    ("conv3d_transpose", lambda v, f: tf.nn.conv3d_transpose(v, f, [1, 4, 4, 3, 1],
                                                             [1, 2, 2, 1, 1], "SAME"),
     [(1, 2, 2, 3, 2), (2, 2, 2, 1, 2)]),
    # tf.nn.max_pool3d rejects float64 as TF 1.14; the numeric check needs it: the op itself
    ("max_pool3d", lambda x: tf.get_default_graph().create_op("MaxPool3D", [x], attrs={
        "ksize": [1, 2, 2, 2, 1], "strides": [1, 2, 1, 2, 1], "padding": "SAME",
        "data_format": "NDHWC"}).outputs[0],
     [(1, 3, 4, 4, 2)]),
    ("avg_pool3d", lambda x: tf.nn.avg_pool3d(x, [1, 2, 3, 2, 1], [1, 1, 2, 2, 1], "SAME"),
     [(1, 3, 4, 4, 2)]),
])
def test_3d_gradients_second_order(name, fn, shapes):
    rng = np.random.RandomState(14)
    with unchecked():   # (MaxPool3D and its gradients are float32-only ops in TF)
        check_grads(fn, [rng.randn(*s) for s in shapes], order=2)


def test_3d_errors():
    x = tf.placeholder(tf.float32, [1, 4, 4, 4, 1])
    f = tf.placeholder(tf.float32, [2, 2, 2, 1, 2])
    with pytest.raises(ValueError, match="Attr 'strides' of 'Conv3D' Op passed list of length "
                                         "4 less than minimum 5."):
        tf.nn.conv3d(x, f, [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="Shape must be rank 5 but is rank 4 for 'Conv3D"):
        tf.nn.conv3d(tf.placeholder(tf.float32, [1, 4, 4, 4]), f, [1] * 5, "SAME")
    with pytest.raises(ValueError, match="Attr 'padding' of 'MaxPool3D'"):
        tf.nn.max_pool3d(x, [1, 2, 2, 2, 1], [1] * 5, "FULL")


def test_convolution_dispatches_3d_to_conv3d():
    rs = np.random.RandomState(5)
    x = tf.constant(rs.rand(1, 4, 4, 4, 2).astype(np.float32))
    f = tf.constant(rs.rand(2, 2, 2, 2, 3).astype(np.float32))
    a = tf.nn.convolution(x, f, "SAME", strides=[2, 2, 2])
    b = tf.nn.conv3d(x, f, [1, 2, 2, 2, 1], "SAME")
    with tf.Session() as sess:
        va, vb = sess.run([a, b])
    assert va.shape == (1, 2, 2, 2, 3)
    np.testing.assert_array_equal(va, vb)


@pytest.mark.parametrize("dil", [[1, 2, 1, 1], [1, 1, 3, 1]])
def test_cpu_conv2d_backprop_dilations_fail_at_run_as_tf(dil):
    # TF 1.14 (oracle): tf.nn.conv1d / conv2d with dilations runs forward on CPU, but its
    # gradient's Conv2DBackpropInput / Conv2DBackpropFilter kernels refuse the dilation
    # (after the batch/depth checks, which win for [1, 1, 1, 2])
    x = tf.placeholder(tf.float32, [1, 10, 2])
    w = tf.constant(np.ones([2, 2, 3], np.float32))
    y = tf.nn.conv1d(x, w, stride=1, padding="VALID", dilations=2)
    gw, gx = tf.gradients(tf.reduce_sum(y), [w, x])
    f = tf.ones([2, 2, 2, 3])
    dy = tf.ones([1, 6 - dil[1], 6 - dil[2], 3])
    a = tf.nn.conv2d_backprop_input([1, 6, 6, 2], f, dy, [1, 1, 1, 1], "VALID", dilations=dil)
    b = tf.nn.conv2d_backprop_filter(tf.ones([1, 6, 6, 2]), [2, 2, 2, 3], dy, [1, 1, 1, 1],
                                     "VALID", dilations=dil)
    c = tf.nn.conv2d_backprop_input([1, 6, 6, 2], f, tf.ones([1, 5, 6, 3]), [1, 1, 1, 1],
                                    "VALID", dilations=[1, 1, 1, 2])
    with tf.Session() as s:
        assert s.run(y, {x: np.ones([1, 10, 2])}).sum() == 96.0
        for t in (gw, gx, a, b):
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="Current libxsmm and customized CPU implementations do "
                                     "not yet support dilation rates larger than 1."):
                s.run(t, {x: np.ones([1, 10, 2])})
        with pytest.raises(tf.errors.InvalidArgumentError, match="dilations in the batch and"):
            s.run(c)


def test_conv3d_dilations_refused_on_cpu_at_run_time():
    # TF 1.14's CPU Conv3D (at Compute) and Conv3DBackpropInputV2 / FilterV2 (kernel
    # constructors) refuse spatial dilations: the graph builds, the run fails (oracle)
    with tf.Graph().as_default():
        x = tf.constant(np.ones((1, 5, 5, 5, 2), np.float32))
        f = tf.constant(np.ones((2, 2, 2, 2, 3), np.float32))
        y = tf.nn.conv3d(x, f, [1] * 5, "VALID", dilations=[1, 1, 1, 2, 1])
        assert y.shape.as_list() == [1, 4, 4, 3, 3]
        dy = tf.ones([1, 3, 5, 3, 3])
        bi = tf.raw_ops.Conv3DBackpropInputV2(
            input_sizes=[1, 5, 5, 5, 2], filter=f, out_backprop=dy, strides=[1] * 5,
            padding="VALID", dilations=[1, 2, 1, 2, 1])
        bf = tf.raw_ops.Conv3DBackpropFilterV2(
            input=x, filter_sizes=[2, 2, 2, 2, 3], out_backprop=dy, strides=[1] * 5,
            padding="VALID", dilations=[1, 2, 1, 2, 1])
        with tf.Session() as s:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="CPU implementation of Conv3D currently only supports "
                                     "dilated rates of 1."):
                s.run(y)
            for t in (bi, bf):
                with pytest.raises(tf.errors.InvalidArgumentError,
                                   match="Current CPU implementation does not yet support "
                                         "dilation rates larger than 1."):
                    s.run(t)
