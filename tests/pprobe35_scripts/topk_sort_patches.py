"""Selection and patch ops in a small trained model: tf.nn.top_k over rows with ties (TF
keeps the lower index first) and its gradient to the selected positions only, tf.sort
ASCENDING / DESCENDING and tf.argsort(stable=True) on float and int tensors with repeated
values and a signed zero, k-max pooling by top_k plus tf.sort of the indices,
tf.image.extract_image_patches (VALID with rates 2, SAME with strides 2) feeding a linear
layer and its gradient, trained with GradientDescentOptimizer; op counts, gradient op
types, sorted values and orders, per-step losses and the trained bytes."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3541)
rs = np.random.RandomState(3542)
B, H, W, C, K = 2, 6, 6, 2, 3

img = tf.placeholder(tf.float32, [B, H, W, C], "img")
y = tf.placeholder(tf.float32, [B, 2], "y")
wa = tf.get_variable("wa", [2 * 2 * C, 3], initializer=tf.glorot_uniform_initializer(seed=14))
wb = tf.get_variable("wb", [3 * 3 * C, 3], initializer=tf.glorot_uniform_initializer(seed=15))
wo = tf.get_variable("wo", [2 * K * 3, 2], initializer=tf.glorot_uniform_initializer(seed=16))

pa = tf.image.extract_image_patches(img, [1, 2, 2, 1], [1, 1, 1, 1], [1, 2, 2, 1], "VALID")
pb = tf.extract_image_patches(img, ksizes=[1, 3, 3, 1], strides=[1, 2, 2, 1],
                              rates=[1, 1, 1, 1], padding="SAME")
fa = tf.tensordot(pa, wa, 1)                                  # [B, 4, 4, 3]
fb = tf.tensordot(pb, wb, 1)                                  # [B, 3, 3, 3]


def rows(t):
    return tf.reshape(tf.transpose(t, [0, 3, 1, 2]), [B, 3, -1])


# round to a coarse grid so top_k meets ties
ra = tf.round(rows(fa) * 2.0) / 2.0 + 0.0 * fa[0, 0, 0, 0]
ra = ra + tf.stop_gradient(tf.round(ra) - ra) * 0.0 + rows(fa) * 1e-9
vals, idx = tf.nn.top_k(ra, K)
order = tf.sort(idx, axis=-1)                                 # positions in original order
kmax = tf.batch_gather(ra, order)
rb = rows(fb)
vb, _ = tf.nn.top_k(rb, K, sorted=False)
feat = tf.reshape(tf.concat([kmax, vb], -1), [B, -1])
out = tf.matmul(feat, wo)
loss = tf.reduce_mean(tf.square(out - y)) + 0.1 * tf.reduce_sum(vals)
opt = tf.train.GradientDescentOptimizer(0.05)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)

t = tf.constant([[3.0, 1.0, 3.0, -0.0, 0.0, 1.0], [2.0, 2.0, 2.0, -1.0, 5.0, -1.0]])
ti = tf.constant([[4, 1, 4, 0, 1, 7], [9, 9, 2, 2, 2, 0]])
tv, tix = tf.nn.top_k(t, 4)
srt = [tf.sort(t), tf.sort(t, direction="DESCENDING"), tf.sort(ti),
       tf.sort(ti, direction="DESCENDING")]
args = [tf.argsort(t, stable=True), tf.argsort(t, direction="DESCENDING", stable=True),
        tf.argsort(ti), tf.argsort(ti, direction="DESCENDING")]
gtop = tf.gradients(tf.reduce_sum(tv * [[1.0, 2.0, 3.0, 4.0]]), t)[0]
g = tf.get_default_graph()
print(len(g.get_operations()), pa.shape.as_list(), pb.shape.as_list(), vals.shape.as_list(),
      kmax.shape.as_list(), [s.op.type for s in srt], [a.op.type for a in args])
print([gr.op.type for gr, _ in gv])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients"))))

fd = {img: rs.randn(B, H, W, C).astype(np.float32), y: rs.randn(B, 2).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run([tv, tix, gtop] + srt + args)
    for a in r:
        print(a.dtype.name, a.tolist(), np.signbit(a).tolist() if a.dtype.kind == "f" else "")
    v0, i0, ra0 = sess.run([vals, idx, ra], fd)
    print(v0[0].tolist(), i0.tolist(), ra0[0, 0].tolist())
    gw = sess.run(tf.gradients(loss, [wa, wb, img]), fd)
    print([hashlib.md5(a.tobytes()).hexdigest() for a in gw])
    for it in range(8):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for var in tf.trainable_variables():
        print(var.op.name, hashlib.md5(sess.run(var).tobytes()).hexdigest())
