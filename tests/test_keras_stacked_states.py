"""StackedRNNCells' nested states against TF 1.14 (tests/golden/keras/gen_stacked_states.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "stacked_states")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    got = goldens.flowgrad_cases("keras", "stacked_states", tf)
    if key == "values":
        for g, w in zip(got[key], GOLDEN[key]):
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-5)
        assert len(got[key]) == len(GOLDEN[key])
    else:
        assert got[key] == GOLDEN[key]
