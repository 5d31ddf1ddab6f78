"""num_parallel_reads of the file datasets against TF 1.14
(tests/golden/data/gen_parallel_reads.py): TF's interleaved record order."""
import os
import sys

import flowgrad as tf
from goldens import load
from test_data import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
import gen_parallel_reads as G  # noqa: E402

GOLD = load("data", "parallel_reads")


def test_parallel_reads_as_tf(tmp_path):
    got = G.programs(tf, str(tmp_path))
    assert sorted(got) == sorted(GOLD)
    for k in sorted(GOLD):
        _same(got[k], GOLD[k])
