"""Graph-seeded random ops around a tf.while_loop in tf.data functions
(golden data/dataloop_seed): the op counter of TF's while_v2 in a function graph."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GEN = generator("data", "dataloop_seed")
GOLD = load("data", "dataloop_seed")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)
