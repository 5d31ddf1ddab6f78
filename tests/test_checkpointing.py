"""Gradient checkpointing: same gradients, recomputed forward, lower measured peak memory."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.autodiff.checkpointing import Recomputer

FULL = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield


def _mlp(layers=12, width=64, batch=32, seed=0):
    rs = np.random.RandomState(seed)
    x = tf.constant(rs.randn(batch, width).astype(np.float32))
    ws = [tf.Variable((rs.randn(width, width) / np.sqrt(width)).astype(np.float32))
          for _ in range(layers)]
    bs = [tf.Variable(np.zeros(width, np.float32)) for _ in range(layers)]
    h = x
    for w, b in zip(ws, bs):
        h = tf.tanh(tf.matmul(h, w) + b)
    return tf.reduce_sum(h * h), ws + bs


def _run(fetches):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        md = tf.RunMetadata()
        vals = sess.run(fetches, options=FULL, run_metadata=md)
    return vals, md.peak_bytes


@pytest.mark.parametrize("mode", ["memory", "speed", "auto"])
def test_checkpointed_gradients_equal_plain(mode):
    loss, params = _mlp()
    plain = tf.gradients(loss, params)
    ck = tf.gradients(loss, params, checkpoints=mode)
    (a, b), _ = _run([plain, ck])[0], None
    for p, c in zip(a, b):
        np.testing.assert_allclose(c, p, rtol=1e-5, atol=1e-6)


def test_memory_mode_recomputes_and_lowers_the_measured_peak():
    loss, params = _mlp(layers=24, width=32, batch=1024)   # activations dominate
    plain = tf.gradients(loss, params)
    n_before = len(tf.get_default_graph().get_operations())
    ck = tf.gradients(loss, params, checkpoints="memory")
    new_ops = tf.get_default_graph().get_operations()[n_before:]
    assert any(op.name.endswith("_recompute") for op in new_ops)
    vp, peak_plain = _run(plain)
    vc, peak_ck = _run(ck)
    for p, c in zip(vp, vc):
        np.testing.assert_allclose(c, p, rtol=1e-5, atol=1e-6)
    assert peak_ck < 0.6 * peak_plain, (peak_ck, peak_plain)


def test_speed_mode_recomputes_only_elementwise_ops():
    loss, params = _mlp(layers=4)
    n_before = len(tf.get_default_graph().get_operations())
    tf.gradients(loss, params, checkpoints="speed")
    rec = [op for op in tf.get_default_graph().get_operations()[n_before:]
           if op.name.endswith("_recompute")]
    assert rec and {op.type for op in rec} <= {"Tanh", "Add", "AddV2", "BiasAdd", "Mul"}


def test_list_of_checkpoints_on_a_chain():
    w = tf.Variable(np.linspace(0.1, 0.9, 16).astype(np.float32))
    h = tf.ones([16])
    hs = []
    for _ in range(40):
        h = tf.tanh(h * w + 0.1)
        hs.append(h)
    loss = tf.reduce_sum(h)
    plain = tf.gradients(loss, w)[0]
    ck = tf.gradients(loss, w, checkpoints=hs[9::10])[0]
    (a, b), _ = _run([plain, ck])
    np.testing.assert_allclose(b, a, rtol=1e-6)


def test_chain_memory_mode_is_about_sqrt_n():
    w = tf.Variable(np.full([256], 0.5, np.float32))
    h = tf.ones([256])
    for _ in range(100):
        h = tf.tanh(h * w + 0.1)
    loss = tf.reduce_sum(h)
    g0 = tf.gradients(loss, w)[0]
    g1 = tf.gradients(loss, w, checkpoints="memory")[0]
    a, p0 = _run(g0)
    b, p1 = _run(g1)
    np.testing.assert_allclose(b, a, rtol=1e-6)
    one = 256 * 4
    assert p0 >= 100 * one                     # every activation kept
    assert p1 <= 40 * one                      # ~sqrt(300) checkpoints + one segment


def test_second_order_through_checkpointed_gradients():
    x = tf.Variable(np.array([0.3, -0.2, 0.5], np.float32))
    y = x
    for _ in range(6):
        y = tf.sin(y * 1.3)
    loss = tf.reduce_sum(y)
    g_plain = tf.gradients(loss, x)[0]
    g_ck = tf.gradients(loss, x, checkpoints="memory")[0]
    h_plain = tf.gradients(tf.reduce_sum(g_plain), x)[0]
    h_ck = tf.gradients(tf.reduce_sum(g_ck), x)[0]
    (a, b), _ = _run([h_plain, h_ck])
    np.testing.assert_allclose(b, a, rtol=1e-5)


def test_bad_checkpoints_argument():
    x = tf.Variable(1.0)
    with pytest.raises(ValueError, match="checkpoints must be"):
        tf.gradients(x * x, x, checkpoints="fastest")


def test_separators_of_a_chain_skip_shared_weights():
    w = tf.Variable(np.ones(4, np.float32))
    h = tf.ones([4])
    for _ in range(5):
        h = tf.tanh(h * w)
    g = tf.get_default_graph()
    between = {op for op in g.get_operations() if op.type in ("Mul", "Tanh", "Identity",
                                                                "VariableV2")}
    rc = Recomputer(g, between, [w._ref() if callable(getattr(w, "_ref", None)) else w],
                    [h], "memory")
    seps = rc._separators(sorted(between, key=lambda o: o._id), {h})
    assert len(seps) == 9                      # 5 Muls and 4 Tanhs (the last is y)
    assert rc.kind == "memory"


def test_optimizer_minimize_takes_checkpoints():
    loss, params = _mlp(layers=24, width=32, batch=1024)
    plain = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    n_before = len(tf.get_default_graph().get_operations())
    ck = tf.train.GradientDescentOptimizer(0.01).minimize(loss, checkpoints="memory")
    assert any(op.name.endswith("_recompute")
               for op in tf.get_default_graph().get_operations()[n_before:])
    init = tf.global_variables_initializer()
    peaks, losses = [], []
    for train in (plain, ck):
        with tf.Session() as sess:
            sess.run(init)
            md = tf.RunMetadata()
            sess.run(train, options=FULL, run_metadata=md)
            peaks.append(md.peak_bytes)
            losses.append(sess.run(loss))
    np.testing.assert_allclose(losses[1], losses[0], rtol=1e-5)
    assert peaks[1] < 0.8 * peaks[0], peaks
