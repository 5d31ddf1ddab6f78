"""examples/ and examples/tf1_scripts/ run unchanged through `flowgrad run`.

They are TF 1.x programs (`import tensorflow as tf`). Where their output is
deterministic, it must equal what TensorFlow 1.14 printed for the same script
(tests/golden/examples/examples.json, made by gen_examples.py there with the oracle). Training
scripts with random initialisation are checked for the accuracy they must reach.
"""
import os
import re

import numpy as np
import pytest

import goldens

from flowgrad.cli import run_script

HERE = os.path.dirname(__file__)
EXAMPLES = os.path.join(os.path.dirname(HERE), "examples")
DIGITS = os.path.join(os.path.dirname(HERE), "src", "flowgrad", "demo", "digits.py")


def run(capsys, script, *args):
    """stdout of `flowgrad run examples/<script> args...` (run in this process)."""
    code = run_script(os.path.join(EXAMPLES, script), list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def golden(name):
    return goldens.load("examples", "examples")[name]


@pytest.mark.parametrize("name", ["linear_regression", "logistic_regression", "rosenbrock"])
def test_example_prints_what_tf114_prints(capsys, name):
    assert run(capsys, f"{name}.py") == golden(name)


def test_rosenbrock_reaches_the_minimum(capsys):
    out = run(capsys, "rosenbrock.py")
    assert "Adam, 2000 steps: x = 1.0000, y = 1.0000, f = 0.000000" in out


@pytest.mark.parametrize("name", ["flags_app", "variable_scope_reuse", "saver_roundtrip",
                                  "numpy_legacy_names"])
def test_tf1_script_prints_what_tf114_prints(capsys, tmp_path, name):
    args = ["--output_dir", str(tmp_path)] if name == "flags_app" else []
    assert run(capsys, f"tf1_scripts/{name}.py", *args) == golden(f"tf1_scripts/{name}")


def test_numpy_1x_names_exist_only_while_a_script_runs(capsys):
    reshape = np.reshape
    out = run(capsys, "tf1_scripts/numpy_legacy_names.py")
    assert out == golden("tf1_scripts/numpy_legacy_names")
    assert np.reshape is reshape
    if np.lib.NumpyVersion(np.__version__) >= "2.0.0":
        assert not hasattr(np, "asscalar") and not hasattr(np, "NaN")
        assert not hasattr(np.ndarray, "tostring") and not hasattr(np.float32(1), "tostring")


def test_flags_app_with_flags_and_extra_arguments(capsys, tmp_path):
    out = run(capsys, "tf1_scripts/flags_app.py", "--steps=50", "--verbose", "extra1",
              f"--output_dir={tmp_path}")
    assert out == golden("tf1_scripts/flags_app_args")
    assert (tmp_path / "fit.txt").read_text() == "y = 1.853 x^2 + -0.483 x + 0.933\n"


def _accuracy(out, pattern):
    m = re.search(pattern, out)
    assert m, out
    return float(m.group(1))


def test_mnist_softmax_tutorial(capsys):
    # TF 1.14: test accuracy 0.946128
    out = run(capsys, "tf1_scripts/mnist_softmax.py", "--steps", "300")
    assert _accuracy(out, r"test accuracy ([0-9.]+)") > 0.9


def test_digits_cnn(capsys):
    # TF 1.14: test accuracy 0.946128 after 250 steps (0.983165 after the default 600)
    out = run(capsys, "tf1_scripts/digits_cnn.py", "--steps", "250")
    assert _accuracy(out, r"test accuracy ([0-9.]+)") > 0.9


def test_digits_demo_trains_saves_and_resumes(capsys, tmp_path):
    logdir = str(tmp_path / "run")
    out = run(capsys, DIGITS, "--logdir", logdir, "--steps", "400", "--noprogress")
    assert f"No checkpoint in {logdir}: training from scratch" in out
    assert _accuracy(out, r"test accuracy ([0-9.]+)") > 0.9
    assert os.path.exists(os.path.join(logdir, "checkpoint"))
    for sub in ("train", "test"):
        events = os.listdir(os.path.join(logdir, sub))
        assert any(e.startswith("events.out.tfevents.") for e in events)

    out = run(capsys, DIGITS, "--logdir", logdir, "--steps", "100", "--noprogress")
    ckpt = os.path.join(logdir, "model.ckpt-400")
    assert f"Resumed from {ckpt} at step 400" in out
    assert "Step 500: " in out
    assert _accuracy(out, r"test accuracy ([0-9.]+)") > 0.9
