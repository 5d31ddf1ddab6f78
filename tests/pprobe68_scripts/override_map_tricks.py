"""gradient_override_map tricks of TF1 research code: a straight-through sign estimator
(Identity gradient for Sign), guided-backprop ReLU, a gradient reversal layer built from a
registered gradient (DANN), a straight-through round for quantization, and
tf.stop_gradient's "x + stop_gradient(f(x) - x)" form: gradients, a few training steps,
the op types and the override attributes."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(4)


@tf.RegisterGradient("GuidedRelu68")
def _guided_relu(op, grad):
    return tf.where(grad > 0., grad * tf.cast(op.outputs[0] > 0., tf.float32),
                    tf.zeros_like(grad))


@tf.RegisterGradient("FlipGradient68")
def _flip(op, grad):
    return [tf.negative(grad) * 0.3]


@tf.RegisterGradient("STSign68")
def _st_sign(op, grad):
    return tf.clip_by_value(grad, -1.0, 1.0) * tf.cast(tf.abs(op.inputs[0]) <= 1.0, tf.float32)


g = tf.get_default_graph()
x = tf.constant([[-1.5, -0.2, 0.3, 2.0], [0.7, -0.9, 1.1, -3.0]])
with g.gradient_override_map({"Relu": "GuidedRelu68"}):
    r = tf.nn.relu(x * 2.0 - 0.5)
with g.gradient_override_map({"Identity": "FlipGradient68"}):
    flipped = tf.identity(x, name="flip")
with g.gradient_override_map({"Sign": "STSign68", "Round": "Identity"}):
    s = tf.sign(x)
    q = tf.round(x * 4.0) / 4.0
ste = x + tf.stop_gradient(tf.floor(x) - x)
up = tf.constant([[1.0, -2.0, 3.0, -4.0], [0.5, 0.5, -0.5, -0.5]])
grads = tf.gradients([r, flipped, s, q, ste], x, grad_ys=[up] * 5)
each = [tf.gradients(t, x, grad_ys=up)[0] for t in [r, flipped, s, q, ste]]
print(r.op.get_attr("_gradient_op_type"), s.op.get_attr("_gradient_op_type"),
      q.op.inputs[0].op.get_attr("_gradient_op_type"))
print(flipped.op.name, flipped.op.get_attr("_gradient_op_type"))
try:
    tf.nn.relu(x).op.get_attr("_gradient_op_type")
except ValueError as e:
    print("ValueError", e)
with tf.Session() as sess:
    print(sess.run(grads)[0].tolist())
    for e in sess.run(each):
        print(e.tolist())

# DANN-style domain classifier with a gradient reversal layer
with tf.Graph().as_default() as g2:
    tf.set_random_seed(9)
    rs = np.random.RandomState(2)
    X = rs.randn(16, 3).astype(np.float32)
    Yc = (X[:, :1] > 0).astype(np.float32)
    Yd = (X[:, 1:2] > 0).astype(np.float32)
    xin = tf.placeholder(tf.float32, [None, 3])
    feat = tf.layers.dense(xin, 6, tf.nn.tanh,
                           kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    cls = tf.layers.dense(feat, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    with g2.gradient_override_map({"Identity": "FlipGradient68"}):
        rev = tf.identity(feat)
    dom = tf.layers.dense(rev, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    lc = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Yc, logits=cls))
    ld = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Yd, logits=dom))
    total = lc + ld
    train = tf.train.AdamOptimizer(0.05).minimize(total)
    print(len(g2.get_operations()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(5):
            a, b, _ = sess.run([lc, ld, train], {xin: X})
            print(step, repr(float(a)), repr(float(b)))
