"""Matrix structure in a small trained attention block: causal and banded masks by
tf.matrix_band_part (num_lower -1 / num_upper 0, and 1 / 1), tf.matrix_set_diag of a batch
of score matrices, tf.matrix_diag_part and tf.matrix_diag, tf.linalg.band_part, and
tf.einsum in several spellings (batched matmul "bij,bjk->bik", bilinear "bi,ij,bj->b",
outer product "bi,bj->bij", transpose "bij->bji", reduction "bij->b", "ij,jk" without an
output); trained with RMSPropOptimizer; op counts, gradient op types, per-step losses,
gradient bytes; tf.trace of a batch of tf.matrix_diag matrices."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3531)
rs = np.random.RandomState(3532)
B, T, D = 2, 4, 3

x = tf.placeholder(tf.float32, [B, T, D], "x")
y = tf.placeholder(tf.float32, [B], "y")
wq = tf.get_variable("wq", [D, D], initializer=tf.glorot_uniform_initializer(seed=10))
wk = tf.get_variable("wk", [D, D], initializer=tf.glorot_uniform_initializer(seed=11))
bil = tf.get_variable("bil", [D, D], initializer=tf.random_normal_initializer(0, 0.3, seed=12))
dg = tf.get_variable("dg", [B, T], initializer=tf.random_normal_initializer(seed=13))

q = tf.einsum("btd,de->bte", x, wq)
kk = tf.einsum("btd,de->bte", x, wk)
s = tf.einsum("bij,bkj->bik", q, kk)                         # [B, T, T]
ones = tf.ones([T, T])
causal = tf.matrix_band_part(ones, -1, 0)
band = tf.linalg.band_part(s, 1, 1)
s = tf.matrix_set_diag(s * causal - 1e4 * (1.0 - causal), dg)
att = tf.nn.softmax(s)
ctx = tf.einsum("bij,bjk->bik", att, x)
dpart = tf.matrix_diag_part(att)                             # [B, T]
md = tf.matrix_diag(dpart)
pooled = tf.einsum("bij->bj", ctx)
score = (tf.einsum("bi,ij,bj->b", pooled, bil, pooled)
         + tf.einsum("bij->b", band) * 0.1
         + tf.trace(md)
         + tf.reduce_sum(tf.einsum("bi,bj->bij", dpart, dpart), [1, 2]) * 0.5
         + tf.reduce_sum(tf.einsum("bij->bji", tf.matrix_band_part(att, 0, 1)), [1, 2]))
tr = tf.einsum("ij,jk", wq, wk)
loss = tf.reduce_mean(tf.square(score - y)) + 0.01 * tf.trace(tr)
opt = tf.train.RMSPropOptimizer(0.01)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
g = tf.get_default_graph()
print(len(g.get_operations()), s.shape.as_list(), md.shape.as_list(), tr.shape.as_list())
print([gr.op.type for gr, _ in gv])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients/"))))

fd = {x: rs.randn(B, T, D).astype(np.float32), y: rs.randn(B).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, c = sess.run([att, causal], fd)
    print(c.tolist(), a[1].tolist())
    gd, gb = sess.run(tf.gradients(loss, [dg, bil]), fd)
    print(gd.tolist(), hashlib.md5(gb.tobytes()).hexdigest())
    for it in range(8):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for var in tf.trainable_variables():
        print(var.op.name, hashlib.md5(sess.run(var).tobytes()).hexdigest())
