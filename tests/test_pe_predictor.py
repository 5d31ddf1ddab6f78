"""tf.contrib.predictor (from_saved_model, from_estimator, from_contrib_estimator) against
TF 1.14 (tests/golden/estimator/gen_pe_predictor.py): values, feed / fetch keys and
tensors, repr, and the errors."""
import pytest

import flowgrad as tf

import goldens
from goldenio import GoldenError

GOLD = goldens.load("estimator", "pe_predictor")


@pytest.fixture(scope="module")
def ours():
    try:
        return goldens.generator("estimator", "pe_predictor").cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    want = GOLD[case]
    if isinstance(want, GoldenError):
        got = ours[case]  # an OpError comes as its first line (the generator cuts it)
        got = got if isinstance(got, GoldenError) else GoldenError.of(got)
        assert (got.cls, got.message) == (want.cls, want.message)
    else:
        goldens.same_close(ours[case], want, case)
