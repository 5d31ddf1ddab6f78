"""Sparse-feature graphs against TF 1.14 (tests/golden/sparse/gen_psparse_graph.py): op
names, static shapes of the SparseTensors returned, and values."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "psparse_graph")
GEN = goldens.generator("sparse", "psparse_graph")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    want = GOLD[name]
    assert got["ops"] == want["ops"], name
    assert got["shapes"] == want["shapes"], name
    if name.startswith("exact_"):
        goldens.same_exact(got["values"], want["values"], name)
    else:
        goldens.same_close(got["values"], want["values"], name)
