"""The fusion pass's in-place assigns (engine/optimize/inplace_assign.py): which pairs are
rewritten, and the same bits as the plan without passes."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.optimize.fusion import fusion
from flowgrad.engine.runtime.ir import lower

# every optimizer pass off but constant folding, whose Grappler rewrites change values as
# TF's (reciprocal division, constant push-down): what the passes must reproduce exactly
_OFF = tf.RewriterConfig.OFF
NO_PASSES = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(arithmetic_optimization=_OFF,
                                      dependency_optimization=_OFF, remapping=_OFF,
                                      memory_optimization=tf.RewriterConfig.NO_MEM_OPT),
    optimizer_options=tf.OptimizerOptions(opt_level=tf.OptimizerOptions.L0)))


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def _types(fetches):
    ts = [f for f in fetches if isinstance(f, tf.Tensor)]
    ops = [f for f in fetches if not isinstance(f, tf.Tensor)]
    prog = lower(tf.get_default_graph(), ts, ops, [])
    return [n.type for n in fusion(prog).nodes]


def _run_both(init, step, fetch, runs=2):
    out = []
    for cfg in (None, NO_PASSES):
        with tf.Session(config=cfg) as s:
            s.run(init)
            for _ in range(runs):
                s.run(step)
            out.append(s.run(fetch))
    return out


def test_scaled_slot_assign_runs_in_place_and_matches():
    m = tf.Variable(np.random.RandomState(0).randn(64, 300).astype(np.float32))
    x = tf.placeholder(tf.float32, [64, 300])
    a = tf.assign(m, m * 0.9)
    assert _types([a]).count("Assign[Mul]") == 1
    assert "Mul" not in _types([a])
    got, want = _run_both(m.initializer, a, m)
    assert got.tobytes() == want.tobytes()
    # the operands may be a read of the variable and another tensor (fed)
    b = tf.assign(m, tf.identity(m) + x)
    assert _types([b]).count("Assign[Add]") == 1
    xv = np.full((64, 300), 0.25, np.float32)
    res = []
    for cfg in (None, NO_PASSES):
        with tf.Session(config=cfg) as s:
            s.run(m.initializer)
            s.run(b, {x: xv})
            res.append(s.run(m))
    assert res[0].tobytes() == res[1].tobytes()


@pytest.mark.parametrize("rows,cols", [(500, 32), (4100, 260)])   # whole, row blocks
def test_sparse_adam_step_is_bit_exact(rows, cols, monkeypatch):
    from flowgrad.engine.framework import threads
    blocks = []
    run_blocks = threads.run_blocks

    def spy(fn, count):
        blocks.append(count)
        return run_blocks(fn, count)
    monkeypatch.setattr(threads, "run_blocks", spy)
    rng = np.random.RandomState(1)
    emb = tf.Variable(rng.randn(rows, cols).astype(np.float32))
    ids = tf.constant(rng.randint(0, rows, 200).astype(np.int32))
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(emb, ids)))
    opt = tf.train.AdamOptimizer(0.01)
    step = opt.minimize(loss)
    init = tf.global_variables_initializer()
    types = _types([step])
    assert types.count("Assign[Mul]") >= 2
    assert any(t.startswith("AssignSub[") for t in types)
    slots = [opt.get_slot(emb, "m"), opt.get_slot(emb, "v")]
    got, want = _run_both(init, step, [emb] + slots, runs=3)
    for g, w in zip(got, want):
        assert g.tobytes() == w.tobytes()
    # the update `emb -= lr * m / (sqrt(v) + eps)` ran in row blocks, its scalar `lr` (a
    # NumPy scalar computed from 0-d values) broadcast over each block
    assert (len(blocks) >= 2) == (rows * cols >= 1 << 20)


def test_pairs_left_alone():
    m = tf.Variable(np.ones((4, 8), np.float32))
    other = tf.Variable(np.ones((4, 8), np.float32))
    # the product is read twice: it must exist as a tensor
    p = m * 2.0
    a = tf.assign(m, p)
    assert "Assign[Mul]" not in _types([a, p])
    # an operand that is another variable's buffer
    assert "Assign[Mul]" not in _types([tf.assign(m, other * 2.0)])
    # a transposed view of the variable itself would overlap the buffer shifted
    sq = tf.Variable(np.arange(16, dtype=np.float32).reshape(4, 4))
    t = tf.assign(sq, tf.transpose(sq) * 1.0)
    with tf.Session() as s:
        s.run(sq.initializer)
        s.run(t)
        np.testing.assert_array_equal(s.run(sq), np.arange(16, dtype=np.float32).reshape(4, 4).T)
    # a write to state between the product and the assign
    c = m * 3.0
    with tf.control_dependencies([c]):
        inc = tf.assign_add(m, tf.ones((4, 8)))
    with tf.control_dependencies([inc]):
        d = tf.assign(m, c)
    assert "Assign[Mul]" not in _types([d])
    with tf.Session() as s:
        s.run(m.initializer)
        s.run(d)
        np.testing.assert_array_equal(s.run(m), np.full((4, 8), 3.0, np.float32))


def test_fallbacks_keep_assign_semantics():
    # validate_shape=False with a new shape: the Assign's own reallocation
    v = tf.Variable(np.ones((2, 3), np.float32), validate_shape=False)
    a = tf.assign(v, tf.ones((3, 3)) * 2.0, validate_shape=False)
    with tf.Session() as s:
        s.run(v.initializer)
        s.run(a)
        np.testing.assert_array_equal(s.run(v), np.full((3, 3), 2.0, np.float32))
    # an uninitialized variable's first assign by a product of other tensors
    w = tf.Variable(np.zeros((2, 2), np.float32))
    b = tf.assign(w, tf.ones((2, 2)) * tf.constant(5.0))
    with tf.Session() as s:
        s.run(b)
        np.testing.assert_array_equal(s.run(w), np.full((2, 2), 5.0, np.float32))
    # the Assign's shape error is raised as before
    u = tf.Variable(np.ones((2, 3), np.float32))
    x = tf.placeholder(tf.float32)
    bad = tf.assign(u, x * 1.0, validate_shape=True)
    with tf.Session() as s:
        s.run(u.initializer)
        with pytest.raises(tf.errors.InvalidArgumentError, match="Assign requires shapes"):
            s.run(bad, {x: np.ones((3, 3), np.float32)})


def test_block_update_on_two_threads_is_bit_exact(monkeypatch):
    # the row blocks of the fused updates shared with an intra-op thread. The budget gives
    # that thread only while the machine's cores are free (threads.spare_threads, tested in
    # test_threads.py), so it is given here: the bits must not depend on it
    from flowgrad.engine.framework import threads
    spare = []
    run_blocks = threads.run_blocks
    monkeypatch.setattr(threads, "spare_threads", lambda: 1)

    def spy(fn, count):
        spare.append(threads.spare_threads())
        return run_blocks(fn, count)
    monkeypatch.setattr(threads, "run_blocks", spy)
    rng = np.random.RandomState(3)
    w = tf.Variable(rng.randn(4100, 260).astype(np.float32))
    m = tf.Variable(rng.randn(4100, 260).astype(np.float32))
    v = tf.Variable(rng.rand(4100, 260).astype(np.float32))
    u = tf.Variable(rng.randn(4100, 260).astype(np.float32))
    step = tf.group(tf.assign_sub(w, 0.01 * m / (tf.sqrt(v) + 1e-8)),
                    tf.assign(u, u * 0.9),
                    tf.matmul(tf.ones((2, 2)), tf.ones((2, 2))))
    init = tf.global_variables_initializer()
    two = tf.ConfigProto(intra_op_parallelism_threads=2)
    got = []
    for cfg in (two, NO_PASSES):
        with tf.Session(config=cfg) as s:
            s.run(init)
            for _ in range(3):
                s.run(step)
            got.append(s.run([w, u]))
    for a, b in zip(*got):
        assert a.tobytes() == b.tobytes()
    assert len(spare) >= 4 and spare[-1] == 1   # both updates, runs 2 and 3 (passes)


def test_run_blocks_covers_every_block_once_and_raises():
    from flowgrad.engine.framework import threads
    saved = threads._split
    try:
        threads._split = 2
        assert threads.spare_threads() == 1
        seen = np.zeros(1000, np.int64)

        def fn(i):
            seen[i] += 1
        threads.run_blocks(fn, 1000)
        assert np.all(seen == 1)

        def bad(i):
            if i == 7:
                raise ValueError("block 7")
        with pytest.raises(ValueError, match="block 7"):
            threads.run_blocks(bad, 50)
    finally:
        threads._split = saved
