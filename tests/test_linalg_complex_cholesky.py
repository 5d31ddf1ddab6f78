"""TF 1.14's complex64/complex128 Cholesky bits below 32 rows
(tests/golden/linalg/gen_complex_cholesky.py): Eigen's unblocked LLT in its order
(engine/ops/linalg_decomp.py). No cache size enters, so the Intel-made golden holds on
either vendor's setting."""
from __future__ import annotations

import pytest

import flowgrad as tf
import goldens

WANT = goldens.load("linalg", "complex_cholesky")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(case):
    got = goldens.flowgrad_cases("linalg", "complex_cholesky", tf)
    assert got[case] == WANT[case], case

