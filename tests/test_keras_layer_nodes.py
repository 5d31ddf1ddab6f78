"""Keras layers' node accessors against TF 1.14 (tests/golden/keras/gen_layer_nodes.py)."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("keras", "layer_nodes")
GOLDEN = goldens.load("keras", "layer_nodes")
GOT = {}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    if not GOT:
        GOT.update(gen.cases(tf))
    assert GOT[key] == GOLDEN[key]
