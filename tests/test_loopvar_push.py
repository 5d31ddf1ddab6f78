"""Grappler's shapes of a while loop's variables decide the push-down and AddOpsRewrite in a
dynamic_rnn body (tests/golden/math/gen_loopvar_push.py), against TF 1.14 bit for
bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "loopvar_push")
GEN = generator("math", "loopvar_push")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_loopvar_push_bits(key):
    got, want = _got()[key], GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
        assert g.tobytes() == w.tobytes(), "%s[%d]" % (key, i)
