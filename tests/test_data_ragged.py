"""tf.data with RaggedTensor elements against TF 1.14 (tests/golden/data/gen_ragged_data.py):
elements, output types/shapes/classes, errors and every op of the graph."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "ragged_data")
GOLD = goldens.load("data", "ragged_data")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_ragged_data(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)
