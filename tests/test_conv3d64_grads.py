"""float64 and float16 Conv3D gradients (Conv3DBackpropInputV2, Conv3DBackpropFilterV2) to
TF 1.14's bits (golden math/conv3d64_grads): the custom kernels' choice with the dtype's
element size, Eigen's double GEBP kernel (engine/ops/convolution.py, eigen_gebp.product64)
and Eigen's half contraction (eigen_half_mm, with the volume patches' cost)."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "conv3d64_grads")
WANT = goldens.load("math", "conv3d64_grads")


@pytest.fixture(scope="module")
def got():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    n = len(GEN.shapes())
    assert sorted(got) == sorted(WANT) and \
        len(WANT) == 2 * n + 2 * (n - len(GEN.HALF_SKIP)) + len(GEN.half_custom_shapes()) == 132


@pytest.mark.parametrize("name", sorted(WANT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]
