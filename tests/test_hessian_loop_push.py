"""tf.hessians' while loop: Grappler moves a captured constant into the frame, removes the
gradient's no-ops on the body's known shapes and pushes the constant down, reading the
captures by their Enters' names (tests/golden/math/gen_hessian_loop_push.py), against
TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "hessian_loop_push")
GEN = generator("math", "hessian_loop_push")
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
def test_hessian_loop_push_bits(key):
    got, want = np.asarray(_got()[key]), GOLD[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), key
