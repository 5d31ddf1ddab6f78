"""tf.nn ops: forward against NumPy over the shape/dtype tables, TF 1.14 goldens on extreme
inputs, gradients to second order in float64, and TF's errors."""

import numpy as np
import pytest
from optest import FLOAT_DTYPES, GRAD_UNARY_SHAPES, UNARY_SHAPES, assert_forward, run, sample

import flowgrad as tf
import goldens
from flowgrad.testing import check_grads
from flowgrad.engine.framework.input_types import unchecked

GOLD = goldens.load("nn", "nn")
SELU_ALPHA, SELU_SCALE = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946


def _run(fetches, feed=None):
    with tf.Session() as s:
        return s.run(fetches, feed)


def _softmax(x, axis=-1):
    if x.size == 0:
        return x.copy()
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _log_softmax(x, axis=-1):
    if x.size == 0:
        return x.copy()
    s = x - x.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


# -- activations: one row per op ------------------------------------------------------------------
ACTIVATIONS = [  # name, flowgrad fn, numpy reference
    ("relu", tf.nn.relu, lambda x: np.maximum(x, 0)),
    ("relu6", tf.nn.relu6, lambda x: np.clip(x, 0, 6)),
    ("elu", tf.nn.elu, lambda x: np.where(x < 0, np.expm1(x), x)),
    ("selu", tf.nn.selu, lambda x: np.where(x < 0, SELU_SCALE * SELU_ALPHA * np.expm1(x),
                                            SELU_SCALE * x)),
    ("softplus", tf.nn.softplus, lambda x: np.log1p(np.exp(x))),
    ("softsign", tf.nn.softsign, lambda x: x / (1 + np.abs(x))),
    # TF keeps alpha as a float32 attr: 0.3 is float32(0.3) even for float64 inputs.
    ("leaky_relu", lambda x: tf.nn.leaky_relu(x, 0.3),
     lambda x: np.where(x > 0, x, float(np.float32(0.3)) * x)),
    ("sigmoid", tf.nn.sigmoid, lambda x: 1 / (1 + np.exp(-x))),
    ("tanh", tf.nn.tanh, np.tanh),
]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", UNARY_SHAPES)
@pytest.mark.parametrize("name,fn,ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_forward(name, fn, ref, shape, dtype):
    x = sample(shape, dtype, low=-8, high=8)
    assert_forward(fn, lambda a: ref(a.astype(np.float64)).astype(dtype), x)


@pytest.mark.parametrize("shape", GRAD_UNARY_SHAPES)
@pytest.mark.parametrize("name,fn,ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_gradients_second_order(name, fn, ref, shape):
    x = sample(shape, np.float64, low=-3, high=8)
    x = np.where(np.abs(x) < 0.05, 0.3, x)           # keep away from kinks
    x = np.where(np.abs(x - 6) < 0.05, 5.5, x)
    check_grads(fn, [x], order=2)


def test_relu_integers_and_grad_op_types():
    assert _run(tf.nn.relu(np.array([-2, 3], np.int32))).tolist() == [0, 3]
    x = tf.constant([-1.0, 2.0])
    g = tf.gradients(tf.nn.relu(x), x)[0]
    assert g.op.type == "ReluGrad"
    gg = tf.gradients(g, x, stop_gradients=None)
    assert gg[0] is None or _run(gg[0]).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("name", ["relu", "relu6", "elu", "selu", "softplus", "softsign",
                                  "leaky_relu"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_activations_match_tf_on_extreme_inputs(name, dtype):
    x = GOLD["sig_x"].astype(dtype)
    fn = (lambda t: tf.nn.leaky_relu(t, 0.1)) if name == "leaky_relu" else getattr(tf.nn, name)
    xt = tf.constant(x)
    y = fn(xt)
    dy = tf.gradients(y, xt)[0]
    yv, dyv = _run([y, dy])
    # TF's Eigen exp/log1p lose relative accuracy far out (softplus(-30) is 0.1% off in
    # float64, 0 in float32): absolute tolerances there.
    tol = 1e-6 if dtype == "float32" else 1e-13
    assert np.all(np.isfinite(yv)) and np.all(np.isfinite(dyv))
    np.testing.assert_allclose(yv, GOLD[f"{name}_{dtype}"], rtol=tol, atol=tol)
    np.testing.assert_allclose(dyv, GOLD[f"d_{name}_{dtype}"], rtol=tol, atol=tol)


# -- softmax / log_softmax ------------------------------------------------------------------------
SOFTMAX_SHAPES = [(3,), (2, 3), (2, 0), (0, 3), (1, 4, 1), (2, 3, 4)]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", SOFTMAX_SHAPES)
def test_softmax_forward(shape, dtype):
    x = sample(shape, dtype, -5, 5)
    assert_forward(tf.nn.softmax, lambda a: _softmax(a.astype(np.float64)).astype(dtype), x)
    assert_forward(tf.nn.log_softmax, lambda a: _log_softmax(a.astype(np.float64)).astype(dtype),
                   x)


@pytest.mark.parametrize("axis", [0, 1, -2])
def test_softmax_axis_and_dim(axis):
    x = sample((2, 3, 4), np.float64)
    np.testing.assert_allclose(_run(tf.nn.softmax(x, axis=axis)), _softmax(x, axis), rtol=1e-12)
    np.testing.assert_allclose(_run(tf.nn.log_softmax(x, dim=axis)), _log_softmax(x, axis),
                               rtol=1e-12)
    check_grads(lambda t: tf.nn.softmax(t, axis=axis), [x], order=2)
    check_grads(lambda t: tf.nn.log_softmax(t, axis=axis), [x], order=2)


def test_softmax_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Dimension \(3\) must be in the "
                                                             r"range \[-2, 2\)"):
        tf.nn.softmax(tf.ones([2, 3]), axis=3)
    with pytest.raises(ValueError, match="at least rank 1"):
        tf.nn.softmax(tf.constant(1.0))
    with pytest.raises(TypeError):
        tf.nn.softmax(tf.constant([1, 2]))


@pytest.mark.parametrize("shape", [(4,), (2, 3), (2, 3, 2)])
def test_softmax_gradients(shape):
    x = sample(shape, np.float64)
    check_grads(tf.nn.softmax, [x], order=2)
    check_grads(tf.nn.log_softmax, [x], order=2)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_matches_tf_on_extreme_logits(dtype):
    lg = GOLD["xent_logits"].astype(dtype)
    s, ls = _run([tf.nn.softmax(lg), tf.nn.log_softmax(lg)])
    np.testing.assert_allclose(s, GOLD[f"softmax_{dtype}"], rtol=1e-6, atol=1e-30)
    np.testing.assert_allclose(ls, GOLD[f"log_softmax_{dtype}"], rtol=1e-6)


# -- softmax cross-entropy --------------------------------------------------------------------
def _dist(shape, seed=0):
    p = np.random.RandomState(seed).rand(*shape) + 0.1
    return p / p.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", [(2, 3), (1, 1), (0, 3), (2, 3, 4), (5,)])
def test_softmax_xent_forward(shape, dtype):
    logits = sample(shape, dtype, -4, 4)
    labels = _dist(shape).astype(dtype)

    def ref(lb, lg):
        return -(lb.astype(np.float64) * _log_softmax(lg.astype(np.float64))).sum(-1).astype(
            dtype)
    assert_forward(lambda lb, lg: tf.nn.softmax_cross_entropy_with_logits_v2(labels=lb,
                                                                             logits=lg),
                   ref, labels, logits)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_xent_matches_tf_on_extreme_logits(dtype):
    lg = tf.constant(GOLD["xent_logits"].astype(dtype))
    lb = tf.constant(GOLD["xent_labels"].astype(dtype))
    dloss = tf.constant(np.array([1.0, -2.0, 0.5, 3.0], dtype=dtype))
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lb, logits=lg)
    # As TF 1.14: the fused op inside TF's flatten/reshape composite.
    assert loss.op.type == "Reshape"
    assert loss.name == "softmax_cross_entropy_with_logits/Reshape_2:0"
    assert loss.op.inputs[0].op.name == "softmax_cross_entropy_with_logits"
    d_logits, d_labels = tf.gradients(loss, [lg, lb], dloss)
    sp = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=GOLD["xent_sparse_labels"],
                                                        logits=lg)
    d_sp = tf.gradients(sp, lg, dloss)[0]
    got = _run([loss, d_logits, d_labels, sp, d_sp])
    rtol = 1e-6 if dtype == "float32" else 1e-13
    for v, key in zip(got, ["xent", "xent_dlogits", "xent_dlabels", "sparse",
                            "sparse_dlogits"]):
        assert np.all(np.isfinite(v)), key
        np.testing.assert_allclose(v, GOLD[f"{key}_{dtype}"], rtol=rtol, atol=1e-30, err_msg=key)


def test_softmax_xent_axis_and_v1_stops_label_gradient():
    logits = sample((3, 4), np.float64)
    labels = _dist((4, 3)).T.copy()       # distributions along axis 0
    got = _run(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=0))
    np.testing.assert_allclose(got, -(labels * _log_softmax(logits, 0)).sum(0), rtol=1e-12)
    lb = tf.constant(_dist((3, 4)))
    lg = tf.constant(logits)
    v1 = tf.nn.softmax_cross_entropy_with_logits(labels=lb, logits=lg)
    assert tf.gradients(v1, lb)[0] is None
    assert tf.gradients(v1, lg)[0] is not None
    got = _run(tf.nn.softmax_cross_entropy_with_logits(labels=lb, logits=lg, dim=0))
    np.testing.assert_allclose(got, -(_dist((3, 4)) * _log_softmax(logits, 0)).sum(0),
                               rtol=1e-12)


@pytest.mark.parametrize("shape", [(2, 3), (2, 2, 3)])
def test_softmax_xent_gradients_second_order(shape):
    """Labels are distributions (TF's backprop assumes they sum to one)."""
    check_grads(lambda lb, lg: tf.nn.softmax_cross_entropy_with_logits_v2(labels=lb, logits=lg),
                [_dist(shape), sample(shape, np.float64)], order=2, wrt=[1])
    check_grads(lambda lb, lg: tf.nn.softmax_cross_entropy_with_logits_v2(labels=lb, logits=lg),
                [_dist(shape), sample(shape, np.float64)], order=2)


def test_softmax_xent_errors():
    x = tf.placeholder(tf.float32, [2, 4])
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 4 and 3 for "
                                         r"'softmax_cross_entropy_with_logits' \(op: "
                                         r"'SoftmaxCrossEntropyWithLogits'\)"):
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.placeholder(tf.float32, [2, 3]),
                                                   logits=x)
    with pytest.raises(ValueError, match="incompatible"):
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.ones([2, 3, 3]),
                                                   logits=tf.ones([2, 3, 4]))
    with pytest.raises(ValueError, match="named arguments"):  # v1 only: TF's v2 takes them
        tf.nn.softmax_cross_entropy_with_logits(x, x)
    assert "SoftmaxCrossEntropyWithLogits" not in [
        op.type for op in tf.get_default_graph().get_operations()]


# -- sparse softmax cross-entropy ------------------------------------------------------------
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", [(3, 4), (1, 1), (0, 3), (2, 3, 4)])
def test_sparse_xent_forward(shape, dtype):
    logits = sample(shape, dtype, -4, 4)
    labels = np.random.RandomState(0).randint(0, shape[-1], size=shape[:-1]).astype(np.int32)

    def ref(lb, lg):
        ls = _log_softmax(lg.astype(np.float64))
        return -np.take_along_axis(ls, lb[..., None].astype(np.int64), -1)[..., 0].astype(dtype)
    assert_forward(lambda lb, lg: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=lb, logits=lg), ref, labels, logits)


@pytest.mark.parametrize("shape", [(3, 4), (2, 2, 3)])
def test_sparse_xent_gradients_second_order(shape):
    labels = np.random.RandomState(1).randint(0, shape[-1], size=shape[:-1])
    check_grads(lambda lg: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                          logits=lg),
                [sample(shape, np.float64)], order=2)


def test_sparse_xent_errors():
    x = tf.placeholder(tf.float32, [2, 4])
    with pytest.raises(ValueError, match=r"Shape mismatch: The shape of labels \(received "
                                         r"\(3,\)\) should equal the shape of logits except"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.placeholder(tf.int32, [3]), logits=x)
    with pytest.raises(ValueError, match="Rank mismatch: Rank of labels"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.placeholder(tf.int32, [2, 1]), logits=x)
    with pytest.raises(ValueError, match="Logits cannot be scalars"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(1),
                                                       logits=tf.constant(1.0))
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=np.array([0, 4], np.int32),
                                                          logits=np.zeros((2, 4), np.float32))
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Received a label value of 4 which is outside the valid range "
                             r"of \[0, 4\)"):
        _run(loss)


# -- sigmoid / weighted cross-entropy ---------------------------------------------------------
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sigmoid_xent_matches_tf_on_large_logits(dtype):
    x = tf.constant(GOLD["sig_x"].astype(dtype))
    z = tf.constant(GOLD["sig_z"].astype(dtype))
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)
    w = tf.nn.weighted_cross_entropy_with_logits(targets=z, logits=x, pos_weight=3.0)
    assert loss.name == "logistic_loss:0"
    gx, gz = tf.gradients(loss, [x, z])
    gw = tf.gradients(w, x)[0]
    got = _run([loss, w, gx, gz, gw])
    rtol = 1e-6 if dtype == "float32" else 1e-13
    for v, key in zip(got, ["sigxent", "wxent", "sigxent_dx", "sigxent_dz", "wxent_dx"]):
        assert np.all(np.isfinite(v)), key
        np.testing.assert_allclose(v, GOLD[f"{key}_{dtype}"], rtol=rtol, atol=1e-30, err_msg=key)


@pytest.mark.parametrize("shape", [(), (3,), (2, 3)])
def test_sigmoid_and_weighted_xent_gradients(shape):
    z = sample(shape, np.float64, 0, 1)
    x = sample(shape, np.float64, -3, 3)
    check_grads(lambda a, b: tf.nn.sigmoid_cross_entropy_with_logits(labels=a, logits=b), [z, x],
                order=2)
    check_grads(lambda a, b: tf.nn.weighted_cross_entropy_with_logits(a, b, 2.5), [z, x],
                order=2)


def test_sigmoid_xent_shape_error():
    with pytest.raises(ValueError, match=r"logits and labels must have the same shape"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2, 3]), logits=tf.ones([2, 4]))


# -- bias_add -------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", FLOAT_DTYPES + [np.int32])
@pytest.mark.parametrize("shape", [(2, 3), (0, 3), (2, 1, 3), (2, 2, 2, 3)])
def test_bias_add_forward(shape, dtype):
    x = sample(shape, dtype)
    b = sample((shape[-1],), dtype, seed=3)
    assert_forward(tf.nn.bias_add, lambda a, c: a + c, x, b)


@pytest.mark.parametrize("shape", [(3, 4, 5), (2, 3, 4, 5, 2)])
def test_bias_add_nchw_channel_is_dimension_one(shape):
    x = sample(shape, np.float64)
    b = sample((shape[1],), np.float64, seed=2)
    want = x + b.reshape((-1,) + (1,) * (len(shape) - 2))
    np.testing.assert_allclose(_run(tf.nn.bias_add(x, b, data_format="NCHW")), want)
    check_grads(lambda a, c: tf.nn.bias_add(a, c, data_format="NCHW"), [x, b], order=2)
    with pytest.raises(ValueError, match="Shape must be at least rank 3 but is rank 2"):
        tf.nn.bias_add(tf.zeros([3, 4]), tf.zeros([4]), data_format="NCHW")


def test_bias_add_nchw_and_grads():
    x = sample((2, 3, 2, 2), np.float64)
    b = sample((3,), np.float64, seed=1)
    np.testing.assert_allclose(_run(tf.nn.bias_add(x, b, data_format="NCHW")),
                               x + b[:, None, None], rtol=1e-15)
    check_grads(lambda a, c: tf.nn.bias_add(a, c, data_format="NCHW"), [x, b], order=2)
    check_grads(tf.nn.bias_add, [sample((2, 4), np.float64), sample((4,), np.float64)], order=2)
    xt, bt = tf.constant(x), tf.constant(b)
    assert tf.gradients(tf.nn.bias_add(xt, bt, "NCHW"), bt)[0].op.type == "BiasAddGrad"


def test_bias_add_errors():
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 4 for "
                                         r"'BiasAdd'"):
        tf.nn.bias_add(tf.ones([2, 3]), tf.ones([4]))
    with pytest.raises(ValueError, match=r"Shape must be at least rank 2 but is rank 1 for "
                                         r"'BiasAdd_1'"):
        tf.nn.bias_add(tf.ones([2]), tf.ones([2]))
    with pytest.raises(ValueError, match="data_format"):
        tf.nn.bias_add(tf.ones([2, 2]), tf.ones([2]), data_format="NWHC")


# -- l2_loss, l2_normalize, moments, batch_normalization --------------------------------------
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", UNARY_SHAPES)
def test_l2_loss(shape, dtype):
    x = sample(shape, dtype)
    assert_forward(tf.nn.l2_loss, lambda a: np.asarray((a.astype(np.float64) ** 2).sum() / 2,
                                                       dtype), x, rtol=1e-5)


@pytest.mark.parametrize("shape", GRAD_UNARY_SHAPES)
def test_l2_loss_and_normalize_gradients(shape):
    x = sample(shape, np.float64)
    check_grads(tf.nn.l2_loss, [x], order=2)
    check_grads(lambda t: tf.nn.l2_normalize(t, axis=None), [x], order=2)


def test_l2_normalize_forward():
    x = sample((3, 4), np.float64)
    np.testing.assert_allclose(_run(tf.nn.l2_normalize(x, 1)),
                               x / np.sqrt((x * x).sum(1, keepdims=True)), rtol=1e-12)
    np.testing.assert_allclose(_run(tf.nn.l2_normalize(x, dim=0)),
                               x / np.sqrt((x * x).sum(0, keepdims=True)), rtol=1e-12)
    assert _run(tf.nn.l2_normalize(np.zeros(3), 0)).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("axes,keep", [([0], False), ([0, 1], True), ([1, 2], False)])
def test_moments(axes, keep):
    x = sample((2, 3, 4), np.float64)
    mean, var = _run(list(tf.nn.moments(tf.constant(x), axes, keep_dims=keep)))
    np.testing.assert_allclose(mean, x.mean(tuple(axes), keepdims=keep), rtol=1e-12)
    np.testing.assert_allclose(var, x.var(tuple(axes), keepdims=keep), rtol=1e-12)
    # First order only: TF stops the mean's gradient inside the variance, which is exact
    # for first derivatives but not for second ones.
    check_grads(lambda t: list(tf.nn.moments(t, axes, keepdims=keep)), [x], order=1)


def test_batch_normalization():
    x = sample((4, 3), np.float64)
    m, v, o, s = (sample((3,), np.float64, seed=i) for i in range(4))
    v = np.abs(v) + 0.5
    got = _run(tf.nn.batch_normalization(x, m, v, o, s, 1e-3))
    np.testing.assert_allclose(got, (x - m) / np.sqrt(v + 1e-3) * s + o, rtol=1e-12)
    got = _run(tf.nn.batch_normalization(x, m, v, None, None, 1e-3))
    np.testing.assert_allclose(got, (x - m) / np.sqrt(v + 1e-3), rtol=1e-12)
    check_grads(lambda *a: tf.nn.batch_normalization(*a, 1e-3), [x, m, v, o, s], order=2)


# -- fused_batch_norm ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("training", [True, False])
def test_fused_batch_norm_matches_tf(training, fmt):
    tag = "train" if training else "infer"
    cv = (lambda a: a) if fmt == "NHWC" else (lambda a: np.ascontiguousarray(
        a.transpose(0, 3, 1, 2)))
    x = tf.constant(cv(GOLD["bn_x"]))
    s, o = tf.constant(GOLD["bn_scale"]), tf.constant(GOLD["bn_offset"])
    kw = {} if training else {"mean": GOLD["bn_mean"], "variance": GOLD["bn_var"]}
    y, m, v = tf.nn.fused_batch_norm(x, s, o, epsilon=1e-3, is_training=training,
                                     data_format=fmt, **kw)
    assert y.op.type == "FusedBatchNorm"
    dx, ds, do = tf.gradients(y, [x, s, o], tf.constant(cv(GOLD["bn_dy"])))
    if not training and fmt == "NCHW":
        # TF's inference gradient runs in NHWC: x and dy transposed there, dx back
        assert dx.op.type == "Transpose"
        dx_nhwc = dx.op.inputs[0]
        assert dx_nhwc.op.type == "FusedBatchNormGrad"
        assert dx_nhwc.op.get_attr("data_format") == b"NHWC"
        assert [t.op.type for t in dx_nhwc.op.inputs[:2]] == ["Transpose", "Transpose"]
    else:
        assert dx.op.type == "FusedBatchNormGrad"
    got = _run([y, m, v, dx, ds, do])
    for val, key in zip(got, ["y", "mean", "var", "dx", "dscale", "doffset"]):
        if not training and key in ("mean", "var"):
            # TF 1.14's CPU kernel leaves these uninitialized in inference; we return the
            # population statistics.
            np.testing.assert_array_equal(val, GOLD["bn_" + key])
            continue
        want = GOLD[f"bn_{tag}_{key}"]
        if key in ("y", "dx"):
            want = cv(want)
        np.testing.assert_allclose(val, want, rtol=2e-4, atol=2e-4, err_msg=key)


@pytest.mark.parametrize("op_type", ["FusedBatchNorm", "FusedBatchNormV2"])
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
@pytest.mark.parametrize("training", [True, False])
def test_fused_batch_norm_second_order(training, fmt, op_type):
    rng = np.random.RandomState(7)
    x = rng.randn(2, 3, 2, 3)
    pop = {} if training else {"mean": np.array([0.1, -0.2, 0.3]),
                               "variance": np.array([0.5, 1.5, 2.0])}
    # tf.nn.fused_batch_norm takes float32 only, as TF 1.14; the numeric check needs
    # float64: the FusedBatchNorm op itself
    attrs = {"epsilon": 0.001, "data_format": fmt, "is_training": training}

    def f(a, s, o):
        stats = [tf.constant(pop.get(k, np.zeros(0))) for k in ("mean", "variance")]
        return tf.get_default_graph().create_op(op_type, [a, s, o] + stats,
                                                attrs=attrs).outputs[0]
    with unchecked():   # (its gradient ops are float64 too)
        check_grads(f, [x if fmt == "NHWC" else x.transpose(0, 3, 1, 2), rng.rand(3) + 0.5,
                        rng.randn(3)], order=2)


def test_fused_batch_norm_errors():
    x = tf.placeholder(tf.float32, [2, 3, 3, 4])
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 4 and 0"):
        tf.nn.fused_batch_norm(x, tf.ones([4]), tf.zeros([4]), is_training=False)
    with pytest.raises(ValueError, match="rank 4"):
        tf.nn.fused_batch_norm(tf.ones([2, 4]), tf.ones([4]), tf.zeros([4]))
    with pytest.raises(ValueError, match="data_format"):
        tf.nn.fused_batch_norm(x, tf.ones([4]), tf.zeros([4]), data_format="NWHC")
    with pytest.raises(TypeError, match="DataType float64 not in list of allowed values: "
                                        "float32$"):
        tf.nn.fused_batch_norm(tf.zeros([1, 2, 2, 3], tf.float64), tf.ones([3], tf.float64),
                               tf.zeros([3], tf.float64))


# -- embedding_lookup ---------------------------------------------------------------------------
def test_embedding_lookup_single_and_indexed_slices_gradient():
    p = sample((5, 3), np.float64)
    ids = np.array([[4, 0], [2, 2]], dtype=np.int32)
    pt = tf.constant(p)
    y = tf.nn.embedding_lookup(pt, ids)
    assert y.shape.as_list() == [2, 2, 3]
    assert y.name == "embedding_lookup/Identity:0"
    np.testing.assert_array_equal(_run(y), p[ids])
    g = tf.gradients(y, pt)[0]
    assert isinstance(g, tf.IndexedSlices)
    gv = _run(g)
    dense = np.zeros_like(p)
    np.add.at(dense, gv.indices, gv.values)
    np.testing.assert_array_equal(dense, np.bincount(ids.ravel(), minlength=5)[:, None]
                                  * np.ones(3))
    check_grads(lambda t: tf.nn.embedding_lookup(t, ids), [p], order=2)


@pytest.mark.parametrize("strategy", ["mod", "div"])
def test_embedding_lookup_sharded(strategy):
    full = sample((7, 2), np.float64)
    if strategy == "mod":
        shards = [full[0::3], full[1::3], full[2::3]]
    else:
        shards = [full[0:3], full[3:5], full[5:7]]
    ids = np.array([6, 0, 3, 1, 5, 2, 4], dtype=np.int64)
    y = tf.nn.embedding_lookup([tf.constant(s) for s in shards], ids,
                               partition_strategy=strategy)
    np.testing.assert_array_equal(_run(y), full[ids])
    check_grads(lambda *ps: tf.nn.embedding_lookup(list(ps), ids, partition_strategy=strategy),
                shards, order=2)


def test_embedding_lookup_errors():
    with pytest.raises(ValueError, match="Need at least one param"):
        tf.nn.embedding_lookup([], [0])
    with pytest.raises(ValueError, match="Unrecognized partition strategy"):
        tf.nn.embedding_lookup([tf.ones([2, 2]), tf.ones([2, 2])], [0], partition_strategy="x")


# -- top_k / in_top_k ---------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32])
@pytest.mark.parametrize("shape,k", [((5,), 3), ((2, 6), 1), ((2, 3, 4), 4), ((0, 3), 2),
                                     ((3, 4), 0)])
def test_top_k(shape, k, dtype):
    x = (sample(shape, np.float64, -3, 3) * 2).round().astype(dtype)   # with ties
    values, indices = _run(list(tf.nn.top_k(x, k)))
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
    np.testing.assert_array_equal(indices, order)
    np.testing.assert_array_equal(values, np.take_along_axis(x, order, -1))
    assert indices.dtype == np.int32 and values.dtype == dtype


def test_top_k_gradient_and_errors():
    x = sample((2, 5), np.float64)
    res = tf.nn.top_k(tf.constant(x), 2)
    assert res.values.op.type == "TopKV2" and res.indices.dtype == tf.int32
    check_grads(lambda t: tf.nn.top_k(t, 3).values, [x], order=2)
    with pytest.raises(ValueError, match="input must have last dimension >= k = 4 but is 3"):
        tf.nn.top_k(tf.ones([2, 3]), 4)
    with pytest.raises(ValueError, match="at least rank 1"):
        tf.nn.top_k(tf.constant(1.0), 1)


def test_in_top_k():
    p = np.array([[0.1, 0.5, 0.5, 0.2], [0.3, np.nan, 0.1, 0.2], [0.9, 0.8, 0.7, np.inf],
                  [0.4, 0.1, 0.3, 0.2]], dtype=np.float32)
    t = np.array([2, 0, 1, 0], dtype=np.int32)
    np.testing.assert_array_equal(_run(tf.nn.in_top_k(p, t, 1)), [True, False, False, True])
    np.testing.assert_array_equal(_run(tf.nn.in_top_k(p, t, 3)), [True, False, False, True])
    # a target outside [0, num_classes) is not in the top k (TF 1.14: no error)
    np.testing.assert_array_equal(_run(tf.nn.in_top_k(p, np.array([0, -1, 0, 4], np.int32), 1)),
                                  [False, False, False, False])
    np.testing.assert_array_equal(_run(tf.nn.in_top_k(p, np.array([1, -1, 3, 0], np.int32), 2)),
                                  [True, False, False, True])
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.nn.in_top_k(p, np.array([0, 1], np.int32), 1)


# -- dropout ------------------------------------------------------------------------------------
def test_dropout_scaling_and_rate():
    x = np.ones((200, 50), np.float32)
    y = tf.nn.dropout(x, rate=0.25, seed=3)
    v = _run(y)
    assert set(np.unique(v).tolist()) <= {0.0, np.float32(1 / 0.75)}
    assert abs((v == 0).mean() - 0.25) < 0.02
    assert y.name == "dropout/mul_1:0"
    v2 = _run(tf.nn.dropout(x, keep_prob=0.8, seed=3))
    assert abs((v2 == 0).mean() - 0.2) < 0.02


def test_dropout_noise_shape_seed_and_grad():
    x = np.ones((6, 40), np.float64)
    v = _run(tf.nn.dropout(x, rate=0.5, noise_shape=[6, 1], seed=1))
    assert np.all(v == v[:, :1])                      # one mask value per row
    tf.set_random_seed(5)
    a = tf.nn.dropout(x, rate=0.5, seed=2)
    with tf.Session() as s1:
        r1 = s1.run(a)
    with tf.Session() as s2:
        r2 = s2.run(a)
    np.testing.assert_array_equal(r1, r2)
    xt = tf.constant(x)
    y = tf.nn.dropout(xt, rate=0.5, seed=2)
    g = tf.gradients(y, xt)[0]
    yv, gv = _run([y, g])
    np.testing.assert_array_equal(gv, yv)                # y = x * mask / keep, x = 1
    assert tf.nn.dropout(xt, rate=0.0) is xt


def test_dropout_errors():
    with pytest.raises(ValueError, match=r"rate must be a scalar tensor or a float in the range "
                                         r"\[0, 1\), got 1"):
        tf.nn.dropout(tf.ones([2]), rate=1.0)
    # TF 1.14 checks the rate 1 - keep_prob (tests/golden/errors9/gen_user_errors.py)
    with pytest.raises(ValueError, match=r"rate must be a scalar tensor or a float in the range "
                                         r"\[0, 1\), got 1$"):
        tf.nn.dropout(tf.ones([2]), keep_prob=0.0)
    with pytest.raises(ValueError, match="x has to be a floating point tensor"):
        tf.nn.dropout(tf.ones([2], tf.int32), rate=0.5)


def test_dropout_keep_prob_and_rate_both_given():
    # TF 1.14 converts keep_prob (1. - keep_prob: a Tensor's `sub/x`, `sub` stay in the graph)
    # before deprecated_argument_lookup("rate", rate, "keep_prob", keep) names the old argument
    # first, without a full stop (checked with the TF 1.14 oracle)
    g = tf.Graph()
    with g.as_default():
        x = tf.ones([3])
        keep = tf.placeholder(tf.float32, [])
        with pytest.raises(ValueError, match=r"^keep_prob must be a floating point number or "
                                             r"Tensor \(got 'a'\)$"):
            tf.nn.dropout(x, keep_prob="a", rate=0.5)
        n = len(g.get_operations())
        with pytest.raises(ValueError, match=r"^Cannot specify both 'keep_prob' and 'rate'$"):
            tf.nn.dropout(x, keep_prob=keep, rate=0.5)
        assert [op.name for op in g.get_operations()[n:]] == ["sub/x", "sub"]
        n = len(g.get_operations())
        with pytest.raises(ValueError, match=r"^Cannot specify both 'keep_prob' and 'rate'$"):
            tf.nn.dropout(x, keep_prob=0.5, rate=0.5)
        with pytest.raises(ValueError, match=r"^You must provide a rate to dropout\.$"):
            tf.nn.dropout(x)
        assert len(g.get_operations()) == n


def test_run_helper_roundtrip():
    assert run(tf.nn.relu, np.array([-1.0, 1.0])).tolist() == [0.0, 1.0]


# -- LRN, max_pool_with_argmax, small composites (TF 1.14 goldens) -----------------------------
def test_lrn_matches_tf_and_lrn_grad_has_no_gradient():
    x = tf.constant(GOLD["lrn_x"])
    y = tf.nn.lrn(x, depth_radius=2, bias=1.5, alpha=0.3, beta=0.75)
    assert y.op.type == "LRN"
    dx = tf.gradients(y, x, tf.constant(GOLD["lrn_dy"]))[0]
    yv, dxv = _run([y, dx])
    np.testing.assert_allclose(yv, GOLD["lrn_y"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dxv, GOLD["lrn_dx"], rtol=1e-4, atol=1e-5)
    # tf.nn.lrn rejects float64 as TF does; the numeric check needs it: the LRN op itself
    x64 = np.random.RandomState(8).randn(1, 2, 2, 5)
    attrs = {"depth_radius": 1, "bias": 2.0, "alpha": 0.5, "beta": 0.6}
    with unchecked():   # (its gradient op is float64 too)
        check_grads(lambda t: tf.get_default_graph().create_op("LRN", [t],
                                                               attrs=attrs).outputs[0],
                    [x64], order=1)
    with pytest.raises(LookupError, match=r"No gradient defined for operation "
                       r"'gradients/LRN_grad/LRNGrad' \(op type: LRNGrad\)"):
        tf.gradients(dx, x)
    with pytest.raises(TypeError, match="float64 not in list of allowed values: float16"):
        tf.nn.lrn(tf.constant(x64))
    # a NumPy value is converted as TF's wrapper does: float32 first (LRN/input)
    assert tf.nn.lrn(x64).op.inputs[0].dtype == tf.float32


def test_max_pool_with_argmax_matches_tf():
    x = tf.constant(GOLD["argmax_x"])
    y, idx = tf.nn.max_pool_with_argmax(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME")
    assert idx.dtype == tf.int64
    yv, iv = _run([y, idx])
    np.testing.assert_array_equal(yv, GOLD["argmax_y"])
    np.testing.assert_array_equal(iv, GOLD["argmax_idx"])
    xb = np.random.RandomState(9).randn(2, 5, 5, 2)
    check_grads(lambda t: tf.nn.max_pool_with_argmax(t, [1, 3, 3, 1], [1, 2, 2, 1], "SAME")[0],
                [xb], order=2)
    _, ib = _run(list(tf.nn.max_pool_with_argmax(xb, [1, 2, 2, 1], [1, 2, 2, 1], "VALID",
                                                 include_batch_in_index=True)))
    yb = _run(tf.nn.max_pool(tf.constant(xb), [1, 2, 2, 1], [1, 2, 2, 1], "VALID"))
    np.testing.assert_array_equal(xb.ravel()[ib], yb)


def test_small_composites_match_tf():
    x, w, b = GOLD["ex_x"], GOLD["ex_w"], GOLD["ex_b"]
    cnt, mss, vss, sh = tf.nn.sufficient_statistics(tf.constant(x), [0],
                                                    shift=tf.constant(0.5, tf.float64))
    nm, nv = tf.nn.normalize_moments(cnt, mss, vss, sh)
    wm, wv = tf.nn.weighted_moments(tf.constant(x), [1], tf.constant(GOLD["ex_fw"]))
    got = _run([tf.nn.xw_plus_b(x, w, b), tf.nn.relu_layer(x, w, b),
                tf.nn.zero_fraction(GOLD["ex_xz"]), tf.nn.crelu(x), tf.nn.swish(x), nm, nv, wm,
                wv, tf.nn.log_poisson_loss(GOLD["ex_tg"], GOLD["ex_li"]),
                tf.nn.log_poisson_loss(GOLD["ex_tg"], GOLD["ex_li"], True),
                tf.nn.separable_conv2d(GOLD["ex_xs"], GOLD["ex_dwf"], GOLD["ex_pwf"],
                                       [1, 1, 1, 1], "SAME"),
                tf.nn.atrous_conv2d(GOLD["ex_xs"], GOLD["ex_af"], 2, "SAME")])
    keys = ["xw_plus_b", "relu_layer", "zero_fraction", "crelu", "swish", "norm_mean",
            "norm_var", "wmean", "wvar", "poisson", "poisson_full", "separable", "atrous"]
    for v, k in zip(got, keys):
        want = GOLD["ex_" + k]
        assert np.shape(v) == want.shape, k
        np.testing.assert_allclose(v, want, rtol=1e-6, atol=1e-12, err_msg=k)


def test_composite_gradients():
    rng = np.random.RandomState(10)
    x, w, b = rng.randn(3, 4), rng.randn(4, 2), rng.randn(2)
    check_grads(tf.nn.xw_plus_b, [x, w, b], order=2)
    check_grads(lambda t: tf.nn.crelu(t), [np.where(np.abs(x) < 0.1, 0.5, x)], order=2)
    check_grads(tf.nn.swish, [x], order=1)   # (a Defun: no second order, as TF 1.14)
    check_grads(lambda t, f: list(tf.nn.weighted_moments(t, [1], f)), [x, rng.rand(3, 4)],
                order=1)
    check_grads(lambda t, li: tf.nn.log_poisson_loss(t, li, True), [rng.rand(5) * 3,
                                                                    rng.randn(5)], order=2)
    check_grads(lambda a, d, p: tf.nn.separable_conv2d(a, d, p, [1, 1, 1, 1], "SAME"),
                [rng.randn(1, 4, 4, 2), rng.randn(3, 3, 2, 2), rng.randn(1, 1, 4, 3)], order=2)


def test_namespace_exports_tf_names():
    for name in ["relu", "relu6", "elu", "selu", "softplus", "softsign", "leaky_relu", "sigmoid",
                 "tanh", "softmax", "log_softmax", "bias_add", "dropout",
                 "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
                 "sparse_softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits",
                 "weighted_cross_entropy_with_logits", "l2_loss", "l2_normalize", "moments",
                 "batch_normalization", "fused_batch_norm", "embedding_lookup", "top_k",
                 "in_top_k", "conv2d", "conv1d", "depthwise_conv2d", "depthwise_conv2d_native",
                 "conv2d_transpose", "max_pool", "avg_pool", "conv2d_backprop_input",
                 "conv2d_backprop_filter", "lrn", "max_pool_with_argmax", "xw_plus_b"]:
        assert callable(getattr(tf.nn, name)), name


def test_dropout_with_fed_keep_prob():
    keep = tf.placeholder(tf.float32)
    y = tf.nn.dropout(np.ones((100, 100), np.float32), keep, seed=4)
    with tf.Session() as s:
        full = s.run(y, {keep: 1.0})
        half = s.run(y, {keep: 0.5})
    np.testing.assert_array_equal(full, np.ones((100, 100)))
    assert set(np.unique(half).tolist()) == {0.0, 2.0}
    assert abs((half == 0).mean() - 0.5) < 0.03


# -- sampled losses ---------------------------------------------------------------------------
@pytest.mark.parametrize("hits", ["nohits", "hits"])
def test_sampled_losses_match_tf_with_given_samples(hits):
    w, b, i = (tf.constant(GOLD[k]) for k in ("samp_w", "samp_b", "samp_inputs"))
    labels = tf.constant(GOLD["samp_labels"])
    sv = (tf.constant(GOLD["samp_sampled"]), tf.constant(GOLD["samp_true_exp"]),
          tf.constant(GOLD["samp_sampled_exp"]))
    remove = hits == "hits"
    nce = tf.nn.nce_loss(w, b, labels, i, 5, 20, num_true=2, sampled_values=sv,
                         remove_accidental_hits=remove)
    ssm = tf.nn.sampled_softmax_loss(w, b, labels, i, 5, 20, num_true=2, sampled_values=sv,
                                     remove_accidental_hits=remove)
    grads = [tf.convert_to_tensor(g) for g in tf.gradients(nce + ssm, [w, b, i])]
    got = _run([nce, ssm] + grads)
    for v, k in zip(got, ["nce", "ssm", "dw", "db", "di"]):
        np.testing.assert_allclose(v, GOLD[f"samp_{hits}_{k}"], rtol=1e-10, atol=1e-12,
                                   err_msg=k)


def test_candidate_samplers():
    true = np.array([[1], [50]], dtype=np.int64)
    s, t, e = tf.nn.log_uniform_candidate_sampler(true, 1, 40, True, 1000, seed=3)
    assert s.dtype == tf.int64 and t.dtype == tf.float32 and t.shape.as_list() == [2, 1]
    sv, _, ev = _run([s, t, e])
    assert len(set(sv.tolist())) == 40 and sv.min() >= 0 and sv.max() < 1000
    p = np.log((sv + 2.0) / (sv + 1.0)) / np.log(1001.0)
    assert np.all(ev >= p * 0.999)               # several tries: expected counts above p
    draws = _run(tf.random.log_uniform_candidate_sampler(true, 1, 20000, False, 10,
                                                         seed=4)[0])
    p10 = np.log((np.arange(10) + 2.0) / (np.arange(10) + 1.0)) / np.log(11.0)
    np.testing.assert_allclose(np.bincount(draws, minlength=10) / 20000, p10, atol=0.01)
    _, ut, ue = _run(list(tf.nn.uniform_candidate_sampler(true, 1, 5, False, 10, seed=1)))
    np.testing.assert_allclose(ut, np.full((2, 1), 0.5))
    np.testing.assert_allclose(ue, np.full(5, 0.5))
    with pytest.raises(tf.errors.InvalidArgumentError, match="range is too small"):
        _run(tf.nn.uniform_candidate_sampler(true, 1, 11, True, 10)[0])


def test_nce_training_reduces_loss():
    rng = np.random.RandomState(12)
    tf.set_random_seed(1)
    # float32, as TF 1.14 (its float64 nce_loss raises: the expected counts are float32)
    emb = tf.Variable((rng.randn(30, 8) * 0.1).astype(np.float32))
    w = tf.Variable((rng.randn(30, 8) * 0.1).astype(np.float32))
    b = tf.Variable(np.zeros(30, np.float32))
    ids = rng.randint(0, 30, size=64)
    ctx = ((ids + 1) % 30).reshape(-1, 1)
    x = tf.nn.embedding_lookup(emb, ids)
    loss = tf.reduce_mean(tf.nn.nce_loss(w, b, ctx, x, num_sampled=5, num_classes=30))
    step = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        first = np.mean([s.run(loss) for _ in range(5)])
        for _ in range(150):
            s.run(step)
        last = np.mean([s.run(loss) for _ in range(5)])
    assert last < 0.5 * first


def test_batch_norm_with_global_normalization_matches_tf():
    y = tf.nn.batch_norm_with_global_normalization(
        GOLD["bg_x"], np.array([0.1, 0.2, 0.3]), np.array([1.0, 2.0, 0.5]),
        np.array([0.0, 1.0, -1.0]), np.array([2.0, 1.0, 3.0]), 1e-3, True)
    np.testing.assert_allclose(_run(y), GOLD["bg_y"], rtol=1e-12)


def test_embedding_lookup_max_norm():
    """Values from TF 1.14 for this input."""
    p = np.arange(12, dtype=np.float64).reshape(4, 3)
    ids = np.array([[0, 3], [2, 2]])
    want = np.array([[[0.0, 1.0, 2.0], [2.58945902, 2.87717669, 3.16489436]],
                     [[2.45769576, 2.86731172, 3.27692768], [2.45769576, 2.86731172, 3.27692768]]])
    got = _run([tf.nn.embedding_lookup(tf.constant(p), ids, max_norm=5.0),
                tf.nn.embedding_lookup([tf.constant(p[:2]), tf.constant(p[2:])], ids,
                                       max_norm=5.0, partition_strategy="div")])
    for v in got:
        np.testing.assert_allclose(v, want, rtol=1e-8)
    check_grads(lambda t: tf.nn.embedding_lookup(t, ids, max_norm=5.0), [p + 0.5], order=2)


def test_compute_accidental_hits_matches_tf():
    tc = np.array([[1, 7], [3, 3], [19, 0], [5, 5]], dtype=np.int64)
    sc = np.array([7, 2, 11, 0, 5, 7, 3], dtype=np.int64)
    idx, ids, w = _run(list(tf.nn.compute_accidental_hits(tc, sc, 2)))
    assert idx.tolist() == [0, 1, 1, 2, 3, 3]          # TF 1.14's answer
    assert ids.tolist() == [5, 6, 6, 3, 4, 4]
    np.testing.assert_array_equal(w, np.full(6, -np.finfo(np.float32).max, np.float32))
    idx, ids, w = _run(list(tf.nn.compute_accidental_hits(tc, np.array([8, 9]), 2)))
    assert idx.size == 0 and ids.size == 0 and w.size == 0
