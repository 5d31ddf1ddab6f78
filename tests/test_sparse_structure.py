"""The SparseTensor restructuring functions against TF 1.14
(tests/golden/sparse/gen_sparse_structure.py): values, gradients, errors and messages."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "sparse_structure")
GEN = goldens.generator("sparse", "sparse_structure")


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
        np.testing.assert_allclose(got, exp, rtol=1e-9, atol=1e-12, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if isinstance(exp, dict) and "indices" in exp and hasattr(got, "keys") is False:
        got = got._asdict()
    same(got, exp, name)


