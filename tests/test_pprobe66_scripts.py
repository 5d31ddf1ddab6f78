"""The probe programs of tests/pprobe66_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe66_scripts.py): whole seeded TF1 programs of tf.estimator:
a custom model_fn with tf.layers and EstimatorSpec for TRAIN / EVAL / PREDICT,
numpy_input_fn and tf.data input_fns, RunConfig and the checkpoints kept,
train_and_evaluate with hooks, premade DNNClassifier / LinearRegressor /
DNNLinearCombinedClassifier over feature columns, warm starts and export_saved_model, and
the errors of EstimatorSpec, Estimator, RunConfig and numpy_input_fn.
custom_model_fn, train_and_evaluate_hooks and premade_feature_columns matched TF on the
base commit and stay as regression guards; wide_deep_warm_start (tf.constant's shape
holding a Tensor: ValueError in TF) and estimator_spec_errors (Estimator params not a dict,
numpy_input_fn's mismatched-length message) were fixed."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe66_scripts")
GOLD = load("seeded", "pprobe66_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
