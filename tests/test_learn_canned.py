"""tf.contrib.learn's DNNClassifier / DNNRegressor against TF 1.14 (the Iris tutorial
way): the golden generator's cases run on flowgrad and must give TF's seeded losses,
checkpoint variables, evaluate dicts, predictions and model_dir files."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_canned  # noqa: E402

GOLD = goldens.load("estimator", "learn_canned")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_canned.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_canned_matches_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case, rtol=2e-5, atol=2e-6)
