"""Premade estimators as TF's tutorials use them (iris classes by label_vocabulary with a
weight_column, dropout, batch_norm; Ftrl with L1, optimizer strings; baselines; binary and
regression heads), seeded with RunConfig(tf_random_seed=7), against TF 1.14
(tests/golden/estimator/gen_pest_premade.py): evaluation metrics, prediction dicts,
tf.train.list_variables of the model_dir and every trained value, bit for bit."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

gen = goldens.generator("estimator", "pest_premade")
GOLD = goldens.load("estimator", "pest_premade")


@pytest.fixture(scope="module", params=sorted(GOLD))
def case(request):
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        return request.param, gen.run(tf, request.param)
    finally:
        tf.reset_default_graph()


def _same(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    if want.dtype == object:   # the class names
        assert got.tolist() == want.tolist()
    else:
        assert got.tobytes() == want.tobytes()


def test_checkpoint_variables(case):
    name, ours = case
    assert ours["variables"] == GOLD[name]["variables"]


def test_trained_values(case):
    name, ours = case
    assert sorted(ours["values"]) == sorted(GOLD[name]["values"])
    for k, want in GOLD[name]["values"].items():
        _same(ours["values"][k], want)


# linear_binary's PR AUC: its recall (tp + 1e-6) / (tp + fn + 1e-6) reads the metric
# variables; flowgrad's constant push-down makes (tp + fn) + 1e-6 tp + (fn + 1e-6), and
# Grappler's AddOpsRewrite (add_ops_rewrite.py) then sums it as 1e-6 + (tp + fn), TF's bits.
def test_evaluate_metrics(case):
    name, ours = case
    assert sorted(ours["eval"]) == sorted(GOLD[name]["eval"])
    for k, want in GOLD[name]["eval"].items():
        _same(ours["eval"][k], want)



def test_predictions(case):
    name, ours = case
    assert ours["pred_keys"] == GOLD[name]["pred_keys"]
    for k in GOLD[name]["pred_keys"]:
        _same(ours["pred_" + k], GOLD[name]["pred_" + k])
