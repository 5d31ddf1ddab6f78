"""TF 1.14's tf.RaggedTensor in graph mode: every factory (validate=True's assertions and
their run-time errors included), the accessors, to_tensor/to_sparse/from_tensor/
from_sparse, tf.ragged.constant/placeholder/range/map_flat_values/boolean_mask, the
elementwise dispatch and operators, the ragged reductions and Session.run of a
RaggedTensor (a RaggedTensorValue); each case records the value, the static shape and
every op (name, type). tests/test_ragged_tensor.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import numpy as np


def describe(v):
    """A fetched value as JSON: RaggedTensorValue, SparseTensorValue, array or tuple."""
    if hasattr(v, "nested_row_splits"):
        return ["ragged", v.to_list(), [str(s.dtype) for s in v.nested_row_splits],
                str(v.flat_values.dtype)]
    if hasattr(v, "dense_shape"):
        return ["sparse", np.asarray(v.indices).tolist(), np.asarray(v.values).tolist(),
                np.asarray(v.dense_shape).tolist()]
    if isinstance(v, (tuple, list)):
        return [describe(x) for x in v]
    a = np.asarray(v)
    return ["array", str(a.dtype), a.tolist()]


def static(t):
    if isinstance(t, (tuple, list)):
        return [static(x) for x in t]
    s = getattr(t, "shape", None)
    return None if s is None else str(s)


def _error(e):
    return [type(e).__name__, str(e).split("\n")[0]]


def graph_case(build):
    """build(tf) -> fetches, or (fetches, feed_dict)."""
    def run(tf):
        g = tf.Graph()
        with g.as_default():
            try:
                out = build(tf)
            except (ValueError, TypeError, IndexError, NotImplementedError) as e:
                return {"build_error": _error(e)}
            feed = None
            if isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict):
                out, feed = out
            res = {"static": static(out),
                   "ops": [[o.name, o.type] for o in g.get_operations()]}
            with tf.Session() as sess:
                try:
                    res["value"] = describe(sess.run(out, feed))
                except (tf.errors.InvalidArgumentError, ValueError, TypeError) as e:
                    res["run_error"] = _error(e)
        return res
    return run


def _rt(tf):
    return tf.ragged.constant([[1, 2], [], [3]])


def _rt3(tf):
    return tf.ragged.constant([[[1.5, 2.0], [3.0]], [], [[4.0, 5.0, 6.0]]])


def _ph(tf):
    rt = tf.ragged.placeholder(tf.float32, 1, [])
    value = tf.ragged.RaggedTensorValue(np.array([1., 2., 3.], np.float32),
                                        np.array([0, 2, 2, 3], np.int64))
    return rt, {rt: value}


PROGRAMS = {
    # factories
    "from_row_splits": lambda tf: tf.RaggedTensor.from_row_splits([1, 2, 3, 4], [0, 2, 2, 4]),
    "from_row_splits/novalidate": lambda tf: tf.RaggedTensor.from_row_splits(
        [1, 2, 3, 4], [0, 2, 2, 4], validate=False),
    "from_row_splits/int32": lambda tf: tf.RaggedTensor.from_row_splits(
        [1., 2.], np.array([0, 1, 2], np.int32)),
    "from_row_splits/bad_start": lambda tf: tf.RaggedTensor.from_row_splits([1, 2], [1, 2]),
    "from_row_splits/decreasing": lambda tf: tf.RaggedTensor.from_row_splits(
        [1, 2, 3], [0, 2, 1, 3]),
    "from_row_splits/bad_end": lambda tf: tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2]),
    "from_row_splits/empty": lambda tf: tf.RaggedTensor.from_row_splits([1, 2], []),
    "from_row_splits/float_splits": lambda tf: tf.RaggedTensor.from_row_splits(
        [1, 2], [0., 2.]),
    "from_row_splits/validate_type": lambda tf: tf.RaggedTensor.from_row_splits(
        [1, 2], [0, 2], validate="yes"),
    "from_row_lengths": lambda tf: tf.RaggedTensor.from_row_lengths([1, 2, 3, 4], [2, 0, 2]),
    "from_row_lengths/negative": lambda tf: tf.RaggedTensor.from_row_lengths(
        [1, 2], [3, -1]),
    "from_row_lengths/sum": lambda tf: tf.RaggedTensor.from_row_lengths([1, 2], [1, 2]),
    "from_value_rowids": lambda tf: tf.RaggedTensor.from_value_rowids(
        [1, 2, 3, 4], [0, 0, 2, 2]),
    "from_value_rowids/nrows": lambda tf: tf.RaggedTensor.from_value_rowids(
        [1, 2, 3, 4], [0, 0, 2, 2], nrows=5),
    "from_value_rowids/small_nrows": lambda tf: tf.RaggedTensor.from_value_rowids(
        [1, 2], [0, 3], nrows=2),
    "from_value_rowids/negative_nrows": lambda tf: tf.RaggedTensor.from_value_rowids(
        [1, 2], [0, 0], nrows=-1),
    "from_value_rowids/unsorted": lambda tf: tf.RaggedTensor.from_value_rowids(
        [1, 2, 3], [1, 0, 2]),
    "from_row_starts": lambda tf: tf.RaggedTensor.from_row_starts([1, 2, 3, 4], [0, 2, 2]),
    "from_row_limits": lambda tf: tf.RaggedTensor.from_row_limits([1, 2, 3, 4], [2, 2, 4]),
    "from_nested_row_splits": lambda tf: tf.RaggedTensor.from_nested_row_splits(
        [1, 2, 3, 4, 5], [[0, 2, 3], [0, 2, 2, 5]]),
    "from_nested_row_lengths": lambda tf: tf.RaggedTensor.from_nested_row_lengths(
        [1, 2, 3, 4, 5], [[2, 1], [2, 0, 3]], validate=False),
    "from_nested_value_rowids": lambda tf: tf.RaggedTensor.from_nested_value_rowids(
        [1, 2, 3, 4, 5], [[0, 0, 1], [0, 0, 2, 2, 2]], validate=False),
    "from_nested_row_splits/tensor": lambda tf: tf.RaggedTensor.from_nested_row_splits(
        [1], tf.constant([[0, 1]])),
    "ragged_values": lambda tf: tf.RaggedTensor.from_row_splits(
        tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 1, 3], validate=False), [0, 2]),
    "splits_dtype_mismatch": lambda tf: tf.RaggedTensor.from_row_splits(
        tf.RaggedTensor.from_row_splits([1, 2], [0, 2], validate=False),
        tf.constant([0, 1], tf.int32)),
    "private_constructor": lambda tf: tf.RaggedTensor([1], tf.constant([0, 1], tf.int64)),
    # tf.ragged.constant
    "constant": lambda tf: tf.ragged.constant([[1, 2], [3]]),
    "constant/rank2": lambda tf: tf.ragged.constant([[[1, 2], [3]], [[4]]]),
    "constant/inner_shape": lambda tf: tf.ragged.constant([[[1, 2]], [[3, 4], [5, 6]]],
                                                          ragged_rank=1),
    "constant/dtype": lambda tf: tf.ragged.constant([[1, 2], []], dtype=tf.float64,
                                                    row_splits_dtype=tf.int32),
    "constant/strings": lambda tf: tf.ragged.constant([[b"a", b"bc"], [b"d"]]),
    "constant/dense": lambda tf: tf.ragged.constant([1, 2]),
    "constant/name": lambda tf: tf.ragged.constant([[1], [2, 3]], name="rt"),
    "constant/mixed": lambda tf: tf.ragged.constant([[1, [2]]]),
    # accessors
    "nrows": lambda tf: _rt(tf).nrows(),
    "nrows/int32": lambda tf: _rt(tf).nrows(out_type=tf.int32),
    "row_lengths": lambda tf: _rt(tf).row_lengths(),
    "row_lengths/axis2": lambda tf: _rt3(tf).row_lengths(axis=2),
    "row_starts_limits": lambda tf: [_rt(tf).row_starts(), _rt(tf).row_limits()],
    "value_rowids": lambda tf: _rt(tf).value_rowids(),
    "nested_row_lengths": lambda tf: list(_rt3(tf).nested_row_lengths()),
    "bounding_shape": lambda tf: _rt3(tf).bounding_shape(),
    "bounding_shape/axis": lambda tf: [_rt3(tf).bounding_shape(0), _rt3(tf).bounding_shape(1),
                                      _rt3(tf).bounding_shape([1, 2])],
    "flat_values_and_splits": lambda tf: [_rt3(tf).flat_values] +
    list(_rt3(tf).nested_row_splits),
    "with_values": lambda tf: _rt(tf).with_values(tf.constant([5., 6., 7.])),
    "with_flat_values": lambda tf: _rt3(tf).with_flat_values(tf.zeros([6], tf.int32)),
    "with_row_splits_dtype": lambda tf: _rt3(tf).with_row_splits_dtype(tf.int32),
    "to_list_graph": lambda tf: _rt(tf).to_list(),
    # conversions
    "to_tensor": lambda tf: _rt(tf).to_tensor(),
    "to_tensor/default": lambda tf: _rt3(tf).to_tensor(default_value=-1.),
    "to_tensor/inner": lambda tf: tf.ragged.constant([[[1, 2]], [[3, 4], [5, 6]]],
                                                     ragged_rank=1).to_tensor(9),
    "to_sparse": lambda tf: _rt(tf).to_sparse(),
    "to_sparse/rank3": lambda tf: _rt3(tf).to_sparse(),
    "to_sparse/inner": lambda tf: tf.ragged.constant([[[1, 2]], [], [[3, 4], [5, 6]]],
                                                     ragged_rank=1).to_sparse(),
    "from_tensor": lambda tf: tf.RaggedTensor.from_tensor([[1, 2], [3, 4]]),
    "from_tensor/lengths": lambda tf: tf.RaggedTensor.from_tensor([[1, 2, 3], [4, 5, 6]],
                                                                  lengths=[1, 3]),
    "from_tensor/padding": lambda tf: tf.RaggedTensor.from_tensor([[1, 0, 0], [3, 0, 4]],
                                                                  padding=0),
    "from_tensor/ragged_rank2": lambda tf: tf.RaggedTensor.from_tensor(
        np.arange(12).reshape([2, 3, 2]), ragged_rank=2),
    "from_tensor/both": lambda tf: tf.RaggedTensor.from_tensor([[1]], lengths=[1], padding=0),
    "from_tensor/rank0": lambda tf: tf.RaggedTensor.from_tensor([[1]], ragged_rank=0),
    "from_sparse": lambda tf: tf.RaggedTensor.from_sparse(
        tf.SparseTensor([[0, 0], [0, 1], [2, 0]], [1, 2, 3], [4, 5])),
    "from_sparse/not_ragged_right": lambda tf: tf.RaggedTensor.from_sparse(
        tf.SparseTensor([[0, 1]], [1], [2, 2])),
    "from_sparse/rank3": lambda tf: tf.RaggedTensor.from_sparse(
        tf.SparseTensor([[0, 0, 0]], [1], [1, 1, 1])),
    "from_sparse/dense": lambda tf: tf.RaggedTensor.from_sparse(tf.constant([1])),
    "placeholder_feed": _ph,
    # tf.ragged.range
    "range": lambda tf: tf.ragged.range([1, 2, 3], 5),
    "range/limits_only": lambda tf: tf.ragged.range([0, 3]),
    "range/float": lambda tf: tf.ragged.range([0., 1.], [1., 2.], 0.5),
    "range/negative_delta": lambda tf: tf.ragged.range(5, [1, 3, 7], -2),
    "range/int32_splits": lambda tf: tf.ragged.range(3, row_splits_dtype=tf.int32),
    "range/zero_delta": lambda tf: tf.ragged.range([1], [3], 0),
    "range/bad_shape": lambda tf: tf.ragged.range([1, 2], [3, 4, 5]),
    # dispatch and operators
    "add_scalar": lambda tf: _rt(tf) + 1,
    "radd": lambda tf: 2 * _rt(tf),
    "neg": lambda tf: -_rt(tf),
    "sub_div": lambda tf: [_rt(tf) - 1, _rt(tf) / 2, _rt(tf) // 2, _rt(tf) % 2],
    "compare": lambda tf: [_rt(tf) > 1, _rt(tf) <= 2, tf.equal(_rt(tf), 2)],
    "logical": lambda tf: [tf.logical_not(_rt(tf) > 1), ~(_rt(tf) < 3), (_rt(tf) > 1) | True],
    "tf_add": lambda tf: tf.add(_rt(tf), 3),
    "tf_math_ops": lambda tf: [tf.abs(_rt(tf)), tf.square(_rt3(tf)), tf.math.sqrt(_rt3(tf)),
                               tf.maximum(_rt(tf), 2), tf.cast(_rt(tf), tf.float32)],
    "map_flat_values": lambda tf: tf.ragged.map_flat_values(tf.square, _rt(tf)),
    "map_flat_values/two": lambda tf: tf.ragged.map_flat_values(tf.add, _rt(tf), 10),
    "map_flat_values/dense": lambda tf: tf.ragged.map_flat_values(tf.square, [2]),
    # reductions
    "reduce_sum/axis1": lambda tf: tf.reduce_sum(_rt(tf), axis=1),
    "reduce_sum/axis0": lambda tf: tf.reduce_sum(_rt(tf), axis=0),
    "reduce_sum/all": lambda tf: tf.reduce_sum(_rt(tf)),
    "reduce_sum/rank3": lambda tf: [tf.reduce_sum(_rt3(tf), axis=2),
                                    tf.reduce_sum(_rt3(tf), axis=[1, 2])],
    "reduce_mean": lambda tf: tf.reduce_mean(_rt3(tf), axis=1),
    "reduce_max_min": lambda tf: [tf.reduce_max(_rt(tf), 1), tf.reduce_min(_rt(tf), axis=1)],
    "reduce_prod": lambda tf: tf.reduce_prod(_rt(tf), axis=1),
    "reduce_any_all": lambda tf: [tf.reduce_any(_rt(tf) > 1, axis=1),
                                  tf.reduce_all(_rt(tf) > 1, axis=1)],
    "reduce_keepdims": lambda tf: tf.reduce_sum(_rt(tf), axis=1, keepdims=True),
    "reduce_math_ns": lambda tf: tf.math.reduce_sum(_rt(tf), 1),
    "reduce_then_dense": lambda tf: [tf.reduce_sum(_rt(tf), 1), tf.reduce_sum([1, 2]),
                                     tf.abs(_rt(tf)), tf.abs(-1)],
    # __getitem__
    "getitem/row": lambda tf: _rt(tf)[0],
    "getitem/last_row": lambda tf: _rt3(tf)[-1],
    "getitem/element": lambda tf: _rt(tf)[2, 0],
    "getitem/rows": lambda tf: _rt(tf)[1:],
    "getitem/rows_step": lambda tf: _rt(tf)[::2],
    "getitem/columns": lambda tf: _rt(tf)[:, 1:],
    "getitem/columns_neg": lambda tf: _rt(tf)[:, :-1],
    "getitem/columns_step": lambda tf: _rt(tf)[:, ::2],
    "getitem/inner_uniform": lambda tf: tf.ragged.constant([[[1, 2]], [[3, 4], [5, 6]]],
                                                           ragged_rank=1)[:, :, 1],
    "getitem/tensor_row": lambda tf: _rt(tf)[tf.constant(2)],
    "getitem/ellipsis": lambda tf: _rt3(tf)[..., 0:1],
    "getitem/newaxis": lambda tf: _rt(tf)[tf.newaxis],
    "getitem/ragged_index": lambda tf: _rt(tf)[:, 0],
    "getitem/too_many": lambda tf: _rt(tf)[..., 0, 0, 0],
    # tf.concat / tf.stack
    "concat/axis0": lambda tf: tf.concat([_rt(tf), tf.ragged.constant([[4, 5, 6]])], axis=0),
    "concat/dense_first": lambda tf: tf.concat([tf.constant([[5, 6]]), _rt(tf)], axis=0),
    "concat/then_dense": lambda tf: [tf.concat([_rt(tf), _rt(tf)], 0),
                                     tf.concat([[1], [2]], 0)],
    "concat/one": lambda tf: tf.concat([_rt(tf)], axis=0),
    "stack/axis0": lambda tf: tf.stack([_rt(tf), tf.ragged.constant([[7]])], axis=0),
    "stack/dense_first": lambda tf: tf.stack([tf.constant([[1, 2]]), _rt(tf)[:1]], axis=0),
    "stack/one": lambda tf: tf.stack([_rt(tf)]),
    "concat/axis1": lambda tf: tf.concat([_rt(tf), tf.ragged.constant([[9], [8, 7], []])],
                                         axis=1),
    "concat/axis2": lambda tf: tf.concat([tf.ragged.constant([[[1], [2]]]),
                                          tf.ragged.constant([[[3], [4]]])], axis=2),
    "stack/axis1": lambda tf: tf.stack([_rt(tf), _rt(tf) * 2], axis=1),
    "concat/axis1_rows": lambda tf: tf.concat([_rt(tf), tf.ragged.constant([[1]])], axis=1),
    # tf.gather
    "gather/rows": lambda tf: tf.gather(_rt(tf), [2, 0, 0]),
    "gather/rank3": lambda tf: tf.gather(_rt3(tf), [2, 1]),
    "gather/2d_indices": lambda tf: tf.gather(_rt(tf), [[2, 0], [1, 1]]),
    "gather/ragged_indices": lambda tf: tf.gather(_rt(tf), tf.ragged.constant([[2], [], [0, 1]])),
    "gather/dense_params": lambda tf: tf.gather([10, 20, 30], tf.ragged.constant([[2], [0, 1]])),
    "gather/out_of_range": lambda tf: tf.gather(_rt(tf), [3]),
    "gather/axis1": lambda tf: tf.gather(_rt(tf), [0], axis=1),
    "getitem/rows_step_rank3": lambda tf: _rt3(tf)[::2],
    # unsorted segment ops
    "segment/sum": lambda tf: tf.math.unsorted_segment_sum(
        tf.ragged.constant([[1, 2], [3], [4, 5, 6]]), [0, 1, 0], 2),
    "segment/mean": lambda tf: tf.math.unsorted_segment_mean(
        tf.ragged.constant([[1., 2], [3], [4, 5, 6]]), tf.constant([0, 1, 0]), 2),
    "segment/max_ragged_ids": lambda tf: tf.math.unsorted_segment_max(
        _rt(tf), tf.ragged.constant([[1, 0], [], [1]]), 2),
    "segment/sqrt_n": lambda tf: tf.unsorted_segment_sqrt_n(
        tf.ragged.constant([[1., 2], [3]]), [1, 1], 3),
    # rank, size, expand_dims
    "rank": lambda tf: [tf.rank(_rt(tf)), tf.rank(_rt3(tf)), tf.rank([1, 2])],
    "size": lambda tf: [tf.size(_rt3(tf)), tf.size(_rt(tf), out_type=tf.int64)],
    "expand_dims": lambda tf: [tf.expand_dims(_rt(tf), 0), tf.expand_dims(_rt(tf), axis=1),
                               tf.expand_dims(_rt(tf), -1), tf.expand_dims(_rt3(tf), 2)],
    # boolean_mask
    "boolean_mask/ragged_mask": lambda tf: tf.ragged.boolean_mask(_rt(tf), _rt(tf) > 1),
    "boolean_mask/rows": lambda tf: tf.ragged.boolean_mask(_rt(tf), [True, False, True]),
    "boolean_mask/dense2d": lambda tf: tf.ragged.boolean_mask(
        [[1, 2], [3, 4]], [[True, False], [True, True]]),
    "boolean_mask/dense1d": lambda tf: tf.ragged.boolean_mask([1, 2, 3], [True, False, True]),
    "boolean_mask/scalar": lambda tf: tf.ragged.boolean_mask([1], True),
    # tf.where (ragged_where_op): coordinates, elementwise, row choice, errors
    "where/coords": lambda tf: [tf.where(_rt(tf) > 1), tf.where(_rt3(tf) > 2.0, name="w")],
    "where/elementwise": lambda tf: tf.where(_rt(tf) > 1, _rt(tf),
                                             tf.ragged.constant([[7, 8], [], [9]])),
    "where/rows": lambda tf: tf.where([True, False, True], _rt(tf),
                                      tf.ragged.constant([[7], [8, 9], []])),
    "where/mismatch": lambda tf: tf.where(_rt(tf) > 1, [[1, 2]], [[3, 4]]),
    "where/x_only": lambda tf: tf.where(_rt(tf) > 1, _rt(tf)),
    # tf.gather_nd (ragged_gather_ops.gather_nd): tuples of 2 and 3, rows, uniform inner
    # dimensions, the empty tuple, 3-D and ragged indices, errors
    "gather_nd/pairs": lambda tf: tf.gather_nd(_rt(tf), [[2, 0], [0, 1]], name="g"),
    "gather_nd/rows": lambda tf: tf.gather_nd(_rt(tf), [[2], [0]]),
    "gather_nd/triples": lambda tf: tf.gather_nd(_rt3(tf), [[0, 0, 1], [2, 0, 2]]),
    "gather_nd/uniform_inner": lambda tf: tf.gather_nd(
        tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1), [[0, 1, 1], [1, 0, 0]]),
    "gather_nd/empty_tuple": lambda tf: tf.gather_nd(_rt(tf), tf.zeros([2, 0], tf.int32)),
    "gather_nd/indices3d": lambda tf: tf.gather_nd(_rt(tf), [[[0, 1]], [[2, 0]]]),
    "gather_nd/ragged_indices": lambda tf: tf.gather_nd(
        _rt(tf), tf.ragged.constant([[[0, 1]], [[2, 0], [0, 0]]], ragged_rank=1)),
    "gather_nd/ragged_tuple": lambda tf: tf.gather_nd(_rt(tf), _rt(tf)),
    "gather_nd/batch_dims": lambda tf: tf.gather_nd(_rt(tf), [[0, 1]], batch_dims=1),
    "gather_nd/dense_params": lambda tf: tf.gather_nd(
        [[1, 2], [3, 4]], tf.ragged.constant([[[0, 1]], []], ragged_rank=1)),
}

PROGRAMS = {name: graph_case(fn) for name, fn in PROGRAMS.items()}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}
