"""TF 1.14's float32 MatMul, Conv2D, Conv3D, Conv2DBackpropFilter and (one output pixel)
Conv2DBackpropInput on the CPU add each output's products one after the other (MKL-DNN's
sgemm under Eigen's contraction, or Eigen's matrix-vector product for one output row), in
depth slices that depend on the sizes and on Eigen's threads (engine/ops/fused_matmul.py;
for Conv2D and Conv3D decided on the cost of their image- or volume-patch input). NumPy's
GEMM of a row-major left operand takes small-matrix kernels that add otherwise. Each case
is one product of seeded random operands; the golden holds the SHA-256 of the result's
float32 bytes (bit for bit, without storing large arrays) and its first values. Read by
tests/test_contraction_bits.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np


def matmul_shapes():
    """(m, n, k, transpose_a, transpose_b): small products and large ones (depth slices)."""
    r = np.random.RandomState(1)
    out = []
    for i in range(160):
        lo, hi = (2, 80) if i < 120 else (40, 700)
        m, n, k = (int(v) for v in r.randint(lo, hi, 3))
        ta, tb = (bool(v) for v in r.randint(0, 2, 2))
        out.append((m, n, k, ta, tb))
    return out


def conv_shapes():
    """(batch, size, channels, kernel, filters, stride, padding)."""
    r = np.random.RandomState(2)
    out = []
    for _ in range(40):
        n, h = int(r.randint(1, 5)), int(r.randint(3, 20))
        c = int(r.choice([1, 2, 3, 8, 16, 32, 64, 100]))
        k = int(r.choice([1, 3, 5]))
        o = int(r.choice([2, 4, 8, 16, 32, 64]))
        s = int(r.choice([1, 2]))
        pad = str(r.choice(["SAME", "VALID"]))
        if pad == "VALID" and k > h:
            k = 1
        out.append((n, h, c, k, o, s, pad))
    return out


def filter_grad_shapes():
    """(batch, size, channels, kernel, filters, stride, padding) of Conv2DBackpropFilter
    (a filter of more than one value per output; 1x1 on one channel: filter_grad_more_shapes)."""
    r = np.random.RandomState(4)
    out = []
    while len(out) < 30:
        n, h = int(r.randint(1, 9)), int(r.randint(5, 29))
        c = int(r.choice([1, 2, 3, 8, 16, 32]))
        k = int(r.choice([1, 2, 3, 5]))
        o = int(r.choice([1, 2, 4, 8, 16, 32]))
        s = int(r.choice([1, 2]))
        pad = str(r.choice(["SAME", "VALID"]))
        if k * k * c > 1:
            out.append((n, h, c, k, o, s, pad))
    return out


def filter_grad_more_shapes():
    """Conv2DBackpropFilter where TF 1.14's Conv2DCustomBackpropFilterOp cuts the batch into
    shards (30 MiB of im2col, out_backprop and result per shard; the first three), and
    1x1 filters on one channel (a depth of one: Eigen's gemv, in blocks of 16 or, for
    8000 filters, 4)."""
    return [(40, 32, 16, 5, 16, 1, "SAME"), (20, 28, 64, 3, 64, 1, "SAME"),
            (48, 40, 32, 5, 16, 2, "SAME"), (17, 13, 1, 1, 64, 1, "SAME"),
            (20, 4, 1, 1, 8, 1, "VALID"), (3, 200, 1, 1, 1, 1, "SAME"),
            (2, 150, 1, 1, 300, 1, "SAME"), (1, 12, 1, 1, 8000, 1, "VALID"),
            (5, 9, 1, 1, 3, 2, "SAME")]


def filter_grad_half_shapes():
    """(batch, size, channels, kernel, filters) of float16 Conv2DBackpropFilter (SAME)
    over TF 1.14's 30 MiB working set: shards of images, each contracted in half, added
    in half."""
    return [(56, 32, 32, 3, 2), (60, 16, 64, 5, 1)]


def patch_shapes():
    """(batch, size, channels, kernel, filters, stride, padding, relu) of Conv2Ds whose
    threads and depth shards Eigen decides on its image-patch input's cost (deep patches,
    one output channel, a 1x1 filter of stride 2), with ones that TF runs as a MatMul (a
    1x1 filter of stride 1, a VALID filter the input's size) and one-pixel outputs (Eigen's
    matrix-vector product); relu: the input's negative values zeroed."""
    return [(4, 6, 16, 3, 4, 1, "SAME", 0), (2, 9, 64, 5, 16, 1, "SAME", 0),
            (1, 14, 64, 5, 4, 2, "VALID", 0), (2, 7, 100, 3, 8, 1, "VALID", 0),
            (3, 8, 32, 3, 2, 1, "SAME", 0), (2, 10, 48, 5, 4, 1, "SAME", 0),
            (1, 12, 24, 5, 8, 2, "SAME", 0), (4, 5, 128, 3, 16, 1, "VALID", 0),
            (2, 16, 16, 5, 1, 1, "SAME", 0), (2, 11, 40, 5, 1, 1, "SAME", 0),
            (1, 9, 64, 3, 1, 1, "SAME", 0), (4, 6, 16, 3, 1, 1, "SAME", 1),
            (4, 6, 16, 3, 4, 1, "SAME", 1), (3, 12, 64, 1, 8, 2, "SAME", 0),
            (2, 12, 200, 1, 4, 1, "SAME", 0), (3, 5, 40, 5, 8, 1, "VALID", 0),
            (8, 7, 48, 3, 1, 2, "SAME", 0), (1, 20, 32, 3, 2, 1, "SAME", 1),
            (1, 7, 16, 5, 3, 3, "VALID", 0), (1, 5, 32, 5, 8, 1, "VALID", 0),
            (1, 9, 64, 9, 4, 1, "VALID", 1), (1, 1, 100, 1, 16, 1, "SAME", 0),
            (1, 5, 32, 5, 1, 1, "VALID", 0), (1, 6, 40, 3, 1, 4, "VALID", 0)]


def conv3d_shapes():
    """(batch, size, channels, kernel, filters, stride, padding) of Conv3Ds: Eigen's threads
    and depth shards decided on its volume-patch input's cost, a 1x1x1 filter of stride 1
    and a VALID filter the input's size (MatMuls), one output voxel (matrix-vector)."""
    return [(3, 9, 32, 2, 1, 2, "VALID"), (1, 9, 32, 2, 2, 2, "SAME"),
            (3, 7, 16, 2, 2, 2, "SAME"), (1, 5, 32, 3, 2, 2, "SAME"),
            (1, 6, 32, 3, 8, 2, "VALID"), (2, 4, 16, 2, 2, 1, "VALID"),
            (2, 8, 32, 3, 4, 2, "VALID"), (2, 7, 32, 3, 16, 1, "VALID"),
            (1, 7, 32, 2, 2, 1, "VALID"), (1, 4, 1, 3, 2, 2, "VALID"),
            (2, 5, 24, 1, 8, 1, "SAME"), (3, 4, 16, 4, 4, 1, "VALID")]


def input_grad_shapes():
    """(size, channels, kernel, filters, stride, padding) of Conv2DBackpropInputs of one
    output pixel (batch 1): Eigen's matrix-vector product over the filter read transposed
    (blocks of 16 filters from 128 on)."""
    return [(7, 300, 7, 513, 1, "VALID"), (6, 1, 1, 128, 6, "SAME"), (5, 64, 5, 200, 1, "VALID"),
            (4, 8, 3, 100, 4, "SAME"), (3, 32, 3, 16, 1, "VALID"), (1, 2, 1, 300, 1, "VALID")]


def operands(seed, *shapes):
    r = np.random.RandomState(seed)
    return [r.randn(*s).astype(np.float32) for s in shapes]


def digest(v):
    v = np.ascontiguousarray(v, dtype=np.float32)
    return [list(v.shape), hashlib.sha256(v.tobytes()).hexdigest(), v.ravel()[:4].tolist()]


def cases(tf):
    out = {}
    progs = []
    with tf.Graph().as_default():
        a_ph = tf.placeholder(tf.float32)   # unknown rank: tf.matmul makes BatchMatMulV2
        b_ph = tf.placeholder(tf.float32)
        a2 = tf.placeholder(tf.float32, [None, None])
        b2 = tf.placeholder(tf.float32, [None, None])
        for i, (m, n, k, ta, tb) in enumerate(matmul_shapes()):
            a, b = operands(100 + i, (k, m) if ta else (m, k), (n, k) if tb else (k, n))
            progs.append(("matmul_%03d_%dx%dx%d_%d%d" % (i, m, n, k, ta, tb),
                          tf.matmul(a2, b2, transpose_a=ta, transpose_b=tb), {a2: a, b2: b}))
            if i % 4 == 0:
                progs.append(("bmm2d_%03d_%dx%dx%d_%d%d" % (i, m, n, k, ta, tb),
                              tf.matmul(a_ph, b_ph, transpose_a=ta, transpose_b=tb),
                              {a_ph: a, b_ph: b}))
        for i, (m, k) in enumerate([(37, 20), (64, 150), (300, 500), (9, 700)]):
            a, b = operands(900 + i, (m, k), (k, 1))
            progs.append(("bmm2d_column_%d_%dx%d" % (i, m, k), tf.matmul(a_ph, b_ph),
                          {a_ph: a, b_ph: b}))
        for i, (n, h, c, k, o, s, pad) in enumerate(conv_shapes()):
            x, f = operands(500 + i, (n, h, h, c), (k, k, c, o))
            progs.append(("conv_%02d_%dx%dx%dx%d_k%d_o%d_s%d_%s" % (i, n, h, h, c, k, o, s, pad),
                          tf.nn.conv2d(a_ph, b_ph, [1, s, s, 1], pad), {a_ph: x, b_ph: f}))
        for i, (n, h, c, k, o, s, pad, relu) in enumerate(patch_shapes()):
            x, f = operands(1100 + i, (n, h, h, c), (k, k, c, o))
            if relu:
                x = np.maximum(x, 0)
            progs.append(("conv_patch_%02d_%dx%dx%dx%d_k%d_o%d_s%d_%s%s"
                          % (i, n, h, h, c, k, o, s, pad, "_relu" if relu else ""),
                          tf.nn.conv2d(a_ph, b_ph, [1, s, s, 1], pad), {a_ph: x, b_ph: f}))
        for i, (n, h, c, k, o, s, pad) in enumerate(conv3d_shapes()):
            x, f = operands(1300 + i, (n, h, h, h, c), (k, k, k, c, o))
            progs.append(("conv3d_%02d_%dx%dx%dx%dx%d_k%d_o%d_s%d_%s"
                          % (i, n, h, h, h, c, k, o, s, pad),
                          tf.nn.conv3d(a_ph, b_ph, [1, s, s, s, 1], pad), {a_ph: x, b_ph: f}))
        for i, (h, c, k, o, s, pad) in enumerate(input_grad_shapes()):
            f, dy = operands(1500 + i, (k, k, c, o), (1, 1, 1, o))
            progs.append(("input_grad_%02d_1x%dx%dx%d_k%d_o%d_s%d_%s" % (i, h, h, c, k, o, s, pad),
                          tf.nn.conv2d_backprop_input([1, h, h, c], a_ph, b_ph, [1, s, s, 1],
                                                      pad),
                          {a_ph: f, b_ph: dy}))
        for i, (n, h, c, k, o, s, pad) in enumerate(filter_grad_shapes()):
            oh = (h + s - 1) // s if pad == "SAME" else (h - k) // s + 1
            x, dy = operands(700 + i, (n, h, h, c), (n, oh, oh, o))
            progs.append(("filter_grad_%02d_%dx%dx%dx%d_k%d_o%d_s%d_%s"
                          % (i, n, h, h, c, k, o, s, pad),
                          tf.nn.conv2d_backprop_filter(a_ph, [k, k, c, o], b_ph,
                                                       [1, s, s, 1], pad),
                          {a_ph: x, b_ph: dy}))
        for i, (n, h, c, k, o, s, pad) in enumerate(filter_grad_more_shapes()):
            oh = (h + s - 1) // s if pad == "SAME" else (h - k) // s + 1
            x, dy = operands(1700 + i, (n, h, h, c), (n, oh, oh, o))
            progs.append(("filter_grad_more_%02d_%dx%dx%dx%d_k%d_o%d_s%d_%s"
                          % (i, n, h, h, c, k, o, s, pad),
                          tf.nn.conv2d_backprop_filter(a_ph, [k, k, c, o], b_ph,
                                                       [1, s, s, 1], pad),
                          {a_ph: x, b_ph: dy}))
        for i, (n, h, c, k, o) in enumerate(filter_grad_half_shapes()):
            x, dy = operands(1800 + i, (n, h, h, c), (n, h, h, o))
            hx = tf.placeholder(tf.float16)
            hdy = tf.placeholder(tf.float16)
            progs.append(("filter_grad_half_%02d_%dx%dx%dx%d_k%d_o%d"
                          % (i, n, h, h, c, k, o),
                          tf.nn.conv2d_backprop_filter(hx, [k, k, c, o], hdy, [1, 1, 1, 1],
                                                       "SAME"),
                          {hx: x.astype(np.float16), hdy: dy.astype(np.float16)}))
        with tf.Session() as sess:
            for name, t, feed in progs:
                out[name] = digest(sess.run(t, feed))
    return out
