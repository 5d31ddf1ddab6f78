"""tests/golden/estimator/gen_pe_head_logits.py's cases on flowgrad against TF 1.14's
answers."""
import pytest

import flowgrad as tf

import goldens
from goldenio import GoldenError

GOLD = goldens.load("estimator", "pe_head_logits")


@pytest.fixture(scope="module")
def ours():
    return goldens.generator("estimator", "pe_head_logits").cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    got, want = ours[case], GOLD[case]
    if isinstance(got, GoldenError):   # a run-time error, cut to its first line
        assert (got.cls, got.message) == (want.cls, want.message)
    elif case == "runtime_ok":
        goldens.same_close(got, want, case)
    else:
        goldens.same_exact(got, want, case)
