"""tf.contrib.text.skip_gram_sample and skip_gram_sample_with_text_vocab against TF 1.14
(tests/golden/nlp/gen_skip_gram_sample.py):
the pairs of its SkipGramGenerateCandidates op (window sizes from the op's Philox stream),
the frequency filter and subsampling, the ops made and the errors, exactly."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GOLD = load("nlp", "skip_gram_sample")
GEN = generator("nlp", "skip_gram_sample")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)
