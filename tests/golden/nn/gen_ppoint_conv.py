"""TF 1.14's float32 Conv2D, Conv3D and Conv2DBackpropInput (Conv2DCustomBackpropInputOp):
the patches' products by the contraction's fused multiply-adds; for the backprop the columns
out_backprop @ filter^T by the contraction's fused multiply-adds over out_depth, one
after the other, then Col2im adding each input element's taps in float32, output
position after output position. PointNet's first conv ([B, N, 3, 1] input, a 1x3
kernel) and its input transform's gradient. AvgPoolGrad's order and Neg's zero signs
(an SSIM loss over dense_image_warp). Read by tests/test_ppoint_conv.py.
"""
from __future__ import absolute_import

import numpy as np

# (n, h, w, c, kh, kw, o, stride, padding)
SHAPES = [(4, 32, 3, 1, 1, 3, 16, 1, "VALID"), (4, 32, 3, 1, 1, 3, 64, 1, "VALID"),
          (4, 32, 3, 1, 1, 3, 16, 1, "SAME"), (2, 9, 9, 3, 3, 3, 8, 2, "SAME"),
          (3, 8, 8, 4, 3, 3, 24, 1, "VALID"), (2, 7, 7, 2, 2, 2, 5, 2, "VALID"),
          (1, 10, 10, 3, 3, 3, 16, 1, "SAME"), (4, 16, 1, 16, 1, 1, 32, 1, "VALID")]


def backprop_input(tf):
    rng = np.random.RandomState(5)
    out = []
    for n, h, w, c, kh, kw, o, s, pad in SHAPES:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [n, h, w, c])
            f = tf.placeholder(tf.float32, [kh, kw, c, o])
            y = tf.nn.conv2d(x, f, [1, s, s, 1], pad)
            dy = tf.placeholder(tf.float32, y.shape)
            gx = tf.gradients(y, x, grad_ys=dy)[0]
            feed = {x: rng.randn(n, h, w, c).astype(np.float32),
                    f: rng.randn(kh, kw, c, o).astype(np.float32),
                    dy: rng.randn(*y.shape.as_list()).astype(np.float32)}
            with tf.Session() as sess:
                out.append(sess.run(gx, feed))
    return out


def forward(tf):
    """Conv2D in float32: each output sums its patch's products by the contraction's fused
    multiply-adds, one after the other (patches of up to 320)."""
    rng = np.random.RandomState(7)
    out = []
    for n, h, w, c, kh, kw, o, s, pad in SHAPES + [(2, 16, 16, 3, 5, 5, 8, 2, "SAME"),
                                                   (8, 6, 6, 8, 3, 3, 8, 1, "VALID"),
                                                   (4, 8, 8, 16, 3, 3, 32, 1, "SAME")]:
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [n, h, w, c])
            f = tf.placeholder(tf.float32, [kh, kw, c, o])
            y = tf.nn.conv2d(x, f, [1, s, s, 1], pad)
            with tf.Session() as sess:
                out.append(sess.run(y, {x: rng.randn(n, h, w, c).astype(np.float32),
                                        f: rng.randn(kh, kw, c, o).astype(np.float32)}))
    return out


def conv3d_forward(tf):
    """Conv3D in float32 (VoxNet / C3D layers): the patch's products by fused
    multiply-adds, one after the other, as Conv2D's."""
    rng = np.random.RandomState(8)
    out = []
    for xs, fs, st, pad in [([2, 8, 8, 8, 1], [3, 3, 3, 1, 4], 1, "SAME"),
                            ([2, 8, 8, 8, 4], [3, 3, 3, 4, 4], 2, "VALID"),
                            ([2, 4, 4, 4, 8], [1, 1, 1, 8, 2], 1, "SAME"),
                            ([2, 4, 4, 4, 3], [2, 2, 2, 3, 5], 1, "SAME")]:
        with tf.Graph().as_default():
            x = tf.constant(rng.randn(*xs).astype(np.float32))
            f = tf.constant(rng.randn(*fs).astype(np.float32))
            with tf.Session() as sess:
                out.append(sess.run(tf.nn.conv3d(x, f, [1, st, st, st, 1], pad)))
    return out


def pointnet_transform(tf):
    """PointNet's input transform: the cloud times a learned 3x3 matrix (identity bias),
    a 1x3 conv, batch-norm statistics, max over points; the gradients of a weighted
    square loss with respect to the transform and the points."""
    rng = np.random.RandomState(9)
    with tf.Graph().as_default():
        pts = tf.constant(rng.randn(4, 32, 3).astype(np.float32))
        t = tf.constant(rng.randn(4, 9).astype(np.float32) * 0.1)
        t = tf.reshape(t + tf.constant(np.eye(3).flatten(), dtype=tf.float32), [4, 3, 3])
        moved = tf.expand_dims(tf.matmul(pts, t), -1)
        k = tf.constant(rng.randn(1, 3, 1, 16).astype(np.float32))
        net = tf.nn.relu(tf.nn.conv2d(moved, k, [1, 1, 1, 1], "VALID"))
        mean, var = tf.nn.moments(net, [0, 1, 2])
        net = tf.nn.max_pool((net - mean) * tf.rsqrt(var + 1e-3), [1, 32, 1, 1],
                             [1, 2, 2, 1], "VALID")
        # (a per-feature weighting, not a MatMul: float32 MatMul's bits are not TF's yet)
        w = tf.constant(rng.randn(16).astype(np.float32))
        loss = tf.reduce_sum(tf.square(tf.reshape(net, [4, 16]) * w))
        grads = tf.gradients(loss, [t, pts, moved])
        with tf.Session() as sess:
            return sess.run([loss] + grads)


def avg_pool_grad(tf):
    """AvgPoolGrad as TF's AvgPoolingGradOp: out_backprop times float(1 / count), added
    into the input output position after output position (an SSIM window's gradient)."""
    rng = np.random.RandomState(6)
    out = []
    with tf.Graph().as_default():
        x = tf.constant(rng.rand(2, 8, 10, 3).astype(np.float32))
        for k, s, pad in [(3, 1, "VALID"), (3, 1, "SAME"), (2, 2, "VALID"), (3, 2, "SAME")]:
            y = tf.nn.avg_pool(x, [1, k, k, 1], [1, s, s, 1], pad)
            w = tf.constant(rng.randn(*y.shape.as_list()).astype(np.float32))
            out.append(tf.gradients(y * w, x)[0])
        with tf.Session() as sess:
            return sess.run(out)


def neg_zero_signs(tf):
    """Neg's zeros: Eigen's packets compute 0 - x (+0), the scalar tail -x (-0); so the
    gradient of a broadcast subtraction's right operand (Sub's -Sum) holds +0 where
    dense_image_warp's flow gets no gradient. Signs as strings of +/-."""
    def signs(a):
        a = np.asarray(a)
        if a.dtype.kind == "c":
            a = np.concatenate([a.real.ravel(), a.imag.ravel()])
        return "".join("-" if v else "+" for v in np.signbit(a.astype(np.float64)).ravel())
    out = []
    with tf.Graph().as_default():
        ts = []
        for n in (4, 8, 12, 17, 40):
            for dt in (tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128):
                ts.append(tf.negative(tf.constant(np.zeros(n), dt)))
                ts.append(tf.negative(tf.constant(-np.zeros(n), dt)))
        a = tf.placeholder(tf.float32, [1, 4])
        b = tf.placeholder(tf.float32, [2, 4])
        c = tf.constant([[0., 1., 0., 1.], [1., 0., 1., 0.]])
        ts.extend(tf.gradients((a - b) * c, [a, b]))
        with tf.Session() as sess:
            for v in sess.run(ts, {a: np.ones([1, 4]), b: np.ones([2, 4])}):
                out.append(signs(v))
    return out


def cases(tf):
    return {"backprop_input": backprop_input(tf), "pointnet_transform": pointnet_transform(tf),
            "avg_pool_grad": avg_pool_grad(tf), "neg_zero_signs": neg_zero_signs(tf),
            "forward": forward(tf), "conv3d_forward": conv3d_forward(tf)}
