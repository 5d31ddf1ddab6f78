"""float32 Erf / Erfc bit for bit against TF 1.14 (tests/golden/math/gen_pxfmr_erf.py):
libm's erff / erfcf per value, so BERT's erf-form gelu prints TF's digits."""
from __future__ import annotations

import math

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_math

import goldens

GOLDEN = goldens.load("math", "pxfmr_erf")
GEN = goldens.generator("math", "pxfmr_erf")


@pytest.mark.parametrize("name", ["erf", "erfc", "gelu"])
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("math", "pxfmr_erf", tf)[name]
    assert got.dtype == np.float32 and got.shape == GOLDEN[name].shape
    np.testing.assert_array_equal(got, GOLDEN[name], err_msg=name)   # NaN where TF's


def test_gelu_gradient_close():
    # not bit for bit: TF's Grappler rewrites the gradient's chain of Muls when its
    # intermediates are not fetched (fetched, flowgrad's bits are TF's); not emulated
    got = goldens.flowgrad_cases("math", "pxfmr_erf", tf)["gelu_grad"]
    np.testing.assert_allclose(got, GOLDEN["gelu_grad"], rtol=1e-6, atol=1e-6)


def test_erff_differs_from_the_float64_erf_rounded_once():
    x = GEN.values()[:3000]
    once = np.array([math.erf(v) for v in x.tolist()]).astype(np.float32)
    assert (once != GOLDEN["erf"][:3000]).sum() > 0
    np.testing.assert_array_equal(eigen_math.erff(x), GOLDEN["erf"][:3000])


def test_denormal_input_reads_as_zero():
    assert eigen_math.erff(np.float32([-1e-40, 1e-45])).tolist() == [0.0, 0.0]
