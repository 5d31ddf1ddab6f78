"""channels_first tf.layers: the ops, shapes and variables TF 1.14 builds (goldens; TF 1.14
cannot run NCHW convolutions on CPU), and values and gradients equal to the channels_last
layers' transposed."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "channels_first")
GEN = generator("layers", "channels_first")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_channels_first_graph_is_tfs(case):
    result = GEN._facts(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)


def _init(shape, seed):
    return tf.constant_initializer(np.random.RandomState(seed).randn(*shape))


LAYERS = {
    "conv2d": (4, lambda x, df: tf.layers.conv2d(
        x, 4, 3, data_format=df, activation=tf.nn.relu,
        kernel_initializer=_init([3, 3, 3, 4], 1), bias_initializer=_init([4], 2))),
    "conv2d_strided": (4, lambda x, df: tf.layers.conv2d(
        x, 2, [3, 2], strides=2, padding="same", data_format=df,
        kernel_initializer=_init([3, 2, 3, 2], 3))),
    "max_pool": (4, lambda x, df: tf.layers.max_pooling2d(x, 2, 2, data_format=df)),
    "avg_pool": (4, lambda x, df: tf.layers.average_pooling2d(x, 3, 1, padding="same",
                                                             data_format=df)),
    "conv2d_transpose": (4, lambda x, df: tf.layers.conv2d_transpose(
        x, 2, 3, strides=2, padding="same", data_format=df,
        kernel_initializer=_init([3, 3, 2, 3], 4), bias_initializer=_init([2], 5))),
    "separable": (4, lambda x, df: tf.layers.separable_conv2d(
        x, 4, 3, depth_multiplier=2, data_format=df,
        depthwise_initializer=_init([3, 3, 3, 2], 6),
        pointwise_initializer=_init([1, 1, 6, 4], 7))),
    "conv1d": (3, lambda x, df: tf.layers.conv1d(x, 2, 3, data_format=df,
                                                 kernel_initializer=_init([3, 3, 2], 8))),
    "max_pool1d": (3, lambda x, df: tf.layers.max_pooling1d(x, 2, 1, data_format=df)),
    "conv3d": (5, lambda x, df: tf.layers.conv3d(x, 2, 2, data_format=df,
                                                 kernel_initializer=_init([2, 2, 2, 3, 2], 9))),
    "avg_pool3d": (5, lambda x, df: tf.layers.average_pooling3d(x, 2, 1, data_format=df)),
    "batch_norm": (4, lambda x, df: tf.layers.batch_normalization(
        x, axis=1 if df == "channels_first" else -1, training=True)),
    "flatten_dense": (4, lambda x, df: tf.layers.dense(
        tf.layers.flatten(x, data_format=df), 2, kernel_initializer=_init([75, 2], 10))),
}


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_channels_first_values_are_channels_last_transposed(name):
    rank, build = LAYERS[name]
    shape = {3: [2, 7, 3], 4: [2, 5, 5, 3], 5: [1, 4, 4, 4, 3]}[rank]
    data = np.random.RandomState(0).randn(*shape).astype(np.float32)
    to_first = [0, rank - 1] + list(range(1, rank - 1))
    to_last = [0] + list(range(2, rank)) + [1]
    results = {}
    for df in ("channels_last", "channels_first"):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, shape if df == "channels_last"
                               else [shape[i] for i in to_first])
            y = build(x, df)
            loss = tf.reduce_sum(y * y)
            grads = tf.gradients(loss, [x] + tf.trainable_variables())
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                feed = data if df == "channels_last" else data.transpose(to_first)
                results[df] = sess.run([y] + grads, {x: feed})
    last, first = results["channels_last"], results["channels_first"]
    out_rank = last[0].ndim
    if name != "flatten_dense":
        back = [0] + list(range(2, out_rank)) + [1]
        np.testing.assert_allclose(first[0].transpose(back), last[0], rtol=1e-4, atol=1e-4)
        np.testing.assert_allclose(first[1].transpose(to_last), last[1], rtol=1e-4, atol=1e-4)
    else:
        np.testing.assert_allclose(first[0], last[0], rtol=1e-4, atol=1e-4)
    for a, b in zip(first[2:], last[2:]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)
