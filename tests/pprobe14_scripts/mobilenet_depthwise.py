"""MobileNet-style blocks: tf.nn.depthwise_conv2d with a channel multiplier, strides and a
dilation rate, tf.nn.separable_conv2d, tf.layers.separable_conv2d (depth_multiplier 2,
strides 2, 'valid' and 'same', relu6 activation, L2 regularizers), their gradients with
respect to input and filters, and a few RMSProp steps on a softmax head; op counts,
regularization losses and values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1441)
rs = np.random.RandomState(1442)
xs = rs.normal(size=(6, 11, 11, 4)).astype(np.float32)
ys = rs.randint(0, 3, size=6)
x = tf.placeholder(tf.float32, [None, 11, 11, 4])
dw_f = tf.Variable(tf.truncated_normal([3, 3, 4, 2], stddev=0.3, seed=1), name="dw")
pw_f = tf.Variable(tf.truncated_normal([1, 1, 8, 6], stddev=0.3, seed=2), name="pw")
d1 = tf.nn.depthwise_conv2d(x, dw_f, [1, 1, 1, 1], "SAME")
d2 = tf.nn.depthwise_conv2d(x, dw_f, [1, 2, 2, 1], "VALID")
d3 = tf.nn.depthwise_conv2d(x, dw_f, [1, 1, 1, 1], "SAME", rate=[2, 2])
s1 = tf.nn.separable_conv2d(x, dw_f, pw_f, [1, 1, 1, 1], "VALID")
s2 = tf.nn.separable_conv2d(x, dw_f, pw_f, [1, 1, 1, 1], "SAME", rate=[2, 2])
reg = tf.contrib.layers.l2_regularizer(1e-2)
l1 = tf.layers.separable_conv2d(x, 8, 3, strides=2, padding="same", depth_multiplier=2,
                                activation=tf.nn.relu6, name="sep1",
                                depthwise_initializer=tf.glorot_uniform_initializer(seed=3),
                                pointwise_initializer=tf.glorot_uniform_initializer(seed=4),
                                depthwise_regularizer=reg, pointwise_regularizer=reg)
l2 = tf.layers.separable_conv2d(l1, 10, 3, padding="valid", activation=tf.nn.relu6,
                                name="sep2", dilation_rate=1,
                                depthwise_initializer=tf.glorot_uniform_initializer(seed=5),
                                pointwise_initializer=tf.glorot_uniform_initializer(seed=6))
pooled = tf.reduce_mean(l2, [1, 2])
logits = tf.layers.dense(pooled, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=7))
loss = tf.losses.sparse_softmax_cross_entropy(ys, logits) + tf.losses.get_regularization_loss()
probe = tf.reduce_sum(d1 * d1) + tf.reduce_sum(d2) + tf.reduce_sum(tf.sin(d3)) + \
    tf.reduce_sum(s1 ** 2) + tf.reduce_sum(s2)
grads = tf.gradients(probe, [x, dw_f, pw_f])
train = tf.train.RMSPropOptimizer(0.01, decay=0.9, momentum=0.5).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))
print("shapes", d1.shape, d2.shape, d3.shape, s1.shape, s2.shape, l1.shape, l2.shape)
print("reg", [v.name for v in tf.losses.get_regularization_losses()])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run([d1, d2, d3, s1, s2] + grads, {x: xs})
    print("fwd", [h(a) for a in r[:5]])
    print("grads", [h(a) for a in r[5:]])
    print(" d3[0,5,5]", [repr(float(v)) for v in r[2][0, 5, 5]])
    print(" gdw[1,1,2]", [repr(float(v)) for v in r[6][1, 1, 2]])
    print(" gx[2,0,0]", [repr(float(v)) for v in r[5][2, 0, 0]])
    for step in range(5):
        _, lv = sess.run([train, loss], {x: xs})
        print(step, repr(float(lv)))
    print("sep1", h(sess.run("sep1/depthwise_kernel:0")), h(sess.run("sep1/pointwise_kernel:0")))
