"""Canned linear estimators' graph names (the v2 LinearModel's scopes, variables made
before the weighted sums) against TF 1.14 (tests/golden/estimator/gen_pe_linear_names.py)."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("estimator", "pe_linear_names")


@pytest.fixture(scope="module")
def ours():
    try:
        return goldens.generator("estimator", "pe_linear_names").cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    if case == "summaries":   # errors and op lists
        goldens.same_exact(ours[case], GOLD[case], case)
    elif case == "regressor_train":
        # the same ops; the gradients reach the columns in another order (flowgrad's walk
        # past a head holding tf.cond goes by op id, TF's by its FIFO queue)
        got, want = dict(ours[case]), dict(GOLD[case])
        assert sorted(map(tuple, got.pop("ops"))) == sorted(map(tuple, want.pop("ops")))
        goldens.same_close(got, want, case)
    else:
        goldens.same_close(ours[case], GOLD[case], case)
