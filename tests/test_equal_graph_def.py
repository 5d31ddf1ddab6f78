"""tf.test.assert_equal_graph_def against TF 1.14 (tests/golden/core/gen_equal_graph_def.py)."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("google.protobuf")
gen = goldens.generator("core", "equal_graph_def")
GOLDEN = goldens.load("core", "equal_graph_def")["cases"]


def test_matches_tf114():
    got = gen.cases(tf)["cases"]
    for key in GOLDEN:
        assert got[key] == GOLDEN[key], key
    assert sorted(got) == sorted(GOLDEN)


def test_several_differences_report_one_of_them():
    a = tf.Graph()
    with a.as_default():
        tf.constant(1, name="x")
    b = tf.Graph()
    with b.as_default():
        tf.constant(1.5, name="x")
    with pytest.raises(AssertionError, match="Node named 'x' has attr '(dtype|value)'"):
        tf.test.assert_equal_graph_def(a.as_graph_def(), b.as_graph_def())
