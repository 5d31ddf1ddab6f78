"""tf.RegisterGradient and tf.NotDifferentiable share TF 1.14's one gradient registry
(Registry.register): a name registered twice, or an op type that has a gradient (a rule or
NotDifferentiable), is a KeyError; and tf.gradients leaves the gradient ops TF leaves when
a gradient function returns the wrong count (each checked with the TF 1.14 oracle)."""
import pytest

import flowgrad as tf


def test_not_differentiable_twice_is_a_key_error():
    tf.NotDifferentiable("FlowgradTestTwiceNoGrad")
    with pytest.raises(KeyError, match="Registering two gradient with name "
                                       "'FlowgradTestTwiceNoGrad'!"):
        tf.no_gradient("FlowgradTestTwiceNoGrad")
    with pytest.raises(KeyError, match="'FlowgradTestTwiceNoGrad'"):
        tf.RegisterGradient("FlowgradTestTwiceNoGrad")(lambda op, grad: grad)


@pytest.mark.parametrize("op_type", ["Relu", "Add", "Shape"])
def test_a_built_in_gradient_is_not_replaced(op_type):
    with pytest.raises(KeyError, match=f"Registering two gradient with name '{op_type}'!"):
        tf.RegisterGradient(op_type)(lambda op, grad: grad)
    with pytest.raises(KeyError, match=f"'{op_type}'"):
        tf.NotDifferentiable(op_type)
    with tf.Graph().as_default():
        x = tf.constant([-1.0, 2.0])
        assert tf.gradients(tf.nn.relu(x) + x, x)[0].op.type == "AddN"


def test_wrong_count_leaves_tfs_gradient_ops():
    @tf.custom_gradient
    def bad_count(x, y):
        return x + y, lambda dy: [dy]

    with tf.Graph().as_default() as g:
        x, y = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
        z = bad_count(x, y)
        n = len(g.get_operations())
        with pytest.raises(ValueError, match="do not match num inputs 3"):
            tf.gradients(z, [x, y])
        assert [(o.name, o.type) for o in g.get_operations()[n:]] == [
            ("gradients/Shape", "Const"), ("gradients/grad_ys_0", "Const"),
            ("gradients/Fill", "Fill"), ("gradients/zeros_like", "ZerosLike"),
            ("gradients/zeros_like_1", "ZerosLike")]
        assert tf.gradients(x * 2.0, x)[0].name == "gradients_1/mul_grad/Reshape:0"
