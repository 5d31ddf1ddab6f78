"""BatchNormalization's renorm, virtual_batch_size and adjustment against TF 1.14
(tests/golden/keras/gen_bn_renorm.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "bn_renorm")
GEN = generator("keras", "bn_renorm")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_bn_renorm_as_tf(case):
    with tf.Graph().as_default():
        got = getattr(GEN, case)(tf)
    _compare(got, GOLD[case], case)
