"""tf.saved_model.main_op and tf.version against TF 1.14 (tests/golden/core/gen_main_op.py)."""
import flowgrad as tf
import goldens

main_op_cases = goldens.generator("core", "main_op")
GOLDEN = goldens.load("core", "main_op")["main_op"]


def test_matches_tf114():
    with tf.Graph().as_default():
        got = main_op_cases.build(tf)
    assert got == GOLDEN

