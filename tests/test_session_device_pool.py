"""TF 1.14's CPU device runs every session's kernels on one intra-op pool per process, sized
by the first session's ConfigProto.intra_op_parallelism_threads (LocalDevice's
global_tp_info_), unless TF_OVERRIDE_GLOBAL_THREADPOOL is true when that session starts;
a MatMul whose bits depend on the pool (Eigen's depth blocks: 1 thread vs 2) shows it
(checked with TF 1.14 on the Intel Xeon, tests/pprobe49_scripts/intra_op_first_session.py).
The Session's list_devices and RunOptions.report_tensor_allocations_upon_oom as TF's."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.runtime import session as session_mod


@pytest.fixture
def fresh_process(monkeypatch):
    """As a process that has made no session yet."""
    monkeypatch.setattr(session_mod, "_DEVICE_POOL", [])
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


def _intra(config):
    return tf.Session(graph=tf.Graph(), config=config)._intra_op


def test_the_first_session_sizes_the_pool(fresh_process, monkeypatch):
    monkeypatch.delenv("TF_OVERRIDE_GLOBAL_THREADPOOL", raising=False)
    assert _intra(tf.ConfigProto(intra_op_parallelism_threads=1)) == 1
    assert _intra(None) == 1
    assert _intra(tf.ConfigProto(intra_op_parallelism_threads=2)) == 1
    monkeypatch.setenv("TF_OVERRIDE_GLOBAL_THREADPOOL", "1")   # read once, as TF
    assert _intra(tf.ConfigProto(intra_op_parallelism_threads=2)) == 1


@pytest.mark.parametrize("value,override", [("1", True), ("true", True), ("TRUE", True),
                                            ("0", False), ("false", False), ("yes", False)])
def test_override_variable(fresh_process, monkeypatch, value, override):
    monkeypatch.setenv("TF_OVERRIDE_GLOBAL_THREADPOOL", value)
    assert _intra(None) == 0
    assert _intra(tf.ConfigProto(intra_op_parallelism_threads=3)) == (3 if override else 0)


@goldens.SGEMM_SEQUENTIAL_SKIP
def test_a_later_sessions_matmul_gets_the_first_sessions_bits(fresh_process, monkeypatch):
    monkeypatch.delenv("TF_OVERRIDE_GLOBAL_THREADPOOL", raising=False)
    rng = np.random.RandomState(3)
    a = rng.randn(96, 384).astype(np.float32)
    b = (rng.randn(384, 700) * 0.05).astype(np.float32)
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float32, [None, 384])
        z = tf.matmul(p, tf.constant(b))
    got = [tf.Session(graph=g, config=c).run(z, {p: a}) for c in
           (None, tf.ConfigProto(intra_op_parallelism_threads=1))]
    assert got[0].tobytes() == got[1].tobytes()
    monkeypatch.setattr(session_mod, "_DEVICE_POOL", [])
    one = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=1)).run(
        z, {p: a})
    assert one.tobytes() != got[0].tobytes()   # 1 thread: one depth block, 2: two


def test_list_devices_and_oom_report_stats():
    with tf.Session(graph=tf.Graph(), config=tf.ConfigProto(device_count={"CPU": 2})) as s:
        assert [d.name.split("device:")[1] for d in s.list_devices()] == [
            "CPU:0", "CPU:1", "XLA_CPU:0"]
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(1.0) + 1.0
    with tf.Session(graph=g) as s:
        md = tf.RunMetadata()
        s.run(x, options=tf.RunOptions(timeout_in_ms=2000), run_metadata=md)
        assert not md.HasField("step_stats")
        s.run(x, options=tf.RunOptions(report_tensor_allocations_upon_oom=True),
              run_metadata=md)
        assert md.HasField("step_stats")
