"""The probe programs of tests/pprobe28_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe28_scripts.py): whole seeded TF1 programs of
tf.keras.applications (MobileNet, ResNet50, MobileNetV2, DenseNet121, InceptionV3, VGG16,
NASNetMobile with weights=None at small inputs: op counts and names, count_params, layer
names, seeded forward passes, one training step) and tf.contrib.slim.nets (resnet_v2_50,
inception_v1_base, vgg_a, a small resnet_v2 trained by slim.learning); values bit for
bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe28_scripts")
GOLD = load("seeded", "pprobe28_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}
# programs of more than a few seconds under flowgrad: run with -m slow
SLOW = {"keras_inception_vgg_nasnet.py", "keras_mobilenetv2_densenet.py",
        "keras_resnet50_graph.py"}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyRMSProp) used its RSQRTPS table, its products Eigen's blocking for its caches
    # (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


def _marks(s):
    marks = [pytest.mark.xfail(strict=True, reason=XFAIL[s])] if s in XFAIL else []
    return marks + ([pytest.mark.slow] if s in SLOW else [])


@pytest.mark.parametrize("script", [pytest.param(s, marks=_marks(s)) for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
