"""The thread budget (engine/framework/threads.py): ConfigProto thread fields, the BLAS pool."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import threads

needs_pool = pytest.mark.skipif(threads.blas_threads() is None,
                                reason="NumPy's BLAS pool is not controllable here")


@pytest.fixture
def pool():
    before = threads.blas_threads()
    yield
    if before is not None:
        threads.set_blas_threads(before)


def _matmul_plan():
    g = tf.Graph()
    with g.as_default():
        a = tf.placeholder(tf.float32, [4, 3])
        y = tf.matmul(a, tf.ones([3, 2]))
    return g, a, y


def _run_thrice(sess, y, feed):
    # first run interprets, the second compiles: the pool is set from the compiled plan on
    return [sess.run(y, feed) for _ in range(3)]


@needs_pool
@pytest.mark.parametrize("n", [1, 2])
def test_intra_op_threads_set_the_blas_pool_during_runs(pool, n):
    g, a, y = _matmul_plan()
    other = 3 - n
    threads.set_blas_threads(other)
    sess = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=n))
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    for r in _run_thrice(sess, y, {a: x}):
        np.testing.assert_array_equal(r, x @ np.ones((3, 2), np.float32))
    assert threads.blas_threads() == n
    # another session with its own count takes the pool while it runs
    sess2 = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=other))
    _run_thrice(sess2, y, {a: x})
    assert threads.blas_threads() == other
    sess.run(y, {a: x})
    assert threads.blas_threads() == n


@needs_pool
def test_plans_without_blas_ops_leave_the_pool_alone(pool):
    threads.set_blas_threads(1)
    g = tf.Graph()
    with g.as_default():
        a = tf.placeholder(tf.float32, [3])
        y = tf.tanh(a) * 2.0
    sess = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=2))
    _run_thrice(sess, y, {a: np.ones(3, np.float32)})
    assert threads.blas_threads() == 1
    assert sess._plans[next(iter(sess._plans))].fn.__name__ != "run_fixed"


@needs_pool
def test_auto_uses_the_free_cores(pool, monkeypatch):
    g, a, y = _matmul_plan()
    x = np.ones((4, 3), np.float32)
    real_apply = threads._apply
    for free, want in [(0.2, 1), (1.0, 1), (1.6, 1), (1.8, 2), (2.0, 2)]:
        monkeypatch.setattr(threads._sampler, "cores", 2)
        monkeypatch.setattr(threads, "free_cores", lambda free=free: free)
        threads.set_blas_threads(1)
        seen = set()
        monkeypatch.setattr(threads, "_apply",
                            lambda b, s, *spare: (seen.add(b), real_apply(b, s, *spare)))
        sess = tf.Session(graph=g)   # intra_op_parallelism_threads=0: the budget chooses
        for _ in range(2 * threads._PROBES + 3):
            sess.run(y, {a: x})
        # one free core: one BLAS thread; every core free: BLAS's own threads and one
        # thread are both timed, the faster kept
        assert seen <= {1, want} and (want == 1 or 2 in seen), free
        assert threads.blas_threads() in seen | {1}, free


@needs_pool
@pytest.mark.parametrize("free, want", [(0.5, 1), (2.0, 2)])
def test_the_first_run_gets_the_budget_too(pool, monkeypatch, free, want):
    # a plan's first run (every initializer run) on a busy machine: one BLAS thread, not
    # OpenBLAS's spinning pool (a QR of 4608x512 at load 8: 17 s against 0.7 s)
    monkeypatch.setattr(threads._sampler, "cores", 2)
    monkeypatch.setattr(threads, "free_cores", lambda: free)
    threads.set_blas_threads(3 - want)
    g, a, y = _matmul_plan()
    sess = tf.Session(graph=g)   # intra_op_parallelism_threads=0: the budget chooses
    x = np.ones((4, 3), np.float32)
    np.testing.assert_array_equal(sess.run(y, {a: x}), x @ np.ones((3, 2), np.float32))
    assert threads.blas_threads() == want


@needs_pool
def test_a_run_inside_another_keeps_the_outer_runs_pool(pool, monkeypatch):
    # a loop body's or a branch's plan runs inside its op's kernel: the outer run's
    # choice of pool holds for it (a choice per part would time each part apart)
    monkeypatch.setattr(threads._sampler, "cores", 2)
    monkeypatch.setattr(threads, "free_cores", lambda: 2.0)
    seen = []
    inner = threads.guard_blas(lambda feeds: seen.append(threads.blas_threads()))
    outer = threads.guard_blas(lambda feeds: (threads.blas_threads(), inner(feeds))[0])
    pools = set()
    for _ in range(2 * threads._PROBES + 3):
        n = outer(None)
        assert seen[-1] == n == threads.blas_threads()
        pools.add(n)
    assert pools == {1, 2}   # the outer run timed both ways
    inner(None)              # alone, a plan chooses for itself


def test_free_cores_subtracts_this_process(monkeypatch):
    s = threads._Sampler()
    s.cores = 2
    clock = {"wall": 10.0, "busy": 100.0, "own": 5.0}
    monkeypatch.setattr(threads.time, "monotonic", lambda: clock["wall"])
    monkeypatch.setattr(threads.time, "process_time", lambda: clock["own"])
    monkeypatch.setattr(threads, "_machine_busy_s", lambda: clock["busy"])
    monkeypatch.setattr(threads.os, "cpu_count", lambda: 2)
    s.wall, s.busy, s.own = 10.0, 100.0, 5.0
    # 1 s: the machine used 1.5 CPU-seconds, 1.4 of them ours -> 0.1 used by others
    clock.update(wall=11.0, busy=101.5, own=6.4)
    assert s.sample() == pytest.approx(1.9)
    # 1 s: 1.9 CPU-seconds, 0.9 ours -> one core's worth of others
    clock.update(wall=12.0, busy=103.4, own=7.3)
    assert s.sample() == pytest.approx(1.0)
    # too short an interval: the last answer
    clock.update(wall=12.001, busy=103.5, own=7.3)
    assert s.sample() == pytest.approx(1.0)


def test_config_fields_mean_what_they_mean_in_tf():
    assert threads.intra_op_threads(None) == 0
    assert threads.intra_op_threads(tf.ConfigProto()) == 0
    assert threads.intra_op_threads(tf.ConfigProto(intra_op_parallelism_threads=3)) == 3
    assert threads.intra_op_threads(tf.ConfigProto(intra_op_parallelism_threads=-1)) == 0
    assert threads.inter_op_threads(tf.ConfigProto(inter_op_parallelism_threads=4)) == 4
    # negative: everything in the caller's thread
    assert threads.inter_op_threads(tf.ConfigProto(inter_op_parallelism_threads=-1)) == 1
    assert 1 <= threads.inter_op_threads(tf.ConfigProto()) <= threads.cpu_count()
    cfg = tf.ConfigProto()
    cfg.intra_op_parallelism_threads = 2
    assert tf.Session(config=cfg)._intra_op == 2


def test_uses_blas():
    assert threads.uses_blas({"MatMul", "Add"})
    assert threads.uses_blas({"Conv2DBackpropFilter"})
    assert threads.uses_blas({"BatchMatMulV2"})
    assert not threads.uses_blas({"Add", "Tanh", "Const"})


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.complex64])
@pytest.mark.parametrize("shapes", [((300, 200), (200, 100)), ((50, 100), (100, 700)),
                                    ((7, 5), (5, 3))])
def test_split_matmul_matches_numpy(monkeypatch, dtype, shapes):
    rs = np.random.RandomState(0)
    a = rs.randn(*shapes[0]).astype(dtype)
    b = rs.randn(*shapes[1]).astype(dtype)
    monkeypatch.setattr(threads, "_MIN_SPLIT", 1000)
    for n in (2, 3):
        monkeypatch.setattr(threads, "_split", n)
        for x, y in [(a, b), (np.asfortranarray(a), b), (a, np.ascontiguousarray(b.T).T)]:
            got = threads.matmul(x, y)
            assert got.dtype == np.dtype(dtype) and got.shape == (x.shape[0], y.shape[1])
            np.testing.assert_allclose(got, np.matmul(x, y), rtol=1e-5, atol=1e-5)


@needs_pool
def test_auto_on_a_busy_machine_times_each_way_and_keeps_the_fastest(pool, monkeypatch):
    g = tf.Graph()
    with g.as_default():
        a = tf.placeholder(tf.float32, [256, 300])
        w = tf.constant(np.random.RandomState(1).randn(300, 200).astype(np.float32))
        y = tf.matmul(a, w)
        (ga,) = tf.gradients(tf.reduce_sum(y * y), [a])
    x = np.random.RandomState(2).randn(256, 300).astype(np.float32)
    want = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=1)).run(
        [y, ga], {a: x})
    monkeypatch.setattr(threads._sampler, "cores", 2)
    monkeypatch.setattr(threads, "free_cores", lambda: 1.0)
    monkeypatch.setattr(threads, "_split", 1)
    seen = set()
    real_apply = threads._apply

    def spy(n_blas, n_split, idle_spare=0):
        seen.add((n_blas, n_split))
        real_apply(n_blas, n_split, idle_spare)
    monkeypatch.setattr(threads, "_apply", spy)
    sess = tf.Session(graph=g)
    for _ in range(3 * threads._PROBES + 2):
        got = sess.run([y, ga], {a: x})
        for u, v in zip(got, want):
            np.testing.assert_allclose(u, v, rtol=1e-5, atol=1e-4)
    # BLAS single-threaded throughout; GEMMs whole (serial) and split over 2 blocks tried
    assert seen == {(1, 1), (1, 2)} and threads.blas_threads() == 1
    # every core free: NumPy's BLAS pool threads the GEMM, no split
    monkeypatch.setattr(threads, "free_cores", lambda: 2.0)
    seen.clear()
    sess2 = tf.Session(graph=g)
    for _ in range(2 * threads._PROBES + 3):
        sess2.run(y, {a: x})
    assert seen == {(2, 1), (1, 1)} and threads._split == 1


@needs_pool
def test_the_idle_serial_way_leaves_block_runs_the_free_core(pool, monkeypatch):
    # every core free, GEMMs on one BLAS thread (the idle chooser's serial way): a plan's
    # block-wise updates still share their blocks with a second thread; with the BLAS
    # pool threading the GEMMs, or a user's intra_op_parallelism_threads=1, they do not
    monkeypatch.setattr(threads._sampler, "cores", 2)
    monkeypatch.setattr(threads, "free_cores", lambda: 2.0)
    spares = []
    run = threads.guard_blas(lambda feeds: spares.append(
        (threads.blas_threads(), threads.spare_threads())))
    for _ in range(2 * threads._PROBES + 1):
        run(None)
    assert set(spares) == {(2, 1), (1, 1)}
    fixed = threads.guard_blas(lambda feeds: spares.append(threads.spare_threads()), 1)
    fixed(None)
    assert spares[-1] == 0
    with threads.SideLane():   # the lane's thread is the spare one meanwhile
        assert threads.spare_threads() == 0


def test_chooser_keeps_the_fastest_way_then_times_them_again(monkeypatch):
    ch = threads._Chooser(has_parallel=True)
    cost = {threads._SERIAL: 3.0, threads._INTER: 2.0, threads._SPLIT: 4.0}
    order = []
    for _ in range(3 * threads._PROBES):
        m = ch.mode(0.0)
        order.append(m)
        ch.record(m, cost[m])
    # interleaved: each way in turn, so a load change hits every way alike
    assert order[:3] == [threads._SERIAL, threads._INTER, threads._SPLIT]
    assert ch.chosen == threads._INTER
    assert ch.mode(ch.until - 1e-3) == threads._INTER
    assert ch.mode(ch.until + 1e-3) == threads._SERIAL   # timing starts over
    assert ch.chosen is None and all(t == [] for t in ch.times.values())
    plain = threads._Chooser(has_parallel=False)
    assert plain.modes == (threads._SERIAL, threads._SPLIT)


def test_openblas_fallback_without_threadpoolctl(pool):
    """Without threadpoolctl (flowgrad run from a source tree in another environment) the
    budget still sets an OpenBLAS pool through OpenBLAS's own C API."""
    ctls = threads._openblas_fallback()
    if not ctls:
        pytest.skip("NumPy's BLAS here is not OpenBLAS")
    before = ctls[0].num_threads
    try:
        for n in (1, 2):
            for c in ctls:
                c.set_num_threads(n)
            assert [c.num_threads for c in ctls] == [n] * len(ctls)
            # threadpoolctl (when present) reads the same pool
            if threads.blas_threads() is not None:
                assert threads.blas_threads() == n
    finally:
        for c in ctls:
            c.set_num_threads(before)


def test_missing_threadpoolctl_uses_the_fallback(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)   # import raises ImportError
    monkeypatch.setattr(threads, "_blas", None)
    monkeypatch.setattr(threads, "_openblas_fallback", lambda: ["fallback"])
    assert threads._blas_controllers() == ["fallback"]


@needs_pool
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_idle_serial_way_splits_large_gemms_only_where_the_bits_are_whole(pool, dtype,
                                                                          monkeypatch):
    rs = np.random.RandomState(5)
    a = rs.randn(1024, 256).astype(dtype)
    b = rs.randn(256, 256).astype(dtype)
    jobs = []
    job = threads._Job
    monkeypatch.setattr(threads, "_Job", lambda *args: jobs.append(args[3]) or job(*args))
    monkeypatch.setattr(threads, "_IDLE_MIN_SPLIT", 1 << 20)
    monkeypatch.setattr(threads, "_exact_cuts", {})
    want = np.matmul(a, b)
    try:
        threads._apply(threads._blas_now or 1, 1)
        assert threads.matmul(a, b).tobytes() == want.tobytes() and not jobs   # no spare
        threads._apply(threads._blas_now or 1, 1, 1)
        got = threads.matmul(a, b)
        assert got.tobytes() == want.tobytes()
        assert len(jobs) == 1 and list(threads._exact_cuts.values()) == [True]
        # blocks found to round otherwise (a BLAS blocking the inner dimension per shape):
        # the whole product
        monkeypatch.setattr(threads, "_exact_cuts", {})
        monkeypatch.setattr(threads, "_split_exact", lambda *args: False)
        assert threads.matmul(a, b).tobytes() == want.tobytes() and len(jobs) == 1
    finally:
        threads._apply(threads._blas_now or 1, 1)
