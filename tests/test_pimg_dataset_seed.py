"""Graph-seeded random ops in tf.data functions (gen_pimg_dataset_seed.py): the op counter
of TF's cond_v2 in a function graph, and TF's warning about the graph seed."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_exact

GEN = generator("image", "pimg_dataset_seed")
GOLD = load("image", "pimg_dataset_seed")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    same_exact(GEN.CASES[name](tf), GOLD[name], name)

