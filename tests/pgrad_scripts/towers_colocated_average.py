"""two towers' colocated gradients averaged, AddN / tuple placement in the GraphDef,
dropout after training."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1)
np.set_printoptions(precision=5, suppress=True)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
opt = tf.train.AdamOptimizer(0.01)
tower_grads = []
xs = tf.split(x, 2)
ys = tf.split(y, 2)
for i in range(2):
    with tf.device("/cpu:%d" % 0), tf.name_scope("tower_%d" % i):
        with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
            h = tf.layers.dense(xs[i], 4, activation=tf.nn.relu, name="h")
            o = tf.layers.dense(h, 1, name="o")
        loss = tf.reduce_mean(tf.square(o - ys[i]))
        grads = opt.compute_gradients(loss, colocate_gradients_with_ops=True)
        tower_grads.append(grads)
avg = []
for gv in zip(*tower_grads):
    g = tf.reduce_mean(tf.stack([g for g, _ in gv]), 0)
    avg.append((g, gv[0][1]))
train = opt.apply_gradients(avg)
gd = tf.get_default_graph().as_graph_def()
print(len(gd.node))
for n in gd.node:
    if "gradients" in n.name and ("AddN" in n.name or "tuple" in n.name or "grad_ys" in n.name):
        print(n.name, n.device, list(n.attr["_class"].list.s))
drop = tf.nn.dropout(x, 0.5)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    rng = np.random.RandomState(0)
    X, Y = rng.randn(8, 3).astype(np.float32), rng.randn(8, 1).astype(np.float32)
    for i in range(3):
        s.run(train, {x: X, y: Y})
    print(s.run(tf.trainable_variables()[-1]))
    print(s.run(drop, {x: X[:2]}))
