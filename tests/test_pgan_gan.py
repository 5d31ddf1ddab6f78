"""GAN-style TF1 programs against TF 1.14 (tests/golden/nn/gen_pgan_gan.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from goldenio import GoldenError  # tests/golden, on the path goldens.py sets

GOLD = load("nn", "pgan_gan")
GEN = generator("nn", "pgan_gan")


@pytest.mark.parametrize("key", sorted(GOLD["grad_grad_ops"]))
def test_grad_grad_ops(key):
    got = GEN.grad_grad_ops(tf)[key]
    want = GOLD["grad_grad_ops"][key]
    assert got["ops1"] == want["ops1"]
    assert got["ops2"] == want["ops2"]
    for g, w in zip(got["values"], want["values"]):
        np.testing.assert_array_equal(g, w)


def test_stop_gradient_ops():
    assert GEN.stop_gradient_ops(tf) == GOLD["stop_gradient_ops"]


def test_shape_messages():
    assert GEN.shape_messages(tf) == GOLD["shape_messages"]


def _same_outcomes(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, str):
            assert g == w
        else:
            assert GoldenError.of(g) == w


@pytest.mark.parametrize("case", ["cross_entropy_labels", "reflected_operators"])
def test_conversions(case, recwarn):
    got, want = getattr(GEN, case)(tf), GOLD[case]
    _same_outcomes(got["outcomes"], want["outcomes"])
    assert got["ops"] == want["ops"]
    if "big" in want:
        np.testing.assert_array_equal(got["big"], want["big"])
        assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
