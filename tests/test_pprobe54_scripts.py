"""The probe programs of tests/pprobe54_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe54_scripts.py): whole seeded TF1 programs of tf.train.Example
/ TFRecord input pipelines: Example protos and the parsers' specs and errors, compressed
TFRecordDataset shards and queue readers feeding small models, SequenceExamples into a GRU,
the writer's argument and closed-writer errors, damaged files and batched sparse features."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe54_scripts")
GOLD = load("seeded", "pprobe54_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 after the fix (/work/brief/s52/pprobe54.report.md)


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
