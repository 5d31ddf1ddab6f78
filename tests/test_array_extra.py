"""TF 1.14's array/segment additions against TF 1.14 (tests/golden/array_extra/
gen_array_extra.py): values, the ops each call builds (gradients included: the same names
and count as TF; where TF's C++ shape inference folds a constant TF writes a Const where
flowgrad writes the Shape, Size or Rank op), and each misuse's error class and message
(TF's shape-function suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "array_extra")
WANT = load("array_extra", "array_extra")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case], tol=(1e-6, 1e-7), folded=True)


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case], prefix=False)


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
