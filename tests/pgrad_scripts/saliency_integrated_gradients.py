"""guided-backprop saliency through conv / pool, integrated gradients, SmoothGrad noise
after the gradients."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(17)
np.set_printoptions(precision=4, suppress=True)
g = tf.get_default_graph()


@tf.RegisterGradient("GuidedReluX")
def _gr(op, grad):
    gate_g = tf.cast(grad > 0, "float32")
    gate_y = tf.cast(op.outputs[0] > 0, "float32")
    return gate_y * gate_g * grad


x = tf.placeholder(tf.float32, [None, 8, 8, 1])
with g.gradient_override_map({"Relu": "GuidedReluX"}):
    h = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu, padding="same")
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.conv2d(h, 4, 3, activation=tf.nn.relu)
flat = tf.layers.flatten(h)
logits = tf.layers.dense(flat, 3)
prob = tf.nn.softmax(logits)
label = tf.placeholder(tf.int32, [])
score = logits[:, label]
sal = tf.gradients(score, x)[0]
sal_abs = tf.reduce_max(tf.abs(sal), axis=-1)
# integrated gradients
steps = 8
baseline = tf.zeros_like(x)
alphas = tf.reshape(tf.linspace(0.0, 1.0, steps + 1), [-1, 1, 1, 1])


def path_grad(a):
    xi = baseline + a * (x - baseline)
    return xi


xs = baseline + alphas * (x - baseline)
ig_logits = tf.layers.dense(tf.layers.flatten(xs), 3, name="ig_dense")
ig_score = ig_logits[:, 1]
grads = tf.gradients(ig_score, xs)[0]
avg = tf.reduce_mean((grads[:-1] + grads[1:]) / 2.0, axis=0)
ig = (x - baseline) * avg
# smoothgrad noise created after the gradients
noise = tf.random_normal(tf.shape(x), stddev=0.1)
sg = tf.gradients(tf.reduce_sum(tf.layers.dense(tf.layers.flatten(x + noise), 1, name="sg")), x)[0]
print(len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    img = np.random.RandomState(0).rand(1, 8, 8, 1).astype(np.float32)
    print(s.run(sal_abs, {x: img, label: 2})[0, :3])
    print(s.run(ig, {x: img})[0, :2, :4, 0])
    print(s.run(sg, {x: img})[0, :2, :4, 0])
