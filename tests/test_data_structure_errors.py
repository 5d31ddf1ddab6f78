"""tf.data's structure checks against TF 1.14 (tests/golden/data/gen_structure_errors.py):
Iterator.make_initializer's nesting errors in full (tf.data's nest: lists are leaves),
tf.nest's dictionaries of other keys and sizes, and choose_from_datasets /
sample_from_datasets: "All datasets must have the same type and class." and the most
specific shapes they merge; filter / flat_map / interleave functions returning the wrong
structure (TF's messages name the Structure returned)."""
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "structure_errors")
GOLD = goldens.load("data", "structure_errors")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    assert GEN.PROGRAMS[name](tf) == GOLD[name]
