"""The probe programs of tests/pprobe59_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe59_scripts.py): whole seeded TF1 programs of GANs and
second-order training: DRAGAN with fused batch norm in both networks and its gradient
penalty, Hessian-vector products / tf.hessians / a Gauss-Newton natural-gradient step,
SN-GAN power iteration through tf.assign and UPDATE_OPS, MAML's second-order meta-gradient
through tf.map_fn, a WGAN-GP with layer norm and per-network optimizers."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe59_scripts")
GOLD = load("seeded", "pprobe59_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) used Eigen's blocking for its caches and Rsqrt / Sqrt the CPU's
    # RSQRTPS table (engine/ops/host_cpu.py, engine/ops/eigen_math.py)
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
