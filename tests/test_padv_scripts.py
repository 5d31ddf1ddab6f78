"""The scripts of tests/padv_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_padv_scripts.py): adversarial attacks and training,
saliency / integrated gradients / Grad-CAM, DeepDream and pix2pix pieces, op counts and
values bit for bit."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "padv_scripts")
GOLD = load("seeded", "padv_scripts")


def test_every_script_has_a_golden():
    assert sorted(GOLD) == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
