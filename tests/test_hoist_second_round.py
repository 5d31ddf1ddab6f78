"""Grappler's second-round AddOpsRewrite of the sum HoistCommonFactor made (Bayes-by-
backprop's rho gradient; tests/golden/math/gen_hoist_second_round.py), against TF 1.14
bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "hoist_second_round")
GEN = generator("math", "hoist_second_round")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_hoist_second_round_bits(key):
    shape = tuple(int(d) for d in key.split("_")[0][1:].split("x"))
    draws = int(key.split("_")[1][1:])
    _, _, rnd, gated, kl = key.split("_")
    got = GEN._case(tf, shape, draws, rnd == "rand", gated == "gated", kl == "kl")
    want = GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
