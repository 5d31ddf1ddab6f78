"""float32 Conv2D and MatMul whose depth Eigen shards over the intra-op threads (or not)
as TF 1.14 decides it, to TF's bits (tests/golden/nn/gen_conv_shard_inner.py, made on an
Intel Xeon, 2 threads)."""
import pytest

from flowgrad.engine.ops.eigen_sum import cpu_threads

import goldens

GOLD = goldens.load("nn", "conv_shard_inner")
NAMES = sorted(k for k in GOLD if k not in ("host", "threads"))


def test_golden_host_is_recorded():
    assert (GOLD["host"], GOLD["threads"]) == ("intel", 2)


@pytest.mark.skipif(cpu_threads() != GOLD["threads"],
                    reason="the decision counts the intra-op threads the golden had")
@goldens.SGEMM_SEQUENTIAL_SKIP
def test_contractions_match_tf_bit_for_bit():
    # (in a process of the golden's host: Eigen's cache sizes are read at import)
    got = goldens.flowgrad_cases_on("nn", "conv_shard_inner", GOLD["host"])
    for name in NAMES:
        goldens.same_exact(got[name], GOLD[name], name)
