"""CTCBeamSearchDecoder's and CTCGreedyDecoder's log probabilities in TF 1.14's float32
rounding (tests/golden/nn/gen_ctc_beam_bits.py): the beam's per-step log-softmax (the max plus
logf of libm expf's summed in order), its float BeamProbability sums and LogSumExp (libm
expf and log1pf), and its decoded paths, compared bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "ctc_beam_bits")
GEN = generator("nn", "ctc_beam_bits")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_ctc_decoders_bits(key):
    got, want = _got()[key], GOLD[key]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        g = np.asarray(g)
        assert g.dtype == w.dtype and g.shape == w.shape, "%s[%d]" % (key, i)
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))
