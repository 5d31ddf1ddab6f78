"""Keras models. attributes against TF 1.14 (tests/golden/keras/gen_model_attrs.py)."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("keras", "model_attrs")
GOLDEN = goldens.load("keras", "model_attrs")
GOT = {}


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(key):
    if not GOT:
        GOT.update(gen.cases(tf))
    assert GOT[key] == GOLDEN[key]
