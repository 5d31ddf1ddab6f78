"""The probe programs of tests/pprobe38_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe38_scripts.py): whole seeded TF1 programs of tf.metrics in
evaluation loops over batches, reset and run again: auc (ROC / PR, every summation_method),
counts at thresholds, sensitivity / specificity, the top-k metrics on dense and SparseTensor
labels, the regression errors over a Dataset, mean_iou / mean_per_class_accuracy with a
masked ignore label, collections and errors; values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe38_scripts")
GOLD = load("seeded", "pprobe38_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 when added (/work/brief/s50/pprobe38.report.md)


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products (the
    # conv net of segmentation_confusion_eval) used Eigen's blocking for its caches
    # (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
