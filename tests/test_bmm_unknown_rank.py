"""tf.matmul of fed operands of unknown rank (BatchMatMulV2 on two matrices) against TF 1.14
bit for bit (tests/golden/math/gen_bmm_unknown_rank.py): the contraction for m, k, n above 1,
Eigen's sequential product (its matrix-vector kernels, by adjoint) for one output row or
column."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "bmm_unknown_rank")
GEN = generator("math", "bmm_unknown_rank")
GOT = {}


def _got():
    if not GOT:
        GOT.update(GEN.cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_unknown_rank_matmul_bits(key):
    g, w = _got()[key], GOLD[key]
    assert g.dtype == w.dtype and g.shape == w.shape
    np.testing.assert_array_equal(g, w, err_msg=key)
