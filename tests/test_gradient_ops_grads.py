"""The gradients of gradient ops (third derivatives and beyond) and of the few ops whose rules
the op tables never reach: each checked numerically with the shared checker."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.testing import check_grads

RS = np.random.RandomState(7)
X = RS.randn(1, 4, 4, 2)


def _linear_grad_op(forward):
    """g -> d<forward(x0), g>/dx0: the forward op's gradient op as a function of g."""
    def f(g):
        x0 = tf.constant(X)
        return tf.gradients(forward(x0), x0, grad_ys=g)[0]
    return f


@pytest.mark.parametrize("forward", [
    lambda x: tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"),
    lambda x: tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "SAME"),
], ids=["AvgPoolGrad", "MaxPoolGrad"])
def test_pool_gradient_ops_are_differentiable(forward):
    with tf.Graph().as_default():
        shape = forward(tf.constant(X)).shape.as_list()
    check_grads(_linear_grad_op(forward), [RS.randn(*shape)])


def test_max_pool_grad_grad_is_differentiable():
    def forward(x):
        return tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")

    def f(h):
        g = tf.constant(RS.randn(1, 4, 4, 2))
        mpg = _linear_grad_op(forward)(g)             # MaxPoolGrad(x0, y0, g)
        return tf.gradients(mpg, g, grad_ys=h)[0]     # MaxPoolGradGrad(x0, y0, h)
    check_grads(f, [RS.randn(1, 4, 4, 2)])


def test_bias_add_grad_is_differentiable():
    def f(g):
        b = tf.constant(np.zeros(2))
        return tf.gradients(tf.nn.bias_add(tf.constant(X), b), b, grad_ys=g)[0]  # BiasAddGrad
    check_grads(f, [RS.randn(*X.shape)])


def test_remaining_rules():
    check_grads(lambda x: tf.ones_like(x) * x, [RS.randn(3)])
    check_grads(lambda x: tf.placeholder_with_default(x, [3]) ** 2.0, [RS.randn(3)])
    check_grads(lambda x, y: tf.add(x, y) * x, [RS.randn(3), RS.randn(3)])  # Add
    x = tf.constant([0, 2])
    oh = tf.one_hot(x, 3)
    assert tf.gradients(oh, x) == [None]  # integer indices: no gradient, as TF


def test_addv2_and_conj_rules():
    from flowgrad.engine.ops._base import apply
    check_grads(lambda x, y: apply("AddV2", [x, y]) * y, [RS.randn(2, 3), RS.randn(3)])
    check_grads(lambda x: tf.conj(x) * x, [RS.randn(4)])
