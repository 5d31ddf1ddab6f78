"""GAN-style TF1 programs against TF 1.14 (tests/golden/nn/gen_pgan_gan.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

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
