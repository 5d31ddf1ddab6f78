"""Rearrangement ops as model pieces: a pixel-shuffle super-resolution head
(tf.space_to_depth block 2 to downsample, tf.depth_to_space block 2 to upsample), a
"dilated by hand" conv (tf.space_to_batch_nd with paddings, a VALID conv2d,
tf.batch_to_space_nd with crops), the 4-D tf.space_to_batch / tf.batch_to_space
(block_size 2) around a max pool; an L1 + L2 loss trained by
Momentum (use_nesterov); gradients through each rearrangement; op counts, op types, shapes,
losses and values at full precision (hashes of the bytes for the larger arrays)."""

import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(2951)
rs = np.random.RandomState(2952)


def h(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()[:16]


X = rs.rand(2, 8, 8, 3).astype(np.float32)
T = np.repeat(np.repeat(X[:, ::2, ::2], 2, 1), 2, 2) * 0.8 + 0.1
x = tf.constant(X)
t = tf.constant(T.astype(np.float32))

init = tf.glorot_uniform_initializer
with tf.variable_scope("sr"):
    d = tf.space_to_depth(x, 2, name="s2d")                                # [2, 4, 4, 12]
    k1 = tf.get_variable("k1", [3, 3, 12, 12], initializer=init(seed=1))
    f = tf.nn.relu(tf.nn.conv2d(d, k1, [1, 1, 1, 1], "SAME"))
    sb = tf.space_to_batch_nd(f, [2, 2], [[1, 1], [1, 1]], name="s2b")     # [8, 3, 3, 12]
    k2 = tf.get_variable("k2", [2, 2, 12, 12], initializer=init(seed=2))
    c = tf.nn.conv2d(sb, k2, [1, 1, 1, 1], "VALID")                        # [8, 2, 2, 12]
    bs = tf.batch_to_space_nd(c, [2, 2], [[0, 0], [0, 0]], name="b2s")    # [2, 4, 4, 12]
    s4 = tf.space_to_batch(f, [[0, 0], [0, 0]], 2)                         # [8, 2, 2, 12]
    p4 = tf.nn.max_pool(s4, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")
    b4 = tf.batch_to_space(p4, [[0, 0], [0, 0]], 2)
    mixed = tf.nn.relu(bs + 0.5 * b4 + f)
    up = tf.depth_to_space(mixed, 2, name="d2s")                           # [2, 8, 8, 3]
    k3 = tf.get_variable("k3", [1, 1, 3, 3], initializer=init(seed=3))
    y = tf.nn.conv2d(up, k3, [1, 1, 1, 1], "SAME") + x
loss = tf.reduce_mean(tf.abs(y - t)) + tf.reduce_mean(tf.square(y - t))
grads = tf.gradients(loss, [x, k1, k2, k3])
opt = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True)
train = opt.minimize(loss)

g = tf.get_default_graph()
print(len(g.get_operations()))
print([a.shape.as_list() for a in (d, sb, c, bs, s4, b4, up, y)])
print(sorted(set(op.type for op in g.get_operations() if "Space" in op.type
                 or "Depth" in op.type or "Batch" in op.type)))
print(d.name, sb.name, bs.name, s4.name, b4.name, up.name)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    dv, upv = sess.run([d, up])
    print(dv[0, 0, 0].tolist(), h(dv), h(upv))
    print(sess.run(bs)[1, 2, 3, :4].tolist(), sess.run(b4)[0, 1, 1, :4].tolist())
    gs = sess.run(grads)
    for gv in gs:
        print(h(gv), repr(float(np.abs(gv).sum())), gv.ravel()[:3].tolist())
    for it in range(8):
        lv, _ = sess.run([loss, train])
        print(it, repr(lv))
    print(sess.run(k3).ravel().tolist())
    print(h(sess.run(y)))
