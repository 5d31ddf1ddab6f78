"""A set-pooling model (deep-sets style) over variable-size bags: item rows picked by
tf.sparse.segment_sum / segment_mean / segment_sqrt_n with num_segments (trailing empty
bags) and without, a pooling layer of tf.unsorted_segment_max / min / prod / mean / sqrt_n
(empty segments and out-of-order ids), embedding_lookup_sparse with per-item weights and
each combiner over the same bags; a head on the concatenated pools trained with Adam; the
gradients through the sparse segment ops (SparseSegmentMeanGrad / SqrtNGrad) and the
unsorted pools; op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(17)
rs = np.random.RandomState(17)
V, D, NB = 12, 5, 6
bag_sizes = [3, 1, 4, 2, 0, 0]
seg = np.repeat(np.arange(NB), bag_sizes).astype(np.int32)
items = rs.randint(0, V, len(seg)).astype(np.int32)
wts = rs.uniform(0.2, 2.0, len(seg)).astype(np.float32)
shuffled = rs.permutation(len(seg))
y = rs.randn(NB, 1).astype(np.float32)
table = tf.get_variable("table", [V, D], initializer=tf.random_normal_initializer(0, 0.3, seed=5))
head = tf.get_variable("head", [8 * D, 1], initializer=tf.glorot_uniform_initializer(seed=6))
p_sum = tf.sparse.segment_sum(table, items, seg, num_segments=NB)
p_mean = tf.sparse.segment_mean(table, items, seg, num_segments=NB)
p_sqrt = tf.sparse.segment_sqrt_n(table, items, seg, num_segments=NB)
p_mean2 = tf.sparse.segment_mean(table, items[:7], seg[:7])
rows = tf.gather(table, items[shuffled]) * wts[shuffled, None]
ids_sh = seg[shuffled]
u_max = tf.unsorted_segment_max(rows, ids_sh, NB)
u_min = tf.math.unsorted_segment_min(rows, ids_sh, NB)
u_prod = tf.math.unsorted_segment_prod(rows, ids_sh, NB)
u_mean = tf.math.unsorted_segment_mean(rows, ids_sh, NB)
u_sqrt = tf.math.unsorted_segment_sqrt_n(rows, ids_sh, NB)
sp_idx = np.stack([seg, np.concatenate([np.arange(n) for n in bag_sizes])], 1).astype(np.int64)
sp_ids = tf.SparseTensor(sp_idx, items.astype(np.int64), [NB, 4])
sp_w = tf.SparseTensor(sp_idx, wts, [NB, 4])
e_sum = tf.nn.embedding_lookup_sparse(table, sp_ids, sp_w, combiner="sum")
e_mean = tf.nn.embedding_lookup_sparse(table, sp_ids, sp_w, combiner="mean")
e_sqrt = tf.nn.embedding_lookup_sparse(table, sp_ids, sp_w, combiner="sqrtn")
print(e_sum.shape, e_mean.shape, p_mean2.shape, u_prod.shape)
e_all = tf.pad(tf.concat([e_sum, e_mean, e_sqrt], 1), [[0, NB - 4], [0, 0]])
feats = tf.concat([p_sum, p_mean, p_sqrt, u_max, u_min], 1)
z = tf.concat([tf.nn.tanh(feats), tf.nn.tanh(u_prod + u_mean + u_sqrt), e_all[:, :2 * D]], 1)
pred = tf.matmul(z, head)
loss = tf.reduce_mean(tf.square(pred - y))
g_parts = [tf.gradients(tf.reduce_sum(t * tf.cos(t)), table)[0]
           for t in (p_mean, p_sqrt, p_mean2, u_max, u_min, u_prod, e_mean, e_sqrt)]
train = tf.train.AdamOptimizer(0.03, beta1=0.8, epsilon=1e-6).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Segment" in o.type or "Sparse" in o.type)))
print([o.name for o in ops if o.type.startswith("SparseSegment")][:8])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in s.run([p_sum, p_mean, p_sqrt, p_mean2, u_max, u_min, u_prod, u_mean, u_sqrt,
                    e_sum, e_mean, e_sqrt]):
        print(H(v))
    for g in s.run(g_parts):
        if type(g).__name__ == "IndexedSlicesValue":
            print("slices", H(g.values), g.indices.tolist(), g.dense_shape)
        else:
            print("dense", H(g))
    for i in range(8):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print(H(s.run(table)), H(s.run(head)))
