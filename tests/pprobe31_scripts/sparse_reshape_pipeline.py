"""A sparse feature pipeline in front of a small model: unordered COO ids and weights made
canonical by tf.sparse.reorder, empty rows filled (tf.sparse.fill_empty_rows, its
empty-row indicator as a feature), two fields cut out by tf.sparse.slice and
tf.sparse.split, glued back by tf.sparse.concat with expand_nonconcat_dim, tf.sparse.retain
of the positive weights, tf.sparse.reshape with -1, tf.sparse.transpose, tf.sparse_reset_shape
(given and inferred); the weights feed sparse_tensor_dense_matmul into a softmax classifier
trained with Adam, with the gradient reaching a weight variable through reorder, fill, slice
and the matmul; op counts, shapes and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def show(name, st):
    print(name, st.indices.tolist(), H(st.values), st.dense_shape.tolist())


tf.set_random_seed(7)
rs = np.random.RandomState(7)
B, V, C = 6, 10, 3
cells = sorted(set((int(r), int(c)) for r, c in zip(rs.randint(0, B, 16), rs.randint(0, V, 16))
                   if r != 3))
perm = rs.permutation(len(cells))
idx = np.array(cells, np.int64)[perm]
raw_w = rs.randn(len(cells)).astype(np.float32)
lab = rs.randint(0, C, B).astype(np.int32)
scale = tf.get_variable("scale", [len(cells)], initializer=tf.ones_initializer())
sp = tf.SparseTensor(idx, tf.constant(raw_w) * scale, [B, V])
ro = tf.sparse.reorder(sp)
filled, empty = tf.sparse.fill_empty_rows(ro, 0.5)
left = tf.sparse.slice(filled, [0, 0], [B, 4])
right = tf.sparse.slice(filled, [0, 4], [B, V - 4])
parts = tf.sparse.split(sp_input=filled, num_split=2, axis=1)
glued = tf.sparse.concat(1, [parts[0], right], expand_nonconcat_dim=True)
pos = tf.sparse.retain(filled, filled.values > 0)
flat = tf.sparse.reshape(filled, [-1, 2 * V])
tr = tf.sparse.transpose(filled)
rs1 = tf.sparse_reset_shape(pos)
rs2 = tf.sparse_reset_shape(left, [B, 8])
W = tf.get_variable("W", [V, C], initializer=tf.glorot_uniform_initializer(seed=1))
W2 = tf.get_variable("W2", [4, C], initializer=tf.glorot_uniform_initializer(seed=2))
e = tf.cast(empty, tf.float32)[:, None]
logits = tf.sparse_tensor_dense_matmul(filled, W) + tf.sparse_tensor_dense_matmul(left, W2) + e
loss = tf.losses.sparse_softmax_cross_entropy(lab, logits)
gs = tf.gradients(loss, scale)[0]
train = tf.train.AdamOptimizer(0.05).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Sparse" in o.type)))
print(glued.dense_shape, flat.dense_shape.shape, tr.dense_shape, rs1.dense_shape.shape)
print(ro.indices.name, filled.values.name, left.values.name, glued.indices.name, pos.values.name)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    r = s.run({"ro": ro, "filled": filled, "left": left, "right": right, "p0": parts[0],
               "p1": parts[1], "glued": glued, "pos": pos, "flat": flat, "tr": tr,
               "rs1": rs1, "rs2": rs2})
    for k in sorted(r):
        show(k, r[k])
    print(s.run(empty).tolist())
    print(H(s.run(gs)))
    for i in range(8):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print(H(s.run(scale)), H(s.run(W)), H(s.run(W2)))
