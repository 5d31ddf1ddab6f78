"""The probe programs of tests/pprobe65_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe65_scripts.py): whole seeded TF1 programs of tf.keras in
graph mode: a masked tagger (Embedding(mask_zero=True), Bidirectional GRU, Lambda, LSTM,
TimeDistributed Dense), a Conv2D / BatchNormalization / Dropout classifier fit with
validation_split and EarlyStopping / ReduceLROnPlateau / LearningRateScheduler, a two-input
two-output functional model with dicts of losses, loss_weights and metrics and
get_weights / set_weights errors, seeded keras initializers and model.summary(), a
stacked-LSTM regressor with train_on_batch and a LambdaCallback, and the rarer paths
(Masking with return_state, GRU reset_after, Bidirectional merge_mode None with states,
the learning phase fed through K.function, a None gradient's error, a nested model's
summary) and a model fit again without the weights of its first fit. All but
fit_refit_class_weight.py matched TF on the base commit and stay as regression guards;
that one found Keras's function feed checking the fed shapes (TF 1.14 feeds a callable
unchecked, so the learning phase's True reaching the sample-weight placeholder fails in
the loss's assert_broadcastable, not in the feed)."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe65_scripts")
GOLD = load("seeded", "pprobe65_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) follow the host's Eigen kernels (engine/ops/host_cpu.py)
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
