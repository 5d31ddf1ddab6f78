"""Grappler's constant folding of an AddN's constant inputs (`_partial_split_`), then its
arithmetic optimizer's order (tests/golden/math/gen_addn_partial_split.py), against TF
1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "addn_partial_split")
GEN = generator("math", "addn_partial_split")


@pytest.mark.parametrize("key", sorted(GOLD))
def test_addn_partial_split_bits(key):
    if key.startswith("order"):
        got = GEN._order_case(tf, int(key[5:]))
    else:
        pad, kind = key.split("_")
        got = GEN._case(tf, int(pad[3:]), kind == "sq")
    want = GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
