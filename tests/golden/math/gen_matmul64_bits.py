"""TF 1.14's float64 MatMul and BatchMatMul on the CPU: Eigen's tensor contraction with its
own double GEBP kernel (AVX without FMA: mr 8, nr 4, packets of 4; depth blocks of kc =
336 or the blocking rule on one thread, 320 on more; the intra-op pool's threads, column
panels and depth shards from Eigen's cost model), Eigen's gemv for one output row or
column (float32 too for one output), and BatchMatMul's sequential kernel for batches of
small products (engine/ops/eigen_gebp.product64, eigen_bmm), and float64 Conv2D, its
gradients and Conv3D (the same kernels, threads and depth shards decided on the patches'
cost). Also float64 Exp, Sigmoid (Eigen's pexp<Packet4d>, libm's exp on the tail), Tanh,
Log and Log1p (glibc's), Softplus (libm's exp and log) and its gradient (pexp). Each
case is one op on seeded random operands fed through placeholders; the golden holds the
SHA-256 of the result's bytes and its first values. Read by tests/test_matmul64_bits.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

# a process of its own: TF 1.14's first session fixes the process's intra-op pool (LocalDevice's
# global Eigen pool), and the products' order of additions depends on its threads
ISOLATE = True


def matmul_shapes():
    """(m, k, n): small, odd, k over the depth block, large m or n (threads, panels), small
    outputs with a large k (depth shards), one output row or column."""
    fixed = [(2, 2, 2), (3, 5, 7), (4, 8, 8), (5, 9, 13), (9, 20, 5), (5, 6, 2), (5, 6, 3),
             (16, 64, 7), (33, 100, 17), (47, 47, 47), (48, 60, 49), (12, 337, 11),
             (6, 673, 22), (17, 1200, 9), (64, 350, 100), (100, 700, 50), (128, 128, 128),
             (300, 50, 300), (1000, 30, 20), (20, 64, 1500), (7, 13, 1000),
             (3, 4000, 33), (2, 4000, 64), (8, 8000, 24), (64, 2000, 64), (10, 5000, 10),
             (1, 50, 30), (1, 300, 130), (1, 5000, 3), (30, 50, 1), (40, 300, 1),
             (1, 7, 1), (1, 130, 1)]
    r = np.random.RandomState(11)
    rand = [tuple(int(v) for v in (r.randint(2, 260), r.randint(1, 700), r.randint(2, 260)))
            for _ in range(12)]
    return fixed + rand


def bmm_shapes():
    """(batch, m, k, n): one matrix (the contraction), batches of small products (Eigen's
    lazy product below k + m + n = 20, its GEBP above), vectors."""
    return [(1, 5, 7, 6), (1, 64, 100, 50), (3, 5, 7, 6), (3, 2, 12, 3), (4, 3, 5, 2),
            (3, 10, 20, 9), (4, 33, 64, 17), (2, 1, 30, 20), (2, 30, 20, 1), (5, 2, 3, 2),
            (2, 100, 200, 100), (1, 1, 50, 30), (3, 4, 9, 5)]


def unary_inputs():
    """Sizes with and without a tail of size % 4, wide ranges, and special values."""
    r = np.random.RandomState(12)
    out = [r.uniform(-30, 30, n) for n in (1, 3, 5, 7, 13, 4003)]
    out.append(r.uniform(-6, 6, 16000))
    out.append(np.array([-800., 800., np.nan, np.inf, -np.inf, 0., -0., 1e-310, -745.2,
                         709.5, 709.9, -708.5, 40., -40., 1e-20, -1e-20, 3.]))
    return out


def conv_shapes():
    """(batch, size, channels, kernel, filters, stride, padding, dilation) of float64
    Conv2Ds: SpatialConvolution (depth shards of at least 12 packets, decided on the image
    patches' cost), 1x1 filters and VALID filters the input's size (a MatMul)."""
    r = np.random.RandomState(14)
    out = [(3, 19, 3, 5, 4, 1, "SAME", 1), (2, 16, 16, 3, 2, 2, "VALID", 1),
           (3, 19, 5, 5, 4, 1, "SAME", 1), (2, 16, 32, 3, 2, 2, "VALID", 1)]
    for i in range(26):
        n, h = int(r.randint(1, 6)), int(r.randint(3, 24))
        c = int(r.choice([1, 2, 3, 5, 8, 16, 32, 64]))
        k = int(r.choice([1, 2, 3, 5, 7]))
        o = int(r.choice([1, 2, 3, 4, 6, 8, 16, 33, 64]))
        s = int(r.choice([1, 2, 3]))
        pad = str(r.choice(["SAME", "VALID"]))
        if i % 10 == 0:
            k, pad = h, "VALID"
        if pad == "VALID" and k > h:
            k = 1
        dil = 2 if i % 7 == 3 and s == 1 and k > 1 else 1
        if pad == "VALID" and (k - 1) * dil + 1 > h:
            dil = 1
        out.append((n, h, c, k, o, s, pad, dil))
    return out


def conv3d_shapes():
    """(batch, size, channels, kernel, filters, stride, padding) of float64 Conv3Ds
    (CuboidConvolution: threads and depth shards decided on the volume patches' cost; one
    output voxel: gemv; 1x1x1 and VALID filters the input's size: a MatMul)."""
    r = np.random.RandomState(15)
    out = []
    for i in range(14):
        n, h = int(r.randint(1, 4)), int(r.randint(3, 10))
        c = int(r.choice([1, 2, 3, 4, 8, 16]))
        k = int(r.choice([1, 2, 3]))
        o = int(r.choice([1, 2, 3, 4, 8, 16]))
        s = int(r.choice([1, 2]))
        pad = str(r.choice(["SAME", "VALID"]))
        if i % 5 == 0:
            k, pad = h, "VALID"
        if pad == "VALID" and k > h:
            k = 1
        out.append((n, h, c, k, o, s, pad))
    return out


def digest(v):
    v = np.ascontiguousarray(v)
    return [list(v.shape), hashlib.sha256(v.tobytes()).hexdigest(),
            [repr(float(t)) for t in v.ravel()[:4]]]   # (repr: a NaN equals itself)


def mlp(tf):
    """A float64 MLP (tanh, sigmoid, softplus, Exp in the loss) trained by Adam: 5 losses
    and the trained weights (MatMul, its gradients' transposes, the activations)."""
    rng = np.random.RandomState(3)
    xd, yd = rng.randn(37, 23), rng.randn(37, 5)
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float64, xd.shape)
        y = tf.placeholder(tf.float64, yd.shape)
        h = tf.layers.dense(x, 50, activation=tf.nn.tanh)
        h = tf.layers.dense(h, 30, activation=tf.nn.sigmoid)
        h = tf.layers.dense(h, 20, activation=tf.nn.softplus)
        o = tf.layers.dense(h, 5)
        loss = tf.reduce_mean(tf.square(o - y)) + tf.reduce_mean(tf.exp(-tf.abs(o)))
        step = tf.train.AdamOptimizer(0.01).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([loss, step], {x: xd, y: yd})[0] for _ in range(5)]
            return [losses, sess.run(tf.trainable_variables())]


def cases(tf):
    out = {"mlp_adam": mlp(tf)}
    r = np.random.RandomState(13)
    with tf.Session() as sess:
        for (m, k, n) in matmul_shapes():
            for ta in (False, True):
                for tb in (False, True):
                    a = r.randn(*((k, m) if ta else (m, k)))
                    b = r.randn(*((n, k) if tb else (k, n)))
                    pa = tf.placeholder(tf.float64, a.shape)
                    pb = tf.placeholder(tf.float64, b.shape)
                    y = tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb)
                    out["mm_%d_%d_%d_%d%d" % (m, k, n, ta, tb)] = digest(
                        sess.run(y, {pa: a, pb: b}))
        for (bt, m, k, n) in bmm_shapes():
            for ta in (False, True):
                for tb in (False, True):
                    a = r.randn(bt, *((k, m) if ta else (m, k)))
                    b = r.randn(bt, *((n, k) if tb else (k, n)))
                    pa = tf.placeholder(tf.float64, a.shape)
                    pb = tf.placeholder(tf.float64, b.shape)
                    y = tf.matmul(pa, pb, adjoint_a=ta, adjoint_b=tb)
                    out["bmm_%d_%d_%d_%d_%d%d" % (bt, m, k, n, ta, tb)] = digest(
                        sess.run(y, {pa: a, pb: b}))
        for (n, h, c, k, o, s, pad, dil) in conv_shapes():
            x = r.randn(n, h, h, c)
            f = r.randn(k, k, c, o)
            px = tf.placeholder(tf.float64, x.shape)
            pf = tf.placeholder(tf.float64, f.shape)
            y = tf.nn.conv2d(px, pf, [1, s, s, 1], pad, dilations=[1, dil, dil, 1])
            name = "conv_%d_%d_%d_%d_%d_%d_%s_%d" % (n, h, c, k, o, s, pad, dil)
            out[name] = digest(sess.run(y, {px: x, pf: f}))
            if dil == 1:   # Conv2DBackpropInput and Conv2DBackpropFilter
                gy = tf.constant(r.randn(*y.shape.as_list()))
                dx, df = sess.run(tf.gradients(y, [px, pf], grad_ys=gy), {px: x, pf: f})
                out[name + "_dx"] = digest(dx)
                out[name + "_df"] = digest(df)
        for (n, h, c, k, o, s, pad) in conv3d_shapes():
            x = r.randn(n, h, h, h, c)
            f = r.randn(k, k, k, c, o)
            px = tf.placeholder(tf.float64, x.shape)
            pf = tf.placeholder(tf.float64, f.shape)
            y = tf.nn.conv3d(px, pf, [1, s, s, s, 1], pad)
            out["conv3d_%d_%d_%d_%d_%d_%d_%s" % (n, h, c, k, o, s, pad)] = digest(
                sess.run(y, {px: x, pf: f}))
        # one output (m = n = 1), float32 too: Eigen's gemv (a row-major one with b
        # transposed, else the contraction's column-major one), not a dot product
        for k in (7, 9, 16, 33, 130, 300):
            for dt in (np.float32, np.float64):
                for ta in (False, True):
                    for tb in (False, True):
                        a = r.randn(*((k, 1) if ta else (1, k))).astype(dt)
                        b = r.randn(*((1, k) if tb else (k, 1))).astype(dt)
                        pa = tf.placeholder(dt, a.shape)
                        pb = tf.placeholder(dt, b.shape)
                        y = tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb)
                        out["dot_%s_%d_%d%d" % (np.dtype(dt).name, k, ta, tb)] = digest(
                            sess.run(y, {pa: a, pb: b}))
        for i, x in enumerate(unary_inputs()):
            p = tf.placeholder(tf.float64, x.shape)
            sp = tf.nn.softplus(p)
            ops = {"exp": tf.exp(p), "sigmoid": tf.sigmoid(p), "tanh": tf.tanh(p),
                   "log": tf.log(tf.abs(p)), "log1p": tf.log1p(tf.abs(p)), "softplus": sp,
                   "softplus_grad": tf.gradients(sp, p, grad_ys=tf.constant(
                       r.uniform(-1, 1, x.shape)))[0]}
            vals = sess.run(ops, {p: x})
            for name in sorted(vals):
                out["%s_%d_%d" % (name, i, x.size)] = digest(vals[name])
    return out
