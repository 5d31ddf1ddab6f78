"""float64 MatMul, BatchMatMul, Conv2D and its gradients, Conv3D, Exp, Sigmoid, Tanh, Log,
Log1p, Softplus and its gradient, and MatMul with one output in float32 and float64, to TF 1.14's
bits (golden math/matmul64_bits): Eigen's double GEBP kernel, its threads, panels and depth
shards (engine/ops/eigen_gebp.product64), its gemv, BatchMatMul's sequential kernel, and
Eigen's pexp<Packet4d> / glibc's double functions (eigen_math.exp64, sigmoid64)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_gebp

import goldens

GEN = goldens.generator("math", "matmul64_bits")
WANT = goldens.load("math", "matmul64_bits")


@pytest.fixture(scope="module")
def got():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    convs = GEN.conv_shapes()
    n_conv = len(convs) + 2 * sum(1 for c in convs if c[-1] == 1)   # (dx, df undilated)
    assert sorted(got) == sorted(WANT) and \
        len(WANT) == 4 * 45 + 4 * 13 + 8 * 7 + 6 * 2 * 4 + 1 + n_conv + \
        len(GEN.conv3d_shapes())


@pytest.mark.parametrize("name", sorted(k for k in WANT if k != "mlp_adam"))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


def test_mlp_adam_tf_bits(got):
    """Five Adam steps of a float64 MLP: the losses and weights bit for bit."""
    (losses, weights), (want_l, want_w) = got["mlp_adam"], WANT["mlp_adam"]
    assert [float(v) for v in losses] == [float(v) for v in want_l]
    assert len(weights) == len(want_w) == 8
    for g, w in zip(weights, want_w):
        np.testing.assert_array_equal(g, w)


def test_blas_is_not_tf_bits():
    """NumPy's GEMM (FMA) differs from TF's double kernel: the golden can tell."""
    r = np.random.RandomState(0)
    a, b = r.randn(33, 100), r.randn(100, 17)
    assert (eigen_gebp.product64(a, b, 2) != a @ b).any()


def test_stacked_rows_and_column_offset():
    """A fused loop's product of stacked steps' rows and of the op's columns from col0
    gives each step's op's bits."""
    r = np.random.RandomState(1)
    steps, m, k, n = 3, 5, 30, 19
    x, w = r.randn(steps * m, k), r.randn(k, n)
    whole = np.concatenate([eigen_gebp.product64(x[s * m:(s + 1) * m], w, 2)
                            for s in range(steps)])
    np.testing.assert_array_equal(eigen_gebp.product64(x, w, 2, (m, n)), whole)
    np.testing.assert_array_equal(eigen_gebp.product64(x, w[:, 7:], 2, (m, n), 7),
                                  whole[:, 7:])
