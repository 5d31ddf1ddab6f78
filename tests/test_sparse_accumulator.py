"""tf.SparseConditionalAccumulator against TF 1.14 (golden: tests/golden/accumulators/
sparse.json, from gen_sparse.py): op names, TF's merge order of indices, the mean per
index, stale gradients dropped, shape errors."""
import json
import os

import flowgrad as tf
import sparse_accumulator_cases

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "accumulators", "sparse.json")


def test_sparse_conditional_accumulator_matches_tf114():
    with open(GOLDEN) as f:
        want = json.load(f)
    got = json.loads(json.dumps(sparse_accumulator_cases.run(tf)))
    assert got == want
