"""The probe programs of tests/pprobe52_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe52_scripts.py): whole seeded TF1 programs of object-detection
box utilities: non_max_suppression at its edges (ties, flipped and zero-area boxes, NaN
scores, float16, fed thresholds, padded, overlaps, TF's threshold error), box_list_ops and
box coders, crop_and_resize over integer / float16 / float64 images with its gradients and a
tiny ROI head, a tiny SSD with top_k hard-negative mining and combined_non_max_suppression,
and crop / pad / jitter augmentations with sample_distorted_bounding_box and
draw_bounding_boxes."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe52_scripts")
GOLD = load("seeded", "pprobe52_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 when added (/work/brief/s52/pprobe52.report.md)


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
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
