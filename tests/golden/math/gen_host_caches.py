"""TF 1.14's matrix products, convolutions and solvers whose bits depend on the cache sizes
Eigen reads on the machine that made this golden (its CPU vendor is recorded): the depth
blocks of computeProductBlockingSizes follow the L1 (float kc 400 for 32 KiB, 608 for 48
KiB; double 336 or 504; half 816 or 1224; the solvers' with KcFactor 4), and
Conv3DBackpropInput's images per shard (so its choice of kernel) Eigen::l3CacheSize(). tests/test_host_caches.py runs these with
flowgrad under that vendor's caches (engine/ops/host_cpu.py)."""
import hashlib

import numpy as np
from goldenio import host_vendor


def operands(seed, dtype, *shapes):
    r = np.random.RandomState(seed)
    return [r.randn(*s).astype(dtype) for s in shapes]


def digest(v):
    v = np.ascontiguousarray(v)
    return [str(v.dtype), list(v.shape), hashlib.sha256(v.tobytes()).hexdigest()]


def cases(tf):
    progs = []
    with tf.Graph().as_default():
        # MatMul and BatchMatMul: (batch or None, m, k, n, dtype)
        for i, (batch, m, k, n, dt) in enumerate([
                (None, 12, 337, 11, np.float64), (None, 10, 5000, 10, np.float64),
                (3, 9, 600, 5, np.float32), (2, 64, 900, 50, np.float32),
                (None, 6, 1000, 7, np.float16)]):
            lead = (batch,) if batch else ()
            a, b = operands(10 + i, dt, lead + (m, k), lead + (k, n))
            progs.append(("matmul_%d_%s" % (i, "x".join(map(str, lead + (m, k, n)))),
                          tf.matmul(a, b)))
        # Conv2DBackpropFilter: (batch, size, channels, kernel, filters, padding)
        for i, (n, h, c, k, o, pad) in enumerate([(7, 11, 1, 3, 32, "SAME"),
                                                   (4, 28, 1, 3, 32, "VALID")]):
            x, f = operands(30 + i, np.float32, (n, h, h, c), (k, k, c, o))
            y = tf.nn.conv2d(x, f, [1, 1, 1, 1], pad)
            dy = operands(40 + i, np.float32, tuple(y.shape.as_list()))[0]
            progs.append(("conv2d_filter_grad_%d" % i,
                          tf.nn.conv2d_backprop_filter(x, [k, k, c, o], dy, [1, 1, 1, 1], pad)))
        # Conv3DBackpropInputV2 on both sides of the L3's custom-kernel limit, and
        # Conv3DBackpropFilterV2
        for i, (n, h, c, k, o, pad) in enumerate([(700, 8, 8, 3, 1, "SAME"),
                                                   (45000, 2, 2, 1, 2, "VALID")]):
            oh = h if pad == "SAME" else h - k + 1
            f, dy = operands(50 + i, np.float32, (k, k, k, c, o), (n, oh, oh, oh, o))
            progs.append(("conv3d_input_grad_%d" % i, tf.nn.conv3d_transpose(
                dy, f, [n, h, h, h, c], [1, 1, 1, 1, 1], pad)))
        x, dy = operands(60, np.float32, (100, 6, 6, 6, 1), (100, 6, 6, 6, 32))
        progs.append(("conv3d_filter_grad", tf.nn.conv3d_backprop_filter_v2(
            x, [2, 2, 2, 1, 32], dy, [1, 1, 1, 1, 1], "SAME")))
        # MatrixSolve (PartialPivLU) and MatrixTriangularSolve: their depth blocks (KcFactor 4)
        r = np.random.RandomState(70)
        a = (r.randn(1, 100, 100) + np.eye(100) * 0.5).astype(np.float32)
        spd = (r.randn(1, 100, 100) + np.eye(100) * 101.0).astype(np.float32)
        b = r.randn(1, 100, 2).astype(np.float32)
        progs += [("matrix_solve", tf.matrix_solve(a, b)),
                  ("triangular_solve", tf.matrix_triangular_solve(spd, b, lower=True))]
        with tf.Session() as sess:
            out = {name: digest(sess.run(t)) for name, t in progs}
    out["vendor"] = host_vendor()
    return out
