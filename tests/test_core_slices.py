"""The gradient rules of the core ops (function calls, Case, fake quantization, fractional
pools) give the same gradient for an IndexedSlices upstream as for the equal dense one
(what tests/test_indexed_slices_grads.py checks for the ops the fuzzer builds)."""
import numpy as np
import pytest

import flowgrad as tf
from test_indexed_slices_grads import _upstreams


def _build(name, x):
    if name == "Case":
        return tf.switch_case(tf.constant(1), [lambda: x * 2.0, lambda: tf.sin(x) * x])
    if name == "PartitionedCall":
        return tf.function(lambda a: tf.tanh(a) * a)(x)
    if name == "StatefulPartitionedCall":
        v = tf.Variable(np.ones([3, 1, 2], np.float32), use_resource=True)
        return tf.function(lambda a: a * v)(x)
    if name == "FakeQuantWithMinMaxArgs":
        return tf.fake_quant_with_min_max_args(x, -0.7, 0.9)
    if name == "FakeQuantWithMinMaxVars":
        return tf.fake_quant_with_min_max_vars(x, tf.constant(-0.5), tf.constant(0.6))
    if name == "FakeQuantWithMinMaxVarsPerChannel":
        return tf.fake_quant_with_min_max_vars_per_channel(x, [-0.5, -0.2], [0.4, 0.9])
    pool = tf.nn.fractional_max_pool if name == "FractionalMaxPool" else \
        tf.nn.fractional_avg_pool
    return pool(tf.reshape(x, [1, 3, 4, 2]), [1.0, 1.4, 1.6, 1.0], True, True, True, 3, 5)[0]


@pytest.mark.parametrize("name", ["Case", "PartitionedCall", "StatefulPartitionedCall",
                                  "FakeQuantWithMinMaxArgs", "FakeQuantWithMinMaxVars",
                                  "FakeQuantWithMinMaxVarsPerChannel", "FractionalMaxPool",
                                  "FractionalAvgPool"])
def test_indexed_slices_upstream_matches_dense(name):
    with tf.Graph().as_default():
        x = tf.constant(np.random.RandomState(0).uniform(-1, 1, [3, 4, 2]).astype(np.float32))
        out = _build(name, x)
        assert any(op.type == name for op in tf.get_default_graph().get_operations())
        dense, sliced = _upstreams(out)
        gd = tf.gradients(out, x, grad_ys=dense)[0]
        gs = tf.gradients(out, x, grad_ys=sliced)[0]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            a, b = sess.run([tf.convert_to_tensor(gd), tf.convert_to_tensor(gs)])
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
