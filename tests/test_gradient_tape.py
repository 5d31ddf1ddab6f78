"""tf.GradientTape in graph mode against TF 1.14 (tests/golden/gradients/gen_tape.py):
gradient values, the name and type of every op `gradient` builds, and the errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

tape_cases = goldens.generator("gradients", "tape")
GOLDEN = goldens.load("gradients", "tape")


def _compare(got, want, where):
    if want is None or isinstance(want, str):
        assert got == want, f"{where}: {got!r} vs {want!r}"
        return
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got} vs {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _compare(g, w, f"{where}[{i}]")
        return
    assert got.dtype == want.dtype and got.shape == want.shape, f"{where}: {got} vs {want}"
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=where)


@pytest.mark.parametrize("case", tape_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    got = tape_cases.run_case(tf, case)
    want = GOLDEN[case.__name__]
    assert sorted(got) == sorted(want)
    for k in want:
        _compare(got[k], want[k], f"{case.__name__}.{k}")


def test_tape_records_only_inside_and_stops_on_exit():
    with tf.Graph().as_default():
        x = tf.constant(2.0)
        with tf.GradientTape(persistent=True) as t:
            t.watch(x)
            y = x * x
        z = y * 3.0     # built after the context: not recorded
        assert t.gradient(z, x) is None
        with tf.Session() as sess:
            assert sess.run(t.gradient(y, x)) == 4.0


def test_tape_already_recording():
    with tf.Graph().as_default():
        t = tf.GradientTape()
        with t:
            with pytest.raises(ValueError, match="Tape is already recording."):
                t.__enter__()
