"""TF 1.14's input_tensor runs the evaluated tensor's own op (only a Const is read as it
is): a raw Shape/Size/Rank of a placeholder read whole is unknown, `Equal(s, s)` feeds its
leaf twice, ExpandDims with an unknown dim is an unknown shape: static shapes and op counts
(tests/golden/array/gen_shapeint_refine.py)."""
import pytest

import flowgrad as tf
from flowgrad.engine.ops import _array_util
from goldens import generator, load

GOLD = load("array", "shapeint_refine")
GEN = generator("array", "shapeint_refine")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_the_evaluated_shape_is_run_and_an_input_shape_is_fed():
    with tf.Graph().as_default():
        s = tf.raw_ops.Shape(input=tf.placeholder(tf.float32, [2, 3]))
        assert _array_util.refined_ints(s, partial=False) is None
        assert _array_util.refined_ints(s + 0, partial=False).tolist() == [2, 3]
        # read partially (MakeShapeFromShapeTensor), the Shape gives its input's dims
        assert _array_util.refined_ints(s).tolist() == [2, 3]
        # one leaf through two edges of the evaluation: fed twice, unknown
        assert _array_util.refined_ints(tf.cast(tf.equal(s, s), tf.int32),
                                        partial=False) is None
