"""TF 1.14's HoistCWiseUnaryChains makes a Concat that reads one unary op twice read
itself: Grappler fails and the graph runs as written (tests/golden/math/
gen_concat_hoist_cycle.py; engine/optimize/hoist_unary_chains.py), against TF 1.14 bit
for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "concat_hoist_cycle")
GEN = generator("math", "concat_hoist_cycle")
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


@pytest.mark.parametrize("key", list(GEN.FORMS))
def test_concat_hoist_cycle_bits(key):
    got, want = np.asarray(_got()[key]), GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), key
