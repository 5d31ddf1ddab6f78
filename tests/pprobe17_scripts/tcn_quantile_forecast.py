"""A temporal convolutional forecaster with quantile (pinball) loss on a synthetic weekly
series: causal tf.nn.convolution stacks with dilation_rate 1/2/4 and weight normalisation
(tf.nn.l2_normalize of the kernel times a learnt gain), residual connections, three quantile
heads; training windows made by tf.contrib.signal.frame, the forecast windows stitched back
by tf.contrib.signal.overlap_and_add and divided by the overlap count; RMSProp; pinball
losses, coverage of the 10-90 band and the stitched forecast at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1781)
rs = np.random.RandomState(1782)
N, W, S, C = 84, 16, 4, 6
t = np.arange(N)
series = (2.0 + 0.02 * t + np.sin(2 * np.pi * t / 7.0) + 0.3 * rs.standard_t(4, N))
series = series.astype(np.float32)
x = tf.constant(series)
win = tf.contrib.signal.frame(x, W, S)
inp, tgt = win[:, :-1, None], win[:, 1:, None]
qs = tf.constant([0.1, 0.5, 0.9])


def wn_conv(h, cout, k, d, name, seed):
    with tf.variable_scope(name):
        v = tf.get_variable("v", [k, h.shape[-1].value, cout],
                            initializer=tf.random_normal_initializer(0, 0.3, seed=seed))
        g = tf.get_variable("g", [cout], initializer=tf.ones_initializer())
        b = tf.get_variable("b", [cout], initializer=tf.zeros_initializer())
        w = tf.nn.l2_normalize(v, [0, 1]) * g
        hp = tf.pad(h, [[0, 0], [(k - 1) * d, 0], [0, 0]])
        return tf.nn.convolution(hp, w, "VALID", dilation_rate=[d]) + b


h = wn_conv(inp, C, 1, 1, "in", 31)
for i, d in enumerate([1, 2, 4]):
    h = h + tf.nn.relu(wn_conv(h, C, 2, d, "blk%d" % i, 40 + i))
pred = wn_conv(h, 3, 1, 1, "out", 50)
err = tgt - pred
pinball = tf.reduce_mean(tf.maximum(qs * err, (qs - 1.0) * err), [0, 1])
loss = tf.reduce_sum(pinball)
train = tf.train.RMSPropOptimizer(0.01, centered=True).minimize(loss)
inside = tf.logical_and(tgt[..., 0] >= pred[..., 0], tgt[..., 0] <= pred[..., 2])
cover = tf.reduce_mean(tf.cast(inside, tf.float32))
med = pred[..., 1]
stitched = tf.contrib.signal.overlap_and_add(med, S)
count = tf.contrib.signal.overlap_and_add(tf.ones_like(med), S)
avg = stitched / count
print(len(tf.get_default_graph().get_operations()))
print(win.shape, pred.shape, avg.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(10):
        pb, _ = s.run([pinball, train])
        if step % 3 == 0:
            print(step, [repr(v) for v in pb])
    print(repr(s.run(cover)))
    print([repr(v) for v in s.run(avg)[::7]])
