"""Op names and counts equal TF 1.14's for tf.contrib.losses, depthwise / separable
convolutions (tf.nn, tf.layers, keras, contrib.layers) and
tf.report_uninitialized_variables (goldens: tests/golden/layers/gen_layer_ops.py).

With only a graph-level seed a random op's seed2 is the graph's op counter at its
creation, so these calls must create exactly TF's ops for a seeded program that uses
them to print TF's numbers."""
import json

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("layers", "layer_ops")
WANT = goldens.load("layers", "layer_ops")


# Calls whose ops still differ from TF's, with the reason. A listed call that starts
# matching fails test_known_different_still_differ: take it off the list.
KNOWN_DIFFERENT = {}   # (metrics.auc's AssertGuard conds: TF's Switch/Merge, tf_nodes.py)


def _ops(name):
    return json.loads(json.dumps(GEN.ops_of(tf, dict(GEN.CALLS)[name])))


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)
    assert set(KNOWN_DIFFERENT) <= set(WANT)


@pytest.mark.parametrize("name", sorted(n for n in WANT if n not in KNOWN_DIFFERENT))
def test_ops_equal_tf(name):
    assert _ops(name) == WANT[name]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _ops(name) != WANT[name]


def test_report_uninitialized_variables_values():
    tf.reset_default_graph()
    a = tf.Variable(1.0, name="a")
    tf.get_variable("b", (2,))
    tf.get_variable("r", (2,), use_resource=True)
    report = tf.report_uninitialized_variables()
    assert report.op.device == "/device:CPU:0"
    with tf.Session() as sess:
        assert list(sess.run(report)) == [b"a", b"b", b"r"]
        sess.run(a.initializer)
        assert list(sess.run(report)) == [b"b", b"r"]
        sess.run(tf.global_variables_initializer())
        assert sess.run(report).shape == (0,)


def test_report_uninitialized_variables_without_collections_checks_graph_variables():
    tf.reset_default_graph()
    g = tf.get_default_graph()
    tf.Variable(1.0, name="a", collections=[])
    report = tf.report_uninitialized_variables()
    assert [op.type for op in g.get_operations()].count("IsVariableInitialized") == 1
    with tf.Session() as sess:
        assert list(sess.run(report)) == [b"a"]


@pytest.mark.parametrize("padding", ["SAME", "VALID"])
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
def test_dilated_depthwise_space_to_batch_equals_dilations(padding, fmt):
    """rate > 1 goes through SpaceToBatchND / BatchToSpaceND (as TF); values and
    gradients equal the dilated DepthwiseConv2dNative's."""
    tf.reset_default_graph()
    rng = np.random.RandomState(0)
    shape = (2, 9, 10, 3) if fmt == "NHWC" else (2, 3, 9, 10)
    x = tf.constant(rng.randn(*shape))
    w = tf.constant(rng.randn(3, 3, 3, 2))
    a = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], padding, rate=[2, 3], data_format=fmt)
    types = [op.type for op in tf.get_default_graph().get_operations()]
    assert "SpaceToBatchND" in types and "BatchToSpaceND" in types
    dil = [1, 2, 3, 1] if fmt == "NHWC" else [1, 1, 2, 3]
    b = tf.nn.depthwise_conv2d_native(x, w, [1, 1, 1, 1], padding, data_format=fmt,
                                      dilations=dil)
    assert a.shape.as_list() == b.shape.as_list()
    ga = tf.gradients(tf.reduce_sum(a * a), [x, w])
    gb = tf.gradients(tf.reduce_sum(b * b), [x, w])
    with tf.Session() as sess:
        va, vb, *grads = sess.run([a, b] + ga + gb)
    np.testing.assert_allclose(va, vb, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(grads[0], grads[2], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(grads[1], grads[3], rtol=1e-10, atol=1e-10)
