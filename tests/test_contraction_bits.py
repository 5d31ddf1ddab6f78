"""float32 MatMul, Conv2D and Conv2DBackpropFilter to TF 1.14's bits: the contraction's
order of additions and depth slices (engine/ops/fused_matmul.product;
tests/golden/math/gen_contraction_bits.py)."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("math", "contraction_bits")
WANT = goldens.load("math", "contraction_bits")

# Convolutions whose bits still differ from TF's: Eigen's SpatialConvolution slices a deep
# patch (here 900 to 2,500 values) otherwise than a MatMul of the same sizes (a 3x3x16
# patch on 144 rows is added in slices of 96 and 48). A listed case that starts matching
# fails.
KNOWN_DIFFERENT = frozenset({
    "conv_02_4x8x8x100_k5_o32_s1_VALID", "conv_11_2x9x9x64_k5_o16_s1_SAME",
    "conv_20_1x14x14x64_k5_o4_s2_VALID", "conv_31_4x6x6x100_k5_o64_s2_SAME",
    "conv_34_2x7x7x100_k3_o8_s1_VALID",
    # a filter gradient of one output column TF slices otherwise (not found: 1,058 rows)
    "filter_grad_11_2x23x23x32_k5_o1_s2_SAME",
})


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 274


@pytest.mark.parametrize("name", sorted(n for n in WANT if n not in KNOWN_DIFFERENT))
def test_product_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(got, name):
    assert got[name][1] != WANT[name][1], f"{name} matches TF: take it off the list"
