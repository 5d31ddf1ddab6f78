"""TF 1.14's complex64/complex128 MatrixDeterminant / LogMatrixDeterminant bits up to 16
rows (tests/golden/linalg/gen_complex_det.py): Eigen's unblocked LU of the column-major
copy in its order (engine/ops/eigen_lu.py). No cache size enters, so the Intel-made
golden holds under either vendor's setting."""
from __future__ import annotations

import pytest

import flowgrad as tf
import goldens

WANT = goldens.load("linalg", "complex_det")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(case):
    got = goldens.flowgrad_cases("linalg", "complex_det", tf)
    assert got[case] == WANT[case], case
