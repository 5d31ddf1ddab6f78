"""Public TF1 programs' idioms that flowgrad got wrong (concat gradients of more than 16
inputs, feed_dicts keyed by RNN state tuples) against TF 1.14: the golden generator's
cases run here with flowgrad."""
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("realworld", "cpb")
GOLD = goldens.load("realworld", "cpb")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    same(got, GOLD[name], name, rtol=1e-5, atol=1e-6)


def test_device_lib_through_the_tensorflow_alias():
    from flowgrad.compat import tf_alias
    with tf_alias.alias_tensorflow():
        from tensorflow.python.client import device_lib
        gpus = [d.name for d in device_lib.list_local_devices() if d.device_type == "GPU"]
    assert device_lib.list_local_devices()[0].name == "/device:CPU:0"
    assert gpus == [] or gpus[0] == "/device:GPU:0"
