"""TF 1.14's float32 Conv2DBackpropInput (Conv2DCustomBackpropInputOp) around its
use_parallel_contraction switch: with a batch, each image's work unit (out_backprop,
filter and columns, in values) per intra-op thread at least 256 KiB of floats (its fixed
L2 size) makes every image a contraction of its own on the pool, as a batch of one
computes it (a 1x1 filter on 1x1 images: a matrix-vector product each, MobileNetV2's
Conv_1 gradient). Below it TF shards the images over its threads, each image's columns one
call of MKL-DNN's sgemm on one thread (Conv2DCustomBackpropInputMatMulFunctor<float>):
its depth blocks of 384 only, without Eigen's slices of at most 320 (out depths above 320
tell them apart). Made on an Intel Xeon with 2 intra-op threads (the threshold counts
per thread): the cases "host" and "threads" record them. Read by
tests/test_conv_backprop_parallel.py."""
import numpy as np

from goldenio import host_vendor

# (n, h, c, o): out_backprop [n, h, h, o], filter [1, 1, c, o]; work units on 2 threads:
# 131400, 135600, 144752, 144752 values (>= 131072 = 2 x 65536)
SHAPES = [(2, 1, 100, 1300), (3, 2, 100, 1300), (4, 1, 112, 1280), (2, 1, 112, 1280)]
# (n, h, w, c, kh, kw, o, stride, padding) of a conv2d whose input gradient is taken
SGEMM = [(2, 1, 1, 200, 1, 1, 625, 1, "VALID"),    # sgemm: two blocks of 313, 312
         (3, 3, 3, 293, 1, 1, 383, 1, "VALID"),    # one block of 383 (Eigen: 192 + 191)
         (3, 3, 5, 21, 1, 1, 1186, 1, "SAME"),     # blocks of 384, 384, 209, 209
         (2, 3, 3, 28, 2, 2, 804, 1, "VALID"),
         (7, 3, 3, 13, 1, 2, 1290, 2, "SAME"),
         (2, 5, 5, 45, 2, 2, 426, 1, "VALID"),
         (2, 1, 1, 208, 1, 1, 625, 1, "VALID"),    # work unit 130833 on 2 threads: sgemm
         (2, 1, 1, 209, 1, 1, 625, 1, "VALID"),    # 131459: parallel, gemv per image
         (2, 2, 2, 204, 1, 1, 625, 1, "VALID"),    # 130816: sgemm
         (2, 2, 2, 205, 1, 1, 625, 1, "VALID"),    # 131445: parallel, Eigen's slices
         (1, 2, 2, 200, 1, 1, 625, 1, "VALID"),    # batch of one: Eigen's slices
         (2, 4, 4, 60, 1, 1, 300, 1, "VALID")]     # depth 300: one slice, one block


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
    for n, h, w, c, kh, kw, o, stride, pad in SGEMM:
        rs = np.random.RandomState(n * 10000 + c * 10 + kh)
        w_ = rs.uniform(-1, 1, (kh, kw, c, o)).astype(np.float32)
        oh, ow = ((-(-h // stride), -(-w // stride)) if pad == "SAME" else
                  ((h - kh) // stride + 1, (w - kw) // stride + 1))
        dy = rs.uniform(-1, 1, (n, oh, ow, o)).astype(np.float32)
        with tf.Graph().as_default():
            p = tf.placeholder(tf.float32, dy.shape)
            t = tf.nn.conv2d_backprop_input([n, h, w, c], w_, p, [1, stride, stride, 1], pad)
            with tf.Session() as s:
                key = "sgemm_" + "_".join(map(str, (n, h, w, c, kh, kw, o, stride, pad)))
                out[key] = s.run(t, {p: dy})
    return out


def _threads():
    import os
    return len(os.sched_getaffinity(0))
