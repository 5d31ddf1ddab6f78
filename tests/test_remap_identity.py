"""The remapper's MatMul + BiasAdd fusion through an Identity the dependency optimizer removes
(tests/golden/math/gen_remap_identity.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "remap_identity")
GEN = generator("math", "remap_identity")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_fused_through_identity(key):
    got, want = _got()[key], GOLD[key]
    for i, (g, w) in enumerate(zip(got if isinstance(got, list) else [got],
                                   want if isinstance(want, list) else [want])):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
