"""The probe programs of tests/pgraphed_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pgraphed_scripts.py): tf.contrib.graph_editor's selections, views,
reroutes, detach/bypass, copies and graph_replace on a small graph (the ops after each
edit, the values run), and an MLP trained with openai-style gradient checkpointing written
with ge; op counts, names and values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pgraphed_scripts")
GOLD = load("seeded", "pgraphed_scripts")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's products use Eigen's
    # blocking for that host's caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


# (every script and every golden: a script without one fails, so does a golden left over)
@pytest.mark.parametrize("script", sorted({s for s in GOLD if s != "host"} |
                                          {f for f in os.listdir(HERE) if f.endswith(".py")}))
def test_script_prints_tf_output(script):
    assert GOLD["host"] == "intel"
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
