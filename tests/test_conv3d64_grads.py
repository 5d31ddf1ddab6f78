"""float64 Conv3D gradients (Conv3DBackpropInputV2, Conv3DBackpropFilterV2) to TF 1.14's
bits (golden math/conv3d64_grads): the custom kernels' choice with 8-byte elements and
Eigen's double GEBP kernel (engine/ops/convolution.py, eigen_gebp.product64)."""
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
    assert sorted(got) == sorted(WANT) and len(WANT) == 2 * len(GEN.shapes()) == 66


@pytest.mark.parametrize("name", sorted(WANT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]
