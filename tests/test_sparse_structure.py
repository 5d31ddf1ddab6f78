"""The SparseTensor restructuring functions against TF 1.14
(tests/golden/sparse/gen_sparse_structure.py): values, gradients, errors and messages."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "sparse_structure")
GEN = goldens.generator("sparse", "sparse_structure")


def same(got, exp, path=""):
    goldens.same_sparse(got, exp, path, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if isinstance(exp, dict) and "indices" in exp and hasattr(got, "keys") is False:
        got = got._asdict()
    same(got, exp, name)


