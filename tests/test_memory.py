"""Memory planning: freeing at last use, safe in-place reuse, peak estimate and measurement."""
import numpy as np
import pytest

import flowgrad as tf
import flowgrad.engine.runtime as rt

FULL = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
NO_MEM = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(memory_optimization=tf.RewriterConfig.NO_MEM_OPT)))


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield


def _traced(sess, fetches, feed=None):
    md = tf.RunMetadata()
    out = sess.run(fetches, feed, options=FULL, run_metadata=md)
    return out, md


def test_elementwise_chain_runs_in_one_buffer():
    x = tf.placeholder(tf.float32, [64, 64])
    # (float32 Sin and Tanh are Eigen's psin and rational tanh, not ufuncs)
    y = tf.square(tf.abs(x * 2.0) + 1.0)
    with tf.Session() as sess:
        plan = rt.plan_for(sess, y, {x: None})
        src = plan.compiled.source
        # Abs, Add, Square reuse Mul's buffer
        assert len(plan.compiled.analysis.inplace) == 3, src
        assert src.count("out=r0)") == 3, src
        assert plan.memory["peak_bytes"] == 64 * 64 * 4
        xv = np.random.RandomState(0).randn(64, 64).astype(np.float32)
        got, md = _traced(sess, y, {x: xv})
        assert md.peak_bytes == 64 * 64 * 4
        np.testing.assert_array_equal(got, np.square(np.abs(xv * np.float32(2)) + np.float32(1)))


def test_never_writes_into_feeds_variables_constants_or_views():
    xv = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = tf.placeholder(tf.float32, [3, 4])
    v = tf.Variable(np.ones([3, 4], np.float32))
    c = tf.constant(np.full([3, 4], 2.0, np.float32))
    r = tf.reshape(v, [3, 4])
    t = tf.transpose(tf.tanh(x))              # a view of a fresh buffer
    outs = [tf.negative(x), tf.negative(v), tf.negative(c), tf.negative(r),
            tf.negative(tf.transpose(t)) + tf.reduce_sum(t)]
    keep = xv.copy()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        res = sess.run(outs, {x: xv})
        res2 = sess.run(outs, {x: xv})
        assert np.array_equal(xv, keep)
        assert np.array_equal(sess.run(v), np.ones([3, 4]))
        assert np.array_equal(sess.run(c), np.full([3, 4], 2.0))
    for a, b in zip(res, res2):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(res[4], -np.tanh(xv) + np.tanh(xv).sum(), rtol=1e-6)


def test_no_inplace_into_value_read_later_through_a_view():
    x = tf.placeholder(tf.float32, [4, 4])
    a = tf.tanh(x)
    view = tf.strided_slice(a, [0, 0], [2, 4]) if hasattr(tf, "strided_slice") else a[:2]
    b = tf.exp(a)                  # a's last direct reader, but the view is read later
    y = b[:2] + view
    xv = np.random.RandomState(1).randn(4, 4).astype(np.float32)
    with tf.Session() as sess:
        got = sess.run(y, {x: xv})
    np.testing.assert_allclose(got, (np.exp(np.tanh(xv)) + np.tanh(xv))[:2], rtol=1e-6)


def test_no_inplace_when_memory_optimization_off():
    x = tf.placeholder(tf.float32, [8, 8])
    y = tf.abs(x * 3.0) * 2.0
    with tf.Session(config=NO_MEM) as sess:
        assert not rt.plan_for(sess, y, {x: None}).compiled.analysis.inplace
        a = sess.run(y, {x: np.ones([8, 8], np.float32)})
    with tf.Session() as sess:
        assert rt.plan_for(sess, y, {x: None}).compiled.analysis.inplace
        b = sess.run(y, {x: np.ones([8, 8], np.float32)})
    assert a.tobytes() == b.tobytes()


def test_buffers_are_freed_after_last_use():
    x = tf.placeholder(tf.float32, [256])
    hs = [x]
    for _ in range(20):
        hs.append(tf.sin(hs[-1]) * 1.5)       # each needs only the previous one
    with tf.Session(config=NO_MEM) as sess:
        est = rt.plan_memory(sess, hs[-1], {x: None})
        _, md = _traced(sess, hs[-1], {x: np.ones([256], np.float32)})
    assert est["peak_bytes"] == 2 * 256 * 4       # the input and output of one op
    assert md.peak_bytes == 2 * 256 * 4


def test_estimate_matches_measurement_on_a_gradient():
    rs = np.random.RandomState(2)
    x = tf.placeholder(tf.float32, [32, 16])
    w1 = tf.Variable(rs.randn(16, 64).astype(np.float32))
    w2 = tf.Variable(rs.randn(64, 8).astype(np.float32))
    loss = tf.reduce_sum(tf.square(tf.matmul(tf.tanh(tf.matmul(x, w1)), w2)))
    grads = tf.gradients(loss, [w1, w2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        est = rt.plan_memory(sess, grads, {x: None})
        _, md = _traced(sess, grads, {x: rs.randn(32, 16).astype(np.float32)})
    assert est["unknown_values"] == 0
    assert md.estimated_peak_bytes == est["peak_bytes"]
    assert md.peak_bytes > 0
    assert abs(md.peak_bytes - est["peak_bytes"]) <= 0.25 * est["peak_bytes"]


def test_full_trace_records_every_op():
    x = tf.placeholder(tf.float32, [10])
    y = tf.reduce_sum(tf.tanh(x) * 2.0, name="total")
    with tf.Session() as sess:
        val, md = _traced(sess, y, {x: np.ones([10], np.float32)})
        plain = sess.run(y, {x: np.ones([10], np.float32)})
    assert val == plain
    stats = md.step_stats.dev_stats[0].node_stats
    names = [s.node_name for s in stats]
    assert "total" in names and "Tanh" in names
    assert all(s.op_end_rel_micros >= 0 for s in stats)
    tanh = next(s for s in stats if s.node_name == "Tanh")
    assert tanh.op_type == "Tanh" and tanh.output_bytes == 40
    assert "total" in md.profile()
    assert "Tanh(" in md.optimized_ir


def test_run_metadata_without_trace_has_estimate_only():
    x = tf.constant(np.ones([5], np.float32))
    y = tf.tanh(x)
    with tf.Session() as sess:
        md = tf.RunMetadata()
        sess.run(y, run_metadata=md)
    assert md.estimated_peak_bytes >= 0 and md.peak_bytes == 0
    assert md.step_stats.dev_stats == []


def test_trace_maps_kernel_errors_to_the_node():
    a = tf.placeholder(tf.float32, [None])
    b = tf.placeholder(tf.float32, [None])
    y = tf.add(a, b, name="bad_add")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="bad_add"):
            sess.run(y, {a: np.ones(3), b: np.ones(4)}, options=FULL,
                     run_metadata=tf.RunMetadata())
        with pytest.raises(tf.errors.InvalidArgumentError, match="bad_add"):
            sess.run(y, {a: np.ones(3), b: np.ones(4)})


def test_accumulation_keeps_one_buffer_for_shared_weight_gradients():
    w = tf.Variable(np.full([1000], 0.5, np.float32))
    h = tf.ones([1000])
    for _ in range(30):
        h = tf.sin(h * w)
    g = tf.gradients(tf.reduce_sum(h), w)[0]
    with tf.Session() as s1, tf.Session(config=NO_MEM) as s0:
        s1.run(tf.global_variables_initializer())
        s0.run(tf.global_variables_initializer())
        a, md1 = _traced(s1, g)
        b, md0 = _traced(s0, g)
    assert a.tobytes() == b.tobytes()
    assert "= AddN(" not in md1.optimized_ir and "= AddN(" in md0.optimized_ir
    assert md1.peak_bytes < md0.peak_bytes
