"""AvgPool3D, AvgPool3DGrad, MaxPool3D and MaxPool3DGrad give TF 1.14's bits
(tests/golden/nn/gen_pool3d_bits.py): float32 runs TF's CPU kernels (Eigen's volume-patch
mean; the gradients add each window's share in TF's loop order, MaxPool3DGrad taking every
element within 1e-5 of the maximum), float16 and float64 TF's XLA_CPU code (sums in
order, float16 in float32, float64 times 1 / count; SelectAndScatter's first maximum).
The golden comes from an Intel Xeon (its "vendor"); flowgrad's kernels do not read
FLOWGRAD_CPU, so the test runs in the suite's process."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("nn", "pool3d_bits")
KEYS = sorted(k for k in GOLD if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases("nn", "pool3d_bits", tf)


@pytest.mark.parametrize("key", KEYS)
def test_bits(got, key):
    want = GOLD[key]
    have = np.asarray(got[key])
    assert have.dtype == want.dtype and have.shape == want.shape
    assert np.array_equal(have.view(np.uint8), want.view(np.uint8)), key
