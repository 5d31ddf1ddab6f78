"""TF 1.14's float32 Conv2DBackpropInput (Conv2DCustomBackpropInputOp) around its
use_parallel_contraction switch: with a batch, each image's work unit (out_backprop,
filter and columns, in values) per intra-op thread at least 256 KiB of floats (its fixed
L2 size) makes every image a contraction of its own on the pool, as a batch of one
computes it (a 1x1 filter on 1x1 images: a matrix-vector product each, MobileNetV2's
Conv_1 gradient). Made on an Intel Xeon with 2 intra-op threads (the threshold counts
per thread): the cases "host" and "threads" record them. Read by
tests/test_conv_backprop_parallel.py."""
import numpy as np

from goldenio import host_vendor

# (n, h, c, o): out_backprop [n, h, h, o], filter [1, 1, c, o]; work units on 2 threads:
# 131400, 135600, 144752, 144752 values (>= 131072 = 2 x 65536)
SHAPES = [(2, 1, 100, 1300), (3, 2, 100, 1300), (4, 1, 112, 1280), (2, 1, 112, 1280)]


def cases(tf):
    out = {"host": host_vendor(), "threads": _threads()}
    for n, h, c, o in SHAPES:
        rs = np.random.RandomState(n * 1000 + c)
        w = rs.uniform(-1, 1, (1, 1, c, o)).astype(np.float32)
        dy = rs.uniform(-1, 1, (n, h, h, o)).astype(np.float32)
        with tf.Graph().as_default():
            p = tf.placeholder(tf.float32, dy.shape)
            t = tf.nn.conv2d_backprop_input([n, h, h, c], w, p, [1, 1, 1, 1], "SAME")
            with tf.Session() as s:
                out["x".join(map(str, (n, h, c, o)))] = s.run(t, {p: dy})
    return out


def _threads():
    import os
    return len(os.sched_getaffinity(0))
