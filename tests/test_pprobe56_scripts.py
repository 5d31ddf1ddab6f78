"""The probe programs of tests/pprobe56_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe56_scripts.py): whole seeded TF1 programs of graph surgery for
deployment: freezing resource variables, extract_sub_graph, remove_training_nodes,
optimize_for_inference, strip_unused, export/import_meta_graph with input_map and restore,
import_graph_def's input_map / return_elements, and tf.contrib.graph_editor edits of a
frozen model."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe56_scripts")
GOLD = load("seeded", "pprobe56_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 when added (/work/brief/s52/pprobe56.report.md)


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]
