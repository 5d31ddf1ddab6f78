"""TF 1.14's float32 BatchMatMul (a batch of products), DepthwiseConv2dNative and its two
backprops, and Conv3D's two backprops (Conv3DBackpropInputV2 / FilterV2, and FilterV2 alone on
shapes for both of TF's kernels), bit for bit.
BatchMatMul adds in Eigen's sequential order for a batch of products of up to 2**22
multiply-adds each (engine/ops/eigen_bmm.py), in the tensor contraction's order (as
MatMul) for one matrix or larger ones. Each case is one op of seeded random operands fed
through placeholders; the golden holds the SHA-256 of the result's float32 bytes and its
first values. Read by tests/test_pbmm_bits.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np


def bmm_shapes():
    """(batch_a, batch_b, m, k, n, transpose_a, transpose_b)."""
    r = np.random.RandomState(11)
    out = []
    for i in range(60):
        hi = 100 if i < 40 else 260
        b = (int(r.randint(1, 9)),)
        m, k, n = (int(v) for v in r.randint(2, hi, 3))
        out.append((b, b, m, k, n) + tuple(bool(v) for v in r.randint(0, 2, 2)))
    fixed = [(4, 8, 512, 8), (3, 20, 1000, 30), (2, 64, 900, 50), (2, 130, 520, 140),
             (8, 256, 64, 256), (5, 136, 189, 164), (1, 50, 60, 70), (1, 5, 4, 3),
             (5, 1, 300, 40), (5, 40, 300, 1), (6, 1, 200, 1), (2, 3, 2000, 5),
             (16, 128, 64, 128), (12, 9, 16, 9)]
    for j, (b, m, k, n) in enumerate(fixed):
        ta, tb = j % 2 == 1, j % 3 == 1
        out.append(((b,), (b,), m, k, n, ta, tb))
    out += [((2, 1), (1, 3), 30, 40, 50, False, False), ((2, 3), (2, 3), 17, 33, 45, True, False),
            ((4,), (), 30, 50, 20, False, False), ((), (3,), 30, 50, 20, False, True),
            ((2, 2), (), 70, 300, 220, False, False)]
    return out


def depthwise_shapes():
    """(batch, size, channels, kernel, multiplier, stride, padding)."""
    r = np.random.RandomState(12)
    out = []
    for _ in range(20):
        n, h = int(r.randint(1, 5)), int(r.randint(4, 20))
        c = int(r.choice([1, 2, 3, 8, 16, 32]))
        k = int(r.choice([1, 2, 3, 5]))
        mult = int(r.choice([1, 2, 4]))
        s = int(r.choice([1, 2]))
        pad = str(r.choice(["SAME", "VALID"]))
        if k > h:
            k = 1
        out.append((n, h, c, k, mult, s, pad))
    # one filter value over a batch (TF's per-image buffers, added image after image)
    out += [(6, 6, 1, 1, 1, 2, "VALID"), (5, 9, 1, 1, 1, 2, "VALID"), (8, 7, 3, 1, 1, 2, "SAME")]
    return out


def conv3d_shapes():
    """(batch, size, channels, kernel, filters, stride, padding)."""
    r = np.random.RandomState(13)
    out = []
    for i in range(32):
        n, h = int(r.randint(1, 3 if i < 16 else 4)), int(r.randint(3, 10 if i < 16 else 12))
        c = int(r.choice([1, 2, 3, 8, 16] if i < 16 else [1, 3, 8, 32]))
        k = int(r.choice([1, 2, 3]))
        o = int(r.choice([1, 2, 4, 8, 16] if i < 16 else [1, 4, 16, 32]))
        s = int(r.choice([1, 2]))
        pad = str(r.choice(["SAME", "VALID"]))
        if k > h:
            k = 1
        out.append((n, h, c, k, o, s, pad))
    return out


def conv3d_filter_shapes():
    """(batch, size, channels, kernel, filters, stride, padding) of Conv3DBackpropFilterV2
    alone: TF 1.14's Conv3DCustomBackpropFilterOp (its im2col buffer at most 25 times its
    tensors' size: the first three and the 88 images of the last two) and its fallback, Eigen's
    CuboidConvolutionBackwardKernel (larger volumes, a gemv of one tap and one filter)."""
    return [(12, 8, 2, 1, 32, 1, "SAME"), (16, 8, 1, 1, 32, 1, "VALID"),
            (100, 6, 1, 2, 32, 1, "SAME"), (4, 16, 32, 3, 32, 1, "SAME"),
            (3, 20, 3, 3, 8, 1, "SAME"), (2, 9, 8, 1, 1, 1, "SAME"),
            (5, 7, 3, 3, 4, 2, "SAME"), (3, 10, 8, 4, 8, 3, "VALID"),
            (2, 12, 16, 2, 1, 2, "SAME"),
            (88, 6, 1, 2, 32, 1, "SAME"), (87, 6, 1, 2, 32, 1, "SAME")]   # overhead 25, 26


def conv3d_input_shapes():
    """(batch, size, channels, kernel, filters, stride, padding) of Conv3DBackpropInputV2
    alone: TF 1.14's Conv3DCustomBackpropInputOp falls back on Eigen's
    CuboidConvolutionBackwardInput where its im2col buffer is over 25 times its tensors'
    size (small batches: the first three, whose Eigen contraction plan weighs the volume
    patches' cost; one image too: the 5^3 and 16^3 ones, overheads 29 and 26, against 20
    and 25 for the 4^3 and 15^3 ones); 89 images of 8^3 run its own kernel, 88 fall back;
    its own kernel with strides and VALID padding, and on one output position (Eigen's
    matrix-vector product), one filter and tiny products (Eigen's lazy product)."""
    return [(2, 4, 32, 3, 32, 2, "SAME"), (3, 5, 3, 3, 4, 1, "VALID"),
            (2, 6, 3, 3, 4, 1, "SAME"),
            (1, 4, 16, 4, 2, 1, "SAME"), (1, 5, 16, 4, 2, 1, "SAME"),
            (1, 15, 32, 3, 1, 1, "SAME"), (1, 16, 32, 3, 1, 1, "SAME"),
            (89, 8, 32, 3, 32, 1, "SAME"), (88, 8, 32, 3, 32, 1, "SAME"),
            (120, 8, 32, 3, 32, 2, "SAME"), (150, 12, 4, 2, 8, 1, "VALID"),
            (400, 4, 8, 4, 16, 1, "VALID"), (700, 8, 8, 3, 1, 1, "SAME"),
            (45000, 2, 2, 1, 2, 1, "VALID")]


def operands(seed, *shapes):
    r = np.random.RandomState(seed)
    return [r.randn(*s).astype(np.float32) for s in shapes]


def digest(v):
    v = np.ascontiguousarray(v, dtype=np.float32)
    return [list(v.shape), hashlib.sha256(v.tobytes()).hexdigest(), v.ravel()[:4].tolist()]


def _out_size(h, k, s, pad):
    return (h + s - 1) // s if pad == "SAME" else (h - k) // s + 1


def cases(tf):
    out = {}
    progs = []
    with tf.Graph().as_default():
        for i, (ba, bb, m, k, n, ta, tb) in enumerate(bmm_shapes()):
            sa = ba + ((k, m) if ta else (m, k))
            sb = bb + ((n, k) if tb else (k, n))
            a, b = operands(100 + i, sa, sb)
            pa = tf.placeholder(tf.float32, [None] * len(sa))
            pb = tf.placeholder(tf.float32, [None] * len(sb))
            name = "bmm_%02d_%s_%s_%dx%dx%d_%d%d" % (
                i, "x".join(map(str, ba)) or "-", "x".join(map(str, bb)) or "-", m, k, n, ta, tb)
            progs.append((name, tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb),
                          {pa: a, pb: b}))
        for i, (n, h, c, k, mult, s, pad) in enumerate(depthwise_shapes()):
            oh = _out_size(h, k, s, pad)
            x, f, dy = operands(300 + i, (n, h, h, c), (k, k, c, mult), (n, oh, oh, c * mult))
            px = tf.placeholder(tf.float32, [None] * 4)
            pf = tf.placeholder(tf.float32, [None] * 4)
            pdy = tf.placeholder(tf.float32, [None] * 4)
            y = tf.nn.depthwise_conv2d_native(px, pf, [1, s, s, 1], pad)
            gx, gf = tf.gradients(y, [px, pf], pdy)
            name = "dw_%02d_%dx%dx%dx%d_k%d_m%d_s%d_%s" % (i, n, h, h, c, k, mult, s, pad)
            feed = {px: x, pf: f, pdy: dy}
            progs += [(name, y, feed), (name + "_grad_input", gx, feed),
                      (name + "_grad_filter", gf, feed)]
        for i, (n, h, c, k, o, s, pad) in enumerate(conv3d_shapes()):
            oh = _out_size(h, k, s, pad)
            x, f, dy = operands(500 + i, (n, h, h, h, c), (k, k, k, c, o), (n, oh, oh, oh, o))
            px = tf.placeholder(tf.float32, [None] * 5)
            pf = tf.placeholder(tf.float32, [None] * 5)
            pdy = tf.placeholder(tf.float32, [None] * 5)
            y = tf.nn.conv3d(px, pf, [1, s, s, s, 1], pad)
            gx, gf = tf.gradients(y, [px, pf], pdy)
            name = "c3_%02d_%dx%dx%dx%dx%d_k%d_o%d_s%d_%s" % (i, n, h, h, h, c, k, o, s, pad)
            feed = {px: x, pf: f, pdy: dy}
            progs += [(name + "_grad_input", gx, feed), (name + "_grad_filter", gf, feed)]
        for i, (n, h, c, k, o, s, pad) in enumerate(conv3d_filter_shapes()):
            oh = _out_size(h, k, s, pad)
            x, dy = operands(700 + i, (n, h, h, h, c), (n, oh, oh, oh, o))
            px = tf.placeholder(tf.float32, [None] * 5)
            pdy = tf.placeholder(tf.float32, [None] * 5)
            gf = tf.nn.conv3d_backprop_filter_v2(px, [k, k, k, c, o], pdy, [1, s, s, s, 1], pad)
            name = "c3f_%02d_%dx%dx%dx%dx%d_k%d_o%d_s%d_%s" % (i, n, h, h, h, c, k, o, s, pad)
            progs.append((name, gf, {px: x, pdy: dy}))
        for i, (n, h, c, k, o, s, pad) in enumerate(conv3d_input_shapes()):
            oh = _out_size(h, k, s, pad)
            f, dy = operands(900 + i, (k, k, k, c, o), (n, oh, oh, oh, o))
            pf = tf.placeholder(tf.float32, [None] * 5)
            pdy = tf.placeholder(tf.float32, [None] * 5)
            gx = tf.nn.conv3d_transpose(pdy, pf, [n, h, h, h, c], [1, s, s, s, 1], pad)
            name = "c3i_%02d_%dx%dx%dx%dx%d_k%d_o%d_s%d_%s" % (i, n, h, h, h, c, k, o, s, pad)
            progs.append((name, gx, {pf: f, pdy: dy}))
        with tf.Session() as sess:
            for name, t, feed in progs:
                out[name] = digest(sess.run(t, feed))
    return out
