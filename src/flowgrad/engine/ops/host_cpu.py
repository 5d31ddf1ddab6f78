"""The host CPU's properties that TF 1.14's CPU kernels depend on, in one place.

TF 1.14's bits on a CPU depend on that CPU: Eigen's packet Sqrt/Rsqrt use the vendor's
RSQRTPS table (eigen_math.host_rsqrt_table), and Eigen's matrix products cut their depth
and panels by the cache sizes Eigen reads with CPUID (computeProductBlockingSizes;
Conv3DBackpropInput/Filter's images per shard from Eigen::l3CacheSize()); its
ThreadPoolDevice executor evaluates an expression in tiles (scalar functors: libm's expf
in Softmax and the dense cross-entropy's backprop) from L1 / sizeof(value) values on
(eigen_math.tiled_from: 8192 float32 on the EPYC, 12288 on the Xeon). The number of
threads (ConfigProto's intra/inter_op_parallelism_threads, default the host's cores)
does not change those kernels' bits (checked with TF 1.14 from 1 to 64 threads, golden
nn/softmax_tiles_host); only full reductions split by it, which eigen_sum models from the
session's config. flowgrad uses
the vendor's values as TF does: "intel" on a GenuineIntel host, "amd" otherwise;
FLOWGRAD_CPU=amd|intel chooses one (the test suite's goldens come from an AMD EPYC and
conftest.py sets amd).

EIGEN_CACHES: Eigen 3.3's (l1, l2, l3) in bytes on each machine TF's goldens came from.
- amd: an AMD EPYC (queryCacheSizes_amd): L1 32 KiB, L2 1 MiB, L3 320 MiB (the L3 read
  back from Conv3DBackpropInput's col_buffer_overhead log).
- intel: an Intel Xeon (queryCacheSizes_intel_direct: CPUID leaf 4, data and unified
  caches): L1d 48 KiB, L2 2 MiB, L3 480 MiB. With these, flowgrad reproduces the 50 cases
  of math/contraction_bits, matmul64_bits, pbmm_bits and pxfmr_bmm whose bits differ
  between the two machines (tests/golden/math/gen_host_caches.py).
Without FLOWGRAD_CPU, an Intel host's caches are read from Linux's sysfs, which reports
CPUID leaf 4 as Eigen reads it (another Intel model has other sizes); the AMD path keeps
the EPYC's values (Eigen reads AMD's caches from other CPUID leaves than Linux).
"""
from __future__ import annotations

import functools
import os

__all__ = ["CPUS", "EIGEN_CACHES", "host_cpu", "eigen_caches"]

EIGEN_CACHES = {"amd": (32768, 1 << 20, 320 << 20),
                "intel": (49152, 2 << 20, 480 << 20)}
CPUS = tuple(sorted(EIGEN_CACHES))


def host_cpu():
    """The CPU whose TF 1.14 bits flowgrad reproduces: FLOWGRAD_CPU if set, else the host's
    vendor ("intel" on a GenuineIntel host, "amd" otherwise)."""
    name = os.environ.get("FLOWGRAD_CPU", "").strip().lower()
    if name:
        if name not in EIGEN_CACHES:
            raise ValueError(f"FLOWGRAD_CPU={name!r}: expected one of {list(CPUS)}")
        return name
    return _vendor()


@functools.lru_cache(maxsize=None)
def _vendor():
    # (read once: eigen_lu asks on every call)
    try:
        with open("/proc/cpuinfo", "rb") as f:
            head = f.read(4096)
    except OSError:
        head = b""
    return "intel" if b"GenuineIntel" in head else "amd"


def eigen_caches():
    """Eigen's (l1, l2, l3) cache sizes in bytes on host_cpu(): FLOWGRAD_CPU's, else an
    Intel host's as sysfs reports them (the Xeon's preset where it cannot be read)."""
    name = host_cpu()
    if name == "intel" and not os.environ.get("FLOWGRAD_CPU", "").strip():
        return sysfs_caches() or EIGEN_CACHES[name]
    return EIGEN_CACHES[name]


@functools.lru_cache(maxsize=None)
def sysfs_caches(root="/sys/devices/system/cpu/cpu0/cache"):
    """(l1 data, l2 unified, l3 unified) in bytes from Linux's cache directory of CPU 0, as
    Eigen's queryCacheSizes_intel_direct reads CPUID leaf 4 (an absent level is 0); None
    when the directory cannot be read or has no level-1 data cache."""
    sizes = {}
    try:
        entries = sorted(e for e in os.listdir(root) if e.startswith("index"))
        for e in entries:
            def field(f, e=e):
                with open(os.path.join(root, e, f)) as fh:
                    return fh.read(64).strip()
            level, kind, size = int(field("level")), field("type"), field("size")
            if kind not in ("Data", "Unified") or level not in (1, 2, 3):
                continue
            units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
            sizes[level] = int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size)
    except (OSError, ValueError):
        return None
    if not sizes.get(1):
        return None
    return sizes[1], sizes.get(2, 0), sizes.get(3, 0)

