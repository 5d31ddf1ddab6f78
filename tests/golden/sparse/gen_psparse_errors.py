"""Errors that TF 1.14 raises in sparse-feature programs: SparseTensor feeds (duplicate,
unordered, out-of-range indices), SparseTensorDenseMatMul's shape and dtype checks,
sparse_to_dense validation, embedding lookups out of range or with a bad partition
strategy, scatter / partition / segment ids out of range; the error's class and first
line, or the value when TF accepts the program. tests/test_psparse_errors.py runs cases()
on flowgrad."""
import numpy as np


def _attempt(tf, build, feed=None):
    """build() -> a fetch (run in a session) or a value; the error's class and first line."""
    try:
        out = build()
        if isinstance(out, (tf.Tensor, tf.SparseTensor)) or isinstance(out, list) and \
                out and isinstance(out[0], tf.Tensor):
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                out = sess.run(out, feed)
                if hasattr(out, "_asdict"):
                    out = dict(out._asdict())
        return ["ok", out]
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return [type(e).__name__, str(e).split("\n")[0]]


def _feed(tf, value):
    sp = tf.sparse_placeholder(tf.float32, name="sp")
    return _attempt(tf, lambda: tf.sparse_tensor_to_dense(sp), {sp: value})


def _stdmm_run(tf):
    sp = tf.sparse_placeholder(tf.float32, name="sp")
    return _attempt(tf, lambda: tf.sparse_tensor_dense_matmul(sp, tf.ones([3, 2])),
                    {sp: ([[0, 0]], [1.0], [2, 2])})


def _sp2(tf):
    return tf.sparse_placeholder(tf.float32, shape=[3, 4], name="sp2")


CASES = {
    "feed_tuple": lambda tf: _feed(tf, ([[0, 0]], [1.0], [2, 2])),
    "feed_duplicate": lambda tf: _feed(tf, tf.SparseTensorValue([[0, 0], [0, 0]], [1., 2.],
                                                                [2, 2])),
    "feed_unordered": lambda tf: _feed(tf, tf.SparseTensorValue([[1, 0], [0, 0]], [1., 2.],
                                                                [2, 2])),
    "feed_out_of_range": lambda tf: _feed(tf, tf.SparseTensorValue([[5, 0]], [1.], [2, 2])),
    "feed_values_count": lambda tf: _feed(tf, tf.SparseTensorValue([[0, 0]], [1., 2.],
                                                                   [2, 2])),
    "stdmm_inner_run": _stdmm_run,
    "stdmm_inner_static": lambda tf: _attempt(
        tf, lambda: tf.sparse_tensor_dense_matmul(_sp2(tf), tf.ones([3, 2]))),
    "stdmm_dtype": lambda tf: _attempt(
        tf, lambda: tf.sparse_tensor_dense_matmul(_sp2(tf), tf.ones([4, 2], tf.float64))),
    "sparse_tensor_counts": lambda tf: _attempt(
        tf, lambda: tf.SparseTensor([[0, 0]], [1., 2.], [2, 2])),
    "sparse_tensor_rank": lambda tf: _attempt(
        tf, lambda: tf.SparseTensor([[0, 0, 0]], [1.], [2, 2])),
    "sparse_add_dtype": lambda tf: _attempt(
        tf, lambda: tf.sparse_add(_sp2(tf), tf.SparseTensor([[0, 0]], [1], [3, 4]))),
    "sparse_add_shapes": lambda tf: _attempt(tf, lambda: tf.sparse_add(
        tf.SparseTensor([[0, 0]], [1.], [3, 4]), tf.SparseTensor([[0, 0]], [1.], [3, 5]))),
    "to_dense_unordered": lambda tf: _attempt(
        tf, lambda: tf.sparse_to_dense([[1], [0]], [3], [1., 2.])),
    "to_dense_repeated": lambda tf: _attempt(
        tf, lambda: tf.sparse_to_dense([[1], [1]], [3], [1., 2.])),
    "to_dense_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.sparse_to_dense([[4]], [3], [1.])),
    "lookup_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup(tf.Variable(tf.ones([5, 2])), [7])),
    "lookup_shards_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup([tf.ones([3, 2]), tf.ones([2, 2])], [7])),
    "lookup_sparse_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup_sparse(tf.ones([5, 2]), tf.SparseTensor(
            [[0, 0]], tf.constant([9], tf.int64), [1, 1]), None)),
    "lookup_sparse_combiner": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup_sparse(tf.ones([5, 2]), tf.SparseTensor(
            [[0, 0]], tf.constant([1], tf.int64), [1, 1]), None, combiner="max")),
    "lookup_no_params": lambda tf: _attempt(tf, lambda: tf.nn.embedding_lookup([], [1])),
    "lookup_strategy_one_shard": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup(tf.constant(np.eye(5, 2, dtype=np.float32)), [1],
                                           partition_strategy="foo")),
    "lookup_strategy_shards": lambda tf: _attempt(
        tf, lambda: tf.nn.embedding_lookup([tf.ones([3, 2]), tf.ones([2, 2])], [1],
                                           partition_strategy="foo")),
    "scatter_nd_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.scatter_nd([[5]], [1.], [3])),
    "tensor_scatter_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.tensor_scatter_update(tf.ones([3]), [[5]], [1.])),
    "scatter_nd_updates_shape": lambda tf: _attempt(
        tf, lambda: tf.scatter_nd([[0]], [1., 2.], [3])),
    "partition_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.dynamic_partition([1, 2, 3], [0, 5, 1], 2)),
    "partition_shapes": lambda tf: _attempt(
        tf, lambda: tf.dynamic_partition([1, 2, 3], [0, 1], 2)),
    "unsorted_segment_out_of_range": lambda tf: _attempt(
        tf, lambda: tf.unsorted_segment_sum([1., 2.], [0, 5], 3)),
    "segment_unsorted": lambda tf: _attempt(
        tf, lambda: tf.math.segment_sum([1., 2.], [1, 0])),
    "segment_negative": lambda tf: _attempt(
        tf, lambda: tf.math.segment_sum([1., 2.], [-1, 0])),
}


def cases(tf):
    out = {}
    for name, build in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = build(tf)
    return out
