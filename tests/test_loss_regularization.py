"""A loss plus its regularization terms (tests/golden/math/gen_loss_regularization.py):
Grappler's AddOpsRewrite makes `reduce_mean(...) + add_n([l1, l2])` one AddN(Mean, mul,
mul_1) whose kernel sums from the Mean's fresh buffer (engine/optimize/add_ops_rewrite.py),
bit for bit as TF 1.14 does; with the arithmetic optimizer off the written order."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("math", "loss_regularization")
GEN = goldens.generator("math", "loss_regularization")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    fn = getattr(GEN, name.replace("_arithmetic_off", ""))
    got = fn(tf, arithmetic=not name.endswith("_arithmetic_off"))
    goldens.same_exact(got, GOLDEN[name], name)


def test_golden_tells_the_rewritten_sum_from_the_written_one():
    # the losses read (the first 4 values) differ from the written order's in some step,
    # but for max_keepdims: shapes [1, 1] and [], so AddN(mul, mul_1) + Max, which is the
    # written Max + (mul + mul_1)
    for name in GEN.CASES:
        got, written = GOLDEN[name][:4], GOLDEN[name + "_arithmetic_off"][:4]
        differ = any(not np.array_equal(a, b) for a, b in zip(got, written))
        assert differ == (name != "max_keepdims"), name


def test_mean_addn_sums_mean_first():
    # AddN(Mean, mul, mul_1) = (Mean + mul) + mul_1, not Mean + (mul + mul_1): the first
    # loss in NumPy from the initial weights
    x = np.random.RandomState(8).randn(6, 20).astype(np.float32)
    w = np.random.RandomState(1).randn(20, 1).astype(np.float32)
    f = np.float32
    m = np.mean(np.square(x @ w - f(1)), dtype=np.float32)
    l1 = np.sum(np.abs(w)) * f(0.019)
    l2 = np.sum(np.square(w)) * f(0.02)
    assert (m + l1) + l2 != m + (l1 + l2)
    assert GOLDEN["mean_addn"][0] == (m + l1) + l2
