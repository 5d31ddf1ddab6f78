"""The probe programs of tests/pprobe21_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe21_scripts.py): whole seeded TF1 programs of detection and
segmentation heads: region-proposal targets with a seeded random_shuffle minibatch and a
smooth L1 by tf.where, ROI-align by crop_and_resize with per-class non_max_suppression
through tf.map_fn, an FCN with an ignore label and streaming mean_iou / accuracy,
RetinaNet's focal loss, a DeepLab ASPP head, YOLOv3 targets by scatter_nd with a
tf.while_loop ignore mask, and a Mask R-CNN mask branch; op counts and values bit for
bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe21_scripts")
GOLD = load("seeded", "pprobe21_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

# Differences found and not yet fixed (each checked against the oracle; see the report
# /work/brief/s49/pprobe21.report.md)
XFAIL = {
    "retinanet_focal.py": "the smooth L1's `0.5 * d * d / 0.11` of a d gathered by "
    "tf.boolean_mask with a mask computed from constants only: TF's constant folding folds "
    "the mask (Where -> Const), learns the gathered shape in a later pass of its first "
    "round and pushes the division's reciprocal down in the written order "
    "(`(0.5 * d) * (recip * d)`); flowgrad keeps the gathered dim unknown (as TF does for "
    "a fed mask: `recip * (d * (0.5 * d))`, no push) and differs in the last bit of "
    "box_loss at step 2 (reduced: a GradientDescent on where(d < 0.11, 0.5*d*d/0.11, "
    "d - 0.055) of d = abs(boolean_mask(v, const_mask)))",
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyAdam, ApplyRMSProp) used its RSQRTPS table, its products Eigen's blocking for
    # its caches (engine/ops/host_cpu.py)
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
