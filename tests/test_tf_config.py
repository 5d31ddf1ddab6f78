"""tf.config against TF 1.14 (tests/golden/framework/gen_config.py): settings, devices,
errors, and the ConfigProto a Session made without one takes."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework import context as _context

config_cases = goldens.generator("framework", "config")
GOLDEN = goldens.load("framework", "config")


@pytest.fixture
def fresh_context(monkeypatch):
    monkeypatch.setattr(_context, "_context", _context.Context())


def test_steps_match_tf114(fresh_context):
    got = config_cases.run(tf)
    want = GOLDEN["steps"]
    assert [g[0] for g in got] == [w[0] for w in want]
    for g, w in zip(got, want):
        assert g == w


def test_threads_reach_the_session(fresh_context):
    tf.config.threading.set_inter_op_parallelism_threads(1)
    with tf.Graph().as_default():
        sess = tf.Session()
        assert sess._inter_op == 1
        assert sess.run(tf.constant(2.0) * 3.0) == 6.0


def test_untouched_context_leaves_sessions_unconfigured(fresh_context):
    with tf.Graph().as_default():
        assert tf.Session()._config is None
