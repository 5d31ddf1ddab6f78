"""print(dataset) as TF 1.14 prints it (tests/golden/data/gen_repr.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("data", "repr")


@pytest.fixture(scope="module")
def got():
    with tf.Graph().as_default():
        return generator("data", "repr").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_repr_as_tf(got, case):
    assert got[case] == GOLD[case]
