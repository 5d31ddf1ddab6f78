"""TF 1.14's array/segment additions against TF 1.14 (tests/golden/array_extra/
gen_array_extra.py): values, the ops each call builds (gradients included: the same names
and count as TF; where TF's C++ shape inference folds a constant TF writes a Const where
flowgrad writes the Shape, Size or Rank op), and each misuse's error class and message
(TF's shape-function suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array_extra", "array_extra")
WANT = load("array_extra", "array_extra")
FOLDED_BY_TF = {("Const", "Shape"), ("Const", "Size"), ("Const", "Rank")}


def _value(v):
    return GEN._value(v)


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    want_value, want_ops = WANT[case]
    g = tf.Graph()
    with g.as_default():
        value = tf.Session().run(GEN.CASES[case](tf))
    assert _close(_value(value), want_value)
    ops = [[o.name, o.type] for o in g.get_operations()]
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    for (_, t_fg), (name, t_tf) in zip(ops, want_ops):
        assert t_fg == t_tf or (t_tf, t_fg) in FOLDED_BY_TF, name


def _close(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(b, float):
        return a == pytest.approx(b, rel=1e-6, abs=1e-7)
    return a == b


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
    assert got.split(": ", 1)[1].split(" for '")[0] == msg.split(" for '")[0]


def test_static_shapes_as_tf():
    pairs = (([2, 1], [3]), ([None, 1], [1, 4]), ([None], [None]), ([1, None], [3, 1]),
             (None, [2]))
    got = [str(tf.broadcast_static_shape(tf.TensorShape(a), tf.TensorShape(b)))
           for a, b in pairs]
    assert got == WANT["static:broadcast_static_shape"]
    with pytest.raises(ValueError) as info:
        tf.broadcast_static_shape(tf.TensorShape([2, 3]), tf.TensorShape([4]))
    assert str(info.value) == WANT["static:broadcast_static_shape_error"]
    got = [str(tf.dimension_at_index(tf.TensorShape([4, None]), 1)),
           str(tf.dimension_at_index(tf.TensorShape([4, 3]), -2)),
           str(tf.compat.dimension_at_index(tf.TensorShape(None), 5))]
    assert got == WANT["static:dimension_at_index"]


def test_signature_only_names():
    """tf.roll takes no name (TF 1.14's signature); parallel_dynamic_stitch is no public
    symbol of TF 1.14 (its op runs in imported graphs)."""
    with pytest.raises(TypeError):
        tf.roll([1, 2], 1, 0, name="r")
    assert not hasattr(tf, "parallel_dynamic_stitch")
