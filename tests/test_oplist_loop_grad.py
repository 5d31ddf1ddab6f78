"""A differentiated tf.while_loop whose body builds an op its results do not need, reading
a capture that gets no gradient: get_operations and the GraphDef list TF 1.14's ops (the
forward frame's Enter of that capture, no accumulator for it), and the gradient is TF's
(tests/golden/opcounts/gen_oplist_loop_grad.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "oplist_loop_grad")
WANT = goldens.load("opcounts", "oplist_loop_grad")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_loop_grad_ops_are_tfs(name):
    got = GEN._case(tf, GEN.CASES[name])
    assert got["ops"] == WANT[name]["ops"]
    assert got["nodes"] == WANT[name]["nodes"]
    for a, b in zip(got["values"], WANT[name]["values"]):
        np.testing.assert_array_equal(a, b)
