"""Grappler's constant folding on fetched nodes (a Mul by zeros, an AddN's partial split)
and on zeros it folded itself (a Slice of tf.zeros: TimeFreqLSTMCell's first step), bit
for bit with TF 1.14 (tests/golden/math/gen_zero_mul_fetched.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "zero_mul_fetched")
GEN = generator("math", "zero_mul_fetched")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])   # made on an Intel Xeon


@pytest.mark.parametrize("kind", GEN.MUL_KINDS)
def test_mul_by_zeros_is_positive_zero(kind):
    assert GEN.mul_case(tf, kind) == GOLD["mul_" + kind]


@pytest.mark.parametrize("fetched", [True, False])
def test_addn_partial_split(fetched):
    assert GEN.addn_case(tf, fetched) == GOLD["addn_fetched" if fetched else "addn_read"]


def test_time_freq_peephole_gradients():
    assert GEN.time_freq_case(tf) == GOLD["time_freq_grads"]
