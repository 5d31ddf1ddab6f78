"""tf.bitwise and tf.sets against TF 1.14 (tests/golden/array_extra/gen_bitwise_sets.py):
values (SparseTensor results as their three parts), the ops each call builds (the same
names and types as TF), and each misuse's error class and message (TF's shape-function
suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array_extra", "bitwise_sets")
WANT = load("array_extra", "bitwise_sets")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    want_value, want_ops = WANT[case]
    g = tf.Graph()
    with g.as_default():
        value = tf.Session().run(GEN.CASES[case](tf))
    assert GEN._value(value) == want_value
    assert [[o.name, o.type] for o in g.get_operations()] == want_ops


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
    # TF's golden message is cut where TF appends the node's source location
    assert got.split(": ", 1)[1].split(" for '")[0].startswith(msg.split(" for '")[0])
