"""Reshape's static check against TF 1.14 when the target is known and the input has one
unknown dimension (tests/golden/array/gen_reshape_partial.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "reshape_partial")
GEN = generator("array", "reshape_partial")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_reshape_partial(case):
    assert GEN.cases(tf)[case] == GOLD[case]
