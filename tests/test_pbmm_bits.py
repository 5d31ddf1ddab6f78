"""float32 BatchMatMul with a batch, DepthwiseConv2dNative and its backprops, and Conv3D's
backprops to TF 1.14's bits (tests/golden/math/gen_pbmm_bits.py): Eigen's sequential
order for a batch of products up to 2**22 multiply-adds each (engine/ops/eigen_bmm.py),
the tensor contraction's (fused_matmul.product) for one matrix or larger ones;
Conv3DBackpropInputV2 as TF's custom kernel (columns, then Col2im: one contraction for one
image, Eigen's matrix product per image for a batch) and, where its buffer would be too
large, as Eigen's CuboidConvolutionBackwardInput (one contraction per input element);
Conv3DBackpropFilterV2 as TF's custom kernel (im2col, one contraction per shard of images)
and, where its buffer would be too large, as Eigen's CuboidConvolutionBackwardKernel (the
input contracted with out_backprop's inflated volume patches)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_bmm

import goldens

GEN = goldens.generator("math", "pbmm_bits")
WANT = goldens.load("math", "pbmm_bits")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT) and len(WANT) == 237


@pytest.mark.parametrize("name", sorted(WANT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


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


@pytest.mark.parametrize("n,h,c,k,o,s,pad,shard", [
    (1, 4, 16, 4, 2, 1, "SAME", 1), (1, 5, 16, 4, 2, 1, "SAME", None),
    (89, 8, 32, 3, 32, 1, "SAME", 173), (88, 8, 32, 3, 32, 1, "SAME", None),
    (4, 16, 32, 3, 32, 1, "SAME", None),
])
def test_conv3d_input_kernel_choice(n, h, c, k, o, s, pad, shard):
    # TF's log: col_buffer_overhead 29, 26 and 75 fall back on Eigen (over 25)
    from flowgrad.engine.ops import convolution
    from flowgrad.engine.ops._windows import GeoN
    g = GeoN((n, h, h, h, c), (k,) * 3, (s,) * 3, (1,) * 3, pad)
    assert convolution._custom_input_shard(g, o) == shard


def _dense_cuboid_kernel(x, dy, k, s, pad):
    # the same contraction with out_backprop's inflated patches written out whole, summed
    # by fused_matmul.patch_product (volume)
    from flowgrad.engine.ops import fused_matmul
    from flowgrad.engine.ops._windows import GeoN
    g = GeoN(x.shape, (k,) * 3, (s,) * 3, (1,) * 3, pad)
    taps = [(a, b, c) for a in range(k) for b in range(k) for c in range(k)]
    n, o = x.shape[0], dy.shape[4]
    frame = np.zeros(g.padded[1:-1] + (n, len(taps), o), np.float32)
    for j, tap in enumerate(taps):
        frame[tuple(slice(t, t + (m - 1) * s + 1, s) for t, m in zip(tap, g.out))
              + (slice(None), j)] = np.moveaxis(dy, 0, 3)
    frame = frame[tuple(slice(p[1], p[1] + sz) for p, sz in zip(g.geo, g.size))]
    patches = np.ascontiguousarray(frame).reshape(-1, len(taps) * o)
    xb = np.ascontiguousarray(np.moveaxis(x, 0, 3)).reshape(-1, x.shape[4])
    out = fused_matmul.patch_product(patches.T, xb, 2, volume=True)
    return out.reshape(len(taps), o, -1).transpose(0, 2, 1).reshape((k,) * 3 + (-1, o))


@pytest.mark.parametrize("n,h,c,k,o,s,pad", [
    (2, 9, 3, 3, 8, 2, "SAME"),      # depth shards
    (1, 9, 16, 3, 8, 1, "VALID"),    # threads, no shard
    (3, 7, 1, 2, 4, 1, "SAME"),      # one input channel: one column
    (2, 12, 8, 3, 2, 3, "VALID"),
    (1, 4, 3, 1, 4, 1, "SAME"),      # small: one run
])
def test_cuboid_kernel_runs_match_the_whole_contraction(monkeypatch, n, h, c, k, o, s, pad):
    # _cuboid_backward_kernel writes the patches one depth run at a time
    # (fused_matmul.depth_runs): the same sums as fused_matmul.product over them whole
    from flowgrad.engine.ops import convolution, eigen_sum
    monkeypatch.setattr(convolution, "cpu_threads", lambda: 2)
    monkeypatch.setattr(eigen_sum, "cpu_threads", lambda: 2)
    oh = GEN._out_size(h, k, s, pad)
    x, dy = GEN.operands(40 + h, (n, h, h, h, c), (n, oh, oh, oh, o))
    got = convolution._conv3d_backprop_filter_kernel(x, [k, k, k, c, o], dy, [1, s, s, s, 1],
                                                     pad, "NDHWC")
    assert np.array_equal(got, _dense_cuboid_kernel(x, dy, k, s, pad))
