"""Guided backpropagation and deconvnet saliency as Grad-CAM repositories write them: a
gradient override built on TF's generated op module (gen_nn_ops.relu_grad), its op names,
the saliency values; the gen_*_ops functions by position and keyword, their raw-op
counterparts and argument errors."""
import numpy as np
import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops, gen_math_ops, gen_nn_ops

np.random.seed(0)


@ops.RegisterGradient("PstyleGuidedRelu")
def _guided_relu_grad(op, grad):
    return tf.where(0. < grad, gen_nn_ops.relu_grad(grad, op.outputs[0]), tf.zeros_like(grad))


@ops.RegisterGradient("PstyleDeconvRelu")
def _deconv_relu_grad(op, grad):
    return tf.nn.relu(grad)


W1 = np.random.randn(3, 3, 3, 6).astype(np.float32) * 0.5
W2 = np.random.randn(3, 3, 6, 4).astype(np.float32) * 0.5


def build(x):
    h = tf.nn.relu(tf.nn.conv2d(x, W1, [1, 1, 1, 1], "SAME"))
    h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    return tf.nn.relu(tf.nn.conv2d(h, W2, [1, 1, 1, 1], "SAME"), name="last")


g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [1, 8, 8, 3])
with g.gradient_override_map({"Relu": "PstyleGuidedRelu"}):
    guided = build(x)
with g.gradient_override_map({"Relu": "PstyleDeconvRelu"}):
    deconv = build(x)
g_guided = tf.gradients(tf.reduce_max(guided[..., 1]), x)[0]
g_deconv = tf.gradients(tf.reduce_sum(deconv), x)[0]
print([op.name for op in g.get_operations()
       if op.type in ("Select", "ReluGrad", "Greater", "ZerosLike")])

# the generated functions: by position, by keyword, the raw ops
feat = tf.constant(np.random.randn(2, 4, 4, 1).astype(np.float32))
pooled = gen_nn_ops.max_pool(feat, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
pool_grad = gen_nn_ops.max_pool_grad(feat, pooled, tf.ones_like(pooled), ksize=[1, 2, 2, 1],
                                     strides=[1, 2, 2, 1], padding="VALID", name="mpg")
raw = gen_nn_ops.ReluGrad(gradients=feat, features=feat)
ident = gen_array_ops.identity(feat)
prod = gen_math_ops.mul(feat, 2.0)
for t in (pooled, pool_grad, raw, ident, prod):
    print(t.name, t.op.type, t.shape)
print(gen_nn_ops.relu_grad.__name__, gen_nn_ops.ReluGrad.__name__)
for call in (lambda: gen_nn_ops.ReluGrad(feat, feat),
             lambda: gen_nn_ops.relu_grad(feat),
             lambda: gen_nn_ops.relu_grad(feat, feat, "a", "b"),
             lambda: gen_nn_ops.relu_grad(feat, gradients=feat),
             lambda: gen_nn_ops.relu_grad(feat, feat, nam="a")):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)

xs = np.random.rand(1, 8, 8, 3).astype(np.float32)
with tf.Session() as sess:
    a, b = sess.run([g_guided, g_deconv], {x: xs})
    print(repr(float(a.sum())), int((a != 0).sum()), repr(float(b.sum())))
    saliency = np.abs(a).max(axis=-1)[0]
    print(np.round(saliency[:2, :4], 6))
    print(sess.run(pool_grad)[0, :, :, 0])
