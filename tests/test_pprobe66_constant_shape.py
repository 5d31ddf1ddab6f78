"""tf.constant's shape checks before its value, as TF 1.14's make_tensor_proto does them
(tests/golden/framework/gen_pprobe66_constant_shape.py): a Tensor in the shape is a
ValueError, a shape of no elements ignores the value."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("framework", "pprobe66_constant_shape")


@pytest.fixture(scope="module")
def got():
    return generator("framework", "pprobe66_constant_shape").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case(got, case):
    assert got[case] == GOLD[case]
