"""float32 BatchMatMul with a vector side bit for bit against TF 1.14
(tests/golden/math/gen_presearch_bmm.py): m or n of 1 is Eigen's matrix-vector product
(or its lazy product), run sequentially even for a batch of one matrix; capsule routing's
u_hat and agreements are such products."""
from __future__ import annotations

import numpy as np

import flowgrad as tf
from flowgrad.engine.ops import eigen_bmm

import goldens

GOLDEN = goldens.load("math", "presearch_bmm")


def test_golden_cases_match_bit_for_bit():
    got = goldens.flowgrad_cases("math", "presearch_bmm", tf)
    assert sorted(got) == sorted(GOLDEN)
    for name in GOLDEN:
        goldens.same_exact(got[name], GOLDEN[name], name)


def test_numpy_order_differs_on_these_cases():
    # the emulation is what makes the golden pass: np.matmul misses many cases' bits
    gen = goldens.generator("math", "presearch_bmm")
    misses = 0
    for (m, k, n) in gen.SHAPES:
        a, b = gen.operands(m, k, n, False, False, 5)
        misses += not np.array_equal(np.matmul(a, b), GOLDEN["bmm/%d,%d,%d/0,0/5" % (m, k, n)])
    assert misses > len(gen.SHAPES) // 2


def test_single_column_sums_in_order():
    # one output per batch of one: NumPy's reduction would add the k products pairwise
    rs = np.random.RandomState(7)
    a = rs.randn(1, 1, 40).astype(np.float32)
    b = rs.randn(1, 40, 1).astype(np.float32)
    got = eigen_bmm.batch_matmul(np.swapaxes(a, 1, 2).copy().swapaxes(1, 2), b, True, False)
    want = np.float32(0)
    for i in range(40):
        want = np.float32(want + a[0, 0, i] * b[0, i, 0])
    assert got[0, 0, 0] == want
