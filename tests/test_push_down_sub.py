"""Grappler's second-round push-down through `y - 0`, `y * 1`, `y / 1` and `y + 0` in Add
chains, after its first round's dedup (tests/golden/math/gen_push_down_sub.py), against
TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "push_down_sub")
GEN = generator("math", "push_down_sub")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_push_down_sub_bits(key):
    got, want = _got()[key], GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want, err_msg=key)
