"""tf.estimator.RunConfig with TF_CONFIG against TF 1.14 (tests/golden/estimator/
gen_run_config.py): cluster, task, master, replica counts, chief, global id, model_dir,
service, distributed session config, errors, replace(); an Estimator refuses a remote
master (distributed sessions are not implemented) and trains locally otherwise."""
import json
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_run_config as gen  # noqa: E402

GOLD = goldens.load("estimator", "run_config")


@pytest.fixture(scope="module")
def ours():
    return gen.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_run_config_matches_tf(ours, case):
    assert ours[case] == GOLD[case]


def _model_fn(features, labels, mode):
    w = tf.get_variable("w", [], initializer=tf.zeros_initializer())
    loss = tf.square(w - 1.0)
    step = tf.train.get_or_create_global_step()
    return tf.estimator.EstimatorSpec(
        mode, loss=loss, predictions=w,
        train_op=tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step))


def test_estimator_with_tf_config(tmp_path, monkeypatch):
    cluster = {"chief": ["c:1"], "worker": ["w:1"]}
    monkeypatch.setenv("TF_CONFIG", json.dumps(
        {"cluster": cluster, "task": {"type": "worker", "index": 0}}))
    with pytest.raises(NotImplementedError, match="grpc://w:1"):
        tf.estimator.Estimator(_model_fn, config=tf.estimator.RunConfig())
    # a one-task cluster's chief trains in-process (master ''), as TF
    monkeypatch.setenv("TF_CONFIG", json.dumps(
        {"cluster": {"chief": ["c:1"]}, "task": {"type": "chief", "index": 0},
         "model_dir": str(tmp_path)}))
    est = tf.estimator.Estimator(_model_fn, config=tf.estimator.RunConfig())
    assert est.model_dir == str(tmp_path) and est.config.is_chief
    with pytest.raises(NotImplementedError, match="TF_CONFIG cluster"):
        tf.estimator.train_and_evaluate(
            est, tf.estimator.TrainSpec(lambda: ({"x": tf.zeros([1])}, None), max_steps=1),
            tf.estimator.EvalSpec(lambda: ({"x": tf.zeros([1])}, None), steps=1))
    monkeypatch.setenv("TF_CONFIG", json.dumps({"model_dir": str(tmp_path / "m")}))
    est = tf.estimator.Estimator(_model_fn, config=tf.estimator.RunConfig())
    est.train(lambda: ({"x": tf.zeros([1])}, None), steps=3)
    assert est.get_variable_value("global_step") == 3
    assert est.model_dir == str(tmp_path / "m")
