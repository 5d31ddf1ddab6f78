"""Domain-adversarial training with a gradient-reversal layer written as a Defun (the
`python_grad_func` form public DANN code uses), scale_gradient on the features, seeded
weights, a few SGD steps; prints the call ops, the library and the losses."""

import numpy as np
import tensorflow as tf
from tensorflow.python.framework import function

tf.set_random_seed(7)
np.set_printoptions(precision=5, suppress=True)


def _reverse_grad(op, grad):
    return [tf.negative(grad) * op.inputs[1], None]


@function.Defun(tf.float32, tf.float32, python_grad_func=_reverse_grad,
                shape_func=lambda op: [op.inputs[0].get_shape()])
def reverse_gradient(x, lam):
    return tf.identity(x)


rng = np.random.RandomState(3)
xs = rng.randn(16, 4).astype(np.float32)
ys = (xs[:, 0] > 0).astype(np.int64)
ds = (xs[:, 1] > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
d = tf.placeholder(tf.int64, [None], name="d")
lam = tf.placeholder_with_default(0.3, [], name="lam")

with tf.variable_scope("feature"):
    h = tf.layers.dense(x, 8, activation=tf.nn.relu)
    h = tf.contrib.layers.scale_gradient(h, 0.5)
with tf.variable_scope("label"):
    logits = tf.layers.dense(h, 2)
with tf.variable_scope("domain"):
    rev = reverse_gradient(h, lam)
    print("rev", rev.name, rev.op.type, rev.get_shape())
    dlogits = tf.layers.dense(tf.layers.dense(rev, 6, activation=tf.nn.tanh), 2)

label_loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
domain_loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=d, logits=dlogits))
total = label_loss + domain_loss
opt = tf.train.GradientDescentOptimizer(0.2)
grads = opt.compute_gradients(total)
train = opt.apply_gradients(grads)
print("n_ops", len(tf.get_default_graph().get_operations()))
for op in tf.get_default_graph().get_operations():
    if "reverse_gradient" in op.name or "scale_gradient" in op.name:
        print(op.name, op.type, [t.name for t in op.inputs])
lib = tf.get_default_graph().as_graph_def().library
print(sorted(f.signature.name for f in lib.function))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: xs, y: ys, d: ds}
    for step in range(4):
        _, a, b = sess.run([train, label_loss, domain_loss], feed)
        print(step, np.float32(a), np.float32(b))
    g = sess.run([gv[0] for gv in grads if gv[0] is not None], feed)
    print([np.round(v.ravel()[:3], 5) for v in g[:3]])
