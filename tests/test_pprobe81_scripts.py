"""The probe programs of tests/pprobe81_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe81_scripts.py): whole seeded TF1 programs with discrete
latents: a VQ-VAE bottleneck with the straight-through estimator, commitment loss and
codebook usage (vqvae.py), EMA codebook updates through
moving_averages.assign_moving_average(zero_debias=True) (vq_ema.py), Gumbel-softmax by hand
and contrib's RelaxedOneHotCategorical / OneHotCategorical with the hard one_hot(argmax)
trick, validate_args checks, Multinomial, a KL and the shape error of a per-row temperature
(gumbel.py), REINFORCE with a baseline over tf.multinomial, Categorical and Bernoulli
log_prob, Multinomial's errors, argmin ties, unique_with_counts, out-of-range one_hot and
embedding_lookup's max_norm (reinforce.py), RelaxedBernoulli with a straight-through
round, tf.random.categorical, a score-function gradient and the binary straight-through
estimators (gradient_override_map to Identity, tf.custom_gradient, a RegisterGradient'd
Ceil, an unknown override's LookupError) (relaxed_bernoulli.py).

All five matched TF on the base commit (0a1c0189): they stay as regression guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe81_scripts")
GOLD = load("seeded", "pprobe81_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
