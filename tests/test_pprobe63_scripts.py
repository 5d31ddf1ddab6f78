"""The probe programs of tests/pprobe63_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe63_scripts.py): whole seeded TF1 programs of training
utilities: tf.contrib.layers.optimize_loss (clip_gradients, learning_rate_decay_fn,
summaries, update_ops, gradient multipliers and noise, its errors), every tf.train
learning-rate schedule, ExponentialMovingAverage (num_updates, zero_debias) with its
swapping Saver, gradient accumulation in tf.Variable accumulators, multi-loss training with
tf.group, and the tf.contrib.opt optimizers (LazyAdam, AdamW / MomentumW / decoupled weight
decay, MovingAverageOptimizer, LARS, Nadam, AddSign, PowerSign, AdaMax), and the edges of
the schedules and of optimize_loss (dtypes, type checks, argument errors). All seven matched
TF on the base commit: they stay as regression guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe63_scripts")
GOLD = load("seeded", "pprobe63_scripts")
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
