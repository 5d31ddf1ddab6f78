"""CTCLoss's loss and gradient in TF 1.14's float32 rounding (tests/golden/nn/gen_ctc_bits.py):
the softmax with Eigen's exp and packet sum, log-space alpha/beta with libm's logf, expf and
log1pf, compared bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "ctc_bits")
GEN = generator("nn", "ctc_bits")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_ctc_loss_and_gradient_bits(key):
    for i, (g, w) in enumerate(zip(_got()[key], GOLD[key])):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
