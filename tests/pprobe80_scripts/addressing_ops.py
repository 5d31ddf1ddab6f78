"""The addressing pieces of DNC / NTM code one by one, with their gradients and the errors a
user meets: tf.cumprod (exclusive, reverse, with a zero), the log-space exclusive product,
tf.nn.top_k with ties, tf.invert_permutation, tf.batch_gather with 2-D and 3-D indices,
gather_nd with batch indices, tf.split with sizes and -1, tf.einsum for link reads,
matrix_set_diag / matrix_band_part, the oneplus strength and l2_normalize's epsilon:
values, gradients, op types and counts, and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(1)
np.set_printoptions(precision=7, suppress=True)

u = tf.constant([[0.2, 0.9, 0.0, 0.5, 0.9], [1.0, 0.3, 0.3, 0.1, 0.6]], tf.float32)
cp = [tf.cumprod(u, axis=1), tf.cumprod(u, axis=1, exclusive=True),
      tf.cumprod(u, axis=1, reverse=True), tf.cumprod(u, axis=1, exclusive=True, reverse=True),
      tf.exp(tf.cumsum(tf.log(u + 1e-6), axis=1, exclusive=True))]
grads = [tf.gradients(tf.reduce_sum(c * tf.range(1.0, 6.0)), u)[0] for c in cp]
vals, idx = tf.nn.top_k(1 - u, k=5)
vals3, idx3 = tf.nn.top_k(1 - u, k=3, sorted=True)
inv = tf.map_fn(tf.invert_permutation, idx)
back = tf.batch_gather(vals, inv)
g_top = tf.gradients(tf.reduce_sum(vals3 * [[1.0, 2.0, 3.0]]), u)[0]
g_back = tf.gradients(tf.reduce_sum(back * tf.range(1.0, 6.0)), u)[0]
with tf.Session() as sess:
    for c, g in zip(sess.run(cp), sess.run(grads)):
        print(c)
        print(g)
    print(sess.run([vals, idx, vals3, idx3, inv, back, g_top, g_back]))

# batch gathers
params = tf.reshape(tf.range(24.0), [2, 3, 4])
i2 = tf.constant([[2, 0], [1, 1]])
i3 = tf.constant([[[0, 3], [1, 2], [3, 3]], [[2, 2], [0, 1], [1, 0]]])
bg2 = tf.batch_gather(params, i2)
bg3 = tf.batch_gather(params, i3)
bidx = tf.stack([tf.tile(tf.range(2)[:, None], [1, 2]), i2], axis=-1)
gnd = tf.gather_nd(params, bidx)
g_bg = tf.gradients(tf.reduce_sum(bg3 * bg3), params)[0]
g_nd = tf.gradients(tf.reduce_sum(gnd * 2.0), params)[0]
print(bg2.shape, bg3.shape, gnd.shape, bidx.shape)
with tf.Session() as sess:
    for v in sess.run([bg2, bg3, gnd, g_bg, g_nd]):
        print(v)
print(sorted(set(o.type for o in bg3.graph.get_operations())))
print(type(g_nd).__name__, type(g_bg).__name__)

# interface vector split, einsum link reads, diagonals
iface = tf.reshape(tf.range(20.0), [2, 10])
parts = tf.split(iface, [3, 1, -1, 2], axis=1)
print([p.shape.as_list() for p in parts], [p.name for p in parts])
link = tf.reshape(tf.range(18.0), [2, 3, 3]) / 10.0
rw = tf.constant([[[0.2, 0.5, 0.3]], [[0.6, 0.1, 0.3]]])
fwd = tf.einsum("brn,bnm->brm", rw, link)
bwd = tf.einsum("brm,bnm->brn", rw, link)
nodiag = tf.matrix_set_diag(link, tf.zeros([2, 3]))
band = tf.matrix_band_part(link, 0, -1)
strength = 1 + tf.nn.softplus(tf.constant([-3.0, 0.0, 2.5]))
nrm = tf.nn.l2_normalize(tf.constant([[0.0, 0.0], [3.0, 4.0]]), axis=1, epsilon=1e-6)
nrm_dim = tf.nn.l2_normalize(tf.constant([[1e-4, 0.0], [3.0, 4.0]]), dim=1)
with tf.Session() as sess:
    for v in sess.run(parts + [fwd, bwd, nodiag, band, strength, nrm, nrm_dim]):
        print(v)
print(fwd.op.type, fwd.shape, bwd.shape, nrm.op.name, nrm_dim.op.name)

# errors
def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])


attempt(lambda: tf.split(iface, [3, 4, 5], axis=1))
attempt(lambda: tf.split(iface, [3, -1, -1], axis=1))
attempt(lambda: tf.nn.top_k(u, k=6))
attempt(lambda: tf.batch_gather(params, tf.constant([0, 1, 2])))
attempt(lambda: tf.batch_gather(params, tf.constant([[0], [1], [2]])))
attempt(lambda: tf.einsum("bij,bjk->bik", rw, tf.zeros([2, 4, 3])))
kk = tf.placeholder(tf.int32, [])
tk = tf.nn.top_k(u, k=kk)
print(tk.values.shape, tk.indices.shape)
bad_perm = tf.invert_permutation(tf.constant([0, 0, 2]))
with tf.Session() as sess:
    attempt(lambda: sess.run(tk, {kk: 7}))
    attempt(lambda: sess.run(tk, {kk: -1}))
    attempt(lambda: sess.run(bad_perm))
    attempt(lambda: sess.run(tf.gather_nd(params, [[0, 5]])))
    attempt(lambda: sess.run(tf.batch_gather(params, tf.constant([[0, 4], [1, 1]]))))
