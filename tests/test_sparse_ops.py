"""tf.SparseTensor functions against TF 1.14 (tests/golden/sparse/gen_sparse_ops.py):
values, gradients to second order, errors and messages, the ops each call creates."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "sparse_ops")
GEN = goldens.generator("sparse", "sparse_ops")


def _first(message):
    """The first line, without the constant-input suffix TF's shape errors add (flowgrad's
    graph reports the input shapes only)."""
    return message.split("\n")[0].split(" and with input tensors computed as partial")[0] \
        .rstrip(".")


def same(got, exp, path=""):
    if isinstance(exp, goldens.GoldenError):
        assert isinstance(got, BaseException), f"{path}: expected {exp}, got {got!r}"
        g = goldens.GoldenError.of(got)
        assert (g.cls, _first(g.message)) == (exp.cls, _first(exp.message)), path
    elif isinstance(exp, dict):
        if hasattr(got, "_asdict"):
            got = got._asdict()
        assert sorted(got) == sorted(exp), path
        for k in exp:
            same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, tuple) and hasattr(got, "dense_shape"):  # an IndexedSlicesValue
        same((got.values, got.indices, got.dense_shape), exp, path)
    elif isinstance(exp, tuple) and len(exp) == 3 and isinstance(got, np.ndarray):
        # TF's IndexedSlices gradient, where flowgrad's aggregation gave the dense value
        dense = np.zeros(tuple(exp[2]), exp[0].dtype)
        np.add.at(dense, exp[1], exp[0])
        same(got, dense, path)
    elif isinstance(exp, (list, tuple)):
        assert len(got) == len(exp), f"{path}: {got} != {exp}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same(a, b, f"{path}[{i}]")
    elif isinstance(exp, (str, bytes, bool)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        np.testing.assert_allclose(got, exp, rtol=1e-12, atol=1e-12, err_msg=path)


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
