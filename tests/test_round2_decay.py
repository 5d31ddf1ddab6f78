"""Grappler's `1 * y` / `y + 0` as Identities (pushed through in the second round) or
Snapshots (kept) in the learning-rate schedules (tests/golden/math/gen_round2_decay.py),
against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "round2_decay")
GEN = generator("math", "round2_decay")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_schedule_bits(key):
    got, want = _got()[key], GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want, err_msg=key)
