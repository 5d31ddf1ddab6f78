"""float32 Betainc bit for bit against TF 1.14 (tests/golden/math/gen_pfuzz2_betainc.py):
Eigen's betainc_impl<float> value by value in float32 (up to 256 values)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import special_incomplete

import goldens

GOLDEN = goldens.load("math", "pfuzz2_betainc")
GEN = goldens.generator("math", "pfuzz2_betainc")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got, want = goldens.flowgrad_cases("math", "pfuzz2_betainc", tf)[name], GOLDEN[name]
    assert got.dtype == want.dtype == np.float32 and got.shape == want.shape
    assert np.array_equal(np.isnan(got), np.isnan(want)), name
    fin = ~np.isnan(want)
    np.testing.assert_array_equal(got[fin].view(np.uint32), want[fin].view(np.uint32), name)


def test_tf_float32_is_not_the_true_value_rounded():
    a, b, x = GEN.values()
    with np.errstate(all="ignore"):
        once = special_incomplete._betainc_kernel(*(v.astype(np.float64) for v in (a, b, x)))
    once = once.astype(np.float32)
    assert (once != GOLDEN["betainc"]).sum() > 50
