"""Keras models. attributes against TF 1.14 (tests/golden/keras/gen_model_attrs.py)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("keras", "model_attrs")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    assert goldens.flowgrad_cases("keras", "model_attrs", tf)[key] == GOLDEN[key]
