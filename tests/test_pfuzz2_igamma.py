"""float32 Igamma / Igammac bit for bit against TF 1.14 (tests/golden/math/
gen_pfuzz2_igamma.py): Eigen's float32 series and continued fraction, libm's logf,
lgammaf and expf, denormals flushed."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import special_incomplete

import goldens

GOLDEN = goldens.load("math", "pfuzz2_igamma")
GEN = goldens.generator("math", "pfuzz2_igamma")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got, want = goldens.flowgrad_cases("math", "pfuzz2_igamma", tf)[name], GOLDEN[name]
    assert got.dtype == want.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_array_equal(got.view(np.uint32), want.view(np.uint32), err_msg=name)


def test_tf_float32_is_not_the_true_value_rounded():
    a, x = GEN.values()
    once = special_incomplete._igamma_kernel(a.astype(np.float64), x.astype(np.float64))
    once = once.astype(np.float32)
    assert (once.view(np.uint32) != GOLDEN["igamma"].view(np.uint32)).sum() > 100


def test_edges():
    p = special_incomplete._igamma_kernel(np.float32([np.nan, -1.0, 2.0, 2.0]),
                                          np.float32([0.0, 0.0, np.inf, 1e-40]))
    assert p.tolist() == [0.0, 0.0, 1.0, 0.0]     # x == 0 first, whatever a; DAZ
    q = special_incomplete._igammac_kernel(np.float32([2.0, -1.0]), np.float32([np.inf, 1.0]))
    assert q[0] == 0.0 and np.isnan(q[1])
