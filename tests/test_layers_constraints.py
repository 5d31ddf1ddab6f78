"""tf.keras.constraints against TF 1.14 (tests/golden/layers/gen_constraints.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "constraints")
GEN = generator("layers", "constraints")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_constraints_case(case):
    tf.reset_default_graph()
    _compare(getattr(GEN, "_" + case)(tf), GOLD[case], case)
