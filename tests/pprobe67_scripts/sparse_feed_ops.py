"""A tf.sparse_placeholder fed with tf.SparseTensorValue and a tf.SparseTensor of constants
through the tf.sparse ops TF1 feature pipelines chain: reorder, reshape, slice, concat,
split, add (thresh), reduce_sum / reduce_max (keep_dims, sparse output), to_dense,
to_indicator, retain, fill_empty_rows, maximum / minimum, transpose and softmax: their
values, shapes and op names."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(3)
sp = tf.sparse_placeholder(tf.float32, shape=[None, 5], name="feats")
print(sp.indices.name, sp.values.name, sp.dense_shape.name, sp.get_shape())
ro = tf.sparse.reorder(sp)
rs = tf.sparse.reshape(ro, [-1, 2, 5])
sl = tf.sparse.slice(ro, [1, 1], [2, 3])
dense = tf.sparse.to_dense(ro, default_value=-1.0)
rsum = tf.sparse.reduce_sum(ro, axis=1, keepdims=True)
rmax = tf.sparse_reduce_max(ro, 0, keep_dims=True)
rsum_sp = tf.sparse.reduce_sum_sparse(ro, axis=0)
rmax_sp = tf.sparse.reduce_max_sparse(ro, axis=1, keepdims=True)
tr = tf.sparse.transpose(ro)
smax = tf.sparse.softmax(ro)
ret = tf.sparse.retain(ro, tf.greater(ro.values, 0.0))
filled, empty = tf.sparse.fill_empty_rows(ro, 9.0)
print([t.name for t in (ro.indices, rs.indices, sl.indices, dense, rsum, rmax, rsum_sp.values,
                        rmax_sp.values, tr.indices, smax.values, ret.values, filled.values,
                        empty)])
print(rs.get_shape(), dense.get_shape(), rsum.get_shape(), rmax.get_shape(), tr.get_shape())
rng = np.random.RandomState(5)
feed = tf.SparseTensorValue(indices=np.array([[2, 4], [0, 1], [3, 0], [0, 3], [2, 2]], np.int64),
                            values=rng.randn(5).astype(np.float32),
                            dense_shape=np.array([4, 5], np.int64))
with tf.Session() as sess:
    outs = sess.run([ro, rs, sl, dense, rsum, rmax, rsum_sp, rmax_sp, tr, smax, ret, filled,
                     empty], {sp: feed})
    for o in outs:
        if isinstance(o, tf.SparseTensorValue):
            print(type(o).__name__, o.indices.tolist(), o.values.tolist(), o.dense_shape.tolist())
        else:
            print(o.dtype, o.tolist())

a = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1.0, -2.0, 3.0], [3, 4])
b = tf.SparseTensor([[0, 0], [1, 1], [2, 1]], [0.5, 0.25, -3.0], [3, 4])
c = tf.SparseTensor([[0, 3], [2, 0]], [7.0, 8.0], [3, 4])
add = tf.sparse.add(a, b)
add_t = tf.sparse.add(a, b, thresh=0.3)
add_d = tf.sparse.add(tf.ones([3, 4]), a)
cat0 = tf.sparse.concat(0, [a, c])
cat1 = tf.sparse.concat(1, [a, b, c], expand_nonconcat_dim=True)
parts = tf.sparse.split(sp_input=cat1, num_split=3, axis=1)
mx = tf.sparse.maximum(a, b)
mn = tf.sparse.minimum(a, b)
ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]],
                      tf.constant([3, 1, 0, 2, 3], tf.int64), [3, 2])
ind = tf.sparse.to_indicator(ids, 5)
print(add.indices.name, add_t.values.name, add_d.name, cat0.indices.name, cat1.dense_shape.name,
      [p.values.name for p in parts], mx.values.name, mn.values.name, ind.name)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    for o in sess.run([add, add_t, add_d, cat0, cat1] + parts + [mx, mn, ind]):
        if isinstance(o, tf.SparseTensorValue):
            print(o.indices.tolist(), o.values.tolist(), o.dense_shape.tolist())
        else:
            print(o.tolist())
