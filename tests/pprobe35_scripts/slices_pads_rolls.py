"""Shape plumbing in a small trained conv model: tf.pad REFLECT and SYMMETRIC (and their
MirrorPadGrad gradients), tf.tile, tf.roll over two axes with a negative shift, tf.split
with size_splits containing -1, tf.unstack / tf.stack along axis 1, tf.meshgrid (xy and ij)
coordinate channels, Python slicing that makes strided_slice with ellipsis, new_axis and
shrink_axis masks (x[..., None, 1:3], x[:, 0], x[1:, ::-2]); trained with AdagradOptimizer;
op counts, the strided slices' masks and shapes, per-step losses, gradient bytes."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3521)
rs = np.random.RandomState(3522)
B, H, W, C = 2, 5, 6, 2

x = tf.placeholder(tf.float32, [B, H, W, C], "x")
y = tf.placeholder(tf.float32, [B, 3], "y")
k = tf.get_variable("k", [3, 3, C + 2, 4], initializer=tf.glorot_uniform_initializer(seed=7))
v = tf.get_variable("v", [4, 3], initializer=tf.glorot_uniform_initializer(seed=8))
sv = tf.get_variable("sv", [H, W], initializer=tf.random_normal_initializer(seed=9))

gx, gy = tf.meshgrid(tf.linspace(-1.0, 1.0, W), tf.linspace(-1.0, 1.0, H))    # xy: [H, W]
ii, jj = tf.meshgrid(tf.range(H), tf.range(W), indexing="ij")
coords = tf.tile(tf.stack([gx, gy * sv], -1)[None], [B, 1, 1, 1])
xin = tf.concat([x, coords], -1)
p1 = tf.pad(xin, [[0, 0], [1, 1], [2, 2], [0, 0]], "REFLECT")
p2 = tf.pad(xin, [[0, 0], [1, 1], [2, 2], [0, 0]], mode="SYMMETRIC")
h = tf.nn.relu(tf.nn.conv2d(p1 + 0.5 * p2, k, [1, 1, 1, 1], "VALID"))     # [B, H, W+2, 4]
h = tf.roll(h, shift=[1, -2], axis=[1, 2])
a, b, c = tf.split(h, [2, -1, 1], axis=2)
cols = tf.unstack(b, axis=2)
hb = tf.stack([cols[0] * 2.0] + cols[1:], axis=1)                       # [B, n, H, 4]
s1 = h[..., None, 1:3]
s2 = h[:, 0]
s3 = h[1:, ::-2]
feat = (tf.reduce_mean(hb, [1, 2]) + tf.reduce_mean(a, [1, 2]) + tf.reduce_mean(c, [1, 2])
        + tf.pad(tf.reduce_mean(s1, [1, 2, 3]), [[0, 0], [0, 2]])
        + tf.reduce_sum(s2, 1) * 0.1 + tf.reduce_sum(s3) * 0.01)
out = tf.matmul(feat, v)
loss = tf.reduce_mean(tf.square(out - y)) + 0.01 * tf.reduce_sum(tf.cast(ii * jj, tf.float32))
opt = tf.train.AdagradOptimizer(0.3)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
g = tf.get_default_graph()
print(len(g.get_operations()), [t.shape.as_list() for t in (p1, h, a, b, c, hb, s1, s2, s3)])
for t in (s1, s2, s3):
    op = t.op
    print(op.type, [op.get_attr(n) for n in ("begin_mask", "end_mask", "ellipsis_mask",
                                             "new_axis_mask", "shrink_axis_mask")])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients/"))))

fd = {x: rs.randn(B, H, W, C).astype(np.float32), y: rs.randn(B, 3).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r1, r2 = sess.run([p1, p2], fd)
    print(r1[0, :, :, 0].tolist()[0], r2[1, :, :, 1].tolist()[-1])
    gk, gs = sess.run(tf.gradients(loss, [k, sv]), fd)
    print(hashlib.md5(gk.tobytes()).hexdigest(), gs[0].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for var in tf.trainable_variables():
        print(var.op.name, hashlib.md5(sess.run(var).tobytes()).hexdigest())
