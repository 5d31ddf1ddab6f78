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

XFAIL = {
    "capsule_while_routing.py":
        "the couplings / lengths of a forward-only run (the training runs' losses, W "
        "and the op count, 883, are TF's) differ in the last bit: Grappler's "
        "MinimizeBroadcasts regroups squash's `sq / (1 + sq) * s * Rsqrt(sq + eps)` (the "
        "Rsqrt from SqrtDivToRsqrtMul) as (a * rsqrt) * s in the loop body, its symbolic "
        "shapes knowing every batch dim is tf.shape(u)[0] (b0's, and u_hat's through the "
        "einsum's Reshape); flowgrad's body plan (optimize/symbolic_shapes.py) gives the "
        "loop variables fresh symbols ((-2, -3, -4) for b's [?, 6, 3]) and models no "
        "StridedSlice with ellipsis / new axis (c[..., None]), so it keeps the chain as "
        "written (a fed u_hat of its own batch dim: TF keeps it too, and matches; the "
        "training runs, whose stack pushes read those values, match as well)",
}


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
