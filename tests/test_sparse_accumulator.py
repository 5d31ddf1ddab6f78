"""tf.SparseConditionalAccumulator against TF 1.14 (tests/golden/accumulators/gen_sparse.py):
op names, TF's merge order of indices, the mean per index, stale gradients dropped, shape
errors."""
import flowgrad as tf
from goldens import generator, load
from test_layers import _compare


def test_sparse_conditional_accumulator_matches_tf114():
    _compare(generator("accumulators", "sparse").cases(tf), load("accumulators", "sparse"))
