"""float32 BatchMatMul with a batch, DepthwiseConv2dNative and its backprops, and Conv3D's
backprops to TF 1.14's bits (tests/golden/math/gen_pbmm_bits.py): Eigen's sequential
order for a batch of products up to 2**22 multiply-adds each (engine/ops/eigen_bmm.py),
the tensor contraction's (fused_matmul.product) for one matrix or larger ones;
Conv3DBackpropInputV2 as TF's custom kernel (columns, then Col2im) on one image and as
Eigen's CuboidConvolutionBackwardInput (one contraction per input element) on a batch."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_bmm

import goldens

GEN = goldens.generator("math", "pbmm_bits")
WANT = goldens.load("math", "pbmm_bits")

# Cases whose bits still differ from TF's: Conv3DBackpropFilterV2 (Eigen's
# CuboidConvolutionBackwardKernel) adds in an order not found for about half the shapes
# (most filters of more than one tap over a batch, some small filters of one image; no
# permutation of the output positions, as one contraction, gives it). A listed case that
# starts matching fails.
KNOWN_DIFFERENT = frozenset({
    "c3_02_1x9x9x9x3_k2_o8_s1_SAME_grad_filter",
    "c3_06_1x8x8x8x2_k1_o2_s2_VALID_grad_filter",
    "c3_07_2x8x8x8x3_k3_o8_s2_VALID_grad_filter",
    "c3_09_2x9x9x9x16_k3_o8_s2_SAME_grad_filter",
    "c3_11_1x6x6x6x1_k2_o8_s2_VALID_grad_filter",
    "c3_13_2x7x7x7x8_k3_o2_s2_VALID_grad_filter",
    "c3_14_1x4x4x4x8_k1_o1_s1_SAME_grad_filter",
    "c3_15_2x9x9x9x16_k3_o1_s2_VALID_grad_filter",
    "c3_18_1x9x9x9x32_k3_o4_s1_VALID_grad_filter",
    "c3_19_2x11x11x11x1_k2_o32_s2_SAME_grad_filter",
    "c3_21_2x9x9x9x1_k1_o32_s2_VALID_grad_filter",
    "c3_24_2x5x5x5x3_k3_o16_s2_SAME_grad_filter",
    "c3_26_1x4x4x4x32_k1_o1_s1_VALID_grad_filter",
    "c3_27_3x6x6x6x1_k2_o1_s2_SAME_grad_filter",
    "c3_30_3x7x7x7x3_k2_o32_s2_VALID_grad_filter",
    "c3_31_2x11x11x11x32_k2_o1_s1_SAME_grad_filter",
})


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 212
    assert KNOWN_DIFFERENT <= set(WANT)


@pytest.mark.parametrize("name", sorted(n for n in WANT if n not in KNOWN_DIFFERENT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(got, name):
    assert got[name][0] == WANT[name][0]
    assert got[name][1] != WANT[name][1], f"{name} matches TF: take it off the list"


def test_numpy_order_differs_on_large_batches():
    # the sequential emulation has no size cap: np.matmul misses these bits
    misses = 0
    for i, (ba, bb, m, k, n, ta, tb) in enumerate(GEN.bmm_shapes()):
        if ba != bb or len(ba) != 1 or ba[0] < 2 or m * k * n * ba[0] < 1 << 17 or \
                m * k * n > 1 << 22 or min(m, n) < 2:
            continue
        a, b = GEN.operands(100 + i, ba + ((k, m) if ta else (m, k)),
                            bb + ((n, k) if tb else (k, n)))
        x = np.swapaxes(a, 1, 2) if ta else a
        y = np.swapaxes(b, 1, 2) if tb else b
        name = [c for c in WANT if c.startswith("bmm_%02d_" % i)][0]
        misses += GEN.digest(np.matmul(x, y))[1] != WANT[name][1]
        assert GEN.digest(eigen_bmm.batch_matmul(x, y, ta, tb))[1] == WANT[name][1]
    assert misses > 5


@pytest.mark.parametrize("shape,batch,sequential", [
    ((8, 256, 64, 256), 8, True),      # 2**22 multiply-adds: still Eigen's product
    ((5, 136, 189, 164), 5, False),    # above: the tensor contraction per matrix
])
def test_cutover_at_2_pow_22(shape, batch, sequential):
    _, m, k, n = shape
    a = np.zeros((batch, m, k), np.float32)
    b = np.zeros((batch, k, n), np.float32)
    assert eigen_bmm.handles(a, b, m, k, n, batch) is sequential
