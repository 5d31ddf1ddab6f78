"""TF 1.14's float32 Softmax and softmax cross-entropies follow the host's L1 cache: Eigen's
executor evaluates their broadcasting exp in tiles (libm's expf) from L1 / 4 values on,
with packets below (engine/ops/eigen_math.tiled_from). The golden comes from an Intel Xeon
(its vendor, L1 and cores recorded, tests/golden/nn/gen_softmax_tiles_host.py), under five
ConfigProto thread settings whose bits agree (TF's thread counts do not change them):
flowgrad under that vendor gives TF's bits with each setting, and under the other
vendor's L1 other bits (the suite pins amd, conftest.py)."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_math, host_cpu

GOLD = goldens.load("nn", "softmax_tiles_host")
GEN = goldens.generator("nn", "softmax_tiles_host")
HOST = GOLD["host"]
OTHER = {"amd": "intel", "intel": "amd"}[HOST["vendor"]]


def _run(monkeypatch, cpu, intra, inter):
    monkeypatch.setenv("FLOWGRAD_CPU", cpu)
    return GEN.outputs(tf, GEN.config_of(tf, intra, inter))


@pytest.mark.parametrize("intra,inter", GEN.THREADS)
def test_golden_hosts_bits_for_each_thread_setting(monkeypatch, intra, inter):
    want = GOLD["intra%d_inter%d" % (intra, inter)]
    got = _run(monkeypatch, HOST["vendor"], intra, inter)
    bad = {k: [i for i, (a, b) in enumerate(zip(got[k], want[k])) if a != b] for k in want}
    assert not any(bad.values()), bad


def test_other_vendors_l1_gives_other_bits(monkeypatch):
    # each shape's Softmax and dense backprop depend on the L1 (so the test above can fail)
    other = _run(monkeypatch, OTHER, 0, 0)
    host = _run(monkeypatch, HOST["vendor"], 0, 0)
    same = [k for k in host if other[k][0] == host[k][0] or other[k][5] == host[k][5]]
    assert not same, same


def test_tiles_from_the_l1(monkeypatch):
    sizes = {}
    for cpu in ("amd", "intel"):
        monkeypatch.setenv("FLOWGRAD_CPU", cpu)
        sizes[cpu] = (eigen_math.tiled_from(), eigen_math.tiled_from("float64"))
        assert sizes[cpu][0] == host_cpu.EIGEN_CACHES[cpu][0] // 4
    assert sizes == {"amd": (8192, 4096), "intel": (12288, 6144)}
    # the recorded host's L1 is the preset's
    assert HOST["l1d_bytes"] == host_cpu.EIGEN_CACHES[HOST["vendor"]][0]
