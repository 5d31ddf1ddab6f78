"""The probe programs of tests/pprobe55_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe55_scripts.py): whole seeded TF1 recommender programs:
factorization machines on sparse one-hot features, DeepFM fields by embedding_lookup_sparse,
NCF on partitioned tables with a BPR loss, max_norm lookups with unsorted_segment pooling,
FTRL (l1 / l2 / shrinkage) and Adagrad on IndexedSlices gradients."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe55_scripts")
GOLD = load("seeded", "pprobe55_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 when added (/work/brief/s52/pprobe55.report.md)


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
