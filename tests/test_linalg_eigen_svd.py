"""TF 1.14's Svd bits (tests/golden/linalg/gen_eigen_svd.py): Eigen's JacobiSVD, which
TF's BDCSVD runs on matrices with fewer than 16 columns, with its ColPivHouseholderQR
preconditioner for non-square matrices (engine/ops/eigen_svd.py), float32 and float64,
and TF's gradient over it; and CholeskyGrad's float32 bits above 32 rows
(tests/golden/linalg/gen_chol_grad_bits.py) and MatrixExponential's
(tests/golden/linalg/gen_expm_bits.py)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_svd, linalg_decomp

import goldens

GOLDEN = goldens.load("linalg", "eigen_svd")
GEN = goldens.generator("linalg", "eigen_svd")


def _cases():
    return goldens.flowgrad_cases("linalg", "eigen_svd", tf)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_bits_match_tf(name):
    got = _cases()[name]
    assert got == GOLDEN[name], name


def _from_bits(rec):
    dt = np.dtype(rec["dtype"])
    u = np.array([int(h, 16) for h in rec["hex"].split()],
                 np.uint32 if dt == np.float32 else np.uint64)
    return u.view(dt).reshape(rec["shape"])


@pytest.mark.parametrize("dtype", GEN.DTYPES)
def test_lapack_misses_these_bits(dtype):
    # the emulation is what makes the golden pass: NumPy's LAPACK differs on many cases
    misses = 0
    for m, n in GEN.SHAPES:
        s = np.linalg.svd(GEN.inputs(m, n, dtype), compute_uv=False).astype(dtype)
        misses += not np.array_equal(s, _from_bits(GOLDEN["%s/%dx%d/s" % (dtype, m, n)]))
    assert misses > 5


def test_batch_is_per_matrix():
    # a batch gives each matrix's own bits (the sweeps stop per matrix)
    a = GEN.inputs(9, 9, "float64")
    whole = eigen_svd.jacobi_svd(a)
    for i in range(2):
        one = eigen_svd.jacobi_svd(a[i:i + 1])
        for x, y in zip(whole, one):
            assert np.array_equal(x[i], y[0])


def test_zero_matrix_and_handles():
    s, u, v = linalg_decomp._svd_kernel(np.zeros((3, 3), np.float32))
    assert (s == 0).all() and (u == np.eye(3)).all() and (v == np.eye(3)).all()
    assert eigen_svd.handles(np.float32, 64, 15)
    assert eigen_svd.handles(np.float64, 3, 15)
    assert not eigen_svd.handles(np.float32, 3, 16)      # TF's BDCSVD proper
    assert eigen_svd.handles(np.float32, 1024, 4)
    assert not eigen_svd.handles(np.float32, 1025, 4)
    assert not eigen_svd.handles(np.complex64, 3, 3)


CHOL = goldens.load("linalg", "chol_grad_bits")
CHOL_GEN = goldens.generator("linalg", "chol_grad_bits")


@pytest.mark.parametrize("name", sorted(CHOL))
def test_cholesky_grad_bits_match_tf(name):
    got = goldens.flowgrad_cases("linalg", "chol_grad_bits", tf)[name]
    assert got == CHOL[name], name


def test_cholesky_grad_numpy_path_misses_bits():
    # the Eigen-order blocks are what make the golden pass above 32 rows
    saved = linalg_decomp.EIGEN_CHOL_GRAD
    try:
        linalg_decomp.EIGEN_CHOL_GRAD = 0
        misses = sum(CHOL_GEN.bits(linalg_decomp._cholesky_grad_kernel(*CHOL_GEN.inputs(n)))
                     != CHOL["float32/%d" % n] for n in CHOL_GEN.SIZES if n > 32)
    finally:
        linalg_decomp.EIGEN_CHOL_GRAD = saved
    assert misses >= 5


EXPM = goldens.load("linalg", "expm_bits")
EXPM_GEN = goldens.generator("linalg", "expm_bits")


@pytest.mark.parametrize("name", sorted(EXPM))
def test_matrix_exponential_bits_match_tf(name):
    got = goldens.flowgrad_cases("linalg", "expm_bits", tf)[name]
    assert got == EXPM[name], name


def test_matrix_exponential_numpy_path_misses_bits():
    saved = linalg_decomp.EIGEN_EXPM
    try:
        linalg_decomp.EIGEN_EXPM = 0
        misses = sum(EXPM_GEN.bits(linalg_decomp._expm_kernel(EXPM_GEN.inputs(n, s, dt)))
                     != EXPM["%s/%d/%g" % (dt, n, s)]
                     for dt in EXPM_GEN.DTYPES for n in EXPM_GEN.SIZES
                     for s in EXPM_GEN.SCALES)
    finally:
        linalg_decomp.EIGEN_EXPM = saved
    assert misses > 20
