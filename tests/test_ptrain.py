"""TF 1.x training-loop infrastructure against TF 1.14 (tests/golden/monitored/gen_ptrain.py's
cases run on flowgrad)."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("monitored", "ptrain")


@pytest.fixture(scope="module")
def ours():
    try:
        return goldens.flowgrad_cases("monitored", "ptrain", tf)
    finally:
        tf.reset_default_graph()


def test_every_case_has_its_golden(ours):
    assert sorted(ours) == sorted(GOLD)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    goldens.same_exact(ours[case], GOLD[case], case)
