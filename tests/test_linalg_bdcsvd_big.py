"""TF 1.14's Svd bits above 100 rows or columns (tests/golden/linalg/gen_bdcsvd_big.py):
Eigen's BDCSVD (engine/ops/eigen_bdcsvd.py) up to 400 x 400, float32 and float64, square,
tall and wide, thin and full U/V (their SHA-256) and singular values only, on random and
rank-deficient matrices.

The golden was made on an Intel Xeon; flowgrad runs in a subprocess with FLOWGRAD_CPU set
to that vendor (the blocked reflector products read Eigen's cache sizes at import)."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import goldens

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WANT = goldens.load("linalg", "bdcsvd_big")
GEN = goldens.generator("linalg", "bdcsvd_big")
KEYS = sorted(k for k in WANT if k != "vendor")

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
out = goldens.generator("linalg", "bdcsvd_big").cases(tf)
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("bdcsvd_big") / "got.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": WANT["vendor"]}, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


@pytest.mark.slow   # (the generator's largest sizes: CI's slow leg, `pytest -m slow`)
@pytest.mark.parametrize("case", KEYS)
def test_bits_match_tf(got, case):
    assert got[case] == WANT[case], case

