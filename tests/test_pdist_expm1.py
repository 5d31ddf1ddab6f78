"""Grappler's Exp - 1 -> Expm1 and Log(x + 1) -> Log1p rewrites as TF 1.14 runs them,
bit for bit (tests/golden/math/gen_pdist_expm1.py; engine/optimize/convert_exp_log.py)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "pdist_expm1")
GOLD = goldens.load("math", "pdist_expm1")


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD))
def test_matches_tf(results, key):
    goldens.same_exact(results[key], GOLD[key], key)
