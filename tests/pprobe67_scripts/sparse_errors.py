"""The errors TF 1.14 raises when sparse inputs are wrong as TF1 users hit them: unsorted
or repeated indices (sparse_to_dense with validate_indices, sparse.add, sparse reduce),
out-of-range indices (tf.gather, embedding_lookup, scatter_nd, sparse_tensor_dense_matmul,
segment ids), bad SparseTensor and SparseTensorValue feeds and graph-time shape errors:
the class and message of each."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(0)


def show(label, fn):
    try:
        out = fn()
        if isinstance(out, list):
            out = [type(t).__name__ for t in out]
        print(label, "ok", np.asarray(out).tolist() if not hasattr(out, "indices") else
              (out.indices.tolist(), out.values.tolist()))
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, str(e).split("\n")[0])


sess = tf.Session()
unsorted = tf.SparseTensor([[1, 0], [0, 2]], [1.0, 2.0], [2, 3])
show("to_dense_unsorted", lambda: sess.run(tf.sparse.to_dense(unsorted)))
show("to_dense_unsorted_novalidate",
     lambda: sess.run(tf.sparse.to_dense(unsorted, validate_indices=False)))
show("sparse_to_dense_repeat", lambda: sess.run(
    tf.sparse_to_dense([[0, 1], [0, 1]], [2, 2], [1.0, 2.0])))
show("reorder_then_dense", lambda: sess.run(tf.sparse.to_dense(tf.sparse.reorder(unsorted))))
oob = tf.SparseTensor([[0, 0], [3, 1]], [1.0, 2.0], [2, 3])
show("to_dense_oob", lambda: sess.run(tf.sparse.to_dense(oob)))
show("stdm_oob", lambda: sess.run(tf.sparse_tensor_dense_matmul(oob, tf.ones([3, 2]))))
show("reduce_sum_oob", lambda: sess.run(tf.sparse.reduce_sum(oob)))
show("gather_oob", lambda: sess.run(tf.gather(tf.ones([3, 2]), [0, 3])))
show("gather_neg", lambda: sess.run(tf.gather(tf.ones([3, 2]), [-1])))
show("embedding_oob", lambda: sess.run(tf.nn.embedding_lookup(tf.ones([4, 2]), [5])))
show("scatter_nd_oob", lambda: sess.run(tf.scatter_nd([[4]], [1.0], [3])))
show("tensor_scatter_oob", lambda: sess.run(
    tf.tensor_scatter_update(tf.zeros([3]), [[3]], [1.0])))
show("segment_unsorted", lambda: sess.run(tf.math.segment_sum(tf.ones([3]), [1, 0, 1])))
show("sparse_segment_oob", lambda: sess.run(
    tf.sparse.segment_sum(tf.ones([3, 2]), [0, 5], [0, 0])))
show("sparse_segment_ids", lambda: sess.run(
    tf.sparse.segment_sum(tf.ones([3, 2]), [0, 1], [1, 0])))
show("sparse_segment_numseg", lambda: sess.run(
    tf.sparse.segment_sum(tf.ones([3, 2]), [0, 1], [0, 3], num_segments=2)))
show("unsorted_segment_oob", lambda: sess.run(
    tf.math.unsorted_segment_sum(tf.ones([3]), [0, 4, 1], 3)))
show("scatter_update_oob", lambda: (lambda v: (sess.run(v.initializer), sess.run(
    tf.scatter_update(v, [7], [1.0])))[1])(tf.Variable([1.0, 2.0])))
show("sparse_add_shape", lambda: sess.run(tf.sparse.add(
    tf.SparseTensor([[0, 0]], [1.0], [2, 2]), tf.SparseTensor([[0, 0]], [1.0], [3, 2]))))
show("sparse_add_unsorted", lambda: sess.run(tf.sparse.add(unsorted, tf.SparseTensor(
    [[0, 0]], [1.0], [2, 3]))))
show("concat_rank", lambda: tf.sparse.concat(0, [unsorted, tf.SparseTensor([[0]], [1.0], [3])]))
show("sparse_tensor_rank", lambda: tf.SparseTensor([[0, 0]], [1.0, 2.0], [2, 2]))
show("sparse_tensor_idx_rank", lambda: tf.SparseTensor([0, 1], [1.0, 2.0], [2, 2]))
show("reshape_bad", lambda: sess.run(tf.sparse.reshape(unsorted, [4, 2])))
show("reshape_two_minus", lambda: sess.run(tf.sparse.reshape(unsorted, [-1, -1])))
show("split_bad", lambda: tf.sparse.split(sp_input=unsorted, num_split=2, axis=1))
show("stdm_rank", lambda: tf.sparse_tensor_dense_matmul(unsorted, tf.ones([3])))
show("stdm_inner", lambda: sess.run(tf.sparse_tensor_dense_matmul(unsorted, tf.ones([4, 2]))))
sp = tf.sparse_placeholder(tf.float32, shape=[2, 3])
show("feed_value_wrong", lambda: sess.run(tf.sparse.to_dense(sp), {sp: np.ones([2, 3])}))
show("feed_tuple", lambda: sess.run(tf.sparse.reduce_sum(sp), {sp: (
    np.array([[0, 1]], np.int64), np.array([2.5], np.float32), np.array([2, 3], np.int64))}))
show("feed_unsorted", lambda: sess.run(tf.sparse.to_dense(sp), {sp: tf.SparseTensorValue(
    [[1, 1], [0, 0]], [1.0, 2.0], [2, 3])}))
show("dense_feed_to_sparse_part", lambda: sess.run(sp.values * 2, {sp.values: [1.0, 2.0]}))
show("to_indicator_oob", lambda: sess.run(tf.sparse.to_indicator(
    tf.SparseTensor([[0, 0]], tf.constant([6], tf.int64), [1, 1]), 4)))
sess.close()
