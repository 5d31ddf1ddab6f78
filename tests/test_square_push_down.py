"""Grappler's second-round push-down leaves a Mul of one value by itself alone (a Square by
then: tests/golden/math/gen_square_push_down.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "square_push_down")
GEN = generator("math", "square_push_down")
GOT = {}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("key", sorted(k for k in GOLD if k != "host"))
def test_square_push_down_bits(key):
    got, want = _got()[key], GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want, err_msg=key)
