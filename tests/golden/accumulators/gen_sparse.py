"""Writes sparse.json: TF 1.14's answers to tests/sparse_accumulator_cases.py.

    /tmp/tf114/bin/python tests/golden/accumulators/gen_sparse.py
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
import sparse_accumulator_cases  # noqa: E402

with open(os.path.join(HERE, "sparse.json"), "w") as f:
    json.dump(sparse_accumulator_cases.run(tf), f, indent=1, sort_keys=True)
