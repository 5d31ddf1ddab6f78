"""The probe programs of tests/pprobe12_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe12_scripts.py): whole seeded TF1 programs in the style of TF
1.x papers' reference implementations: a tf.distributions VAE with KL annealing, a WGAN-GP
with scoped var_lists, spectral normalization by power iteration, an einsum Transformer
block with sequence_mask masks, a graph network with segment and scatter ops, a PPO update
with a Categorical policy, gradient accumulation applied in tf.cond, hand-written mixed
precision with a dynamic loss scale, a Gumbel-softmax VAE, a VQ-VAE with EMA codebook
updates, RealNVP bijectors and SAC; op counts and values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe12_scripts")
GOLD = load("seeded", "pprobe12_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyAdam, ApplyRMSProp, l2_normalize) used its RSQRTPS table, its convolutions and
    # products Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
