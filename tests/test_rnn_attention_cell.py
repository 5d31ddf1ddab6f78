"""tf.contrib.rnn.AttentionCellWrapper and HighwayWrapper in dynamic_rnn against TF 1.14
(tests/golden/seq2seq/gen_attention_cell.py runs the same cases under TF)."""
import pytest

import flowgrad as tf
import goldens
from test_seq2seq_decoder import same

GOLD = goldens.load("seq2seq", "attention_cell")
GEN = goldens.generator("seq2seq", "attention_cell")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name, rtol=2e-5, atol=2e-6)   # float32
