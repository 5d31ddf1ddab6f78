"""Compressed fixed-length record files (FixedLengthRecordReader encoding=...,
FixedLengthRecordDataset compression_type=...) against TF 1.14
(tests/golden/data/gen_fixed_compressed.py)."""
import os
import sys

import flowgrad as tf
from goldens import load
from test_data import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
import gen_fixed_compressed as G  # noqa: E402

GOLD = load("data", "fixed_compressed")


def test_compressed_fixed_length_records_as_tf(tmp_path):
    got = G.programs(tf, str(tmp_path))
    assert sorted(got) == sorted(GOLD)
    for k in sorted(GOLD):
        _same(got[k], GOLD[k])
