"""tf.print and tf.strings.format against TF 1.14: scalar strings (quoted among other
inputs, as they are when printed alone), empty tensors, summarize=0, and the file:// and
tf.logging output streams (C++ log lines on stderr, TF_CPP_MIN_LOG_LEVEL=2 as the golden
was made)."""
import io
import sys

import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("framework", "pdbg_print")
GOLDEN = goldens.load("framework", "pdbg_print")
_OURS = {}


def _capture(fn):
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err = io.StringIO(), io.StringIO()
    try:
        fn()
    finally:
        sys.stdout, sys.stderr = saved
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def ours():
    mp = pytest.MonkeyPatch()
    mp.setenv("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        if not _OURS:
            _OURS.update(GEN.formats(tf, _capture))
    finally:
        mp.undo()
    return _OURS


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_printed_like_tf114(ours, key):
    assert ours[key] == GOLDEN[key]


def test_log_info_shown_without_min_log_level(monkeypatch):
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    with tf.Graph().as_default(), tf.Session() as sess:
        p = tf.print("x:", tf.constant([1, 2]), output_stream=tf.logging.info)
        _, err = _capture(lambda: sess.run(p))
    assert err.endswith(": I tensorflow/core/kernels/logging_ops.cc:174] x: [1 2]\n\n")
