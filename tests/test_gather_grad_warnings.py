"""Sparse-gradient densifying warnings through gathers as TF 1.14
(tests/golden/gradients/gen_gather_warnings.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "gather_warnings")
GOLD = goldens.load("gradients", "gather_warnings")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_matches_tf114(name):
    got = GEN.CASES[name](tf)
    want = GOLD[name]
    assert got["warnings"] == want["warnings"]
    assert len(got["values"]) == len(want["values"])
    for g, w in zip(got["values"], want["values"]):
        np.testing.assert_allclose(g, w, rtol=1e-6)   # the CRF's float32 sums: last bits
