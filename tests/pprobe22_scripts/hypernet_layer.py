"""A hypernetwork (Ha et al.) generating a classifier layer's weights: per-layer embeddings z
(tf.get_variable) pass through a two-stage hypernet (tf.tensordot, then tf.einsum) to give the
[16, 16] kernels of two hidden layers, which are applied with tf.matmul to a toy 3-class
problem; weight-decayed training by tf.contrib.opt.AdamWOptimizer on the embeddings and the
hypernet (its apply_gradients under tf.control_dependencies on the gradients: the decoupled
decay would race with the forward pass's reads), then tf.contrib.opt.NadamOptimizer for a
fine-tune of the embeddings alone; the gradient w.r.t. z by tf.gradients and its norm; op
counts, slot names, losses, accuracy."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2231)
rs = np.random.RandomState(2232)
ZD, D, NZ = 4, 16, 2

X = rs.randn(60, 2)
lab = (np.arctan2(X[:, 1], X[:, 0]) > 0).astype(np.int32) + (X[:, 0] > 0.5)
x = tf.constant(X.astype(np.float32))
yl = tf.constant(lab.astype(np.int32))

with tf.variable_scope("hyper"):
    z = tf.get_variable("z", [NZ, ZD], initializer=tf.random_normal_initializer(0, 1, seed=1))
    w_in = tf.get_variable("w_in", [ZD, ZD * D],
                           initializer=tf.truncated_normal_initializer(0, 0.5, seed=2))
    b_in = tf.get_variable("b_in", [ZD * D], initializer=tf.zeros_initializer())
    w_out = tf.get_variable("w_out", [ZD, D], initializer=tf.glorot_normal_initializer(seed=3))
    a = tf.reshape(tf.tensordot(z, w_in, [[1], [0]]) + b_in, [NZ, D, ZD])
    kernels = tf.einsum("ndk,ke->nde", a, w_out) / np.sqrt(D).astype(np.float32)

with tf.variable_scope("main"):
    h = tf.layers.dense(x, D, tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    for i in range(NZ):
        h = tf.nn.elu(tf.matmul(h, kernels[i]))
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=5))
loss = tf.losses.sparse_softmax_cross_entropy(yl, logits)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32), yl),
                             tf.float32))
gz = tf.gradients(loss, z)[0]
gnorm = tf.norm(gz)
adamw = tf.contrib.opt.AdamWOptimizer(1e-3, learning_rate=0.01)
gvs = adamw.compute_gradients(loss)
# AdamW's decay (var -= wd * var) has no ordering with the forward pass's reads in TF:
# the update waits on the gradients here
with tf.control_dependencies([gv[0] for gv in gvs]):
    train = adamw.apply_gradients(gvs)
tune = tf.contrib.opt.NadamOptimizer(0.005).minimize(loss, var_list=[z])
g = tf.get_default_graph()
print(len(g.get_operations()), kernels.shape.as_list(), a.shape.as_list())
print(sorted(v.op.name for v in tf.global_variables() if "z" in v.op.name))
print(sorted(set(op.type for op in g.get_operations() if op.type.startswith("Apply")
                 or op.type.startswith("Resource"))))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(30):
        if it % 6 == 0:
            print(it, repr(sess.run(loss)), repr(sess.run(gnorm)), repr(sess.run(acc)))
        sess.run(train)
    for it in range(6):
        sess.run(tune)
    print(repr(sess.run(loss)), repr(sess.run(acc)))
    print(sess.run(z).tolist())
    print(sess.run(kernels)[1, :2, :4].tolist())
