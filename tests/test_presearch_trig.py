"""float32 Sin / Cos bit for bit against TF 1.14 (tests/golden/math/gen_presearch_trig.py):
Eigen's packet sine and cosine, libm's on the tail, Payne-Hanek for huge arguments."""
import numpy as np

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_math

GOLD = goldens.load("math", "presearch_trig")


def test_golden_cases_match_bit_for_bit():
    got = goldens.flowgrad_cases("math", "presearch_trig", tf)
    assert sorted(got) == sorted(GOLD)
    for name in GOLD:
        goldens.same_exact(got[name], GOLD[name], name)


def test_numpy_sin_misses_tfs_bits():
    v = goldens.generator("math", "presearch_trig").values()
    want = GOLD["sin/%d" % len(v)]
    with np.errstate(invalid="ignore"):
        assert not np.array_equal(np.sin(v), want, equal_nan=True)


def test_huge_reduction_quadrant_wraps():
    # 3e38 * 2/pi is far beyond 2^64: the quadrant is taken mod 4, as Eigen's uint64 does
    r, q = eigen_math._reduce_huge(np.float32(3e38))
    assert 0 <= q < 4 and abs(r) <= np.pi / 4 + 1e-6
