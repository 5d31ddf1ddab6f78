"""tf.SparseTensor functions against TF 1.14 (tests/golden/sparse/gen_sparse_ops.py):
values, gradients to second order, errors and messages, the ops each call creates."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "sparse_ops")
GEN = goldens.generator("sparse", "sparse_ops")


def same(got, exp, path=""):
    goldens.same_sparse(got, exp, path, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if isinstance(exp, dict) and "indices" in exp and hasattr(got, "keys") is False:
        got = got._asdict()
    same(got, exp, name)


def test_sparse_namespace():
    assert tf.sparse.to_dense is tf.sparse_tensor_to_dense
    assert tf.sparse.SparseTensor is tf.SparseTensor
    assert tf.sparse.sparse_dense_matmul is tf.sparse_tensor_dense_matmul


def test_matmul_values_gradient_numeric():
    """The values' and the dense matrix's gradients agree with finite differences."""
    from flowgrad.testing import check_grads  # noqa: F401 - the registry uses it too
    rng = np.random.RandomState(0)
    vals, b = rng.randn(3), rng.randn(4, 2)
    with tf.Graph().as_default():
        v, bb = tf.constant(vals), tf.constant(b)
        y = tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 1], [2, 3], [2, 0]], v, [3, 4]),
                                          bb)
        gv, gb = tf.gradients(tf.reduce_sum(tf.sin(y)), [v, bb])
        with tf.Session() as s:
            got_v, got_b = s.run([gv, gb])
    dense = np.zeros((3, 4))
    dense[[0, 2, 2], [1, 3, 0]] = vals
    c = np.cos(dense @ b)
    np.testing.assert_allclose(got_b, dense.T @ c)
    np.testing.assert_allclose(got_v, [(c @ b.T)[0, 1], (c @ b.T)[2, 3], (c @ b.T)[2, 0]])
