"""The probe programs of tests/pprobe35_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe35_scripts.py): whole seeded TF1 programs of tensor
manipulation with gradients, trained a few steps: gather with axis / batch_dims,
batch_gather, gather_nd, tensor_scatter_*, scatter_nd; where / where_v2, sequence_mask,
reverse_sequence, boolean_mask with axis, dynamic_partition / stitch; REFLECT / SYMMETRIC
pads, tile, roll, split with -1, unstack / stack, meshgrid, strided-slice masks; band /
diag matrix ops and einsum; top_k with ties, sort / argsort, extract_image_patches; and
the user errors of these ops; values bit for bit."""

import os

import pytest

from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe35_scripts")
GOLD = load("seeded", "pprobe35_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {}   # every program matched TF 1.14 when added (/work/brief/s50/pprobe35.report.md)


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 Sqrt/Rsqrt
    # (ApplyAdam, ApplyRMSProp, Adagrad, Adadelta) used its RSQRTPS table, its products
    # Eigen's blocking for its caches (engine/ops/host_cpu.py)
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
