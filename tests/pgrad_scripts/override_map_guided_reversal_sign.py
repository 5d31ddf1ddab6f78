"""gradient_override_map: guided ReLU, gradient reversal (Identity), Sign/Round/Floor
straight-through overrides; op names, then a graph-seeded sample."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
g = tf.get_default_graph()


@tf.RegisterGradient("GuidedRelu")
def _guided(op, grad):
    return tf.where(
        0.0 < grad, grad * tf.cast(op.outputs[0] > 0.0, tf.float32), tf.zeros_like(grad)
    )


@tf.RegisterGradient("GradRev")
def _rev(op, grad):
    return [tf.negative(grad) * 0.5]


@tf.RegisterGradient("STSign")
def _st(op, grad):
    return [tf.clip_by_value(grad, -1.0, 1.0)]


x = tf.placeholder(tf.float32, [None, 4], name="x")
w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=1))
with g.gradient_override_map({"Relu": "GuidedRelu"}):
    h = tf.nn.relu(tf.matmul(x, w))
with g.gradient_override_map({"Identity": "GradRev"}):
    r = tf.identity(h, name="rev")
with g.gradient_override_map({"Sign": "STSign", "Round": "Identity", "Floor": "Identity"}):
    s = tf.sign(r)
    q = tf.round(r * 3.0) / 3.0
    f = tf.floor(r * 2.0)
loss = tf.reduce_sum(s * 2.0 + q * q + f * r)
gx, gw = tf.gradients(loss, [x, w])
print(len(g.get_operations()))
print([op.name for op in g.get_operations()][-30:])
print(s.op.get_attr("_gradient_op_type") if hasattr(s.op, "get_attr") else None)
noise = tf.random_normal([2, 3])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    xs = np.random.RandomState(0).randn(5, 4).astype(np.float32)
    np.set_printoptions(precision=5, suppress=True)
    print(sess.run([gx, gw], {x: xs}))
    print(sess.run(noise))
