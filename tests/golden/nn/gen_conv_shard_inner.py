"""TF 1.14's float32 Conv2D and MatMul around Eigen's shardByInnerDim decision on 2 intra-op
threads (TensorContractionThreadPool.h): the cost model that picks the threads reads the
blocking TF refines for MKL-DNN's sgemm (eigen_contraction_kernel.h: the depth cut into
equal slices of at most 320 rounded up to 8, the output blocks rounded up to 48 and 24),
not Eigen's 320. A small output with a large depth then gets one thread where Eigen's
blocks gave two, and the depth is sharded over both (InceptionV3's 7x1 conv on a
(2, 3, 3, 160) input: two halves of 560). Made on an Intel Xeon with 2 intra-op threads
(the decision counts them): the cases "host" and "threads" record them. Read by
tests/test_conv_shard_inner.py."""
import zlib

import numpy as np

from goldenio import host_vendor

# (batch, height, width, channels, kh, kw, filters), SAME, stride 1
CONVS = [(2, 3, 3, 160, 7, 1, 160),   # InceptionV3 conv2d_45: k 1120, shards of 560
         (2, 3, 3, 160, 3, 3, 160),   # k 1440: 720
         (2, 3, 3, 160, 1, 7, 160),
         (2, 3, 3, 160, 3, 1, 160),   # k 480: shards of 240 add as Eigen's two slices
         (2, 4, 4, 160, 7, 1, 160),   # 32 rows: two threads, the depth whole
         (1, 3, 5, 256, 3, 1, 128),   # k 768: 384
         (2, 3, 3, 48, 7, 1, 160),    # one thread, k 336 below 2 x 8 x nr per shard
         (3, 2, 4, 96, 3, 3, 96)]     # 24 rows sharded by column: the bandwidth of 24
# (m, n, k) of MatMul
MATMULS = [(8, 257, 1757), (13, 258, 352), (24, 124, 1391), (30, 169, 1232)]


def _data(key, *shapes):
    rs = np.random.RandomState(zlib.crc32(str(list(key)).encode()))
    return [rs.uniform(-1, 1, s).astype(np.float32) for s in shapes]


def cases(tf):
    out = {"host": host_vendor(), "threads": _threads()}
    with tf.Graph().as_default(), tf.Session() as s:
        for n, h, w, c, kh, kw, o in CONVS:
            x, f = _data((n, h, w, c, kh, kw, o), (n, h, w, c), (kh, kw, c, o))
            px, pf = tf.placeholder(tf.float32, x.shape), tf.placeholder(tf.float32, f.shape)
            out["conv_%dx%dx%dx%d_%dx%d_%d" % (n, h, w, c, kh, kw, o)] = s.run(
                tf.nn.conv2d(px, pf, [1, 1, 1, 1], "SAME"), {px: x, pf: f})
        for m, n, k in MATMULS:
            a, b = _data((m, n, k), (m, k), (k, n))
            pa, pb = tf.placeholder(tf.float32, a.shape), tf.placeholder(tf.float32, b.shape)
            out["matmul_%dx%dx%d" % (m, n, k)] = s.run(tf.matmul(pa, pb), {pa: a, pb: b})
    return out


def _threads():
    import os
    return len(os.sched_getaffinity(0))
