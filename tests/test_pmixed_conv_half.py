"""float16 conv nets as TF 1.14, bit for bit (tests/golden/nn/gen_pmixed_conv_half.py):
Conv2DBackpropFilter's and Conv2DBackpropInput's half contractions, a loss-scaled float16
training run."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("nn", "pmixed_conv_half")
GOLD = load("nn", "pmixed_conv_half")


def _same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), np.flatnonzero(got != want)[:10]


@pytest.fixture(scope="module")
def filter_grads():
    return GEN.filter_grads(tf)


@pytest.mark.parametrize("case", sorted(GOLD["filter_grads"]))
def test_half_conv_grad_bits(filter_grads, case):
    for got, want in zip(filter_grads[case], GOLD["filter_grads"][case]):
        _same(got, want)


@pytest.mark.parametrize("case", sorted(GOLD["avg_pools"]))
def test_half_avg_pool_bits(case):
    _same(GEN.avg_pools(tf)[case], GOLD["avg_pools"][case])


def test_loss_scaled_half_training():
    got, want = GEN.loss_scaled_training(tf), GOLD["training"]
    assert got["grads"] == want["grads"] and got["variables"] == want["variables"]
    for (loss, scale), (wl, ws) in zip(got["steps"], want["steps"]):
        _same(loss, wl)
        _same(scale, ws)
    _same(got["w"], want["w"])
    _same(got["bn"], want["bn"])
