"""StackedRNNCells' nested states against TF 1.14 (tests/golden/keras/gen_stacked_states.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("keras", "stacked_states")
GOLDEN = goldens.load("keras", "stacked_states")
GOT = {}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    if not GOT:
        GOT.update(gen.cases(tf))
    if key == "values":
        for g, w in zip(GOT[key], GOLDEN[key]):
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-5)
        assert len(GOT[key]) == len(GOLDEN[key])
    else:
        assert GOT[key] == GOLDEN[key]
