"""The cases pprobe67's programs (tests/pprobe67_scripts) found apart from TF 1.14, each on
its own (tests/golden/sparse/gen_sparse_probe67.py): SparseReduceSum of an index outside its
shape, the linear merge of SparseAdd / SparseSparseMaximum / Minimum over unsorted and
repeated indices, SparseToDense's out-of-range message without validate_indices,
tf.sparse.transpose's static shape, and two gradient sums rounded as Grappler's constant
folding leaves them (TensorScatterUpdate folded; no Sparse* op folded)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("sparse", "sparse_probe67")
GOLD = goldens.load("sparse", "sparse_probe67")


@pytest.mark.parametrize("name", [fn.__name__ for fn in GEN.CASES])
def test_case_equals_tf(name):
    with tf.Graph().as_default():
        got = getattr(GEN, name)(tf)
    want = GOLD[name]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        if isinstance(w, str):
            assert g == w, (name, i)
        else:
            g, w = np.asarray(g), np.asarray(w)
            assert g.dtype == w.dtype and g.shape == w.shape, (name, i)
            np.testing.assert_array_equal(g, w, err_msg=f"{name}[{i}]")
