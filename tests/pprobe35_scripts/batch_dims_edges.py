"""Batched indexing and its edges in a small trained model: tf.gather_nd with batch_dims=1,
tf.gather with axis=2 and batch_dims=1 (axis past the batch dimensions) and negative
batch_dims, tf.tensor_scatter_sub, the one-argument tf.where (coordinates of a mask) feeding
tf.gather_nd, tf.unsorted_segment_max; trained with AdadeltaOptimizer; then the errors a
user meets: tf.where (v1) with x and y of different shapes, tf.split with two -1 sizes,
tf.einsum with a repeated input axis, a NumPy operand or two dtypes, tf.extract_image_patches
whose dilated window outgrows the input (and the empty output of one that just does not
fit), tf.boolean_mask with a mask of the wrong rank, tf.roll with shift and axis of
different lengths, tf.nn.top_k with k larger than the last axis (at
run time); op counts, error classes and messages, per-step losses, bytes."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(3551)
rs = np.random.RandomState(3552)
B, N, M, D = 3, 4, 5, 2

emb = tf.get_variable("emb", [B, N, M, D], initializer=tf.random_normal_initializer(seed=17))
st = tf.get_variable("st", [B, N], initializer=tf.random_uniform_initializer(seed=18))
nd_idx = tf.placeholder(tf.int32, [B, 2, 2], "nd_idx")
ax_idx = tf.placeholder(tf.int32, [B, 3], "ax_idx")
seg = tf.placeholder(tf.int32, [B * N], "seg")
y = tf.placeholder(tf.float32, [B], "y")

a = tf.gather_nd(emb, nd_idx, batch_dims=1)                   # [B, 2, D]
b = tf.gather(emb, ax_idx, axis=2, batch_dims=1)              # [B, N, 3, D]
c = tf.gather(emb, ax_idx, axis=-2, batch_dims=-1)
ts = tf.tensor_scatter_sub(st, [[0, 1], [2, 3], [0, 1]], tf.reduce_mean(a, [1, 2]))
coords = tf.where(ts > 0.5)
picked = tf.gather_nd(ts, coords)
segmax = tf.unsorted_segment_max(tf.reshape(ts, [-1]), seg, 3)
score = (tf.reduce_sum(a, [1, 2]) + tf.reduce_mean(b * c, [1, 2, 3])
         + tf.reduce_sum(ts, 1) * 0.3 + segmax)
loss = tf.reduce_mean(tf.square(score - y)) + 0.01 * tf.reduce_sum(picked)
opt = tf.train.AdadeltaOptimizer(1.0)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv)
g = tf.get_default_graph()
print(len(g.get_operations()), a.shape.as_list(), b.shape.as_list(), c.shape.as_list(),
      coords.shape.as_list(), coords.dtype.name, a.op.type, b.op.type, ts.op.type)
print([type(gr).__name__ for gr, _ in gv])
print(sorted(set(o.type for o in g.get_operations() if o.name.startswith("gradients/"))))

fd = {nd_idx: rs.randint(0, 4, (B, 2, 2)).astype(np.int32),
      ax_idx: rs.randint(0, M, (B, 3)).astype(np.int32),
      seg: np.array([0, 2, 1, 0, 1, 1, 2, 0, 0, 2, 2, 1], np.int32),
      y: rs.randn(B).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run([a, coords, picked, segmax, ts], fd)
    print(r[0].tolist(), r[1].tolist(), r[2].tolist(), r[3].tolist(), r[4].tolist())
    print(bool((sess.run(b, fd) == sess.run(c, fd)).all()))
    for it in range(6):
        lv, _ = sess.run([loss, train], fd)
        print(it, repr(lv))
    for var in tf.trainable_variables():
        print(var.op.name, hashlib.md5(sess.run(var).tobytes()).hexdigest())

    def err(f):
        try:
            f()
            print("no error")
        except Exception as e:  # noqa: BLE001
            print(type(e).__name__, str(e).splitlines()[0])

    n0 = len(g.get_operations())
    err(lambda: tf.where(tf.constant([True, False]), tf.ones([2, 3]), tf.ones([3])))
    err(lambda: tf.split(tf.ones([6]), [-1, 2, -1]))
    err(lambda: tf.einsum("bii->b", tf.ones([2, 3, 3])))
    err(lambda: tf.boolean_mask(tf.ones([2, 3]), tf.constant([[[True]]])))
    err(lambda: tf.roll(tf.ones([2, 3]), [1, 2], [0]))
    err(lambda: tf.einsum("ij,jk->ik", np.ones([2, 3], np.float32), tf.ones([3, 2])))
    err(lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 2], tf.float64)))
    err(lambda: tf.extract_image_patches(tf.ones([1, 4, 4, 1]), [1, 3, 3, 1], [1, 1, 1, 1],
                                         [1, 3, 3, 1], "VALID"))
    ep = tf.extract_image_patches(tf.ones([1, 4, 4, 1]), [1, 5, 3, 1], [1, 2, 2, 1],
                                  [1, 1, 1, 1], "VALID")
    print(ep.shape.as_list(), sess.run(ep).shape)
    kp = tf.placeholder(tf.int32, [])
    tk = tf.nn.top_k(tf.ones([2, 3]), kp)
    err(lambda: sess.run(tk, {kp: 5}))
    print(len(g.get_operations()) - n0)
