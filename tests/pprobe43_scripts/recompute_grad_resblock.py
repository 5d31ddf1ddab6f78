"""tf.contrib.layers.recompute_grad on residual blocks that create their own (resource)
variables, in the manner of tensor2tensor's memory-efficient layers: the forward is run
again in the backward pass. Compares the gradients with an identical block stack built
without recompute_grad, prints op counts by type, the variables, the gradients and a few
SGD steps."""
import collections
import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(5)
X = rng.standard_normal((6, 4)).astype(np.float32)
Y = rng.standard_normal((6, 4)).astype(np.float32)


def block(h):
    with tf.variable_scope("block", use_resource=True):
        w1 = tf.get_variable("w1", [4, 8], initializer=tf.random_normal_initializer(0, 0.5, seed=1))
        w2 = tf.get_variable("w2", [8, 4], initializer=tf.random_normal_initializer(0, 0.5, seed=2))
        b = tf.get_variable("b", [4], initializer=tf.constant_initializer(0.1))
        return h + tf.matmul(tf.nn.relu(tf.matmul(h, w1)), w2) + b


def stack(x, recompute):
    h = x
    for i in range(2):
        with tf.variable_scope("layer%d" % i):
            fn = tf.contrib.layers.recompute_grad(block) if recompute else block
            h = fn(h)
    return h


x = tf.constant(X, name="x")
y = tf.constant(Y, name="y")
losses, grads = {}, {}
for name, rec in (("plain", False), ("recomp", True)):
    with tf.variable_scope(name):
        out = stack(x, rec)
    loss = tf.reduce_mean(tf.square(out - y))
    vs = [v for v in tf.trainable_variables() if v.name.startswith(name + "/")]
    losses[name] = loss
    grads[name] = (tf.gradients(loss, vs), vs)

g = tf.get_default_graph()
counts = collections.Counter(op.type for op in g.get_operations())
print(len(g.get_operations()))
print(sorted(counts.items()))
print([v.name for v in tf.trainable_variables()])
# tf.tuple gates the updates on every gradient (the recomputed forward reads the weights)
train = tf.train.GradientDescentOptimizer(0.05).apply_gradients(
    list(zip(tf.tuple(grads["recomp"][0]), grads["recomp"][1])))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    # the two stacks start from the same seeded values
    pv, rv = sess.run([grads["plain"][1], grads["recomp"][1]])
    print(all(np.array_equal(a, b) for a, b in zip(pv, rv)))
    gp, gr = sess.run([grads["plain"][0], grads["recomp"][0]])
    for a, b in zip(gp, gr):
        print(a.shape, np.abs(a - b).max(), hashlib.sha1(b.tobytes()).hexdigest()[:16])
    for step in range(3):
        lv, _ = sess.run([losses["recomp"], train])
        print(step, repr(float(lv)))
    print(repr(float(sess.run(losses["recomp"]))))
