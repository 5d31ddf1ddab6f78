"""Seeded programs whose random ops come after minimize() print TF 1.14's numbers under
`flowgrad run` (issue 10: gradient and optimizer op counts equal TF's, so seed2 is too)."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "seeded_scripts")
GOLD = load("seeded", "scripts")


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_numbers(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
