"""BesselI0e / BesselI1e bit for bit against TF 1.14 (tests/golden/math/gen_pfuzz2_bessel.py):
Eigen's Cephes Chebyshev series in the input's precision, so float32 values and the
gradients built on them (the fuzz class "bessel | order 2 | value") are TF's."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import special_incomplete

import goldens

GOLDEN = goldens.load("math", "pfuzz2_bessel")
GEN = goldens.generator("math", "pfuzz2_bessel")
GOT = {}


def _got():
    if not GOT:
        GOT.update(goldens.flowgrad_cases("math", "pfuzz2_bessel", tf))
    return GOT


@pytest.mark.parametrize("name", sorted(set(GOLDEN) - {"values"}))
def test_case_matches_tf_bit_for_bit(name):
    got, want = _got()[name], GOLDEN[name]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got.view("u%d" % got.itemsize),
                                  want.view("u%d" % want.itemsize), err_msg=name)


def test_inputs_are_tfs():
    np.testing.assert_array_equal(GEN.values(), GOLDEN["values"])


def test_float32_is_not_the_float64_series_rounded():
    # the old kernel (float64 series, rounded once) differs from TF in about half the values
    x = GEN.values().astype(np.float32)
    i0e = special_incomplete._bessel_kernel(0)
    once = i0e(x.astype(np.float64)).astype(np.float32)
    assert (once != GOLDEN["i0e/float32"]).sum() > 100
    assert i0e(np.float32([0.0]))[0] == np.float32(1.0000001)   # Cephes' float i0e(0)


def test_denormals_read_and_written_as_zero():
    i1e = special_incomplete._bessel_kernel(1)
    np.testing.assert_array_equal(i1e(np.float64([-1e-310, 3e-308])), [0.0, 0.0])
    assert not np.signbit(i1e(np.float32([-1e-40]))[0])           # DAZ: -denormal reads as +0
