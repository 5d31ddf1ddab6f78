"""A WaveNet-style stack on a 1-D signal: causal padding with tf.pad, tf.nn.convolution with
dilation_rate 1,2,4, gated tanh*sigmoid units with residual and skip connections, a 1x1
conv1d head predicting the next sample; plus tf.nn.atrous_conv2d on a 2-D map; trained with
Adam with gradient clipping by global norm."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
sig = np.array([math.sin(0.55 * i) + 0.3 * math.cos(1.3 * i) for i in range(33)], np.float32)
xin = tf.constant(sig[None, :-1, None])
tgt = tf.constant(sig[None, 1:, None])
init = tf.variance_scaling_initializer(seed=2)
h = tf.layers.conv1d(xin, 8, 1, name="in")
skips = []
for i, d in enumerate([1, 2, 4]):
    with tf.variable_scope("blk%d" % i):
        wf = tf.get_variable("wf", [2, 8, 8], initializer=init)
        wg = tf.get_variable("wg", [2, 8, 8], initializer=init)
        hp = tf.pad(h, [[0, 0], [d, 0], [0, 0]])
        f = tf.nn.convolution(hp, wf, "VALID", dilation_rate=[d])
        g = tf.nn.convolution(hp, wg, "VALID", dilation_rate=[d])
        z = tf.tanh(f) * tf.sigmoid(g)
        skips.append(tf.layers.conv1d(z, 8, 1, name="skip"))
        h = h + tf.layers.conv1d(z, 8, 1, name="res")
out = tf.layers.conv1d(tf.nn.relu(tf.add_n(skips)), 1, 1, name="head")
loss = tf.reduce_mean(tf.square(out - tgt))
img = tf.constant(
    np.array([math.cos(i * 0.1) for i in range(2 * 9 * 9 * 3)])
    .reshape(2, 9, 9, 3)
    .astype(np.float32)
)
fa = tf.get_variable("fa", [3, 3, 3, 4], initializer=init)
at = tf.nn.atrous_conv2d(img, fa, 2, "SAME")
at2 = tf.nn.atrous_conv2d(img, fa, 3, "VALID")
loss2 = loss + 0.01 * tf.reduce_mean(tf.square(at)) + 0.01 * tf.reduce_mean(at2)
opt = tf.train.AdamOptimizer(0.01)
g_, v_ = zip(*opt.compute_gradients(loss2))
gc, gn = tf.clip_by_global_norm(g_, 0.5)
train = opt.apply_gradients(zip(gc, v_))
print("ops", len(tf.get_default_graph().get_operations()), at.shape, at2.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("atrous", H(s.run(at)), H(s.run(at2)))
    for i in range(10):
        lv, n, _ = s.run([loss2, gn, train])
        if i % 2 == 0:
            print("step", i, repr(float(lv)), repr(float(n)))
    print("out", H(s.run(out)))
