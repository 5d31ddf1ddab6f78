"""float32 Conv2DBackpropInput (conv2d_transpose, conv2d's input gradient) against TF 1.14
bit for bit: Col2im's order (each input element adds its taps from the last to the first)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("nn", "pdet_conv_transpose")
GOLD = load("nn", "pdet_conv_transpose")


@pytest.mark.parametrize("i", range(len(GEN.TRANSPOSE)))
def test_conv2d_transpose_bits(i):
    got = GEN.transposes(tf)[i]
    want = GOLD["transpose"][i]
    assert got.dtype == want.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("i", range(len(GEN.CONVS)))
def test_conv2d_input_grad_bits(i):
    np.testing.assert_array_equal(GEN.conv_input_grads(tf)[i], GOLD["conv_input_grads"][i])
