"""GNN message passing against TF 1.14 (tests/golden/sparse/gen_psparse_gnn.py): segment
aggregations, their gradients' op names and values, and errors."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "psparse_gnn")
GEN = goldens.generator("sparse", "psparse_gnn")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    want = GOLD[name]
    if isinstance(want, dict):
        assert got["ops"] == want["ops"], name
        assert got["shape"] == want["shape"], name
        goldens.same_close(got["values"], want["values"], name, rtol=1e-5, atol=1e-5)
    else:
        goldens.same_close(got, want, name)
