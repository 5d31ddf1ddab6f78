"""Tutorial-style MonitoredTrainingSession scripts run unchanged under `flowgrad run` and
print TF 1.14's numbers."""
import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "monitored_scripts")
GOLD = load("monitored", "scripts")


@pytest.mark.parametrize("script", sorted(GOLD))
def test_script_prints_tf_numbers(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
