"""tf.layers against TF 1.14: ops built, variables, collections, values, gradients."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("layers", "tf_layers")
GEN = generator("layers", "tf_layers")


def _compare(got, want, path=""):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _compare(got[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        if hasattr(got, "indices") and hasattr(got, "values"):  # IndexedSlicesValue
            got = [got.values, got.indices, got.dense_shape]
        assert len(got) == len(want), path
        for i, (a, b) in enumerate(zip(got, want)):
            _compare(a, b, f"{path}[{i}]")
    elif isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-5, err_msg=path)
    elif isinstance(want, float):
        assert got == pytest.approx(want, rel=2e-5, abs=2e-5), path
    else:
        assert got == want, path


@pytest.mark.parametrize("case", sorted(GOLD))
def test_tf_layers_case(case):
    tf.reset_default_graph()
    fns = {"dense": ("_dense", (5, 3), 1), "dense_class": ("_dense_class", (2, 5, 3), 1),
           "conv": ("_conv", (2, 8, 8, 3), 1), "conv_nchw": ("_conv_nchw", (2, 3, 6, 6), 1),
           "conv1d": ("_conv1d3d", (2, 7, 3), 1), "conv3d": ("_conv3d", (1, 4, 4, 4, 2), 1),
           "transpose_separable": ("_transpose_separable", (2, 5, 5, 3), 1),
           "bn_train": ("_bn_train", (4, 3, 3, 2), 2), "bn_infer": ("_bn_infer", (4, 3, 3, 2), 1)}
    if case in fns:
        name, shape, n = fns[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape), n_runs=n)
    else:
        result = GEN._fresh(tf, getattr(GEN, "_" + case))
    _compare(result, GOLD[case], case)


def test_keras_dense_creates_resource_variables():
    from flowgrad.ops.resource_variable_ops import ResourceVariable

    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        layer = tf.keras.layers.Dense(2, name="kd")
        y = layer(x)
        assert [v.name for v in layer.weights] == ["kd/kernel:0", "kd/bias:0"]
        assert all(isinstance(v, ResourceVariable) for v in layer.weights)
        assert [v.dtype for v in layer.weights] == [tf.float32, tf.float32]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            xv = np.arange(6, dtype=np.float32).reshape(2, 3)
            k, b, out = sess.run([layer.kernel, layer.bias, y], {x: xv})
        np.testing.assert_allclose(out, xv @ k + b, rtol=1e-6)
        np.testing.assert_array_equal(b, np.zeros(2, np.float32))


def test_keras_layers_without_weights_build_tf_ops():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 4, 4, 2])
        y = tf.keras.layers.MaxPooling2D()(x)
        z = tf.keras.layers.Flatten()(y)
        assert (y.name, z.shape.as_list()) == ("max_pooling2d/MaxPool:0", [None, 8])
