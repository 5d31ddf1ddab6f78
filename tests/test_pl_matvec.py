"""MatMul through Eigen's matrix-vector kernel (one output column, or one output row with
b transposed) against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pl_matvec")
GEN = generator("nn", "pl_matvec")
GOT = {}


def _matvec():
    if not GOT:
        GOT.update(GEN.matvec(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD["matvec"]))
def test_matvec(key):
    for i, (g, w) in enumerate(zip(_matvec()[key], GOLD["matvec"][key])):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))


def test_linear_regression():
    got, want = GEN.linear_regression(tf), GOLD["linear_regression"]
    np.testing.assert_array_equal(got["losses"], want["losses"])
    np.testing.assert_array_equal(got["pred"], want["pred"])
