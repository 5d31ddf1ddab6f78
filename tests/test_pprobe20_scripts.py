"""The probe programs of tests/pprobe20_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe20_scripts.py): whole seeded TF1 programs of GANs and
image-to-image models: a conditional LSGAN with labels tiled onto feature maps and
resize-then-conv upsampling, CycleGAN (REFLECT padding, instance_norm, cycle / identity
L1), DCGAN with a batch-norm training flag and one-sided label smoothing, pix2pix with
tf.contrib.layers (U-Net, PatchGAN, optimize_loss), an AC-GAN with
tf.contrib.gan.losses.wargs, SAGAN's self-attention with a hinge loss on a fed batch and
StyleGAN pieces (pixel norm, AdaIN, fade-in, minibatch stddev, an R1 penalty) and a
VAE-GAN (conv + Elu encoder, feature matching, weight clipping); op counts and values bit
for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe20_scripts")
GOLD = load("seeded", "pprobe20_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

# Differences found and not yet fixed (each checked against the oracle; see the report
# /work/brief/s49/pprobe20.report.md)
XFAIL = {
    "sagan_hinge_fed.py": "the order of the AddN that sums the gradient of the attention "
    "block's input h (h + gamma * o, o = reshape(..., tf.shape(h)), h below the fed batch): "
    "Grappler's symbolic shapes give Conv2DBackpropInput the shape of its input_sizes "
    "(MakeShapeFromShapeTensor of ShapeN:0 = h's symbols), so add_grad's Sum over no axes "
    "and its Reshape go; in the generator's gradient (the conv's filter gradient pruned) "
    "the gate Identity goes too and the AddN sorts `disc_1/conv2d_1/Conv2D_grad/"
    "Conv2DBackpropInput` last: [f, g, v, conv2d_1]; in the discriminator's gradient the "
    "gate's other member stays: TF's optimized graph keeps `add_grad/Sum_1` as an "
    "Identity of the Conv2DBackpropInput with ^Conv2DBackpropFilter (the gate's control "
    "input forwarded; the dependency optimizer keeps it, most likely as bypassing it is "
    "not beneficial), so there the AddN sorts it first. flowgrad's symbolic_shapes has no ShapeN / "
    "Conv2DBackpropInput rule and addn_order.py no model of the forwarded control inputs "
    "(adding only the first moves the discriminator's order off TF's)",
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyAdam) used its RSQRTPS table, its products Eigen's blocking for its caches
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
