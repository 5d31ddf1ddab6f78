"""Tutorial-style Estimator scripts (a LinearClassifier with feature columns on a small
CSV, a custom model_fn Estimator on a tf.data input_fn, contrib.learn's wide & deep
tutorial) run unchanged under `flowgrad run`
and print TF 1.14's output."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "estimator_scripts")
GOLD = load("estimator", "scripts")


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
