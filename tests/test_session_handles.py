"""tf.get_session_handle / get_session_tensor / delete_session_tensor and TensorHandle against
TF 1.14 (tests/golden/core/gen_session_handles.py)."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("core", "session_handles")
GOLDEN = goldens.load("core", "session_handles")


@pytest.mark.parametrize("case", ["basic", "feeds", "garbage", "callables"])
def test_matches_tf114(case):
    got = getattr(gen, case)(tf)
    want = GOLDEN[case]
    for key in want:
        assert got[key] == want[key], key
    assert sorted(got) == sorted(want)


def test_closing_frees_the_store():
    with tf.Graph().as_default():
        h = tf.get_session_handle(tf.constant([1.0, 2.0]))
        s = tf.Session()
        t = s.run(h)
        store = s._ctx.session_tensors
        assert list(store) == [t.handle]
        t.get_raw_handle()
        s.close()
        assert not store
