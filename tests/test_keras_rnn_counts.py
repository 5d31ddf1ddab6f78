"""tf.keras's recurrent layers build TF 1.14's ops (tests/golden/opcounts/
gen_keras_rnn_counts.py): the same op counter after the call (graph-seeded weights and
random ops made later get TF's seeds), the same op names and types outside tf.cond /
tf.while_loop, TF's random numbers after them, and, seeded, TF's outputs in the training
phase: the dropout masks (op seeds drawn from numpy's global RNG, as TF's K.dropout) and
the seeded weights are TF's."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "keras_rnn_counts")
WANT = goldens.load("opcounts", "keras_rnn_counts")


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_keras_rnn_ops_counter_and_seeded_numbers_equal_tf(name):
    count, ops, numbers, out = GEN.run_case(tf, dict(GEN.CALLS)[name])
    assert [list(o) for o in ops] == [list(o) for o in WANT[name]["ops"]]
    assert count == WANT[name]["count"]
    np.testing.assert_array_equal(numbers, WANT[name]["random"])
    np.testing.assert_allclose(out, WANT[name]["output"], rtol=2e-5, atol=2e-6)
