"""tf.train.Supervisor against TF 1.14 (the golden generator's cases run on flowgrad), and
its checkpoint/summary threads."""
import glob
import os
import sys
import time

import pytest

import flowgrad as tf

import goldens
from test_monitored_session import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "monitored"))
import gen_supervisor  # noqa: E402

GOLD = goldens.load("monitored", "supervisor")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_supervisor.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    _same(ours[case], GOLD[case], case)


def test_threads_write_checkpoints_and_summaries(tmp_path):
    with tf.Graph().as_default():
        gs, w, loss, train = gen_supervisor._model(tf)
        sv = tf.train.Supervisor(logdir=str(tmp_path), save_summaries_secs=0.05,
                                 save_model_secs=0.05)
        with sv.managed_session() as sess:
            deadline = time.time() + 20
            while not glob.glob(str(tmp_path / "model.ckpt-*.index")):
                assert time.time() < deadline
                sess.run(train)
                time.sleep(0.01)
            calls = []
            looper = sv.loop(0.01, calls.append, args=(1,))
            while not calls:
                assert time.time() < deadline
                time.sleep(0.01)
        assert not looper.is_alive()
        assert tf.train.latest_checkpoint(str(tmp_path)) is not None
        tags = {t for _, t in gen_monitored_events(str(tmp_path))}
        assert "summary:loss_1" in tags and "summary:global_step/sec" in tags


def gen_monitored_events(d):
    import gen_monitored
    return gen_monitored._events(tf, d)


def test_summary_computed_needs_a_writer_and_master_is_local():
    with tf.Graph().as_default():
        gen_supervisor._model(tf)
        sv = tf.train.Supervisor(logdir=None)
        with pytest.raises(RuntimeError, match="requires a summary writer"):
            sv.summary_computed(None, b"")
        with pytest.raises(NotImplementedError, match="master"):
            sv.prepare_or_wait_for_session("grpc://host:2222")


def test_loop_calls_at_once_then_on_schedule():
    """TF 1.14's LooperThread calls its target at once, then every interval."""
    with tf.Graph().as_default():
        sv = tf.train.Supervisor(logdir=None)
        calls = []
        looper = sv.loop(3600, calls.append, args=(1,))
        deadline = time.time() + 10
        while not calls:
            assert time.time() < deadline
            time.sleep(0.01)
        sv.stop()
        assert not looper.is_alive() and calls == [1]
