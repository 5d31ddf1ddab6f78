"""Dilated convolution by every route: tf.nn.atrous_conv2d (rate 2, SAME and VALID),
tf.nn.atrous_conv2d_transpose (rate 2, SAME) back to the input size, tf.nn.with_space_to_batch
around a VALID conv2d and a max_pool with dilation 2, tf.nn.pool (AVG and MAX, dilation_rate
[2, 2], VALID, strides 1) and tf.nn.convolution with dilation_rate; a small denoising
model trained by Adam; gradients w.r.t. the filters and the input; op counts, op types,
shapes, losses and values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2911)
rs = np.random.RandomState(2912)

X = rs.randn(3, 12, 12, 2).astype(np.float32)
x = tf.constant(X)
target = tf.constant((X * 0.5 + 0.1 * np.roll(X, 1, axis=1)).astype(np.float32))

init = tf.glorot_uniform_initializer
with tf.variable_scope("net"):
    w1 = tf.get_variable("w1", [3, 3, 2, 4], initializer=init(seed=1))
    w2 = tf.get_variable("w2", [2, 2, 4, 4], initializer=init(seed=2))
    wt = tf.get_variable("wt", [3, 3, 2, 4], initializer=init(seed=3))
    w3 = tf.get_variable("w3", [3, 3, 4, 4], initializer=init(seed=4))
    a1 = tf.nn.relu(tf.nn.atrous_conv2d(x, w1, 2, "SAME", name="a1"))
    a2 = tf.nn.atrous_conv2d(a1, w2, 2, "VALID", name="a2")
    sb = tf.nn.with_space_to_batch(
        a1, [2, 2], "VALID",
        lambda inp, num_spatial_dims, padding: tf.nn.conv2d(inp, w3, [1, 1, 1, 1], padding))
    mp = tf.nn.with_space_to_batch(
        a1, [2, 2], "SAME",
        lambda inp, num_spatial_dims, padding: tf.nn.max_pool(inp, [1, 2, 2, 1], [1, 1, 1, 1],
                                                              padding),
        filter_shape=[2, 2])
    avg = tf.pad(tf.nn.pool(a1, [3, 3], "AVG", "VALID", dilation_rate=[2, 2], name="avgp"),
                 [[0, 0], [2, 2], [2, 2], [0, 0]])
    mx = tf.nn.pool(a1, [2, 2], "MAX", "VALID", dilation_rate=[2, 2], name="maxp")
    cv = tf.nn.convolution(a1, w3, "SAME", dilation_rate=[2, 1])
    h = tf.nn.relu(avg + cv + mp)
    y = tf.nn.atrous_conv2d_transpose(h, wt, [3, 12, 12, 2], 2, "SAME", name="up")
loss = tf.reduce_mean(tf.squared_difference(y, target)) + 0.01 * (
    tf.reduce_mean(tf.square(a2)) + tf.reduce_mean(tf.square(sb)) + tf.reduce_mean(mx))
gw = tf.gradients(loss, [w1, w2, wt, w3])
gx = tf.gradients(loss, x)[0]
train = tf.train.AdamOptimizer(0.01).minimize(loss)

g = tf.get_default_graph()
print(len(g.get_operations()))
print([t.shape.as_list() for t in (a1, a2, sb, mp, avg, mx, cv, y)])
print(sorted(set(op.type for op in g.get_operations())))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    vals = sess.run([a1, a2, sb, mp, avg, mx, cv, y])
    for v in vals:
        print(repr(float(v.sum())), v.ravel()[::97][:4].tolist())
    for gv in sess.run(gw):
        print(gv.ravel()[:4].tolist(), repr(float(np.abs(gv).sum())))
    gxv = sess.run(gx)
    print(gxv[0, 5, 5].tolist(), repr(float(gxv.sum())))
    for it in range(10):
        lv, _ = sess.run([loss, train])
        if it % 3 == 0:
            print(it, repr(lv))
    print(repr(sess.run(loss)))
    print(sess.run(wt)[1, 1].ravel().tolist())
