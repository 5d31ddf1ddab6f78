"""Space/depth/batch rearrangements, patches and morphology against TF 1.14
(tests/golden/array_extra/gen_space.py): values, the ops each call builds (gradients
included; where TF's C++ shape inference folds a constant TF writes a Const where flowgrad
writes the Shape op), and each misuse's error class and message (TF's shape-function
suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array_extra", "space")
WANT = load("array_extra", "space")
FOLDED_BY_TF = {("Const", "Shape"), ("Const", "Size"), ("Const", "Rank")}


def _close(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(b, float):
        return a == pytest.approx(b, rel=1e-6, abs=1e-6)
    return a == b


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    want_value, want_ops = WANT[case]
    g = tf.Graph()
    with g.as_default():
        value = tf.Session().run(GEN.CASES[case](tf))
    assert _close(GEN._value(value), want_value)
    ops = [[o.name, o.type] for o in g.get_operations()]
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    for (_, t_fg), (name, t_tf) in zip(ops, want_ops):
        assert t_fg == t_tf or (t_tf, t_fg) in FOLDED_BY_TF, name


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    want = WANT["error:" + case]
    g = tf.Graph()
    with g.as_default():
        with pytest.raises(Exception) as info:
            tf.Session().run(GEN.ERRORS[case](tf))
    got = GEN._error(info.value)
    cls, msg = want.split(": ", 1)
    assert type(info.value).__name__ == cls, got
    assert got.split(": ", 1)[1].split(" for '")[0].startswith(msg.split(" for '")[0])


def test_nchw_vect_c_is_not_supported():
    with pytest.raises(NotImplementedError, match="NCHW_VECT_C"):
        tf.depth_to_space(tf.zeros([1, 1, 2, 2, 4]), 2, data_format="NCHW_VECT_C")
