"""tests/golden/estimator/gen_pe_head_logits.py's cases on flowgrad against TF 1.14's answers."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("estimator", "pe_head_logits")


@pytest.fixture(scope="module")
def ours():
    return goldens.generator("estimator", "pe_head_logits").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    goldens.same_exact(ours[case], GOLD[case], case)
