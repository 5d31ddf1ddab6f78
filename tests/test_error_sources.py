"""OpError message and str() as TF 1.14's: the input sources in the message, the creation
stack in str() only, errors inside tf.cond / while_loop / dataset functions
(tests/golden/errors9/gen_message_sources.py)."""
import pytest

import goldens
import flowgrad as tf

GEN = goldens.generator("errors9", "message_sources")
WANT = goldens.load("errors9", "message_sources")


def _run(name):
    with tf.Graph().as_default():
        return getattr(GEN, name)(tf)


@pytest.mark.parametrize("name", sorted(WANT))
def test_message_and_str_as_tf(name):
    assert _run(name) == WANT[name]
