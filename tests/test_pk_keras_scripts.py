"""tf.keras scripts (tests/keras_scripts/pk_*.py) run unchanged under `flowgrad run` and
print what TF 1.14 prints (golden keras/pk_scripts)."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "keras_scripts")
GOLD = load("keras", "pk_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(n for n in os.listdir(HERE)
                                  if n.startswith("pk_") and n.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_pk_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
