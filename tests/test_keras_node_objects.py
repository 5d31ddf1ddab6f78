"""Keras layers' Node objects against TF 1.14 (tests/golden/keras/gen_node_objects.py)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "node_objects")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    assert goldens.flowgrad_cases("keras", "node_objects", tf)[key] == GOLDEN[key]
