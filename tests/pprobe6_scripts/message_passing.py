"""A message-passing graph network on an edge list: messages gathered from source nodes,
aggregated with unsorted_segment_sum / _max / _mean (segment count by hand) and
segment_sum over sorted graph ids for a per-graph readout; trained with Adam; the
gradients through the segment ops printed."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(21)
rs = np.random.RandomState(22)
N = 9
src = np.array([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 8, 1], np.int32)
dst = np.array([1, 2, 0, 3, 4, 3, 6, 7, 5, 6, 7, 0], np.int32)
gid = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2], np.int32)
X = rs.randn(N, 4).astype(np.float32)
Yg = np.array([[1.0], [-0.5], [0.25]], np.float32)
x = tf.constant(X)
h = x
for t in range(2):
    with tf.variable_scope("mp%d" % t):
        msg = tf.layers.dense(tf.gather(h, src), 6, tf.nn.relu, name="msg")
        agg_s = tf.unsorted_segment_sum(msg, dst, N)
        agg_m = tf.unsorted_segment_max(msg, dst, N)
        cnt = tf.unsorted_segment_sum(tf.ones_like(dst, tf.float32), dst, N)
        agg_mean = agg_s / tf.maximum(cnt, 1.0)[:, None]
        agg_m = tf.where(tf.is_finite(agg_m), agg_m, tf.zeros_like(agg_m))
        h = tf.layers.dense(tf.concat([h, agg_mean, agg_m], 1), 6, tf.nn.tanh, name="upd")
ro = tf.segment_sum(h, gid)
rmax = tf.segment_max(h, gid)
rmean = tf.unsorted_segment_mean(h, gid, 3)
out = tf.layers.dense(tf.concat([ro, rmax, rmean], 1), 1)
loss = tf.reduce_mean(tf.square(out - Yg))
opt = tf.train.AdamOptimizer(0.02)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    g0 = s.run([g for g, _ in gv])
    print("grads", [H(g) for g in g0[:4]])
    for i in range(12):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print("step", i, repr(float(lv)))
    print("out", s.run(out).ravel().tolist())
    print("h", H(s.run(h)))
