"""DepthwiseConv2dNative and its gradients bit for bit as TF 1.14's CPU kernels add
(golden nn/pstyle_depthwise): float32 and float64, depth multipliers 1-4, strides 1-3,
SAME and VALID, and a DeepDream-style blur of a gradient."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("nn", "pstyle_depthwise")
GOLD = goldens.load("nn", "pstyle_depthwise")


def _same_bits(got, exp, what):
    got, exp = np.asarray(got), np.asarray(exp)
    assert got.dtype == exp.dtype and got.shape == exp.shape, what
    assert got.tobytes() == exp.tobytes(), (what, np.abs(got - exp).max())


@pytest.mark.parametrize("name", sorted(gen.SHAPES))
def test_kernels_bit_for_bit(name):
    tf.reset_default_graph()
    for part, got, exp in zip(("output", "input grad", "filter grad"),
                              gen.kernels(tf, name), GOLD[name]):
        _same_bits(got, exp, part)


def test_blurred_gradient_ascent():
    for step, (got, exp) in enumerate(zip(gen.blur(tf), GOLD["blur"])):
        _same_bits(got[0], exp[0], "score %d" % step)
        _same_bits(got[1], exp[1], "blurred gradient %d" % step)


def test_empty_batch_and_channels():
    tf.reset_default_graph()
    assert gen.empty(tf) == GOLD["empty"]
