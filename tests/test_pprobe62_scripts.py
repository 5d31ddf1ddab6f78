"""The probe programs of tests/pprobe62_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe62_scripts.py): whole seeded TF1 programs of image data
augmentation: seeded tf.image random ops in tf.data map functions and a queue pipeline
(shuffle_batch with seeds), resize_images with each method and align_corners and the other
tf.image geometry ops with their errors, an Inception-style distorted bounding box and
distort_color, cutout / mixup written in TF ops, each feeding a small CNN; grayscale_to_rgb
and the color kernels on images of unknown shape."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe62_scripts")
GOLD = load("seeded", "pprobe62_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "aug_args_errors.py":
        "random_contrast of a float16 image: TF 1.14 has no float16 AdjustContrastv2 CPU "
        "kernel and places the op on XLA_CPU (fast-math LLVM code: the mean from a float32 "
        "sum rounded to half, mean * (1 - factor) and x * factor fused or rounded by the "
        "element's position); flowgrad's kernel (_contrast_kernel, engine/ops/image.py) runs "
        "TF's float32 CPU kernel and rounds to half: the f16 contrast sum prints "
        "21.514023900032043 where TF prints 21.51359212398529 (as pprobe14's "
        "contrast_half_xla_cpu.py)",
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
