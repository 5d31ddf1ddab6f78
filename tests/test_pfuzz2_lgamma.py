"""Lgamma and Digamma bit for bit against TF 1.14 (tests/golden/math/gen_pfuzz2_lgamma.py):
libm's lgammaf / lgamma per value, Eigen's digamma_impl in float32 and float64."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import special

import goldens

GOLDEN = goldens.load("math", "pfuzz2_lgamma")
GEN = goldens.generator("math", "pfuzz2_lgamma")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got, want = goldens.flowgrad_cases("math", "pfuzz2_lgamma", tf)[name], GOLDEN[name]
    assert got.dtype == want.dtype and got.shape == want.shape
    u = "u%d" % want.itemsize
    np.testing.assert_array_equal(got.view(u), want.view(u), err_msg=name)


def test_float64_series_rounded_once_is_not_tfs():
    x = GEN.values()
    once = special._digamma_kernel(x.astype(np.float64)).astype(np.float32)
    assert (once.view(np.uint32) != GOLDEN["digamma"].view(np.uint32)).sum() > 100


def test_digamma_poles_and_half_integers():
    got = special._digamma_op_kernel(np.float32([-3.0, -0.5, 0.0, -1e-40]))
    assert np.isinf(got[[0, 2, 3]]).all() and np.isfinite(got[1])
