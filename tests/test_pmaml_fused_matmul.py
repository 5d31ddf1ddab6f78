"""Grappler's _FusedMatMul with one output column against TF 1.14
(tests/golden/nn/gen_pmaml_fused_matmul.py): MKL-DNN's fused multiply-adds in depth
blocks, when the remapper fuses, a WGAN-GP critic trained through the fused layer."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pmaml_fused_matmul")
GEN = generator("nn", "pmaml_fused_matmul")


def _same(got, want):
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same(g, w)
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want)
        for k in want:
            _same(got[k], want[k])
    elif isinstance(want, str):
        assert got == want
    else:
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
        assert np.asarray(got).dtype == np.asarray(want).dtype


@pytest.mark.parametrize("case", ["fused_values", "when_fused", "wgan_gp"])
def test_matches_tf(case):
    _same(getattr(GEN, case)(tf), GOLD[case])


def test_fma_rounds_once():
    """The emulated multiply-add rounds the exact acc + a * b once: here the exact sum lies
    just below a float32 tie, which float64 rounds onto (then to even, one ulp too far)."""
    from flowgrad.engine.ops.fused_matmul import _fma
    acc = np.array([1 + 2.0 ** -23], np.float32)                  # odd last bit
    a = np.array([1 - 2.0 ** -23], np.float32)
    b = np.array([2.0 ** -24 * (1 + 2.0 ** -23)], np.float32)      # a * b = 2^-24 - 2^-70
    naive = (acc.astype(np.float64) + a.astype(np.float64) * b).astype(np.float32)
    assert naive[0] == np.float32(1 + 2.0 ** -22)
    assert _fma(acc, a, b)[0] == acc[0]


def test_fma_run_fixes_float64_ties():
    """_fma_run's fast path (float64 sum, one rounding to float32) hands the sums that land
    on a float32 midpoint to _fma: 1 + 2^-23, then + (2^-24 - 2^-70) stays 1 + 2^-23."""
    from flowgrad.engine.ops.fused_matmul import _fma_run
    x = np.array([[1 + 2.0 ** -23, 1 - 2.0 ** -23], [1.0, 0.5]], np.float32)
    y = np.array([[1.0], [2.0 ** -24 * (1 + 2.0 ** -23)]], np.float32)
    got = _fma_run(x, y, 0, 2)
    assert got.shape == (2, 1) and got.dtype == np.float32
    assert got[0, 0] == np.float32(1 + 2.0 ** -23)
    assert got[1, 0] == np.float32(1.0) + np.float32(0.5) * y[1, 0]


def test_conv_one_channel():
    """Conv2D with one output channel, plain and with its BiasAdd, patches up to 384 deep."""
    got, want = GEN.conv_one_channel(tf), GOLD["conv_one_channel"]
    _same(got[:6], want[:6])


def test_conv_one_channel_deep_patches():
    """Patches deeper than 384 (5x5x40): Eigen's threads and depth shards for image patches
    (fused_matmul.patch_product)."""
    got, want = GEN.conv_one_channel(tf), GOLD["conv_one_channel"]
    _same(got[6:], want[6:])
