"""The reinforcement-learning scripts of tests/prl_scripts print TF 1.14's output under
`flowgrad run` (tests/golden/seeded/gen_prl_scripts.py): op counts and types, seeded
samples, losses, gradients and trained variables."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "prl_scripts")
GOLD = load("seeded", "prl_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
