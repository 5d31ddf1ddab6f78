"""complex64 / complex128 MatMul and BatchMatMul to TF 1.14's bits
(tests/golden/math/gen_complex_matmul_bits.py): Eigen's complex GEBP kernel, blocking and
threads, its matrix-vector kernels and BatchMatMul's paths (engine/ops/eigen_cgemm.py).
The golden comes from an Intel Xeon: its blocking follows that host's caches (host_cpu), so
the cases run in a process with FLOWGRAD_CPU=intel (the suite pins amd, conftest.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import goldens

GEN = goldens.generator("math", "complex_matmul_bits")
WANT = goldens.load("math", "complex_matmul_bits")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import json, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
print(json.dumps(goldens.generator("math", "complex_matmul_bits").cases(tf)))
"""


def _flowgrad_cases(cpu):
    """The generator's cases run by flowgrad in a process with FLOWGRAD_CPU=cpu (the caches
    are read when the kernels' modules load)."""
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": cpu}, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def got():
    return _flowgrad_cases("intel")


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 240


@pytest.mark.parametrize("name", sorted(WANT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


def test_numpy_order_differs():
    # NumPy's complex GEMM misses TF's bits on most products of some depth
    misses = total = 0
    for dt in GEN.DTYPES:
        r = np.random.RandomState(5 if dt == "complex64" else 6)
        for i, (m, k, n, ta, tb) in enumerate(GEN.matmul_shapes()):
            special = i % 11 == 5
            a = GEN.operand(r, (k, m) if ta else (m, k), dt, special)
            b = GEN.operand(r, (n, k) if tb else (k, n), dt, special)
            if k < 16 or special:
                continue
            name = [c for c in WANT if c.startswith("mm_%s_%03d_" % (dt, i))][0]
            total += 1
            misses += GEN.digest(np.matmul(a.T if ta else a, b.T if tb else b)) != WANT[name]
    assert misses > total // 2


def test_amd_caches_give_other_bits(got):
    # Eigen's blocking follows the host's caches: the AMD EPYC's L1 (32 KiB) cuts the depth
    # of single-threaded products into other blocks, so some sums are rounded otherwise
    amd = _flowgrad_cases("amd")
    differ = [n for n in WANT if amd[n] != WANT[n]]
    assert differ and all(got[n] == WANT[n] for n in differ)
