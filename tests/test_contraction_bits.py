"""float32 MatMul, Conv2D, Conv3D and Conv2DBackpropFilter to TF 1.14's bits: the contraction's
order of additions and depth slices (engine/ops/fused_matmul.product;
tests/golden/math/gen_contraction_bits.py); Conv2DBackpropFilter's shards of images and its
gemv for a depth of one, in float32 and (shards) float16."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "contraction_bits")
WANT = goldens.load("math", "contraction_bits")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 327


@pytest.mark.parametrize("name", sorted(WANT))
def test_product_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]
