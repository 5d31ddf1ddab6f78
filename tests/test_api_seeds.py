"""Public calls build as many ops as TF 1.14 (cond and loop internals counted as TF's),
so a graph-seeded op made after them gets TF's seed and numbers
(tests/golden/seed/gen_api_seeds.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("seed", "api_seeds")
GOLD = goldens.load("seed", "api_seeds")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_after_call_is_tfs(name):
    seed2, value = GEN.build(tf, name)
    assert seed2 == GOLD[name][0]
    np.testing.assert_array_equal(value, GOLD[name][1])
