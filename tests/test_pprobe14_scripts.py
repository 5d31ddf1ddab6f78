"""The probe programs of tests/pprobe14_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe14_scripts.py): whole seeded computer-vision training
scripts: augmentation chains with op seeds, random-sized crops and every resize method,
SSD/YOLO box utilities and NMS, a ResNet with batch norm's UPDATE_OPS, MobileNet depthwise
and separable convolutions, a U-Net with transposed convolutions, Gram-matrix texture
synthesis, tf.image's dtype corners and a float16 pipeline; op counts and values bit for
bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe14_scripts")
GOLD = load("seeded", "pprobe14_scripts")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon: TF's float32 Sqrt/Rsqrt (ApplyAdam,
    # ApplyRMSProp, batch norm) used its RSQRTPS table, its convolutions and products
    # Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


# the programs flowgrad does not yet run to TF's output, and why
XFAIL = {
    "contrast_half_xla_cpu.py": "TF 1.14 has no float16 AdjustContrastv2 CPU kernel and "
    "places the op on XLA_CPU, whose fast-math LLVM code computes mean * (1 - factor) "
    "(rounded to half or not, by the unrolled element's position) plus an FMA of "
    "x * factor rounded once; flowgrad runs TF's float32 CPU kernel and rounds to half "
    "(1 ulp of half off on about a third of the values)",
}


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize(
    "script",
    [pytest.param(s, marks=pytest.mark.xfail(reason=XFAIL[s], strict=True)) if s in XFAIL
     else s for s in sorted(GOLD)])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
