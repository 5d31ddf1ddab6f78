"""SparseAddGrad against TF 1.14 (tests/golden/sparse/gen_sparse_add_grad.py): the gradient
of tf.sparse.add of two SparseTensors, and the bare op, on unsorted and repeated index
rows (TF's kernel walks a's, b's and the sum's indices in step)."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("sparse", "sparse_add_grad")
GEN = goldens.generator("sparse", "sparse_add_grad")


@pytest.fixture(scope="module")
def got():
    if GOLD["vendor"] == "amd":      # the suite's pinned vendor (tests/conftest.py)
        return GEN.cases(tf)
    return goldens.flowgrad_cases_on("sparse", "sparse_add_grad", GOLD["vendor"])


@pytest.mark.parametrize("name", sorted(k for k in GOLD if k != "vendor"))
def test_matches_tf114(got, name):
    goldens.same_exact(got[name], GOLD[name], name)
