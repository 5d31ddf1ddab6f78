"""Loops kept as loops under XLA (engine/runtime/xla/rolling.py): the repeated stretches
a Python loop leaves in a plan (and their gradients) compile as lax.scan, with results
equal to the NumPy backend's. Run with `pytest -m xla` (needs jax)."""
import os

import numpy as np
import pytest

pytest.importorskip("jax")
pytestmark = pytest.mark.xla

import flowgrad as tf  # noqa: E402
from flowgrad.engine.runtime.xla import cluster, rolling  # noqa: E402


@pytest.fixture
def xla_sync(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_XLA", "1")
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")


def _run(fetches, steps=1, init=True):
    with tf.Session() as sess:
        if init:
            sess.run(tf.global_variables_initializer())
        out = [sess.run(fetches) for _ in range(steps)]
        stats = [s for b in sess._xla_builds for s in b.stats]
    return out, stats


def _numpy(fetches, steps=1):
    env = {k: os.environ.pop(k) for k in ("FLOWGRAD_XLA", "FLOWGRAD_XLA_SYNC")
           if k in os.environ}
    try:
        return _run(fetches, steps)[0]
    finally:
        os.environ.update(env)


def _loops(stats):
    return [loop for s in stats for loop in s.get("loops", [])]


def test_chain_and_its_gradient_roll_into_two_scans(xla_sync):
    """bench W3: h = tanh(h * w + 0.1) 300 times and d sum(h) / dw: the forward chain and
    the backward chain (which reads the forward values in reverse) are two loops; an
    intermediate value fetched from the middle comes out of the stacked outputs."""
    w = tf.Variable(np.linspace(0.1, 0.9, 16).astype(np.float32))
    h = tf.ones([16])
    mids = []
    for i in range(300):
        h = tf.tanh(h * w + 0.1)
        if i == 150:
            mids.append(h)
    g = tf.gradients(tf.reduce_sum(h), w)[0]
    got, stats = _run([g, mids[0], h], steps=2)
    want = _numpy([g, mids[0], h])
    loops = _loops(stats)
    assert len(loops) == 2 and all(reps >= 290 for _, reps in loops), stats
    assert sorted(p for p, _ in loops) == [3, 4]
    for a, b in zip(got[1], want[0]):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=1e-6)


def test_per_iteration_constants_are_scanned(xla_sync):
    """Each iteration adds its own constant: the constants become a scanned input; equal
    constants made by separate ops count as one loop-invariant value."""
    x = tf.placeholder(tf.float64, [5])
    h, same = x, x
    for i in range(40):
        h = tf.sin(h) * 0.5 + float(i)
        same = tf.cos(same) + tf.constant(0.25, tf.float64)
    feed = np.linspace(-1, 1, 5)
    with tf.Session() as sess:
        a = sess.run([h, same], {x: feed})
        b = sess.run([h, same], {x: feed})
        stats = [s for bd in sess._xla_builds for s in bd.stats]
    env = {k: os.environ.pop(k) for k in ("FLOWGRAD_XLA", "FLOWGRAD_XLA_SYNC")}
    try:
        with tf.Session() as sess:
            want = sess.run([h, same], {x: feed})
    finally:
        os.environ.update(env)
    assert _loops(stats), stats
    for got in (a, b):
        for u, v in zip(got, want):
            np.testing.assert_allclose(u, v, rtol=1e-11, atol=1e-13)


def _regions(out, feed):
    from flowgrad.engine.runtime.xla._core import require_jax
    require_jax()
    with tf.Session() as sess:
        sess.run(out, feed)
        (plan,) = sess._plans.values()
        prog = plan.program
    nodes = [n for n in prog.nodes if not cluster._is_source(n)]
    return rolling.find_regions(nodes, prog, lambda n: True)


def test_short_stretches_stay_unrolled_and_two_step_recurrences_roll():
    """Fewer than MIN_REPS iterations are not a region; h[k] = tanh(h[k-1] + h[k-2])
    rolls (a body [Tanh, Add] carrying both values of the previous iteration), and equals the
    NumPy backend's result."""
    x = tf.placeholder(tf.float32, [4])
    feed = {x: np.linspace(-1, 1, 4).astype(np.float32)}
    short = x
    for _ in range(rolling.MIN_REPS - 1):
        short = tf.tanh(short * 3.0)
    assert _regions(short, feed) == []
    hs = [x, x * 2.0]
    for _ in range(40):
        hs.append(tf.tanh(hs[-1] + hs[-2]))
    (r,) = _regions(hs[-1], feed)
    assert r.period == 2 and len(r.carries) == 2     # [Tanh, Add], carrying both
    os.environ["FLOWGRAD_XLA"] = os.environ["FLOWGRAD_XLA_SYNC"] = "1"
    try:
        with tf.Session() as sess:
            got = sess.run(hs[-1], feed)
            assert _loops([s for b in sess._xla_builds for s in b.stats])
    finally:
        del os.environ["FLOWGRAD_XLA"], os.environ["FLOWGRAD_XLA_SYNC"]
    with tf.Session() as sess:
        want = sess.run(hs[-1], feed)
    np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6)


def test_training_loop_with_variable_updates_rolls_the_pure_part(xla_sync):
    """A 50-step unrolled recurrence trained by SGD: the update of the variable stays a
    plain node of the cluster; the loss and the variable equal the NumPy backend's."""
    def build():
        w = tf.Variable(np.full(8, 0.3, np.float32))
        h = tf.constant(np.linspace(0, 1, 8).astype(np.float32))
        for _ in range(50):
            h = tf.tanh(h * w + 0.2)
        loss = tf.reduce_sum(tf.square(h - 0.5))
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        return loss, step, w
    loss, step, w = build()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run([loss, step])[0] for _ in range(4)] + [sess.run(w)]
        stats = [s for b in sess._xla_builds for s in b.stats]
    assert _loops(stats), stats
    tf.reset_default_graph()
    env = {k: os.environ.pop(k) for k in ("FLOWGRAD_XLA", "FLOWGRAD_XLA_SYNC")}
    try:
        loss, step, w = build()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            want = [sess.run([loss, step])[0] for _ in range(4)] + [sess.run(w)]
    finally:
        os.environ.update(env)
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=1e-6)


def test_matrix_products_stay_unrolled(xla_sync):
    """A stack of dense layers repeats too, but each layer reads its own weights: rolling
    would stack them on every call (measured slower on W4), so matmul bodies stay
    unrolled."""
    rs = np.random.RandomState(0)
    h = tf.constant(rs.randn(4, 8).astype(np.float32))
    for _ in range(20):
        h = tf.tanh(tf.matmul(h, tf.Variable(rs.randn(8, 8).astype(np.float32) / 3)) + 0.1)
    got, stats = _run(h)
    assert stats and not _loops(stats)
