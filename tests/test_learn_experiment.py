"""tf.contrib.learn.Experiment and learn_runner against TF 1.14 (local schedules): the
golden generator's cases run on flowgrad and must give TF's evaluation results, model_dir
files and errors."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_learn_experiment  # noqa: E402

GOLD = goldens.load("estimator", "learn_experiment")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_learn_experiment.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_experiment_matches_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case, rtol=1e-5, atol=1e-6)


def test_unsupported_experiment_parts_name_themselves():
    est = tf.contrib.learn.Estimator(lambda features, labels: None)
    with pytest.raises(NotImplementedError, match="export_strategies"):
        tf.contrib.learn.Experiment(est, None, None, export_strategies=[object()])
    with pytest.raises(NotImplementedError, match="run_std_server"):
        tf.contrib.learn.Experiment(est, None, None).run_std_server()
