"""TF 1.14's matrix products and convolutions follow the cache sizes Eigen reads on the host
(engine/ops/host_cpu.py): flowgrad under the caches of the vendor that made the golden
(tests/golden/math/gen_host_caches.py, an Intel Xeon) gives TF's bits, the other vendor's
caches do not; FLOWGRAD_CPU chooses the caches and the RSQRTPS table together (the suite
sets amd in conftest.py, its other goldens coming from an AMD EPYC)."""
import json
import os
import subprocess
import sys

import pytest

import goldens
from flowgrad.engine.ops import eigen_math, host_cpu

GOLD = goldens.load("math", "host_caches")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import json, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
print(json.dumps(goldens.generator("math", "host_caches").cases(tf)))
"""


def _flowgrad_cases(cpu):
    """The generator's cases run by flowgrad in a process with FLOWGRAD_CPU=cpu (the caches
    are read when the kernels' modules load)."""
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"))
    env = {k: v for k, v in os.environ.items() if k != "FLOWGRAD_RSQRTPS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**env, "FLOWGRAD_CPU": cpu}, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def runs():
    other = {"amd": "intel", "intel": "amd"}[GOLD["vendor"]]
    return _flowgrad_cases(GOLD["vendor"]), _flowgrad_cases(other)


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_golden_vendors_caches_give_tfs_bits(runs, name):
    assert runs[0][name] == GOLD[name]


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_other_vendors_caches_differ(runs, name):
    # every case depends on the caches (so the test above can fail)
    assert runs[1][name] != GOLD[name]


def test_env_chooses_caches_and_rsqrt_table(monkeypatch):
    monkeypatch.delenv("FLOWGRAD_RSQRTPS", raising=False)
    for cpu in ("amd", "intel", "INTEL"):
        monkeypatch.setenv("FLOWGRAD_CPU", cpu)
        assert host_cpu.eigen_caches() == host_cpu.EIGEN_CACHES[cpu.lower()]
        assert eigen_math.host_rsqrt_table() == cpu.lower()
    monkeypatch.setenv("FLOWGRAD_RSQRTPS", "amd")   # the table alone
    assert eigen_math.host_rsqrt_table() == "amd"


def test_unknown_cpu_is_refused(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", "arm")
    with pytest.raises(ValueError, match="FLOWGRAD_CPU='arm'"):
        host_cpu.host_cpu()


def test_host_vendor_without_env(monkeypatch):
    monkeypatch.delenv("FLOWGRAD_CPU", raising=False)
    with open("/proc/cpuinfo", "rb") as f:
        intel = b"GenuineIntel" in f.read(4096)
    assert host_cpu.host_cpu() == ("intel" if intel else "amd")


def test_suite_pins_amd():
    # the suite's other goldens come from an AMD EPYC (tests/conftest.py)
    assert os.environ["FLOWGRAD_CPU"] == "amd"
    assert host_cpu.eigen_caches() == (32768, 1 << 20, 320 << 20)


def _fake_cache_dir(tmp_path, entries):
    for i, (level, kind, size) in enumerate(entries):
        d = tmp_path / f"index{i}"
        d.mkdir()
        for name, value in (("level", level), ("type", kind), ("size", size)):
            (d / name).write_text(f"{value}\n")
    return str(tmp_path)


def test_sysfs_caches_read_as_eigen_reads_cpuid(tmp_path):
    root = _fake_cache_dir(tmp_path, [(1, "Data", "48K"), (1, "Instruction", "64K"),
                                      (2, "Unified", "1280K"), (3, "Unified", "491520K")])
    assert host_cpu.sysfs_caches(root) == (49152, 1280 << 10, 480 << 20)
    assert host_cpu.sysfs_caches(str(tmp_path / "none")) is None


def test_an_intel_host_without_env_uses_its_own_caches(monkeypatch, tmp_path):
    root = _fake_cache_dir(tmp_path, [(1, "Data", "32K"), (2, "Unified", "1024K")])
    monkeypatch.delenv("FLOWGRAD_CPU", raising=False)
    monkeypatch.setattr(host_cpu, "host_cpu", lambda: "intel")
    read = host_cpu.sysfs_caches.__wrapped__
    monkeypatch.setattr(host_cpu, "sysfs_caches", lambda: read(root))
    assert host_cpu.eigen_caches() == (32768, 1 << 20, 0)
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")   # the preset, whatever the host has
    assert host_cpu.eigen_caches() == host_cpu.EIGEN_CACHES["intel"]
