"""The probe programs of tests/pprobe53_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe53_scripts.py): whole seeded TF1 deep RL programs (baselines
deepq act/train, C51 and QR-DQN, TD3, recurrent A2C with masks, PPO with Categorical x
Beta actions and GAE, NoisyNet / soft-Q / prioritized replay), each with a NumPy
environment: values, op counts and a hash of the GraphDef's nodes."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe53_scripts")
GOLD = load("seeded", "pprobe53_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

_RUNS = {}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def _run(script):
    if script not in _RUNS:
        _RUNS[script] = script_runner.run("run", os.path.join(HERE, script))
    return _RUNS[script]


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = _run(script)
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
