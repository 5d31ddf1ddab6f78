"""tests/golden/estimator/gen_pe_spec.py's cases on flowgrad against TF 1.14's answers."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("estimator", "pe_spec")


@pytest.fixture(scope="module")
def ours():
    return goldens.generator("estimator", "pe_spec").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    goldens.same_exact(ours[case], GOLD[case], case)
