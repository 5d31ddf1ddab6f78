"""The seq2seq / attention / translation programs of tests/pseq3_scripts print TF 1.14's
output under `flowgrad run` (tests/golden/seeded/gen_pseq3_scripts.py): op counts, losses,
decoded ids and trained values at full precision, and the attention length check's ops
and error."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pseq3_scripts")
GOLD = load("seeded", "pseq3_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
