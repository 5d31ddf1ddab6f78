"""float32 BatchMatMul bit for bit against TF 1.14 (tests/golden/math/gen_pxfmr_bmm.py):
batches of small products add in Eigen's order (ops/eigen_bmm.py), not NumPy's (whose
BLAS may fuse multiply-adds), so attention scores and their gradients print TF's digits."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_bmm

import goldens

GOLDEN = goldens.load("math", "pxfmr_bmm")


def test_golden_cases_match_bit_for_bit():
    got = goldens.flowgrad_cases("math", "pxfmr_bmm", tf)
    assert sorted(got) == sorted(GOLDEN)
    for name in GOLDEN:
        goldens.same_exact(got[name], GOLDEN[name], name)


def test_numpy_order_differs_on_these_cases():
    # the emulation is what makes the golden pass: np.matmul misses some cases' bits
    gen = goldens.generator("math", "pxfmr_bmm")
    misses = 0
    for (m, k, n) in gen.SHAPES:
        a, b = gen.operands(m, k, n, False, True)
        misses += not np.array_equal(np.matmul(a, np.swapaxes(b, -1, -2)),
                                     GOLDEN["bmm/%d,%d,%d/0,1" % (m, k, n)])
    assert misses > 0


@pytest.mark.parametrize("shape,batch,expected", [
    ((4, 8, 4), 3, True),       # a batch: Eigen's sequential product
    ((4, 8, 4), 1, False),      # one matrix: the tensor contraction (as MatMul)
    ((1, 8, 4), 3, True),       # a row vector: Eigen's gemv (eigen_bmm._vector)
    ((8, 30, 1), 1, True),      # a column: sequential even for one matrix
    ((4, 1, 4), 3, False),      # outer product: one product per output, exact anyway
    ((300, 300, 300), 2, False),  # above 2**22: the parallel contraction
])
def test_handles_only_tfs_sequential_path(shape, batch, expected):
    m, k, n = shape
    a = np.zeros((batch, m, k), np.float32)
    b = np.zeros((batch, k, n), np.float32)
    assert eigen_bmm.handles(a, b, m, k, n, batch) is expected
    # float64 takes the same path (Eigen's double kernels); float16 has its own
    assert eigen_bmm.handles(a.astype(np.float64), b.astype(np.float64), m, k, n,
                             batch) is expected
    assert eigen_bmm.handles(a.astype(np.float16), b.astype(np.float16), m, k, n,
                             batch) is False


def test_broadcast_batch_dims():
    rs = np.random.RandomState(3)
    a = rs.randn(2, 1, 5, 9).astype(np.float32)
    b = rs.randn(3, 9, 6).astype(np.float32)
    got = eigen_bmm.batch_matmul(a, b)
    want = eigen_bmm.batch_matmul(np.broadcast_to(a, (2, 3, 5, 9)).copy(),
                                  np.broadcast_to(b, (2, 3, 9, 6)).copy())
    assert got.shape == (2, 3, 5, 6)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_allclose(got, np.matmul(a, b), rtol=1e-5, atol=1e-5)
