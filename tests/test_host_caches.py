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
