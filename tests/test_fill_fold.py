"""Grappler's symbolic shapes through a Fill of a Shape in a dynamic_rnn body decide its
push-down there (tests/golden/math/gen_fill_fold.py), against TF 1.14 bit for
bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "fill_fold")
GEN = generator("math", "fill_fold")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_fill_fold_bits(key):
    got, want = _got()[key], GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
