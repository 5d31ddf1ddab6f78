"""A run whose feeds TF 1.14's session cannot give Grappler skips Grappler
(tests/golden/math/gen_grappler_feed.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "grappler_feed")
GEN = generator("math", "grappler_feed")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_feed_bits(key):
    got, want = _got()[key], GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want, err_msg=key)
