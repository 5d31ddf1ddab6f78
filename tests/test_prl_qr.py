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
    """Unblocked tall matrices, and Eigen's blocked path (eigen_qr_blocked) where it was
    checked against TF (golden initializers/orthogonal_blocked)."""
    assert eigen_qr.handles(np.zeros((3, 50, 47), np.float32), False)
    assert eigen_qr.handles(np.zeros((4, 4), np.float64), True)
    assert eigen_qr.handles(np.zeros((48, 48), np.float32), False)
    assert eigen_qr.handles(np.zeros((3, 5), np.float64), False)        # m < n: blocked
    assert not eigen_qr.handles(np.zeros((30, 70), np.float32), False)
    assert not eigen_qr.handles(np.zeros((90, 49), np.float64), False)
    assert not eigen_qr.handles(np.zeros((49, 49), np.float32), True)
    assert eigen_qr.handles(np.zeros((60, 49), np.float64), True)
    assert not eigen_qr.handles(np.zeros((60, 49), np.float32), True)
    assert not eigen_qr.handles(np.zeros((100, 50), np.float64), False)
    assert not eigen_qr.handles(np.zeros((4, 0), np.float32), False)
    assert not eigen_qr.handles(np.zeros((4, 4), np.float16), False)
