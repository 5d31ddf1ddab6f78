"""The XLA backend (engine/runtime/xla, the `xla` extra): results equal to the NumPy
backend, the design note's examples, variables, background switch-over, the switches.

Run with `pytest -m xla` (needs jax; excluded by default). Tolerances: float32 rtol 2e-5
(atol 1e-6), float64 rtol 1e-11 (atol 1e-13): XLA's tanh/exp/log are a few ulps from
NumPy's; everything else is the same arithmetic.
"""
import os

import numpy as np
import pytest

import op_samples

pytest.importorskip("jax")
pytestmark = pytest.mark.xla

import flowgrad as tf  # noqa: E402
from flowgrad.engine.runtime.xla import cluster, lowering, switch  # noqa: E402

TOL = {"float32": (2e-5, 1e-6), "float64": (1e-11, 1e-13), "complex64": (2e-5, 1e-6),
       "complex128": (1e-11, 1e-13)}
# An SVD's second-order gradient divides by differences of squared singular values: the
# NumPy backend's small batch products add in Eigen's order (ops/eigen_bmm.py), XLA's dot
# in its own, and the float32 results end up 2e-6 of their scale apart (Svd-tall, measured)
SAMPLE_TOL = {"Svd": {"float32": (2e-5, 1e-5)}}


@pytest.fixture
def xla_sync(monkeypatch):
    """Every session auto-clusters and compiles before a plan's first run; every cluster
    is kept (no work threshold), so single ops are compiled too."""
    monkeypatch.setenv("FLOWGRAD_XLA", "1")
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")
    monkeypatch.setattr(cluster, "MIN_CLUSTER", 1)
    monkeypatch.setattr(cluster, "MIN_ELEMENTS", 0)
    made = []
    init = tf.Session.__init__

    def tracking(self, *a, **k):
        init(self, *a, **k)
        made.append(self)
    monkeypatch.setattr(tf.Session, "__init__", tracking)
    return made


def _numpy_result(sample, dtype, inputs):
    env = {k: os.environ.pop(k) for k in ("FLOWGRAD_XLA", "FLOWGRAD_XLA_SYNC")
           if k in os.environ}
    try:
        return op_samples.run_sample(tf, sample, dtype, inputs, grads=sample.grad is not None)
    finally:
        os.environ.update(env)


def _close(a, b, dtype, tol=TOL):
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc":
        rtol, atol = tol.get(str(a.dtype), TOL.get(str(a.dtype), TOL["float32"]))
        scale = max(1.0, float(np.max(np.abs(b[np.isfinite(b)]), initial=0.0)))
        return np.allclose(a, b, rtol=rtol, atol=atol * scale, equal_nan=True)
    return np.array_equal(a, b)


# Samples whose op has a lowering but whose plan leaves XLA nothing: folded or removed
# by the passes (Shape, Identity, ZerosLike of a fed value, Range), or a lowering that
# declines (ArgMax/ArgMin of floats: NaN handling differs)
_NOT_CLUSTERED = {"ZerosLike", "Identity", "IdentityN", "Shape", "Range", "ArgMax", "ArgMin",
                  "ReducedShape", "ConcatOffset",
                  "Placeholder"}
_PURE = [s for s in op_samples.SAMPLES if s.kind == "pure"
         and any(d in ("float32", "float64") for d in s.dtypes)]


@pytest.mark.parametrize("sample", _PURE, ids=[s.name for s in _PURE])
def test_op_table_matches_numpy(sample, xla_sync):
    dtype = "float32" if "float32" in sample.dtypes else "float64"
    inputs = sample.inputs(dtype)
    try:
        want = _numpy_result(sample, dtype, inputs)
    except Exception as e:  # noqa: BLE001 - XLA must raise as the NumPy backend does
        # (TF raises too: e.g. a set op of floats, RFFT's gradient with fft_length < n)
        with pytest.raises(type(e)):
            op_samples.run_sample(tf, sample, dtype, inputs, grads=sample.grad is not None)
        return
    got = op_samples.run_sample(tf, sample, dtype, inputs, grads=sample.grad is not None)
    tol = SAMPLE_TOL.get(sample.name.split("-")[0], TOL)
    for key in ("out", "g1", "g2"):
        for a, b in zip(got.get(key, []), want.get(key, [])):
            assert _close(a, b, dtype, tol), (key, a, b)
    stats = [x for sess in xla_sync for b in sess._xla_builds for x in b.stats]
    assert not [x for x in stats if "error" in x and "NotImplementedError" not in x["error"]]
    if sample.name not in _NOT_CLUSTERED and set(sample.ops) & set(lowering.LOWERINGS):
        assert any("compile_s" in x for x in stats), "no cluster compiled"


def test_op_table_is_exercised(xla_sync):
    """The samples above do go through XLA: a matmul-and-tanh sample builds clusters."""
    x = tf.placeholder(tf.float32, [4, 3])
    w = tf.placeholder_with_default(np.ones((3, 2), np.float32), [3, 2])
    y = tf.tanh(tf.matmul(x, w))
    with tf.Session() as sess:
        sess.run(y, {x: np.ones((4, 3), np.float32)})
        builds = sess._xla_builds
    assert builds and builds[0].state == "ready" and builds[0].stats[0]["nodes"] == 2


def test_design_note_examples(xla_sync):
    # Example 1
    x = tf.Variable(tf.constant(3.0), name="x")
    dy_dx = tf.gradients(x ** 2, x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(dy_dx) == [6.0]
    # Example 2: the gradient runs after the assign and reads the new value, every run
    tf.reset_default_graph()
    x = tf.Variable(tf.constant(2.0), name="x")
    y = x ** 3
    update_op = tf.assign(x, x + 1)
    with tf.control_dependencies([update_op]):
        dy_dx = tf.gradients(y, x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(dy_dx) == [27.0]
        assert sess.run(dy_dx) == [48.0]
        assert any(b.state == "ready" for b in sess._xla_builds)
    # Example 3
    tf.reset_default_graph()
    x = tf.Variable(tf.constant([1.0, 2.0]), name="x")
    dy_dx = tf.gradients([x[0] ** 2, x[1] ** 3], x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(dy_dx)[0], [2.0, 12.0])


def _train(steps, make_opt):
    rs = np.random.RandomState(0)
    xv = rs.randn(16, 8).astype(np.float32)
    yv = rs.randint(0, 3, 16).astype(np.int64)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [16, 8])
        y = tf.placeholder(tf.int64, [16])
        w = tf.Variable(rs.randn(8, 3).astype(np.float32))
        b = tf.Variable(np.zeros(3, np.float32))
        logits = tf.matmul(tf.nn.relu(x), w) + b
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=logits))
        step = make_opt().minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([loss, step], {x: xv, y: yv})[0] for _ in range(steps)]
            return losses, sess.run([w, b]), list(sess._xla_builds)


def test_training_writes_variables_back(xla_sync, monkeypatch):
    got, (w, b), builds = _train(5, lambda: tf.train.GradientDescentOptimizer(0.5))
    assert any(b.state == "ready" for b in builds)
    monkeypatch.delenv("FLOWGRAD_XLA")
    want, (w0, b0), _ = _train(5, lambda: tf.train.GradientDescentOptimizer(0.5))
    np.testing.assert_allclose(got, want, rtol=2e-5)
    np.testing.assert_allclose(w, w0, rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(b, b0, rtol=2e-5, atol=1e-6)


def test_reads_after_an_update_in_a_cluster_see_it(xla_sync):
    """A read of the variable after AssignSub in the same cluster sees the new value; a
    value computed before it does not (the NumPy plan's reference semantics)."""
    v = tf.Variable(np.full(4, 10.0, np.float32))
    before = v * 2.0
    with tf.control_dependencies([before]):
        sub = tf.assign_sub(v, np.ones(4, np.float32))
    with tf.control_dependencies([sub]):
        after = tf.identity(v) * 2.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        b, a = sess.run([before, after])
        np.testing.assert_array_equal(b, np.full(4, 20.0))
        np.testing.assert_array_equal(a, np.full(4, 18.0))
        np.testing.assert_array_equal(sess.run(v), np.full(4, 9.0))


def test_uninitialized_variable_raises_tfs_error(xla_sync):
    v = tf.Variable(np.ones(3, np.float32), name="never_initialized")
    y = tf.tanh(v * 2.0) + 1.0
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="never_initialized"):
            sess.run(y)


def test_background_switch_over(monkeypatch):
    """Without SYNC: the first runs are NumPy's, the build starts on the second run, and
    once it is done the plan runs the clustered program; values agree throughout."""
    monkeypatch.setenv("FLOWGRAD_XLA", "1")
    monkeypatch.delenv("FLOWGRAD_XLA_SYNC", raising=False)
    # values of one sign: a sum that cancels to ~0 differs between summation orders (XLA's
    # and TF's Eigen order, which the NumPy backend follows) by more than any rtol
    x = tf.constant(np.linspace(0.1, 1, 64 * 512).reshape(64, 512).astype(np.float32))
    w = tf.Variable(np.eye(512, dtype=np.float32))
    y = tf.reduce_sum(tf.tanh(tf.matmul(x, w)))
    with tf.Session() as sess:
        sess.run(w.initializer)
        first = sess.run(y)
        plan = sess._plans[y]
        assert plan.tier == 1 and plan.xla_build is None
        second = sess.run(y)
        assert plan.xla_build is not None
        assert switch.wait(sess, timeout=300)
        assert plan.xla_build.state == "ready" and plan.tier == 3
        third = sess.run(y)
        assert any(n.type == "XlaCluster" for n in plan.program.nodes)
    np.testing.assert_allclose([second, third], [first, first], rtol=2e-5)


def _clusters(sess):
    return sum(len(b.stats) for b in sess._xla_builds if b.state == "ready")


def test_switches_engage_and_disengage(monkeypatch):
    monkeypatch.delenv("FLOWGRAD_XLA", raising=False)
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")
    monkeypatch.setattr(cluster, "MIN_ELEMENTS", 0)
    x = tf.placeholder(tf.float32, [8, 8])
    feed = {x: np.ones((8, 8), np.float32)}
    y = tf.tanh(tf.matmul(x, x))
    with tf.Session() as sess:                     # default: off
        sess.run(y, feed)
        assert _clusters(sess) == 0
    cfg = tf.ConfigProto()
    for level, on in ((tf.OptimizerOptions.ON_1, 1), (tf.OptimizerOptions.ON_2, 1),
                      (tf.OptimizerOptions.OFF, 0)):
        cfg.graph_options.optimizer_options.global_jit_level = level
        with tf.Session(config=cfg) as sess:
            sess.run(y, feed)
            assert _clusters(sess) == on
    with tf.contrib.compiler.jit.experimental_jit_scope():
        z = tf.tanh(tf.matmul(x, x)) * 2.0
    with tf.Session() as sess:                     # marked ops only
        np.testing.assert_allclose(sess.run(z, feed), 2 * np.tanh(8.0) * np.ones((8, 8)),
                                   rtol=1e-6)
        assert _clusters(sess) == 1
    with tf.xla.experimental.jit_scope(compile_ops=False):
        u = tf.tanh(tf.matmul(x, x)) * 3.0
    cfg.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    with tf.Session(config=cfg) as sess:           # compile_ops=False wins
        sess.run(u, feed)
        assert _clusters(sess) == 0
    (out,) = tf.xla.experimental.compile(lambda a: tf.matmul(a, a) + 1.0, [x])
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(out, feed), np.full((8, 8), 9.0))
        assert _clusters(sess) == 1


def test_jit_scope_marks_the_gradients_of_its_ops(monkeypatch):
    """TF's _MaybeCompile: gradient ops of a marked op are marked, even when tf.gradients
    is called outside the scope; ops of unmarked or compile_ops=False ops are not."""
    from flowgrad.engine.runtime.xla import marks
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")
    monkeypatch.setattr(cluster, "MIN_ELEMENTS", 0)
    x = tf.placeholder(tf.float32, [8, 8])
    w = tf.constant(np.full((8, 8), 0.1, np.float32))
    with tf.xla.experimental.jit_scope():
        h = tf.tanh(tf.matmul(x, w))
    with tf.xla.experimental.jit_scope(compile_ops=False):
        y = tf.reduce_sum(h * h)
    (gw,) = tf.gradients(y, [w])
    ops = tf.get_default_graph().get_operations()
    tanh_grad = [o for o in ops if o.type == "TanhGrad"]
    sum_grad = [o for o in ops if o.name.startswith("gradients/Sum_grad/")]
    assert tanh_grad and all(marks.get(o) for o in tanh_grad)
    assert sum_grad and not any(marks.get(o) for o in sum_grad)
    feed = {x: np.ones((8, 8), np.float32)}
    with tf.Session() as sess:                     # marked forward + gradient ops compile
        got = sess.run(gw, feed)
        assert _clusters(sess) >= 1
    t = np.tanh(0.8)
    np.testing.assert_allclose(got, np.full((8, 8), 8 * 2 * t * (1 - t * t)), rtol=1e-5)


def test_missing_jax_names_the_extra(monkeypatch):
    from flowgrad.engine.runtime.xla import _core
    monkeypatch.setattr(_core, "_jax", None)
    monkeypatch.setattr(_core.importlib.util, "find_spec", lambda name: None)
    cfg = tf.ConfigProto()
    cfg.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    with pytest.raises(ImportError, match=r"flowgrad\[xla\]"):
        tf.Session(config=cfg)


def test_executables_are_cached_across_sessions(xla_sync):
    x = tf.placeholder(tf.float32, [8, 8])
    feed = {x: np.ones((8, 8), np.float32)}
    y = tf.tanh(tf.matmul(x, x))
    with tf.Session() as sess:
        sess.run(y, feed)
    n = len(cluster._EXES)
    with tf.Session() as sess:
        sess.run(y, feed)
        assert sess._xla_builds[0].state == "ready"
    assert len(cluster._EXES) == n


def test_jit_scopes_and_their_gradients_get_tfs_xla_scopes(monkeypatch):
    """Every op's mark and scope as TF 1.14's `_XlaCompile` / `_XlaScope` (golden
    xla/scopes): outermost jit_scopes count up, nested ones share their parent's,
    gradients inherit their op's scope or, with separate_compiled_gradients, get
    "<scope>_grad_<the tf.gradients name scope>"."""
    import goldens
    from flowgrad.engine.runtime.xla import marks, scopes
    goldens.generator("xla", "scopes").build(tf)
    want = goldens.load("xla", "scopes")["marks"]
    got = {}
    for op in tf.get_default_graph().get_operations():
        got[op.name] = [marks[op], scopes[op][0]] if op in marks else None
    assert got == want      # the same 91 ops, marks and scopes


def test_scopes_never_share_a_cluster(monkeypatch):
    """Two jit_scopes one after the other compile as two clusters, one scope as one; with
    separate_compiled_gradients the gradient is a cluster of its own."""
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")
    monkeypatch.setattr(cluster, "MIN_ELEMENTS", 0)
    x = tf.placeholder(tf.float32, [16])
    feed = {x: np.linspace(-1, 1, 16).astype(np.float32)}

    def clusters(fetch):
        with tf.Session() as sess:
            out = sess.run(fetch, feed)
            return out, _clusters(sess)
    with tf.xla.experimental.jit_scope():
        a = tf.tanh(x * 2.0)
    with tf.xla.experimental.jit_scope():
        b = tf.sin(a) * 3.0
    with tf.xla.experimental.jit_scope():
        c = tf.tanh(x * 2.0)
        d = tf.sin(c) * 3.0
    two, n2 = clusters(b)
    one, n1 = clusters(d)
    assert (n2, n1) == (2, 1)
    np.testing.assert_allclose(two, one, rtol=2e-5)
    with tf.xla.experimental.jit_scope(separate_compiled_gradients=True):
        e = tf.sin(tf.tanh(x * 2.0)) * 3.0
    with tf.xla.experimental.jit_scope():
        f = tf.sin(tf.tanh(x * 2.0)) * 3.0
    (ge,) = tf.gradients(tf.reduce_sum(e), x)
    (gf,) = tf.gradients(tf.reduce_sum(f), x)
    (_, g_sep), n_sep = clusters([e, ge])
    (_, g_one), n_one = clusters([f, gf])
    assert n_sep == n_one + 1
    np.testing.assert_allclose(g_sep, g_one, rtol=2e-5)


def test_shapes_known_after_folding_do_not_cut_clusters(xla_sync):
    """A dense layer's bias gradient sums over axes that BroadcastGradientArgs computed:
    graph-level inference leaves its shape unknown, the folded plan knows it. The backward
    pass of a 6-layer MLP forms one cluster with the forward pass (it was cut at every bias
    gradient), with the NumPy backend's results."""
    rs = np.random.RandomState(0)
    x = tf.constant(rs.randn(16, 8).astype(np.float32))
    h, params = x, []
    for _ in range(6):
        w = tf.Variable((rs.randn(8, 8) / 3).astype(np.float32))
        b = tf.Variable(np.zeros(8, np.float32))
        params += [w, b]
        h = tf.tanh(tf.matmul(h, w) + b)
    loss = tf.reduce_mean(tf.square(h - 0.5))
    grads = tf.gradients(loss, params)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(grads)
        n = [s["nodes"] for b in sess._xla_builds if b.state == "ready" for s in b.stats]
    assert len(n) == 1 and n[0] >= 40, n
    env = {k: os.environ.pop(k) for k in ("FLOWGRAD_XLA", "FLOWGRAD_XLA_SYNC")}
    try:
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            want = sess.run(grads)
    finally:
        os.environ.update(env)
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=1e-6)
