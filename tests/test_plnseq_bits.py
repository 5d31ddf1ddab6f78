"""RNN loops bit for bit with TF 1.14 (golden rnn/plnseq_bits)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLDEN = load("rnn", "plnseq_bits")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_rnn_loop_bits_match_tf114(name):
    gen = generator("rnn", "plnseq_bits")
    tf.reset_default_graph()
    got = gen.CASES[name](tf)
    want = GOLDEN[name]
    assert len(got) == len(want)
    for k, (g, w) in enumerate(zip(got, want)):
        g, w = np.asarray(g), np.asarray(w)
        assert g.dtype == w.dtype and g.shape == w.shape, (name, k)
        assert g.tobytes() == w.tobytes(), (name, k, np.max(np.abs(g - w)))
