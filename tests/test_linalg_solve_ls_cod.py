"""TF 1.14's MatrixSolveLs bits with fast=False (tests/golden/linalg/gen_solve_ls_cod.py):
Eigen's CompleteOrthogonalDecomposition solve (engine/ops/eigen_cod.py) for tall, square
and wide matrices, full rank and rank-deficient (the minimum-norm solution), float32 and
float64; NumPy's pseudo-inverse where the model stops."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_cod

import goldens

GOLDEN = goldens.load("linalg", "solve_ls_cod")
GEN = goldens.generator("linalg", "solve_ls_cod")
NAMES = sorted(k for k in GOLDEN if k != "host")


def _cases():
    return goldens.flowgrad_cases("linalg", "solve_ls_cod", tf)


def test_golden_host_is_recorded():
    # made on an Intel Xeon; these sizes use no cache-dependent blocking, so the suite's
    # pinned FLOWGRAD_CPU does not change them
    assert GOLDEN["host"] == "intel"


@pytest.mark.parametrize("name", NAMES)
def test_bits_match_tf(name):
    assert _cases()[name] == GOLDEN[name], name


def test_pinv_misses_these_bits():
    # the emulation is what makes the golden pass: the pseudo-inverse differs on many cases
    missed = 0
    for m, n, k in GEN.SHAPES:
        a, b = GEN.inputs(m, n, k, "float32")
        got = goldens_bits(np.linalg.pinv(a) @ b)
        missed += got != GOLDEN["float32/%dx%dx%d" % (m, n, k)]
    assert missed >= len(GEN.SHAPES) // 2


def goldens_bits(x):
    return GEN.bits(x.astype(np.float32))


def test_blocked_householder_falls_back():
    # 48 or more reflectors on several right-hand sides: Eigen's blocked Q^H, not modelled
    a, b = GEN.inputs(100, 50, 3, "float64")
    assert eigen_cod.solve(a[:1], b[:1]) is None
    assert eigen_cod.solve(a[:1], b[:1, :, :1]) is not None


def test_long_z_reflectors_fall_back():
    # 4 or more columns beyond the rank: Eigen's vectorized row reductions, not modelled
    a = np.zeros((1, 3, 8), np.float32)
    a[0, :, :3] = np.eye(3)
    assert eigen_cod.solve(a, np.ones((1, 3, 1), np.float32)) is None
    x = tf.Session().run(tf.matrix_solve_ls(a, np.ones((1, 3, 1), np.float32), fast=False))
    np.testing.assert_allclose(x[0, :3, 0], 1.0)
    np.testing.assert_allclose(x[0, 3:, 0], 0.0)
