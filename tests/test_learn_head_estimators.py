"""tf.contrib.learn's LinearEstimator, DNNEstimator (over regression / poisson / multi-class
heads) and LogisticRegressor against TF 1.14: the golden generator's cases run on flowgrad
and must give TF's seeded losses, checkpoint variables, evaluate dicts and predictions."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_head_estimators  # noqa: E402

GOLD = goldens.load("estimator", "learn_head_estimators")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_head_estimators.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_head_estimators_match_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case, rtol=2e-5, atol=2e-6)


def test_logistic_regressor_dict_labels_fail_as_tf():
    """TF 1.14 indexes dict.values() for a one-entry label dict: a TypeError on Python 3."""
    from flowgrad.contrib.learn.logistic_regressor import _make_logistic_eval_metric_ops
    with pytest.raises(TypeError, match="'dict_values' object is not subscriptable"):
        _make_logistic_eval_metric_ops({"y": tf.constant([1.0])}, tf.constant([0.5]), [0.5])
