"""OpError message and str() as TF 1.14's: the input sources in the message, the creation
stack in str() only (tests/golden/errors9/gen_message_sources.py)."""
import pytest

import goldens
import flowgrad as tf

GEN = goldens.generator("errors9", "message_sources")
WANT = goldens.load("errors9", "message_sources")


@pytest.mark.parametrize("name", sorted(WANT))
def test_message_and_str_as_tf(name):
    with tf.Graph().as_default():
        got = getattr(GEN, name)(tf)
    assert got == WANT[name]
