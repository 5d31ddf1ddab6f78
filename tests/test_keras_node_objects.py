"""Keras layers' Node objects against TF 1.14 (tests/golden/keras/gen_node_objects.py)."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("keras", "node_objects")
GOLDEN = goldens.load("keras", "node_objects")
GOT = {}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    if not GOT:
        GOT.update(gen.cases(tf))
    assert GOT[key] == GOLDEN[key]
