"""A loop gradient's accumulator is regrouped by AddOpsRewrite only where Grappler knows
the leaves' shapes (golden seeded/pprobe59_loop_accum, TF 1.14's float32 bits): a Mul of
a value the gradient frame pops (StackPopV2: unknown rank) has no shape, nor an AddN of
two of them, so TF sums `acc + AddN(...)` as written; an AddN that merges one such Mul
with a known Tile gives both that shape and is regrouped with the accumulator
(engine/optimize/add_ops_rewrite.py, _popped_values)."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("seeded", "pprobe59_loop_accum")
WANT = goldens.load("seeded", "pprobe59_loop_accum")


@pytest.mark.parametrize("kind", GEN.KINDS)
def test_loop_accumulator_sums_as_tf(kind):
    with tf.Graph().as_default():
        got = GEN._run(tf, kind)
    np.testing.assert_array_equal(np.asarray(got, np.uint32), np.asarray(WANT[kind], np.uint32))
