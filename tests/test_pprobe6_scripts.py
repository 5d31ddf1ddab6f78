"""The probe programs of tests/pprobe6_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe6_scripts.py): whole seeded TF1 programs in the style of
public tutorials (SavedModel, lookup tables, mixture of experts, message passing, conv3d,
WaveNet, spatial transformer, ConvLSTM, PixelCNN, memory network, SSIM loss, NMS, STFT/MFCC,
fake quantization, checkpoints, bucketed tf.data, distillation, Bayes by backprop); op
counts and values bit for bit.
The ones that still differ are strict xfails naming the cause."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe6_scripts")
GOLD = load("seeded", "pprobe6_scripts")

# script -> why flowgrad's output still differs from TF 1.14's (pprobe6's report)
DIFFERS: dict = {}


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(reason=DIFFERS[s], strict=True))
    if s in DIFFERS else s for s in sorted(GOLD)])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
