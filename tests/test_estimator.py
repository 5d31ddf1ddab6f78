"""tf.estimator.Estimator against TF 1.14: the golden generator's cases (a linear model_fn,
constant-initialized weights) run on flowgrad and must give TF's losses, evaluation
results, predictions, variables and model_dir files."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_estimator  # noqa: E402

GOLD = goldens.load("estimator", "estimator")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_estimator.cases(tf)
    finally:
        tf.reset_default_graph()


def _same(got, want, where):
    goldens.same_close(got, want, where, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c != "errors"))
def test_estimator_matches_tf(ours, case):
    _same(ours[case], GOLD[case], case)


def test_estimator_errors_match_tf(ours):
    for key, want in GOLD["errors"].items():
        got = ours["errors"][key]
        assert (type(got).__name__, str(got)) == (want.cls, want.message), key


def test_estimator_spec_and_run_config_checks():
    with tf.Graph().as_default():
        loss = tf.constant(1.0)
        with pytest.raises(ValueError, match="Missing train_op"):
            tf.estimator.EstimatorSpec(tf.estimator.ModeKeys.TRAIN, loss=loss)
        with pytest.raises(ValueError, match="Missing loss"):
            tf.estimator.EstimatorSpec(tf.estimator.ModeKeys.EVAL)
        spec = tf.estimator.EstimatorSpec(tf.estimator.ModeKeys.PREDICT, predictions=loss)
        assert spec.eval_metric_ops == {} and spec.training_hooks == ()
    cfg = tf.estimator.RunConfig()
    assert (cfg.save_checkpoints_secs, cfg.save_checkpoints_steps) == (600, None)
    cfg = tf.estimator.RunConfig(save_checkpoints_steps=5)
    assert (cfg.save_checkpoints_secs, cfg.save_checkpoints_steps) == (None, 5)
    with pytest.raises(ValueError, match="cannot be both set"):
        tf.estimator.RunConfig(save_checkpoints_steps=5, save_checkpoints_secs=5)
    with pytest.raises(ValueError, match="warm_start_from must be a string or a WarmStart"):
        tf.estimator.Estimator(lambda features: None, warm_start_from=3)
    assert tf.estimator.ModeKeys.PREDICT == "infer"
    with pytest.raises(ValueError, match="shuffle must be provided"):
        tf.estimator.inputs.numpy_input_fn({"x": np.zeros(3)})
