"""The scripts of tests/pcaps_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pcaps_scripts.py): TF's private layers and framework modules
(layers.core, layers.utils, framework.smart_cond, tensor_util) resolve to flowgrad's."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pcaps_scripts")
GOLD = load("seeded", "pcaps_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
