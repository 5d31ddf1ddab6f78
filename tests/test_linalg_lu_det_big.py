"""TF 1.14's MatrixDeterminant / LogMatrixDeterminant bits above 128 rows
(tests/golden/linalg/gen_lu_det_big.py): the column-major PartialPivLU's A12 solves run
Eigen's on-the-left triangular solver (engine/ops/eigen_lu.py), float64 to 767 rows and
float32 to 1000.

The golden was made on an Intel Xeon; flowgrad runs in a subprocess with FLOWGRAD_CPU set
to that vendor (Eigen's blocking reads the cache sizes)."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

import goldens
from flowgrad.engine.ops import eigen_lu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WANT = goldens.load("linalg", "lu_det_big")
KEYS = sorted(k for k in WANT if k != "vendor")

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
out = goldens.generator("linalg", "lu_det_big").cases(tf)
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("lu_det_big") / "got.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": WANT["vendor"]}, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(got, case):
    assert got[case] == WANT[case], case


def test_handles_up_to_the_sizes_checked():
    assert eigen_lu.handles_factor(np.zeros((767, 767)))
    assert not eigen_lu.handles_factor(np.zeros((768, 768)))
    assert eigen_lu.handles_factor(np.zeros((1000, 1000), np.float32))
    assert not eigen_lu.handles_factor(np.zeros((1001, 1001), np.float32))
