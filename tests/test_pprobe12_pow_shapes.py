"""Grappler's Pow(x, 2) -> Square of a tensor of unknown shape, and AddOpsRewrite's grouping
decided on the symbolic shape of a random op of tf.shape(y), as TF 1.14 computes them
(tests/golden/math/gen_pprobe12_pow_shapes.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "pprobe12_pow_shapes")


@pytest.fixture(scope="module")
def got():
    mp = pytest.MonkeyPatch()
    mp.setenv("FLOWGRAD_CPU", GOLD["host"])   # (the golden's MatMul bits)
    try:
        with tf.Graph().as_default():
            return generator("math", "pprobe12_pow_shapes").cases(tf)
    finally:
        mp.undo()


@pytest.mark.parametrize("case,key", [("pow", "square"), ("pow", "pow"), ("pow", "x_times_x"),
                                      ("pow", "powf"),
                                      ("likelihood", "logp"),
                                      ("likelihood", "logp_with_terms"),
                                      ("likelihood", "terms")])
def test_bits(got, case, key):
    np.testing.assert_array_equal(got[case][key], GOLD[case][key])
    assert got[case][key].tobytes() == GOLD[case][key].tobytes()


def test_powf_and_square_differ_here():
    assert not np.array_equal(GOLD["pow"]["powf"], GOLD["pow"]["square"])
