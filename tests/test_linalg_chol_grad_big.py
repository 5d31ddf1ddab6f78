"""TF 1.14's CholeskyGrad bits from 129 to 801 rows, float32 and float64
(tests/golden/linalg/gen_chol_grad_big.py): TF's blocked algorithm with Eigen's products as
it evaluates them (GEBP in depth blocks of kc and row blocks of mc, the column-major GEMV
for one column; engine/ops/linalg_decomp.py).

The golden was made on an Intel Xeon; flowgrad runs in a process with FLOWGRAD_CPU set to
that vendor (kc and mc follow Eigen's cache sizes)."""
from __future__ import annotations

import pytest

import goldens

WANT = goldens.load("linalg", "chol_grad_big")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("linalg", "chol_grad_big", WANT["vendor"])


@pytest.mark.slow   # (the generator's largest sizes: CI's slow leg, `pytest -m slow`)
@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(got, case):
    assert got[case] == WANT[case], case
