"""Inter-op parallelism on the NumPy backend (engine/runtime/interop.py): independent heavy
ops on a thread pool, values bit for bit the sequential ones, effects in the plan's order.
No timing is asserted here."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors, threads
from flowgrad.engine.runtime import interop


def _mlp(config, sizes=(64, 48, 48, 10), batch=32, seed=0):
    rs = np.random.RandomState(seed)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [batch, sizes[0]])
        y = tf.placeholder(tf.int64, [batch])
        h, params = x, []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            w = tf.Variable((rs.randn(a, b) * 0.1).astype(np.float32))
            bias = tf.Variable(np.zeros(b, np.float32))
            params += [w, bias]
            h = tf.matmul(h, w) + bias
            if i < len(sizes) - 2:
                h = tf.nn.relu(h)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                             logits=h))
        step = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
        sess = tf.Session(graph=g, config=config)
        sess.run(tf.global_variables_initializer())
    feed = {x: rs.rand(batch, sizes[0]).astype(np.float32),
            y: rs.randint(0, sizes[-1], batch).astype(np.int64)}
    return sess, step, loss, params, feed


def _parallel_fns(sess):
    return [p for p in sess._plans.values() if getattr(p, "tier", 0) >= 2 and
            "parallel" in getattr(p.fn, "__name__", "")]


@pytest.fixture
def every_matmul_heavy(monkeypatch):
    """Small test graphs take the parallel path as a large model would."""
    monkeypatch.setattr(interop, "MIN_PARALLEL", 1)


def _train(inter, steps=8):
    sess, step, loss, params, feed = _mlp(tf.ConfigProto(inter_op_parallelism_threads=inter,
                                                         intra_op_parallelism_threads=1))
    losses = []
    for _ in range(steps):
        losses.append(sess.run([step, loss], feed)[1])
    return sess, losses, sess.run(params)


@pytest.mark.parametrize("inter", [2, 3, 4])
def test_parallel_training_is_bit_identical_to_sequential(every_matmul_heavy, inter):
    _, l1, p1 = _train(1)
    sess, ln, pn = _train(inter)
    if threads.blas_threads() is not None:
        assert _parallel_fns(sess), "the training step should run in parallel"
    assert [np.float32(a).tobytes() for a in l1] == [np.float32(a).tobytes() for a in ln]
    for a, b in zip(p1, pn):
        assert a.tobytes() == b.tobytes()


def test_inter_op_one_is_sequential(every_matmul_heavy):
    sess, _, _ = _train(1, steps=3)
    assert not _parallel_fns(sess)


def test_small_plans_keep_the_straight_line_function():
    sess, step, loss, params, feed = _mlp(tf.ConfigProto(inter_op_parallelism_threads=4))
    for _ in range(3):
        sess.run(step, feed)
    assert not _parallel_fns(sess)
    plan = [p for p in sess._plans.values() if getattr(p, "tier", 0) >= 2][-1]
    assert interop.async_nodes(plan.program, plan.compiled.analysis) == frozenset()


def test_the_gradient_gemms_of_an_mlp_are_paired():
    sess, step, loss, params, feed = _mlp(None, sizes=(784, 512, 512, 10), batch=128)
    for _ in range(2):
        sess.run(step, feed)
    plan = [p for p in sess._plans.values() if getattr(p, "tier", 0) >= 2][-1]
    nodes = interop.async_nodes(plan.program, plan.compiled.analysis)
    assert nodes
    assert all(plan.program.nodes[i].type == "MatMul" for i in nodes)
    assert all("_grad" in plan.program.nodes[i].name for i in nodes)


@pytest.mark.parametrize("inter", [1, 2])
def test_control_dependencies_order_reads_and_writes(every_matmul_heavy, inter):
    g = tf.Graph()
    a = np.arange(16, dtype=np.float32).reshape(4, 4)
    with g.as_default():
        x = tf.constant(np.eye(4, dtype=np.float32) * 2)
        v = tf.Variable(a)
        before = tf.matmul(x, v)
        side = tf.matmul(v, x)       # independent of `before`: a candidate to overlap
        with tf.control_dependencies([before, side]):
            write = tf.assign(v, v * 10)
        with tf.control_dependencies([write]):
            after = tf.matmul(x, tf.identity(v))
            after2 = tf.matmul(tf.identity(v), x)
        sess = tf.Session(graph=g, config=tf.ConfigProto(inter_op_parallelism_threads=inter))
    for _ in range(3):   # the third run is the compiled (parallel when inter > 1) plan
        sess.run(v.initializer)
        b, s, c, d = sess.run([before, side, after, after2])
        np.testing.assert_array_equal(b, 2 * a)
        np.testing.assert_array_equal(s, 2 * a)
        np.testing.assert_array_equal(c, 20 * a)
        np.testing.assert_array_equal(d, 20 * a)


def test_an_error_on_the_pool_is_the_failing_ops_op_error(every_matmul_heavy):
    sess, step, loss, params, feed = _mlp(tf.ConfigProto(inter_op_parallelism_threads=2))
    for _ in range(2):
        sess.run(step, feed)
    plan = [p for p in sess._plans.values() if getattr(p, "tier", 0) >= 2][-1]
    compiled = plan.compiled
    nodes = interop.async_nodes(plan.program, compiled.analysis)
    assert nodes
    bad = min(nodes)

    def fail(*args, **kw):
        raise ValueError("Matrix size-incompatible: made up by the test")
    steps = list(compiled._steps)
    pos = next(k for k, s in enumerate(steps) if s[5] == bad)
    steps[pos] = (fail,) + steps[pos][1:]
    compiled._steps = steps
    runner = interop.ParallelPlan(compiled, nodes, 1)
    feeds = plan.convert_feeds([feed[t] for t in plan.feed_tensors]) \
        if hasattr(plan, "feed_tensors") else None
    if feeds is None:
        pytest.skip("plan feeds not reachable")
    with pytest.raises(errors.OpError) as e:
        runner(feeds)
    assert plan.program.nodes[bad].name in str(e.value)


def test_inter_op_setting_means_what_it_means_in_tf():
    assert threads.inter_op_setting(None) == 0
    assert threads.inter_op_setting(tf.ConfigProto()) == 0
    assert threads.inter_op_setting(tf.ConfigProto(inter_op_parallelism_threads=3)) == 3
    assert threads.inter_op_setting(tf.ConfigProto(inter_op_parallelism_threads=1)) == 1
    assert threads.inter_op_setting(tf.ConfigProto(inter_op_parallelism_threads=-1)) == 1


def test_intra_op_one_holds_from_the_first_run(monkeypatch):
    """The first (interpreted) run already uses the configured BLAS pool: OpenBLAS's
    results depend on its thread count, so runs 1 and 3 see the same pool."""
    if threads.blas_threads() is None:
        pytest.skip("NumPy's BLAS pool is not controllable here")
    before = threads.blas_threads()
    seen = []
    real = threads.set_blas_threads

    def spy(n):
        seen.append(n)
        real(n)
    monkeypatch.setattr(threads, "set_blas_threads", spy)
    try:
        real(2)
        monkeypatch.setattr(threads, "_blas_now", 2)
        g = tf.Graph()
        with g.as_default():
            a = tf.placeholder(tf.float32, [4, 3])
            y = tf.matmul(a, tf.ones([3, 2]))
        sess = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=1))
        sess.run(y, {a: np.ones((4, 3), np.float32)})
        assert seen == [1]
    finally:
        real(before)


def _cnn(inter, steps=4):
    rs = np.random.RandomState(1)
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(rs.rand(4, 12, 12, 3).astype(np.float32))
        h = x
        for cin, cout in ((3, 8), (8, 8)):
            f = tf.Variable((rs.randn(3, 3, cin, cout) * 0.2).astype(np.float32))
            h = tf.nn.relu(tf.nn.conv2d(h, f, [1, 1, 1, 1], "SAME"))
        loss = tf.reduce_mean(tf.square(h - 0.1))
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        sess = tf.Session(graph=g, config=tf.ConfigProto(
            inter_op_parallelism_threads=inter, intra_op_parallelism_threads=1))
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([step, loss])[1] for _ in range(steps)]
        values = sess.run(tf.trainable_variables())
    return sess, losses, values


def test_convolution_gradients_run_in_parallel_bit_for_bit(every_matmul_heavy):
    """A convolution's two gradients (input and filter) are independent GEMM-sized ops:
    they are handed to the pool, and training equals the sequential run bit for bit."""
    _, l1, p1 = _cnn(1)
    sess, l2, p2 = _cnn(2)
    plan = max((p for p in sess._plans.values() if getattr(p, "tier", 0) >= 2),
               key=lambda p: len(p.program.nodes))
    types = {plan.program.nodes[i].type
             for i in interop.async_nodes(plan.program, plan.compiled.analysis)}
    assert types & {"Conv2DBackpropInput", "Conv2DBackpropFilter"}, types
    assert [a.tobytes() for a in map(np.float32, l1)] == [a.tobytes() for a in map(np.float32, l2)]
    for a, b in zip(p1, p2):
        assert a.tobytes() == b.tobytes()
