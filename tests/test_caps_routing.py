"""Grappler's symbolic shapes through capsule routing (StridedSlice, Tile by a packed
`[bs, 1, ...]`, BatchMatMulV2, Squeeze, Fill of a Pack) decide MinimizeBroadcasts' reorder
of the squash (tests/golden/math/gen_caps_routing.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "caps_routing")
GEN = generator("math", "caps_routing")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_caps_routing_bits(key):
    got, want = _got()[key], GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
