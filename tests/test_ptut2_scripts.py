"""The classic TF1 tutorial scripts of tests/ptut2_scripts print TF 1.14's output under
`flowgrad run` (tests/golden/seeded/gen_ptut2_scripts.py): op counts, losses and trained
values at full precision."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "ptut2_scripts")
GOLD = load("seeded", "ptut2_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
