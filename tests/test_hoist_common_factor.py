"""Grappler's HoistCommonFactorOutOfAggregation (engine/optimize/hoist_common_factor.py):
flowgrad's values equal TF 1.14's bit for bit where TF sums `c * y1 + c * y2` as
`c * (y1 + y2)` (golden gradients/hoist_common_factor)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "hoist_common_factor")
GOLDEN = goldens.load("gradients", "hoist_common_factor")
GOT = GEN.cases(tf)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_values_equal_tf114(name):
    want, got = GOLDEN[name], GOT[name]
    assert len(got) == len(want)
    for w, g in zip(want, got):
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w))
