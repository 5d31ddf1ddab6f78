"""Grappler's sort of a loop gradient body's AddN when tf.gradients' gate Identities read
the loop variable's incoming gradient (compute_gradients' GATE_OP): it sorts under TF's
`<while>/Merge_k_grad/Switch:1` (tests/golden/math/gen_loop_gated_addn.py;
engine/optimize/addn_order.py), against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "loop_gated_addn")
GEN = generator("math", "loop_gated_addn")
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
def test_loop_gated_addn_bits(key):
    got, want = np.asarray(_got()[key]), GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), key
