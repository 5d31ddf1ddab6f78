"""tf.cond and tf.while_loop advance the graph's op counter as TF 1.14's do (its Switch,
Merge, Enter, Exit, NextIteration, LoopCond ops, one Switch/Enter per tensor a branch or
body reads from outside), so graph-seeded random ops made after them print TF's numbers
(tests/golden/opcounts/gen_cf_counts.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "cf_counts")
WANT = goldens.load("opcounts", "cf_counts")


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_op_counter_and_seeded_numbers_equal_tf(name):
    count, numbers = GEN.run_case(tf, dict(GEN.CALLS)[name])
    assert count == WANT[name]["count"]
    np.testing.assert_array_equal(numbers, WANT[name]["random"])


def test_maximum_iterations_is_a_tensor_made_before_the_loop():
    with tf.Graph().as_default() as g:
        tf.while_loop(lambda a: a < 10.0, lambda a: a + 1.0, [tf.constant(0.0)],
                      maximum_iterations=3)
        names = [op.name for op in g.get_operations()]
    assert names.index("while/maximum_iterations") < names.index("while/iteration_counter")
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="maximum_iterations must be a scalar"):
            tf.while_loop(lambda a: a < 10.0, lambda a: a + 1.0, [tf.constant(0.0)],
                          maximum_iterations=[3, 4])
