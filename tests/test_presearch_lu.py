"""float32 MatrixSolve / MatrixInverse bit for bit against TF 1.14
(tests/golden/math/gen_presearch_lu.py): Eigen's PartialPivLU order (ops/eigen_lu.py),
through contrib.image's transform gradient and interpolate_spline."""
import numpy as np

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_lu

GOLD = goldens.load("math", "presearch_lu")


def test_golden_cases_match_bit_for_bit():
    got = goldens.flowgrad_cases("math", "presearch_lu", tf)
    assert sorted(got) == sorted(GOLD)
    for name in GOLD:
        goldens.same_exact(got[name], GOLD[name], name)


def test_lapack_misses_tfs_bits():
    gen = goldens.generator("math", "presearch_lu")
    misses = 0
    for n, m in gen.SIZES:
        a, b = gen.operands(n, m)
        misses += not np.array_equal(np.linalg.solve(a, b), GOLD["solve/%d,%d" % (n, m)][0])
    assert misses > 0


def test_handles_float32_float64_up_to_256_rows():
    # Eigen's blocked LU and panel solves are followed up to 256 rows (plinalg)
    assert eigen_lu.handles(np.zeros((3, 16, 16), np.float32))
    assert eigen_lu.handles(np.zeros((256, 256), np.float32))
    assert not eigen_lu.handles(np.zeros((257, 257), np.float32))
    assert eigen_lu.handles(np.zeros((4, 4), np.float64))
    # complex: Eigen's unblocked LU up to 16 rows (plinalg3)
    assert eigen_lu.handles(np.zeros((16, 16), np.complex64))
    assert not eigen_lu.handles(np.zeros((17, 17), np.complex128))
    assert eigen_lu.solve(np.zeros((2, 2), np.float32), np.ones((2, 1), np.float32)) is None
