"""tf.gradients through an op with no gradient raises TF 1.14's LookupError and leaves the
gradient ops TF builds before it (golden gradients/no_gradient_leftovers)."""
import flowgrad as tf
import goldens

GEN = goldens.generator("gradients", "no_gradient_leftovers")
GOLD = goldens.load("gradients", "no_gradient_leftovers")


def test_ops_left_after_a_missing_gradient_are_tfs():
    assert GEN.run(tf) == GOLD
