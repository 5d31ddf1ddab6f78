"""TF 1.14's array/segment additions (flowgrad's ops/array_ops_extra.py) under TF 1.14:
values and the (name, type) of every op each call builds, gradients included, and the
error (class and first line of the message) of each misuse. test_array_extra.py reruns
the cases with flowgrad."""
import numpy as np

from c2kit import run_cases


def _x(tf, shape=(4, 3), dtype=np.float32):
    v = (np.arange(int(np.prod(shape))).reshape(shape) % 7 - 3) * 0.5
    return tf.constant(v.astype(dtype))


def _grad(tf, fn, x):
    y = fn(x)
    return [y, tf.gradients(y, x, grad_ys=tf.ones_like(y) * 0.5)[0]]


CASES = {
    "unsorted_segment_mean": lambda tf: tf.unsorted_segment_mean(_x(tf), [1, 0, 1, -1], 3),
    "unsorted_segment_sqrt_n": lambda tf: tf.math.unsorted_segment_sqrt_n(
        _x(tf, (2, 2, 3)), [[1, 0], [1, 1]], 3),
    "unsorted_segment_max_grad": lambda tf: _grad(
        tf, lambda x: tf.unsorted_segment_max(x, tf.constant([1, 0, 1, -1]), 2), _x(tf)),
    "unsorted_segment_prod_grad": lambda tf: _grad(
        tf, lambda x: tf.unsorted_segment_prod(x, [1, 0, 1, 0], 2), _x(tf)),
    "segment_min_grad": lambda tf: _grad(tf, lambda x: tf.segment_min(x, [0, 0, 2, 2]),
                                         _x(tf)),
    "segment_prod": lambda tf: tf.segment_prod(_x(tf), [0, 1, 1, 3]),
    "dynamic_partition_grad": lambda tf: _grad(
        tf, lambda x: tf.dynamic_partition(x, [[0, 1, 1], [2, 0, 1], [1, 1, 1], [0, 2, 2]],
                                           3)[1], _x(tf)),
    "dynamic_stitch_grad": lambda tf: _grad(
        tf, lambda x: tf.dynamic_stitch([[0, 2], [1, 3]], [x[:2], x[2:]]), _x(tf)),
    "unique_with_counts": lambda tf: list(tf.unique_with_counts(
        tf.constant([4, 1, 4, 4, 0, 1], tf.int64), out_idx=tf.int64)),
    "where_v2_select": lambda tf: _grad(
        tf, lambda x: tf.where_v2(tf.constant([[True], [False], [True], [True]]), x, 0.25),
        _x(tf)),
    "where_v2_coords": lambda tf: tf.where_v2([[True, False], [False, True]]),
    "roll_grad": lambda tf: _grad(tf, lambda x: tf.roll(x, [1, -2], [0, 1]), _x(tf)),
    "ensure_shape": lambda tf: _grad(
        tf, lambda x: tf.ensure_shape(x, [4, None]) * 2.0,
        tf.placeholder_with_default(_x(tf), [None, 3])),
    "bitcast": lambda tf: tf.bitcast(tf.constant([1.0, -2.5], tf.float64), tf.int32),
    "bitcast_down": lambda tf: tf.bitcast(tf.constant([[0, 0, 128, 63]], tf.uint8),
                                          tf.float32),
    "unravel_index": lambda tf: tf.unravel_index(tf.constant([7, 1, 5]), [2, 3]),
    "searchsorted": lambda tf: tf.searchsorted([[0., 1., 1., 4.], [2., 3., 5., 9.]],
                                               [[1., 3.5], [9., 0.]]),
    "searchsorted_right_1d": lambda tf: tf.searchsorted(
        tf.constant([1, 2, 2, 5]), tf.constant([2, 6, 0]), side="right", out_type=tf.int64,
        name="ss"),
    "histogram_fixed_width": lambda tf: tf.histogram_fixed_width(
        [-1.0, 0.0, 1.5, 2.0, 5.0, 15.0], [0.0, 5.0], nbins=5),
    "histogram_fixed_width_int64": lambda tf: tf.histogram_fixed_width(
        tf.constant([[1, 2], [9, -3]]), [0, 5], 3, dtype=tf.int64, name="h"),
    "histogram_fixed_width_bins": lambda tf: tf.histogram_fixed_width_bins(
        tf.constant([[-1.0, 0.0, 1.5], [2.0, 5.0, 15.0]]), [0.0, 5.0], nbins=5),
    "broadcast_dynamic_shape": lambda tf: tf.broadcast_dynamic_shape(
        tf.shape(tf.zeros([2, 1, 3])), tf.constant([4, 1])),
    "clip_by_average_norm": lambda tf: _grad(
        tf, lambda x: tf.clip_by_average_norm(x, 0.5), _x(tf)),
    "parallel_stack": lambda tf: tf.parallel_stack([[1., 2.], tf.constant([3., 4.])]),
}

ERRORS = {
    "unsorted_segment_max_oob": lambda tf: tf.unsorted_segment_max([1., 2.], [0, 3], 2),
    "segment_min_unsorted": lambda tf: tf.segment_min([1., 2., 3.], [1, 0, 1]),
    "dynamic_partition_oob": lambda tf: tf.dynamic_partition([1, 2, 3], [0, 5, 1], 2),
    "dynamic_partition_oob_2d": lambda tf: tf.dynamic_partition(
        tf.placeholder_with_default([[1, 2, 3]], None), [[0, 5, 1]], 2),
    "dynamic_partition_shape": lambda tf: tf.dynamic_partition([1, 2, 3], [0, 1], 2),
    "dynamic_stitch_negative": lambda tf: tf.dynamic_stitch([[0, -1]], [[1, 2]]),
    "dynamic_stitch_shape": lambda tf: tf.dynamic_stitch(
        [tf.placeholder_with_default([0, 1], None)], [tf.placeholder_with_default([1, 2, 3],
                                                                                  None)]),
    "unique_with_counts_2d": lambda tf: tf.unique_with_counts(
        tf.placeholder_with_default([[3, 1]], None)),
    "where_v2_static": lambda tf: tf.where_v2([True, False], [1, 2, 3], 1),
    "where_v2_dynamic": lambda tf: tf.where_v2(tf.placeholder_with_default([True, False], None),
                                               [1, 2, 3], 1),
    "where_v2_one": lambda tf: tf.where_v2([True], [1]),
    "roll_shapes": lambda tf: tf.roll([[1, 2], [3, 4]], [1, 2], [0]),
    "roll_axis": lambda tf: tf.roll([[1, 2], [3, 4]], 1, 2),
    "ensure_shape_static": lambda tf: tf.ensure_shape(tf.zeros([4, 3]), [4, 5]),
    "ensure_shape_rank": lambda tf: tf.ensure_shape(tf.zeros([4, 3]), [4]),
    "ensure_shape_dynamic": lambda tf: tf.ensure_shape(
        tf.placeholder_with_default(tf.zeros([4, 3]), [None, None]), [4, 5]),
    "bitcast_shape": lambda tf: tf.bitcast(tf.constant([0, 0, 128], tf.int8), tf.float32),
    "bitcast_bool": lambda tf: tf.bitcast(tf.constant([True]), tf.int8),
    "bitcast_dynamic": lambda tf: tf.bitcast(
        tf.placeholder_with_default(tf.constant([0, 0, 128], tf.int8), None), tf.float32),
    "unravel_index_2d": lambda tf: tf.unravel_index([[1, 2], [3, 4]], [2, 3]),
    "searchsorted_rows": lambda tf: tf.searchsorted([[1., 2.], [3., 4.]], [[1.]] * 3),
    "searchsorted_side": lambda tf: tf.searchsorted([1., 2.], [1.], side="mid"),
    "histogram_range": lambda tf: tf.histogram_fixed_width([1., 2.], [1., 0.], 5),
    "histogram_nbins": lambda tf: tf.histogram_fixed_width([1., 2.], [0., 1.], 0),
    "broadcast_dynamic_shape": lambda tf: tf.broadcast_dynamic_shape([2, 3], [4]),
}


def cases(tf):
    out = run_cases(tf, CASES, ERRORS)
    out["static:broadcast_static_shape"] = [
        str(tf.broadcast_static_shape(tf.TensorShape(a), tf.TensorShape(b)))
        for a, b in (([2, 1], [3]), ([None, 1], [1, 4]), ([None], [None]), ([1, None], [3, 1]),
                     (None, [2]))]
    try:
        tf.broadcast_static_shape(tf.TensorShape([2, 3]), tf.TensorShape([4]))
    except ValueError as e:
        out["static:broadcast_static_shape_error"] = str(e)
    out["static:dimension_at_index"] = [
        str(tf.dimension_at_index(tf.TensorShape([4, None]), 1)),
        str(tf.dimension_at_index(tf.TensorShape([4, 3]), -2)),
        str(tf.dimension_at_index(tf.TensorShape(None), 5))]
    return out
