"""Variables resident on the XLA device between runs (engine/runtime/xla/resident.py):
uploaded once, never copied back while only their plan runs, brought to the host before
any other plan of the session runs (a fetch, Saver, an initializer, a NumPy op), so
every read sees the last update, as on the NumPy backend."""
import os

import numpy as np
import pytest

pytest.importorskip("jax")
pytestmark = pytest.mark.xla

import flowgrad as tf  # noqa: E402
from flowgrad.engine.runtime.xla import resident  # noqa: E402


@pytest.fixture
def xla(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_XLA", "1")
    monkeypatch.setenv("FLOWGRAD_XLA_SYNC", "1")
    tf.reset_default_graph()


def _model():
    x = tf.placeholder(tf.float32, [64, 128], name="x")
    w = tf.Variable(np.random.RandomState(1).randn(128, 128).astype(np.float32) * 0.1,
                    name="w")
    b = tf.Variable(np.zeros(128, np.float32), name="b")
    loss = tf.reduce_mean(tf.tanh(tf.matmul(x, w) + b) ** 2)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    xv = np.random.RandomState(0).rand(64, 128).astype(np.float32)
    return x, w, b, loss, train, xv


def _numpy_steps(n):
    """The same steps on the NumPy backend: (w, b) after n steps."""
    prev = os.environ.pop("FLOWGRAD_XLA", None)
    try:
        g = tf.Graph()
        with g.as_default():
            x, w, b, loss, train, xv = _model()
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                for _ in range(n):
                    s.run(train, {x: xv})
                return s.run([w, b])
    finally:
        if prev is not None:
            os.environ["FLOWGRAD_XLA"] = prev


def test_uploaded_once_and_synced_at_a_fetch(xla):
    x, w, b, loss, train, xv = _model()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        before = dict(resident.STATS)
        for _ in range(10):
            s.run(train, {x: xv})
        assert s._xla_builds[-1].resident == ["b", "w"]
        moved = {k: resident.STATS[k] - before[k] for k in before}
        assert moved == {"uploads": 2, "downloads": 0}      # once each, nothing back
        got = s.run([w, b])                                 # another plan: flushed first
        moved = {k: resident.STATS[k] - before[k] for k in before}
        assert moved == {"uploads": 2, "downloads": 2}
    want = _numpy_steps(10)
    for g, e in zip(got, want):
        np.testing.assert_allclose(g, e, rtol=2e-5, atol=1e-6)


def test_host_plans_between_runs_see_and_change_the_values(xla, tmp_path):
    x, w, b, loss, train, xv = _model()
    saver = tf.train.Saver()
    bump = tf.assign_add(b, tf.ones([128]))      # a host-side write from another plan
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(3):
            s.run(train, {x: xv})
        path = saver.save(s, str(tmp_path / "m"))
        saved = s.run([w, b])
        for _ in range(3):
            s.run(train, {x: xv})
        saver.restore(s, path)                   # back to the saved values
        np.testing.assert_array_equal(s.run(w), saved[0])
        s.run(bump)
        s.run(train, {x: xv})
        after = s.run([w, b])
    # the same sequence on NumPy: 3 steps, (save), 3 steps, restore, bump, 1 step
    prev = os.environ.pop("FLOWGRAD_XLA")
    try:
        g = tf.Graph()
        with g.as_default():
            x, w, b, loss, train, xv = _model()
            bump = tf.assign_add(b, tf.ones([128]))
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                for _ in range(3):
                    s.run(train, {x: xv})
                s.run([tf.assign(w, saved[0]), tf.assign(b, saved[1])])
                s.run(bump)
                s.run(train, {x: xv})
                want = s.run([w, b])
    finally:
        os.environ["FLOWGRAD_XLA"] = prev
    for g, e in zip(after, want):
        np.testing.assert_allclose(g, e, rtol=2e-5, atol=1e-6)


def test_uninitialized_variable_raises_tfs_error(xla):
    x, w, b, loss, train, xv = _model()
    with tf.Session() as s:
        s.run(b.initializer)
        with pytest.raises(tf.errors.FailedPreconditionError, match="w"):
            s.run(train, {x: xv})
        s.run(w.initializer)
        s.run(train, {x: xv})           # initialized now: runs, on the device
        assert s._ctx.xla_resident is not None
