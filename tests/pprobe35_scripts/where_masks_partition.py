"""Masking and routing in a small trained sequence model: tf.where with a vector condition
(v1 semantics: rows) and tf.where_v2 broadcasting a [B, 1, 1] condition against [1, T, D],
their gradients (zeros where not selected); tf.sequence_mask from lengths,
tf.reverse_sequence (seq_axis=1, batch_axis=0) for a backward pass, tf.boolean_mask with
axis=1 over the time steps, tf.dynamic_partition of the batch by a label into two heads and
tf.dynamic_stitch putting their outputs back; trained with MomentumOptimizer; op counts,
gradient op types, per-step losses, the masked shapes and the trained variables' bytes."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3511)
rs = np.random.RandomState(3512)
B, T, D = 4, 5, 3

x = tf.placeholder(tf.float32, [B, T, D], "x")
lens = tf.placeholder(tf.int32, [B], "lens")
part = tf.placeholder(tf.int32, [B], "part")
flag = tf.placeholder(tf.bool, [B], "flag")
tmask = tf.placeholder(tf.bool, [T], "tmask")
y = tf.placeholder(tf.float32, [B], "y")

w = tf.get_variable("w", [D, D], initializer=tf.glorot_uniform_initializer(seed=4))
bias = tf.get_variable("bias", [1, T, D], initializer=tf.random_normal_initializer(0, 0.1, seed=5))
heads = [tf.get_variable("head%d" % i, [D, 1], initializer=tf.glorot_normal_initializer(seed=6 + i))
         for i in range(2)]

h = tf.tanh(tf.einsum("btd,de->bte", x, w))
m = tf.sequence_mask(lens, T, dtype=tf.float32)               # [B, T]
rev = tf.reverse_sequence(h, lens, seq_axis=1, batch_axis=0)
h2 = tf.where(flag, h, rev * 0.5)                              # row select
h3 = tf.where_v2(tf.reshape(flag, [B, 1, 1]), h2, bias)        # broadcasting
h3 = h3 * m[:, :, None]
sel = tf.boolean_mask(h3, tmask, axis=1)                       # [B, ?, D]
pooled = tf.reduce_sum(sel, 1) / tf.cast(tf.reduce_sum(m, 1, keepdims=True), tf.float32)
pieces = tf.dynamic_partition(pooled, part, 2)
idx = tf.dynamic_partition(tf.range(B), part, 2)
outs = [tf.matmul(p, hd)[:, 0] for p, hd in zip(pieces, heads)]
pred = tf.dynamic_stitch(idx, outs)
loss = tf.reduce_mean(tf.square(pred - y))
opt = tf.train.MomentumOptimizer(0.2, 0.9)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
g = tf.get_default_graph()
print(len(g.get_operations()), sel.shape.as_list(), pred.shape.as_list(), m.dtype.name)
print([gr.op.type for gr, _ in gv])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients/"))))

fd = {x: rs.randn(B, T, D).astype(np.float32), lens: np.array([5, 2, 3, 1], np.int32),
      part: np.array([1, 0, 1, 1], np.int32), flag: np.array([True, False, False, True]),
      tmask: np.array([True, True, False, True, True]), y: rs.randn(B).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    s, p, r = sess.run([sel, pred, rev], fd)
    print(s.shape, p.tolist(), r[1].tolist())
    gb = sess.run(tf.gradients(loss, [bias, x]), fd)
    print(gb[0][0].tolist(), hashlib.md5(gb[1].tobytes()).hexdigest())
    for it in range(8):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for v in tf.trainable_variables():
        print(v.op.name, hashlib.md5(sess.run(v).tobytes()).hexdigest())
