"""Keras layers' node accessors against TF 1.14 (tests/golden/keras/gen_layer_nodes.py)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "layer_nodes")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    assert goldens.flowgrad_cases("keras", "layer_nodes", tf)[key] == GOLDEN[key]
