"""tf.sparse_reduce_sum's float sums equal TF 1.14's bit for bit
(tests/golden/sparse/gen_sparse_reduce_order.py): the entries sorted by the kept then the
reduced axes, each group summed by Eigen's full reduction."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("sparse", "sparse_reduce_order")
GOLD = goldens.load("sparse", "sparse_reduce_order")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_sums_equal_tf_bit_for_bit(name):
    assert GOLD["host"] == "intel"   # made on an Intel Xeon; one-thread sums: any host's
    with tf.Graph().as_default():
        got = GEN._sums(tf, **GEN.CASES[name])
    want = GOLD[name]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        assert g.dtype == w.dtype and g.shape == w.shape, (name, i)
        np.testing.assert_array_equal(g, w, err_msg=f"{name}[{i}]")
