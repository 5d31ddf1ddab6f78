"""complex64 / complex128 MatMul and BatchMatMul to TF 1.14's bits
(tests/golden/math/gen_complex_matmul_bits.py): Eigen's complex GEBP kernel, blocking and
threads, its matrix-vector kernels and BatchMatMul's paths (engine/ops/eigen_cgemm.py)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "complex_matmul_bits")
WANT = goldens.load("math", "complex_matmul_bits")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


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
