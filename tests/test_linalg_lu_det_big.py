"""TF 1.14's MatrixDeterminant / LogMatrixDeterminant bits above 128 rows
(tests/golden/linalg/gen_lu_det_big.py): the column-major PartialPivLU's A12 solves run
Eigen's on-the-left triangular solver (engine/ops/eigen_lu.py), float64 to 767 rows and
float32 to 1000.

The golden was made on an Intel Xeon; flowgrad runs in a process with FLOWGRAD_CPU set to
that vendor (Eigen's blocking reads the cache sizes)."""
from __future__ import annotations

import numpy as np
import pytest

import goldens
from flowgrad.engine.ops import eigen_lu

WANT = goldens.load("linalg", "lu_det_big")
KEYS = sorted(k for k in WANT if k != "vendor")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases_on("linalg", "lu_det_big", WANT["vendor"])


@pytest.mark.slow   # (the generator's largest sizes: CI's slow leg, `pytest -m slow`)
@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(got, case):
    assert got[case] == WANT[case], case


def test_handles_up_to_the_sizes_checked():
    assert eigen_lu.handles_factor(np.zeros((767, 767)))
    assert not eigen_lu.handles_factor(np.zeros((768, 768)))
    assert eigen_lu.handles_factor(np.zeros((1000, 1000), np.float32))
    assert not eigen_lu.handles_factor(np.zeros((1001, 1001), np.float32))
