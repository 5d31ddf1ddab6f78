"""tests/golden/array/gen_pe_tile.py's cases on flowgrad against TF 1.14's answers."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("array", "pe_tile")


@pytest.fixture(scope="module")
def ours():
    return goldens.generator("array", "pe_tile").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    goldens.same_exact(ours[case], GOLD[case], case)
