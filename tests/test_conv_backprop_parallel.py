"""float32 Conv2DBackpropInput of a batch on either side of TF 1.14's
use_parallel_contraction threshold: above it each image as a batch of one, below it each
image's columns one call of MKL-DNN's sgemm, to TF's bits
(tests/golden/nn/gen_conv_backprop_parallel.py, made on an Intel Xeon, 2 threads)."""
import pytest

from flowgrad.engine.ops.eigen_sum import cpu_threads

import goldens

GOLD = goldens.load("nn", "conv_backprop_parallel")
NAMES = sorted(k for k in GOLD if k not in ("host", "threads"))


def test_golden_host_is_recorded():
    assert (GOLD["host"], GOLD["threads"]) == ("intel", 2)


@pytest.mark.skipif(cpu_threads() != GOLD["threads"],
                    reason="the threshold counts the intra-op threads the golden had")
@goldens.SGEMM_SEQUENTIAL_SKIP
def test_backprop_input_matches_tf_bit_for_bit():
    # (in a process of the golden's host: Eigen's cache sizes are read at import)
    got = goldens.flowgrad_cases_on("nn", "conv_backprop_parallel", GOLD["host"])
    for name in NAMES:
        goldens.same_exact(got[name], GOLD[name], name)
