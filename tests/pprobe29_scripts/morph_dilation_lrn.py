"""Morphological layers: a learned grayscale dilation (tf.nn.dilation2d, SAME, strides 1 and
rates 2) and erosion (tf.nn.erosion2d, VALID, strides 2) with their structuring elements as
variables, a morphological gradient (dilation minus erosion), tf.nn.local_response_normalization
(depth_radius, bias, alpha, beta) and tf.nn.lrn on a conv feature map; a tiny classifier
trained by Momentum; gradients of the structuring elements by tf.gradients; op counts,
shapes, losses and values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2901)
rs = np.random.RandomState(2902)

X = rs.rand(6, 9, 9, 2).astype(np.float32)
lab = (X[:, 2:7, 2:7, 0].mean(axis=(1, 2)) > X[:, :, :, 1].mean(axis=(1, 2))).astype(np.int32)
x = tf.constant(X)
y = tf.constant(lab)

with tf.variable_scope("morph"):
    se_d = tf.get_variable("se_d", [3, 3, 2], initializer=tf.random_uniform_initializer(
        -0.2, 0.2, seed=1))
    se_e = tf.get_variable("se_e", [2, 2, 2], initializer=tf.random_uniform_initializer(
        -0.2, 0.2, seed=2))
    dil = tf.nn.dilation2d(x, se_d, [1, 1, 1, 1], [1, 2, 2, 1], "SAME", name="dil")
    ero = tf.nn.erosion2d(x, se_e, [1, 2, 2, 1], [1, 1, 1, 1], "VALID", name="ero")
    grad_m = tf.nn.dilation2d(x, se_e, [1, 1, 1, 1], [1, 1, 1, 1], "SAME") - \
        tf.nn.erosion2d(x, se_e, [1, 1, 1, 1], [1, 1, 1, 1], "SAME")
    k = tf.get_variable("k", [3, 3, 6, 8], initializer=tf.glorot_uniform_initializer(seed=3))
    feat = tf.concat([dil, grad_m, x], axis=3)
    c = tf.nn.relu(tf.nn.conv2d(feat, k, [1, 1, 1, 1], "SAME"))
    n1 = tf.nn.local_response_normalization(c, depth_radius=2, bias=1.0, alpha=0.1, beta=0.75)
    n2 = tf.nn.lrn(c, 1, 2.0, 0.5, 0.5, name="lrn2")
    pooled = tf.concat([tf.reduce_mean(n1, [1, 2]), tf.reduce_max(n2, [1, 2]),
                        tf.reduce_mean(ero, [1, 2])], axis=1)
    logits = tf.layers.dense(pooled, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
g_se = tf.gradients(loss, [se_d, se_e])
g_lrn = tf.gradients(tf.reduce_sum(n1 * n2), c)[0]
train = tf.train.MomentumOptimizer(0.2, 0.9).minimize(loss)

g = tf.get_default_graph()
print(len(g.get_operations()), dil.shape.as_list(), ero.shape.as_list(), grad_m.shape.as_list())
print(sorted(set(op.type for op in g.get_operations() if "Dilation" in op.type or "LRN" in op.type
                 or "Morph" in op.type)))
print(sorted(op.name for op in g.get_operations() if op.type == "Dilation2D"))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    d, e, gm = sess.run([dil, ero, grad_m])
    print(d[0, :3, :3, 0].tolist())
    print(e[1, :2, :2, 1].tolist(), repr(float(gm.sum())))
    a, b, gl = sess.run([n1, n2, g_lrn])
    print(a[0, 0, 0, :].tolist())
    print(b[2, 4, 4, :].tolist())
    print(repr(float(np.abs(gl).sum())), gl[0, 1, 1, :3].tolist())
    gs = sess.run(g_se)
    print(gs[0][:, :, 0].tolist())
    print(gs[1].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train])
        print(it, repr(lv))
    print(sess.run(se_d)[:, :, 1].tolist())
    print(sess.run(se_e).ravel().tolist())
