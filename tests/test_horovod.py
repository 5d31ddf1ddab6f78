"""Horovod's TensorFlow API (flowgrad.horovod.tensorflow, `import horovod.tensorflow`):
one process (rank 0 of 1, no Ray), the ring collectives over an in-process transport
with several ranks in threads, and (marker `ray`) `flowgrad launch` with real processes.
"""
import os
import queue
import subprocess
import sys
import threading

import numpy as np
import pytest

import flowgrad as tf
import flowgrad.horovod.tensorflow as hvd
from flowgrad.compat import tf_alias
from flowgrad.distribute.collective import SMALL_BYTES, RingBackend
from flowgrad.engine.ops import collective

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "horovod_scripts")


@pytest.fixture(autouse=True)
def _fresh():
    hvd.shutdown()
    tf.reset_default_graph()
    yield
    hvd.shutdown()


# -- one process ----------------------------------------------------------------------
def test_uninitialized_raises_horovods_error():
    with pytest.raises(ValueError, match=r"Horovod has not been initialized; use hvd.init\(\)"):
        hvd.size()


def test_init_without_launcher_is_rank_0_of_1():
    hvd.init()
    assert (hvd.rank(), hvd.size(), hvd.local_rank(), hvd.local_size()) == (0, 1, 0, 1)
    assert hvd.is_initialized() and not hvd.mpi_threads_supported()


def test_init_comm_is_not_implemented():
    with pytest.raises(NotImplementedError, match="comm"):
        hvd.init(comm=[0, 1])


def test_collectives_of_one_rank_and_their_ops():
    hvd.init()
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    avg = hvd.allreduce(x)
    total = hvd.allreduce(x, average=False)
    gathered = hvd.allgather(x)
    bcast = hvd.broadcast(x, 0)
    types = [op.type for op in tf.get_default_graph().get_operations()]
    assert types.count("HorovodAllreduce") == 2
    assert "HorovodAllgather" in types and "HorovodBroadcast" in types
    assert avg.op.inputs[0].op.name == "HorovodAllreduce_x_0" or \
        "HorovodAllreduce_x_0" in [op.name for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        a, t, g, b = sess.run([avg, total, gathered, bcast])
    np.testing.assert_array_equal(a, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(t, [[1, 2], [3, 4]])
    assert g.shape == (2, 2) and b.tolist() == [[1, 2], [3, 4]]
    assert gathered.shape.as_list() == [None, 2]


def test_fp16_compression_round_trip_keeps_dtype():
    hvd.init()
    x = tf.constant([1.0, 2.5, 3.0])
    y = hvd.allreduce(x, compression=hvd.Compression.fp16)
    assert y.dtype == tf.float32
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y), [1.0, 2.5, 3.0])


def test_broadcast_root_out_of_range_fails_at_run():
    hvd.init()
    y = hvd.broadcast(tf.constant([1.0]), 3)
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError, match="root_rank 3"):
        sess.run(y)


def test_gradients_through_collectives_of_one_rank():
    hvd.init()
    x = tf.constant([1.0, 2.0, 3.0], dtype=tf.float64)
    loss = tf.reduce_sum(tf.square(hvd.allreduce(x)) + hvd.allgather(x) * 3.0
                         + hvd.broadcast(x, 0) * 5.0)
    g, = tf.gradients(loss, [x])
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(g), 2 * np.array([1.0, 2.0, 3.0]) + 8.0)


def test_collective_gradient_rules_take_indexed_slices():
    """A gather after each collective sends an IndexedSlices gradient into its rule (made
    dense, as TF's op wrappers do)."""
    hvd.init()
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=tf.float64)
    outs = [collective.allreduce_sum(x), collective.grouped_allreduce_sum([x])[0],
            hvd.allgather(x), hvd.broadcast(x, 0)]
    loss = tf.add_n([tf.reduce_sum(tf.gather(o, [2, 0, 2])) for o in outs])
    g, = tf.gradients(loss, [x])
    with tf.Session() as sess:
        assert sess.run(g).tolist() == [[4.0, 4.0], [0.0, 0.0], [8.0, 8.0]]


def test_grouped_allreduce_and_its_gradient_of_one_rank():
    hvd.init()
    a = tf.constant([1.0, 2.0], dtype=tf.float64)
    b = tf.constant([[3.0]], dtype=tf.float64)
    sa, sb = collective.grouped_allreduce_sum([a, b])
    assert sb.shape.as_list() == [1, 1]
    ga, gb = tf.gradients(tf.reduce_sum(sa * sa) + tf.reduce_sum(sb), [a, b])
    with tf.Session() as sess:
        got = sess.run([sa, sb, ga, gb])
    assert [x.tolist() for x in got] == [[1.0, 2.0], [[3.0]], [2.0, 4.0], [[1.0]]]
    with pytest.raises(TypeError, match="one dtype"):
        collective.grouped_allreduce_sum([a, tf.constant([1.0])])


def test_ring_allreduce_many_splits_one_buffer():
    res = _on_ranks(3, lambda b: b.allreduce_many("m", [np.full((2, 2), b.rank, np.float32),
                                                         np.full(3, 1.0, np.float32)]))
    for r in range(3):
        assert res[r][0].tolist() == [[3.0, 3.0], [3.0, 3.0]] and res[r][1].tolist() == [3.0] * 3


def _train(opt_fn, steps=5, hooks=()):
    rng = np.random.RandomState(0)
    xs, ys = rng.randn(16, 3).astype(np.float32), rng.randn(16, 1).astype(np.float32)
    w = tf.Variable(np.full((3, 1), 0.5, np.float32))
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(xs), w) - ys))
    train = opt_fn().minimize(loss)
    with tf.train.MonitoredTrainingSession(hooks=list(hooks)) as sess:
        for _ in range(steps):
            sess.run(train)
        return sess.run(w)


def test_distributed_optimizer_of_one_rank_is_the_optimizer():
    hvd.init()
    plain = _train(lambda: tf.train.AdamOptimizer(0.1))
    tf.reset_default_graph()
    dist = _train(lambda: hvd.DistributedOptimizer(tf.train.AdamOptimizer(0.1)),
                  hooks=[hvd.BroadcastGlobalVariablesHook(0)])
    np.testing.assert_array_equal(plain, dist)
    opt = hvd.DistributedOptimizer(tf.train.MomentumOptimizer(0.1, 0.9))
    assert opt.get_name() == "DistributedMomentumOptimizer"


def test_distributed_optimizer_refuses_a_non_tf_optimizer():
    hvd.init()
    with pytest.raises(NotImplementedError, match="horovod.tensorflow.keras"):
        hvd.DistributedOptimizer(object())


# -- the ring over an in-process transport (ranks are threads) -------------------------
class _Threads:
    """Mailboxes in one process; every send copies, as a real transport does."""

    def __init__(self, n):
        self.boxes = [dict() for _ in range(n)]
        self.cond = threading.Condition()

    def transport(self, rank):
        outer = self

        class T:
            def send(self, dst, key, value):
                with outer.cond:
                    outer.boxes[dst][key] = np.array(value, copy=True)
                    outer.cond.notify_all()

            def recv(self, src, key):
                with outer.cond:
                    while key not in outer.boxes[rank]:
                        outer.cond.wait(5)
                    return outer.boxes[rank].pop(key)
        return T()


def _on_ranks(n, fn):
    """fn(backend) on n ranks in threads; their results in rank order."""
    threads_, out, errs = _Threads(n), [None] * n, queue.Queue()

    def body(r):
        try:
            out[r] = fn(RingBackend(r, n, threads_.transport(r)))
        except Exception as e:  # noqa: BLE001 - reported below
            errs.put(e)
    ts = [threading.Thread(target=body, args=(r,)) for r in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(120)
    if not errs.empty():
        raise errs.get()
    return out


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("numel", [1, 7, SMALL_BYTES // 4 + 13])   # direct and ring paths
def test_ring_allreduce_sums_and_every_rank_has_the_same_bits(n, numel):
    data = [np.random.RandomState(r).randn(numel).astype(np.float32) for r in range(n)]
    res = _on_ranks(n, lambda b: [b.allreduce("g", data[b.rank]),
                                  b.allreduce("g", data[b.rank] * 2)])
    for r in range(n):
        np.testing.assert_allclose(res[r][0], sum(data), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(res[r][1], 2 * sum(data), rtol=1e-5, atol=1e-5)
        assert res[r][0].tobytes() == res[0][0].tobytes()


def test_ring_allgather_and_broadcast():
    res = _on_ranks(3, lambda b: (b.allgather("a", np.full((b.rank + 1, 2), b.rank)),
                                  b.broadcast("b", np.array([b.rank * 10.0]), 2)))
    for r in range(3):
        np.testing.assert_array_equal(res[r][0], [[0, 0], [1, 1], [1, 1], [2, 2], [2, 2],
                                                  [2, 2]])
        assert res[r][1].tolist() == [20.0]


def test_ring_mismatched_shapes_raise_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Mismatched allreduce"):
        _on_ranks(2, lambda b: b.allreduce("g", np.zeros(3 + b.rank, np.float32)))


class _PipeTransport:
    """Ranks in forked processes: one multiprocessing queue per rank, messages that come
    early kept until asked for."""

    def __init__(self, rank, queues):
        self.rank, self.queues, self.early = rank, queues, {}

    def send(self, dst, key, value):
        self.queues[dst].put((key, np.array(value, copy=True)))

    def recv(self, src, key):
        while key not in self.early:
            k, v = self.queues[self.rank].get(timeout=60)
            self.early[k] = v
        return self.early.pop(key)


_RNG = np.random.RandomState(1)
_XS, _YS = _RNG.randn(8, 4).astype(np.float32), _RNG.randn(8, 2).astype(np.float32)


def _mlp_steps(x, y, opt, steps=4):
    w = tf.get_variable("w", initializer=np.full((4, 2), 0.1, np.float32))
    b = tf.get_variable("b", initializer=np.zeros(2, np.float32))
    loss = tf.reduce_mean(tf.square(tf.nn.relu(tf.matmul(x, w) + b) - y))
    train = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train)
        return sess.run([w, b])


def _rank_main(rank, n, queues, results):
    try:
        hvd.init()
        collective.set_backend(RingBackend(rank, n, _PipeTransport(rank, queues)))
        assert hvd.size() == n and hvd.rank() == rank
        per = len(_XS) // n
        part = slice(rank * per, (rank + 1) * per)
        opt = hvd.DistributedOptimizer(tf.train.MomentumOptimizer(0.5, 0.9))
        res = _mlp_steps(tf.constant(_XS[part]), tf.constant(_YS[part]), opt)
        types = [op.type for op in tf.get_default_graph().get_operations()]
        assert types.count("HorovodGroupedAllreduce") == 1, types   # tensor fusion
        results.put((rank, res))
    except BaseException as e:  # noqa: BLE001 - the parent reports it
        results.put((rank, repr(e)))


@pytest.mark.parametrize("n", [2, 4])
def test_data_parallel_steps_equal_one_process_on_the_concatenated_batch(n):
    """n ranks with 1/n of the batch each and DistributedOptimizer(Momentum) take the
    steps Momentum takes on the whole batch in one process (float32 tolerance)."""
    import multiprocessing  # noqa: PLC0415 - only this test forks
    ctx = multiprocessing.get_context("fork")
    queues = [ctx.Queue() for _ in range(n)]
    results = ctx.Queue()
    procs = [ctx.Process(target=_rank_main, args=(r, n, queues, results)) for r in range(n)]
    for p in procs:
        p.start()
    got = dict(results.get(timeout=120) for _ in range(n))
    for p in procs:
        p.join(30)
    ref = _mlp_steps(tf.constant(_XS), tf.constant(_YS), tf.train.MomentumOptimizer(0.5, 0.9))
    for r in range(n):
        assert not isinstance(got[r], str), got[r]
        for a, b in zip(got[r], ref):
            np.testing.assert_allclose(a, b, rtol=2e-6, atol=2e-6)
    assert all(got[r][0].tobytes() == got[0][0].tobytes() for r in range(n))


_EMB_IDS = np.array([0, 3, 1, 3, 5, 0, 2, 3], np.int32)
_EMB_YS = np.random.RandomState(2).randn(8, 1).astype(np.float32)


def _embedding_steps(ids, y, opt, steps=3):
    """An embedding (its gradient an IndexedSlices) and a dense layer, trained by opt."""
    emb = tf.get_variable("emb", initializer=np.arange(12, dtype=np.float32).reshape(6, 2)
                          / 10)
    w = tf.get_variable("w", initializer=np.array([[0.5], [-0.3]], np.float32))
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.nn.embedding_lookup(emb, ids), w) - y))
    train = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train)
        return sess.run([emb, w])


def _sparse_rank(rank, n, sparse_as_dense):
    per = len(_EMB_IDS) // n
    part = slice(rank * per, (rank + 1) * per)
    opt = hvd.DistributedOptimizer(tf.train.GradientDescentOptimizer(0.5),
                                   sparse_as_dense=sparse_as_dense)
    res = _embedding_steps(tf.constant(_EMB_IDS[part]), tf.constant(_EMB_YS[part]), opt)
    types = [op.type for op in tf.get_default_graph().get_operations()]
    # the IndexedSlices gradient's values and indices are allgathered (Horovod's sparse
    # path) unless sparse_as_dense makes it one more tensor of the fused allreduce
    assert types.count("HorovodAllgather") == (0 if sparse_as_dense else 2), types
    assert types.count("HorovodGroupedAllreduce") == 1, types
    return res


def _fp16_rank(rank, n):
    x = np.random.RandomState(rank).randn(5).astype(np.float32) * 100
    y = hvd.allreduce(tf.constant(x), compression=hvd.Compression.fp16)
    sent, = [op for op in tf.get_default_graph().get_operations()
             if op.type == "HorovodAllreduce"]
    assert sent.inputs[0].dtype == tf.float16 and y.dtype == tf.float32
    with tf.Session() as sess:
        return [sess.run(y)]


def _fork_ranks(n, fn, *args):
    """fn(rank, n, *args) in n forked processes joined by a ring over pipes; the results
    (or the repr of an error) by rank."""
    import multiprocessing  # noqa: PLC0415 - only these tests fork
    ctx = multiprocessing.get_context("fork")
    queues = [ctx.Queue() for _ in range(n)]
    results = ctx.Queue()

    def main(rank):
        try:
            hvd.init()
            collective.set_backend(RingBackend(rank, n, _PipeTransport(rank, queues)))
            results.put((rank, fn(rank, n, *args)))
        except BaseException as e:  # noqa: BLE001 - the parent reports it
            results.put((rank, repr(e)))
    procs = [ctx.Process(target=main, args=(r,)) for r in range(n)]
    for p in procs:
        p.start()
    got = dict(results.get(timeout=120) for _ in range(n))
    for p in procs:
        p.join(30)
    for r in range(n):
        assert not isinstance(got[r], str), got[r]
    return got


@pytest.mark.parametrize("sparse_as_dense", [False, True])
def test_sparse_gradients_over_ranks_equal_one_process(sparse_as_dense):
    """DistributedOptimizer's sparse handling: an embedding's IndexedSlices gradient,
    allgathered (values divided by size()) or, with sparse_as_dense, densified and
    allreduced; 2 ranks with half the batch each equal one process on the whole batch."""
    got = _fork_ranks(2, _sparse_rank, sparse_as_dense)
    ref = _embedding_steps(tf.constant(_EMB_IDS), tf.constant(_EMB_YS),
                           tf.train.GradientDescentOptimizer(0.5))
    for r in range(2):
        for a, b in zip(got[r], ref):
            np.testing.assert_allclose(a, b, rtol=2e-6, atol=2e-6)
    assert got[0][0].tobytes() == got[1][0].tobytes()


def test_fp16_compression_sums_float16_values_over_ranks():
    """Compression.fp16: each rank's float32 tensor travels as float16, the sum is made in
    float16 and comes back as float32, then averaged (Horovod's order)."""
    got = _fork_ranks(2, _fp16_rank)
    xs = [np.random.RandomState(r).randn(5).astype(np.float32) * 100 for r in range(2)]
    want = (xs[0].astype(np.float16) + xs[1].astype(np.float16)).astype(np.float32) / 2
    for r in range(2):
        np.testing.assert_array_equal(got[r][0], want)
    assert not np.array_equal(want, (xs[0] + xs[1]) / 2)     # the rounding is visible


# -- `import horovod.tensorflow` under flowgrad run ------------------------------------
def test_alias_maps_horovod_tensorflow_and_names_what_is_missing(tmp_path):
    with tf_alias.alias_tensorflow():
        import horovod.tensorflow as alias_hvd  # noqa: PLC0415
        assert alias_hvd.DistributedOptimizer is hvd.DistributedOptimizer
        with pytest.raises(ModuleNotFoundError, match="horovod.torch"):
            import horovod.torch  # noqa: F401,PLC0415
        with pytest.raises(AttributeError, match="horovod.tensorflow.no_such_thing"):
            alias_hvd.no_such_thing  # noqa: B018
    assert "horovod" not in sys.modules and "horovod.tensorflow" not in sys.modules


def test_flowgrad_run_runs_a_horovod_script_as_one_rank():
    out = subprocess.run([sys.executable, "-m", "flowgrad", "run",
                          os.path.join(SCRIPTS, "hvd_mlp.py"), "--steps", "3"],
                         capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert out.returncode == 0, out.stderr
    assert "rank 0 of 1" in out.stdout and "final loss" in out.stdout


def test_launch_hosts_parse_as_horovodrun_and_too_few_slots_are_refused(capsys):
    from flowgrad import cli  # noqa: PLC0415
    from flowgrad.distribute.horovod_ray import parse_hosts  # noqa: PLC0415
    assert parse_hosts("10.0.0.1:2,node-b:4,node-c") == [("10.0.0.1", 2), ("node-b", 4),
                                                         ("node-c", 1)]
    for bad, why in (("a:0", "SLOTS at least 1, not 'a:0'"), ("a:x", "not 'a:x'"),
                     (":2", "not ':2'"), ("a:1,a:2", "host 'a' is named twice")):
        with pytest.raises(ValueError, match=why):
            parse_hosts(bad)
    script = os.path.join(SCRIPTS, "hvd_mlp.py")
    # refused before any Ray cluster is reached (the distributed extra is not needed)
    assert cli.main(["launch", "-np", "3", "-H", "localhost:2", script]) == 2
    assert "flowgrad launch: -np 3 ranks do not fit the 2 slots of -H (localhost:2)" in \
        capsys.readouterr().err
    assert cli.main(["launch", "-np", "2", "-H", "a:1,a:1", script]) == 2
    assert "host 'a' is named twice" in capsys.readouterr().err


def test_launch_hostfile_is_horovodruns_and_excludes_h(tmp_path, capsys):
    from flowgrad import cli  # noqa: PLC0415
    from flowgrad.distribute.horovod_ray import read_hostfile  # noqa: PLC0415
    hostfile = tmp_path / "hosts"
    hostfile.write_text("# the cluster\n10.0.0.1 slots=2\n\nnode-b slots=4  # big\nnode-c\n")
    assert read_hostfile(str(hostfile)) == "10.0.0.1:2,node-b:4,node-c:1"
    bad = tmp_path / "bad"
    bad.write_text("a slots=2\nb 3\n")
    with pytest.raises(ValueError, match="--hostfile .*bad, line 2: expected 'HOST slots=N', "
                                         "not 'b 3'"):
        read_hostfile(str(bad))
    script = os.path.join(SCRIPTS, "hvd_mlp.py")
    one = tmp_path / "one"
    one.write_text("localhost slots=2\n")
    assert cli.main(["launch", "-np", "3", "--hostfile", str(one), script]) == 2
    assert "flowgrad launch: -np 3 ranks do not fit the 2 slots of -H (localhost:2)" in \
        capsys.readouterr().err
    twice = tmp_path / "twice"
    twice.write_text("a slots=1\na slots=1\n")
    assert cli.main(["launch", "-np", "2", "--hostfile", str(twice), script]) == 2
    assert f"flowgrad launch: --hostfile {twice}: host 'a' is named twice" in \
        capsys.readouterr().err
    assert cli.main(["launch", "-np", "1", "--hostfile", str(tmp_path / "none"), script]) == 2
    assert "--hostfile: can't read" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["launch", "-np", "2", "-H", "a:2", "--hostfile", str(one), script])
    assert "not allowed with argument" in capsys.readouterr().err


# -- flowgrad launch: real processes on a local Ray cluster -----------------------------
@pytest.mark.ray
def test_launch_two_ranks_equal_one_process_and_a_killed_rank_stops_the_job():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    launch = subprocess.run([sys.executable, "-m", "flowgrad", "launch", "-np", "2",
                             os.path.join(SCRIPTS, "hvd_mlp.py"), "--steps", "6"],
                            capture_output=True, text=True, timeout=600, env=env)
    assert launch.returncode == 0, launch.stdout + launch.stderr
    single = subprocess.run([sys.executable, "-m", "flowgrad", "run",
                             os.path.join(SCRIPTS, "hvd_mlp.py"), "--steps", "6",
                             "--full-batch"], capture_output=True, text=True, timeout=300,
                            env=env)
    assert single.returncode == 0, single.stderr
    final = [line for line in launch.stdout.splitlines() if "final w" in line]
    ref = [line for line in single.stdout.splitlines() if "final w" in line][0]
    assert len(final) == 2, launch.stdout
    for line in final:
        got = np.array(line.split("final w", 1)[1].split(), dtype=float)
        want = np.array(ref.split("final w", 1)[1].split(), dtype=float)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert "[0] rank 0 of 2" in launch.stdout and "[1] rank 1 of 2" in launch.stdout

    killed = subprocess.run([sys.executable, "-m", "flowgrad", "launch", "-np", "2",
                             os.path.join(SCRIPTS, "hvd_mlp.py"), "--steps", "50",
                             "--kill-rank", "1", "--kill-step", "3"],
                            capture_output=True, text=True, timeout=600, env=env)
    assert killed.returncode != 0
    assert "rank 1 exited with code -9" in killed.stderr, killed.stderr
