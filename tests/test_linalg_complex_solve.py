"""TF 1.14's complex64/complex128 MatrixInverse and MatrixSolve up to 16 rows, adjoint both
ways (tests/golden/linalg/gen_complex_solve.py): Eigen's unblocked row-major PartialPivLU
and its triangular solves in their order (engine/ops/eigen_lu.py). No cache size enters,
so the Intel-made golden holds on either vendor's setting."""
from __future__ import annotations

import pytest

import flowgrad as tf
import goldens

WANT = goldens.load("linalg", "complex_solve")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(case):
    got = goldens.flowgrad_cases("linalg", "complex_solve", tf)
    assert got[case] == WANT[case], case
