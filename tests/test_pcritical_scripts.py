"""The scripts of tests/pcritical_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pcritical_scripts.py): tf.CriticalSection serializing
read-modify-writes of shared variables across Session.run threads."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pcritical_scripts")
GOLD = load("seeded", "pcritical_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
