"""Qr bit for bit against TF 1.14 (tests/golden/math/gen_prl_qr.py): Eigen's unblocked
HouseholderQR (ops/eigen_qr.py), through tf.orthogonal_initializer and keras' Orthogonal."""
import numpy as np

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_qr

GOLD = goldens.load("math", "prl_qr")


def test_golden_cases_match_bit_for_bit():
    got = goldens.flowgrad_cases("math", "prl_qr", tf)
    assert sorted(got) == sorted(GOLD)
    for name in GOLD:
        goldens.same_exact(got[name], GOLD[name], name)


def test_lapack_misses_tfs_bits():
    gen = goldens.generator("math", "prl_qr")
    misses = 0
    for m, n in gen.SHAPES:
        q, r = np.linalg.qr(gen.operand(m, n))
        misses += not (np.array_equal(q, GOLD["qr/%d,%d" % (m, n)][0][0]) and
                       np.array_equal(r, GOLD["qr/%d,%d" % (m, n)][0][1]))
    assert misses > 0


def test_handles_checked_sizes():
    """float32 and float64 up to eigen_qr.CHECKED rows and columns and MAX_WORK (Eigen's
    unblocked and blocked paths, checked against TF: golden
    initializers/orthogonal_blocked); larger, empty, or other dtypes keep NumPy's."""
    assert eigen_qr.handles(np.zeros((3, 50, 47), np.float32), False)
    assert eigen_qr.handles(np.zeros((4, 4), np.float64), True)
    assert eigen_qr.handles(np.zeros((48, 48), np.float32), False)
    assert eigen_qr.handles(np.zeros((3, 5), np.float64), False)        # m < n: blocked
    assert eigen_qr.handles(np.zeros((30, 70), np.float32), False)
    assert eigen_qr.handles(np.zeros((49, 49), np.float32), True)
    assert eigen_qr.handles(np.zeros((576, 64), np.float32), True)
    assert eigen_qr.handles(np.zeros((2, 512, 512), np.float64), False)
    assert eigen_qr.handles(np.zeros((4608, 512), np.float32), False)   # (3, 3, 512, 512)
    assert not eigen_qr.handles(np.zeros((4608, 1024), np.float32), False)  # MAX_WORK
    assert not eigen_qr.handles(np.zeros((4608, 512), np.float32), True)
    assert not eigen_qr.handles(np.zeros((eigen_qr.CHECKED + 1, 8), np.float32), False)
    assert not eigen_qr.handles(np.zeros((8, eigen_qr.CHECKED + 1), np.float64), True)
    assert not eigen_qr.handles(np.zeros((4, 0), np.float32), False)
    assert not eigen_qr.handles(np.zeros((4, 4), np.float16), False)


def test_eigen_blocking_sizes():
    """computeProductBlockingSizes (KcFactor 4, L1 32 KiB, L2 1 MiB) as eigen_qr_blocked
    reads it: (kc, mc) for (rows, cols, depth)."""
    from flowgrad.engine.ops.eigen_qr_blocked import _blocking
    f32, f64 = np.float32, np.float64
    assert _blocking(40, 20, 30, f32) == (30, 40)       # below 48: no blocking
    assert _blocking(48, 1, 90, f32) == (90, 16)        # 1/3 of L1 (a 360-byte problem)
    assert _blocking(66, 49, 25, f32) == (25, 48)       # 1/3 of L2, balanced row blocks
    assert _blocking(48, 48, 96, f64) == (56, 48)       # double's kc bound 80, balanced
    assert _blocking(64, 512, 576, f32) == (96, 64)     # kc blocked: no mc blocking
    assert _blocking(700, 8, 40, f32) == (40, 352)      # L2 problem: 576 rows, balanced
    assert _blocking(1152, 8, 40, f32) == (40, 576)     # two blocks of 576
