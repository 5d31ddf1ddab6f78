"""MonitoredTrainingSession, Scaffold and the standard hooks against TF 1.14: the golden
generator's cases run on flowgrad and must give TF's records."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "monitored"))
import gen_monitored  # noqa: E402

GOLD = goldens.load("monitored", "monitored")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_monitored.cases(tf)
    finally:
        tf.reset_default_graph()


def _same(got, want, where):
    if isinstance(want, np.ndarray):
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, where
        if want.dtype.kind == "f":
            np.testing.assert_allclose(got, want, rtol=1e-6, err_msg=where)
        else:
            assert got.tolist() == want.tolist(), where
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], where + "/" + k)
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), (where, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, "%s[%d]" % (where, i))
    elif isinstance(want, BaseException):
        assert type(got).__name__ == type(want).__name__, where
    else:
        assert got == want, (where, got, want)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    _same(ours[case], GOLD[case], case)


def test_train_monitored_training_session_defaults(tmp_path):
    """Neither save_checkpoint_* given: every 600 s; summaries every 100 steps."""
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        sess = tf.train.MonitoredTrainingSession(checkpoint_dir=str(tmp_path))
        kinds = {type(h).__name__: h for h in sess._hooks}
        assert sorted(kinds) == ["CheckpointSaverHook", "StepCounterHook", "SummarySaverHook"]
        assert kinds["CheckpointSaverHook"]._timer._every_secs == 600
        assert kinds["SummarySaverHook"]._timer._every_steps == 100
        assert kinds["StepCounterHook"]._timer._every_steps == 100
        sess.close()
        with pytest.raises(RuntimeError, match="Session is already closed"):
            sess.close()


def test_master_other_than_local_is_not_implemented():
    with pytest.raises(NotImplementedError, match="master"):
        tf.train.WorkerSessionCreator(master="grpc://host:2222")
    with pytest.raises(NotImplementedError, match="master"):
        tf.train.ChiefSessionCreator(master="grpc://host:2222")


def test_run_metadata_is_filled_when_asked_for():
    """A hook asking for FULL_TRACE gets the step stats; otherwise hooks get an empty
    RunMetadata (flowgrad fills one only on request: it costs a plan listing per step)."""
    seen = []

    class Tracer(tf.train.SessionRunHook):
        def __init__(self, trace):
            self.trace = trace

        def before_run(self, run_context):
            opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE) if self.trace else None
            return tf.train.SessionRunArgs(None, options=opts)

        def after_run(self, run_context, run_values):
            seen.append((run_values.options.trace_level,
                         len(run_values.run_metadata.step_stats.dev_stats)))

    with tf.Graph().as_default():
        c = tf.constant(2.0) * 3.0
        with tf.train.SingularMonitoredSession(hooks=[Tracer(False)]) as sess:
            assert sess.run(c) == 6.0
            md = tf.RunMetadata()
            sess.run(c, run_metadata=md)
            assert md.optimized_ir
        with tf.train.SingularMonitoredSession(hooks=[Tracer(True)]) as sess:
            sess.run(c)
    assert seen[0] == (0, 0) and seen[2][0] == tf.RunOptions.FULL_TRACE and seen[2][1] >= 1
