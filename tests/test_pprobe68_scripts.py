"""The probe programs of tests/pprobe68_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe68_scripts.py): whole seeded TF1 programs of gradient
plumbing: tf.custom_gradient (variables, grad_ys, nested), RegisterGradient with
gradient_override_map (straight-through estimators, guided ReLU, gradient reversal),
py_func / numpy_function with a registered gradient, tf.gradients' arguments, tf.hessians,
compute_gradients over partitioned and resource variables, tf.test.compute_gradient, and
their errors. gradient_edges.py failed on the base commit (tf.NotDifferentiable of a name
already registered, and tf.RegisterGradient / NotDifferentiable of a built-in op, took it
instead of TF's KeyError; a gradient function returning the wrong count rolled back the
gradient ops TF leaves, and with them the name scope "gradients_1"); the other five
matched TF there and stay as regression guards."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe68_scripts")
GOLD = load("seeded", "pprobe68_scripts")
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
