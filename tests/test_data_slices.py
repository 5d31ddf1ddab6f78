"""Dataset.from_tensor_slices' first-dimension checks against TF 1.14
(tests/golden/data/gen_slices.py)."""
import pytest

import goldens
import flowgrad as tf

GEN = goldens.generator("data", "slices")
GOLD = goldens.load("data", "slices")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_from_tensor_slices_as_tf(name):
    assert GEN._slices(tf, GEN.PROGRAMS[name]) == GOLD[name]
