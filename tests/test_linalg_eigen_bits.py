"""TF 1.14's linear algebra bits (tests/golden/linalg/gen_eigen_bits.py): determinants,
inverses, solves, Cholesky, triangular solves, self-adjoint eigendecompositions and their
gradients in Eigen's order of operations (engine/ops/eigen_lu.py, eigen_eig.py,
linalg_decomp.py's LLT), float32 and float64."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_eig, eigen_lu, linalg_decomp, matrix

import goldens

GOLDEN = goldens.load("linalg", "eigen_bits")
GEN = goldens.generator("linalg", "eigen_bits")


def _cases():
    return goldens.flowgrad_cases("linalg", "eigen_bits", tf)


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
    for n in GEN.SIZES:
        a, spd, b = GEN.inputs(n, dtype)
        for name, value in (("det", np.linalg.det(a)), ("inv", np.linalg.inv(a)),
                            ("solve", np.linalg.solve(a, b)),
                            ("cholesky", np.linalg.cholesky(spd)),
                            ("eigvals", np.linalg.eigvalsh(spd))):
            want = _from_bits(GOLDEN["%s/%d/%s" % (dtype, n, name)])
            misses += not np.array_equal(value.astype(dtype), want)
    assert misses > 10


def test_determinant_edge_values():
    # TF: sign * exp(log|det|); a log that is not finite makes the sign 0 (so an overflow
    # is NaN, a NaN input 0, a singular matrix 0 with log -inf)
    inf = np.array([[np.inf, 0], [0, 1]], np.float32)
    assert np.isnan(matrix._det_kernel(inf))
    assert matrix._logdet_kernel(inf) == (0, np.inf)
    assert matrix._det_kernel(np.eye(3, dtype=np.float32) * np.float32(1e20)) == np.inf
    nan = np.array([[np.nan, 1.0], [1.0, 1.0]])
    assert matrix._det_kernel(nan) == 0
    assert matrix._logdet_kernel(nan)[1] == -np.inf
    sing = np.array([[1.0, 2.0], [2.0, 4.0]], np.float32)
    assert matrix._logdet_kernel(sing) == (0, -np.inf)
    assert matrix._det_kernel(np.eye(3) * 1e200) == np.inf


def test_singular_solve_and_inverse_raise():
    sing = np.array([[[1.0, 2.0], [2.0, 4.0]]])
    assert eigen_lu.solve(sing, np.ones((1, 2, 1))) is None
    with pytest.raises(tf.errors.InvalidArgumentError, match="not invertible"):
        matrix._inverse_kernel(sing)


def test_cholesky_not_positive_raises():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Cholesky decomposition"):
        linalg_decomp._cholesky_kernel(np.array([[1.0, 2.0], [2.0, 1.0]]))


def test_handles_bounds():
    f32 = np.zeros((1, 256, 256), np.float32)
    assert eigen_lu.handles(f32) and eigen_lu.handles_triangular(f32)
    assert eigen_lu.handles_factor(f32)
    assert not eigen_lu.handles(np.zeros((1, 257, 257)))
    assert eigen_lu.handles_factor(np.zeros((1, 767, 767)))   # test_linalg_lu_det_big
    assert not eigen_lu.handles_factor(np.zeros((1, 768, 768)))
    assert not eigen_lu.handles(f32.astype(np.complex64))
    assert not eigen_lu.handles(f32.astype(np.float16))


def test_eig_failure_and_bounds():
    # TF: a NaN or inf input does not converge -> InvalidArgumentError
    with pytest.raises(tf.errors.InvalidArgumentError, match="Self-adjoint eigen"):
        linalg_decomp._eig_kernel(np.array([[np.nan, 1.0], [1.0, 2.0]], np.float32))
    e, v = linalg_decomp._eig_kernel(np.zeros((3, 3)))
    assert (e == 0).all() and (v == np.eye(3)).all()
    assert eigen_eig.handles(np.zeros((64, 64), np.float32))
    assert not eigen_eig.handles(np.zeros((65, 65)))
    assert not eigen_eig.handles(np.zeros((4, 4), np.complex64))
