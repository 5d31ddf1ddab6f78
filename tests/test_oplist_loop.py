"""A tf.while_loop body's ops that its results do not need are written in the loop's
frame as TF 1.14 builds them, with the Enters of the tensors they read from outside
(tests/golden/opcounts/gen_oplist_loop.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "oplist_loop")
WANT = goldens.load("opcounts", "oplist_loop")


@pytest.mark.parametrize("name", sorted(WANT))
def test_loop_graph_def_is_tfs(name):
    got = GEN._case(tf, {"hessians": GEN._hessians, "unused": GEN._unused}[name])
    assert got["nodes"] == WANT[name]["nodes"]
    for a, b in zip(got["values"], WANT[name]["values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
