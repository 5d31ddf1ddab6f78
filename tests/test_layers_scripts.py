"""Tutorial-style scripts using tf.layers and slim run unchanged under `flowgrad run` and
print TF 1.14's numbers."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "layers_scripts")
GOLD = load("layers", "scripts")


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_numbers(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
