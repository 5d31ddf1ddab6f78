"""Normalization by hand and by tf.contrib.layers: tf.nn.sufficient_statistics (with and
without shift, keep_dims) into tf.nn.normalize_moments, tf.nn.weighted_moments with
per-example frequency weights, tf.nn.batch_normalization of those; tf.contrib.layers
group_norm (groups 2, channels_axis -1, reduction_axes (-3, -2)), instance_norm (center
and scale, NHWC), layer_norm (begin_norm_axis=-1 and begin_norm_axis=1 with
begin_params_axis=-1); a small conv net built from them trained by RMSProp; gradients of
the weighted variance; op counts, variable names, losses and values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2921)
rs = np.random.RandomState(2922)

X = rs.randn(4, 6, 6, 4).astype(np.float32) * 2.0 + 0.5
W = rs.rand(4).astype(np.float32) + 0.25
Y = (X.mean(axis=(1, 2, 3)) > 0.5).astype(np.float32)
x = tf.constant(X)
freq = tf.constant(W.reshape(4, 1, 1, 1))
y = tf.constant(Y)

cnt, msum, vsum, shift = tf.nn.sufficient_statistics(x, [0, 1, 2], shift=0.3)
cnt2, msum2, vsum2, _ = tf.nn.sufficient_statistics(x, [1, 2], keep_dims=True)
mean1, var1 = tf.nn.normalize_moments(cnt, msum, vsum, shift)
mean2, var2 = tf.nn.normalize_moments(cnt2, msum2, vsum2, None)
wm, wv = tf.nn.weighted_moments(x, [0, 1, 2], freq)
bn = tf.nn.batch_normalization(x, wm, wv, None, None, 1e-3)
g_wv = tf.gradients(tf.reduce_sum(wv), x)[0]

init = tf.glorot_uniform_initializer
with tf.variable_scope("net"):
    h = tf.layers.conv2d(bn, 8, 3, padding="same", kernel_initializer=init(seed=1))
    h = tf.nn.relu(tf.contrib.layers.group_norm(h, groups=2, channels_axis=-1,
                                                reduction_axes=(-3, -2)))
    h = tf.layers.conv2d(h, 8, 3, strides=2, kernel_initializer=init(seed=2))
    h = tf.nn.relu(tf.contrib.layers.instance_norm(h, center=True, scale=True))
    h = tf.contrib.layers.layer_norm(h, begin_norm_axis=1, begin_params_axis=-1)
    f = tf.reduce_mean(h, [1, 2])
    f = tf.contrib.layers.layer_norm(f, begin_norm_axis=-1, scope="ln_out")
    logit = tf.squeeze(tf.layers.dense(f, 1, kernel_initializer=init(seed=3)), 1)
loss = tf.losses.sigmoid_cross_entropy(y, logit)
train = tf.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss)

g = tf.get_default_graph()
print(len(g.get_operations()))
print([v.op.name for v in tf.trainable_variables()])
print([t.shape.as_list() for t in (cnt, msum, cnt2, msum2, mean2, var2, wm)])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for t in (cnt, msum, vsum, shift, mean1, var1, wm, wv):
        print(np.asarray(sess.run(t)).ravel().tolist())
    m2, v2 = sess.run([mean2, var2])
    print(m2[2].ravel().tolist(), v2[3].ravel().tolist())
    gv = sess.run(g_wv)
    print(gv[1, 2, 3].tolist(), repr(float(gv.sum())))
    print(sess.run(bn)[0, 0, :2].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train])
        print(it, repr(lv))
    print(sess.run(logit).tolist())
    gamma = [v for v in tf.trainable_variables() if "InstanceNorm/gamma" in v.op.name][0]
    print(sess.run(gamma).tolist())
