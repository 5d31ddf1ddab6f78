"""The probe programs of tests/pprobe60_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe60_scripts.py): whole seeded TF1 programs of less common
model families: capsule routing in a tf.while_loop, contrib.losses.metric_learning,
neural-style Gram matrices with tf.einsum, a fixed-step RK4 integrator in a tf.while_loop
differentiated through (a float loop variable off the path from the xs: the time),
the gradient of a back_prop=False loop, a mixture density network on
contrib.distributions and Grappler's LogSoftmaxStage (tf.log(tf.nn.softmax(x)), a
Categorical's logits of softmax probs)."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe60_scripts")
GOLD = load("seeded", "pprobe60_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}


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
