"""Grappler's Mul by zeros (and Fills folded in the middle of Add chains) in a
dynamic_rnn body (tests/golden/math/gen_fill_mid.py), against TF 1.14 bit for
bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "fill_mid")
GEN = generator("math", "fill_mid")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_fill_mid_bits(key):
    got, want = _got()[key], GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        assert g.tobytes() == w.tobytes(), "%s[%d]" % (key, i)
