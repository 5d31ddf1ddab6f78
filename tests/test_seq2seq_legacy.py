"""tf.contrib.legacy_seq2seq against TF 1.14 (tests/golden/seq2seq/gen_legacy.py runs the
same cases under TF): outputs, states, losses, gradients, variable names."""
import pytest

import flowgrad as tf
import goldens
from test_seq2seq_decoder import same

GOLD = goldens.load("seq2seq", "legacy")
GEN = goldens.generator("seq2seq", "legacy")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    # the embedding models run in float32 (TF's default variable dtype); the attention
    # decoder takes its softmax in float32 whatever its dtype
    f32 = name.startswith(("embedding", "f32/", "attention"))
    tol = (2e-5, 2e-6) if f32 else (1e-9, 1e-11)
    same(got, GOLD[name], name, *tol)
