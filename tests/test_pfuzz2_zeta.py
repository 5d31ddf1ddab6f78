"""Zeta bit for bit against TF 1.14 (tests/golden/math/gen_pfuzz2_zeta.py): Eigen's zeta_impl
in float32 (NaN where its Euler-Maclaurin factor overflows: fuzz seed 820681, once a
documented difference) and float64."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import special

import goldens

GOLDEN = goldens.load("math", "pfuzz2_zeta")
GEN = goldens.generator("math", "pfuzz2_zeta")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got, want = goldens.flowgrad_cases("math", "pfuzz2_zeta", tf)[name], GOLDEN[name]
    assert got.dtype == want.dtype and got.shape == want.shape
    if goldens.NUMPY1:   # (CI's NumPy 1.25 leg: a NaN's sign, see goldens.same_bits)
        goldens.same_bits(got, want, name)
        return
    u = "u%d" % want.itemsize
    np.testing.assert_array_equal(got.view(u), want.view(u), err_msg=name)


def test_underflow_is_nan_in_float32_only():
    x, q = np.float32([60.0]), np.float32([60.5])
    assert np.isnan(special._zeta_kernel(x, q)[0])
    assert special._zeta_kernel(x.astype(np.float64), q.astype(np.float64))[0] == \
        pytest.approx(60.5 ** -60 * 1.5, rel=0.5)   # float64: the tiny true value
