"""tf.contrib.learn.preprocessing (VocabularyProcessor & co., as the text-CNN tutorials use
it) against TF 1.14: the golden generator's cases run here with flowgrad."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib", "learn_preprocessing")
GOLD = goldens.load("contrib", "learn_preprocessing")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name)


def test_module_paths():
    P = tf.contrib.learn.preprocessing
    assert P.text.VocabularyProcessor is P.VocabularyProcessor
    assert P.categorical_vocabulary.CategoricalVocabulary is P.CategoricalVocabulary
    assert P.categorical.CategoricalProcessor is P.CategoricalProcessor
